//! A forum on its day, posted from `/curate/forums/{id}/day` on a facilitator's phone: add a
//! draft as a group speaks, move it, mark it a priority, merge it with the next, and publish
//! the whole set, and type the votes counted on paper. The work is `store::forum_day` (and
//! `store::day_votes`); every answer goes back to the day's page.
use axum::{
    Form,
    extract::{Path, State, rejection::FormRejection},
    response::{IntoResponse, Redirect, Response},
};
use tower_sessions::Session;

use super::{Answered, Pairs, curation::tell_bodies, not_found, refuse};
use crate::{
    domain::{khmer::to_ascii_digits, lang::Lang, role::Action},
    refusal::Refusal,
    ssr::{
        auth::guard::open_form,
        flash,
        state::AppState,
        store::{
            day_votes::{self, Refused as DayRefused},
            forum_day::{self, CAPTURE_TYPED, Refused, Step},
        },
    },
    views::forum_day::CaptureInput,
};

fn page(lang: Lang, forum: i32) -> String {
    format!("/{}/curate/forums/{forum}/day", lang.code())
}

fn refusal(why: &Refused) -> Refusal {
    match why {
        Refused::Field("day-error-text") => Refusal::DayText,
        Refused::Field("curate-error-too-long") => Refusal::TextTooLong,
        Refused::Field("day-error-no-next") => Refusal::DayNoNext,
        Refused::Field("day-error-nothing") => Refusal::DayNothing,
        Refused::Field(_) => Refusal::UnknownChoice,
        Refused::Unaddressed => Refusal::DayUnaddressed,
        Refused::NotFound | Refused::Db(_) => Refusal::Internal,
    }
}

fn answer(lang: Lang, forum: i32, done: Result<&str, Refused>) -> Response {
    match done {
        Ok(anchor) => {
            Redirect::to(&format!("{}?saved=1{anchor}", page(lang, forum))).into_response()
        }
        Err(Refused::NotFound) => not_found(lang),
        Err(why) => {
            if let Refused::Db(e) = &why {
                tracing::error!(error = %e, "a forum's day could not be changed");
            }
            refuse(&page(lang, forum), refusal(&why))
        }
    }
}

/// `POST /{lang}/curate/forums/{id}/day`: a new draft. Refused, the form comes back as typed.
pub async fn add(
    State(state): State<AppState>,
    Path((lang, forum)): Path<(String, i32)>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
) -> Answered {
    let (lang, form, signed_in) =
        open_form(&state, &session, &lang, form, Action::CurateRecommendations).await?;
    let typed = CaptureInput {
        text: form.one("text").to_string(),
        lang: form.one("lang").to_string(),
        theme: form.one("theme").to_string(),
        group: form.one("group").to_string(),
    };
    let done = forum_day::add(&state, signed_in.actor.user_id, forum, &typed).await;
    if done.is_err() {
        flash::put(&session, CAPTURE_TYPED, &typed).await;
    } else {
        // The next entry is often from the same group, in the same language and theme.
        let next = CaptureInput {
            text: String::new(),
            ..typed
        };
        flash::put(&session, CAPTURE_TYPED, &next).await;
    }
    Ok(answer(lang, forum, done.map(|_| "#capture")))
}

/// `POST /{lang}/curate/forums/{id}/day/{rec}`: `step` = up, down, priority or merge.
pub async fn step(
    State(state): State<AppState>,
    Path((lang, forum, rec)): Path<(String, i32, i32)>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
) -> Answered {
    let (lang, form, signed_in) =
        open_form(&state, &session, &lang, form, Action::CurateRecommendations).await?;
    let step = match form.one("step") {
        "up" => Step::Up,
        "down" => Step::Down,
        "priority" => Step::Priority,
        // Two drafts become one: only when the box saying so is ticked.
        "merge" if form.one("confirmed") == "1" => Step::MergeNext,
        "merge" => return Err(refuse(&page(lang, forum), Refusal::DayConfirm)),
        _ => return Err(refuse(&page(lang, forum), Refusal::UnknownChoice)),
    };
    let done = forum_day::change(&state, signed_in.actor.user_id, forum, rec, step).await;
    let anchor = format!("#draft-{rec}");
    Ok(answer(lang, forum, done.map(|()| anchor.as_str())))
}

/// `POST /{lang}/curate/forums/{id}/day/publish`: every draft and the forum, public at once;
/// drafts addressed to nobody are first addressed to the bodies ticked.
pub async fn publish(
    State(state): State<AppState>,
    Path((lang, forum)): Path<(String, i32)>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
) -> Answered {
    let (lang, form, signed_in) =
        open_form(&state, &session, &lang, form, Action::CurateRecommendations).await?;
    let Ok(bodies) = form
        .all("bodies")
        .map(|b| b.trim().parse::<i32>())
        .collect::<Result<Vec<i32>, _>>()
    else {
        return Err(refuse(&page(lang, forum), Refusal::UnknownChoice));
    };
    Ok(
        match forum_day::publish_set(&state, signed_in.actor.user_id, forum, &bodies).await {
            Ok(told) => {
                for (id, bodies) in told {
                    tell_bodies(&state, id, bodies);
                }
                Redirect::to(&format!("/{}/forums/{forum}", lang.code())).into_response()
            }
            Err(why) => answer(lang, forum, Err(why)),
        },
    )
}

/// The most votes one draft can be given on paper.
const MOST_VOTES: i32 = 100_000;

/// `POST /{lang}/curate/forums/{id}/day/tallies`: the votes counted on paper, per draft
/// (`votes-<id>`, Latin or Khmer digits; an empty box is left as it was), and with
/// `by_votes=1` the drafts put in order of votes.
pub async fn tallies(
    State(state): State<AppState>,
    Path((lang, forum)): Path<(String, i32)>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
) -> Answered {
    let (lang, form, signed_in) =
        open_form(&state, &session, &lang, form, Action::CurateRecommendations).await?;
    let mut tallies = Vec::new();
    for (name, value) in form.pairs() {
        let Some(id) = name.strip_prefix("votes-") else {
            continue;
        };
        let value = to_ascii_digits(value.trim());
        if value.is_empty() {
            continue;
        }
        match (id.parse::<i32>(), value.parse::<i32>()) {
            (Ok(id), Ok(n)) if (0..=MOST_VOTES).contains(&n) => tallies.push((id, n)),
            _ => return Err(refuse(&page(lang, forum), Refusal::DayTally)),
        }
    }
    let by_votes = form.one("by_votes") == "1";
    let done =
        day_votes::set_tallies(&state, signed_in.actor.user_id, forum, &tallies, by_votes).await;
    Ok(match done {
        Ok(()) => answer(lang, forum, Ok("#tallies")),
        Err(DayRefused::NotADraft) => refuse(&page(lang, forum), Refusal::DayTally),
        Err(DayRefused::Db(e)) => answer(lang, forum, Err(Refused::Db(e))),
    })
}
