//! Opening and closing venue links (see `ssr::venues`).
use axum::{
    Form,
    extract::{Path, State, rejection::FormRejection},
    response::{IntoResponse, Redirect, Response},
};
use tower_sessions::Session;

use super::{Answered, Pairs, refuse};
use crate::{
    domain::{lang::Lang, role::Action},
    refusal::Refusal,
    ssr::{
        audit::{self, Event},
        auth::guard::open_form,
        db::begin_write,
        state::AppState,
        store::venues::{self, MOST_HOURS, MOST_SUBMISSIONS, NEW_LINKS_KEY},
    },
};

fn back(lang: Lang, query: &str) -> Response {
    Redirect::to(&format!("/{}/venues?{query}", lang.code())).into_response()
}

fn refused(lang: Lang, why: Refusal) -> Response {
    refuse(&format!("/{}/venues", lang.code()), why)
}

/// Opens a link: a label, how many hours, how many submissions at most.
pub async fn open(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
) -> Answered {
    let (lang, form, signed_in) =
        open_form(&state, &session, &lang, form, Action::ModerateFeedback).await?;
    let label = form.one("label").trim().to_string();
    if label.is_empty() || label.chars().count() > 200 {
        return Err(refused(lang, Refusal::VenueLabel));
    }
    let Some(hours) = form
        .one("hours")
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|h| (1..=MOST_HOURS).contains(h))
    else {
        return Err(refused(lang, Refusal::VenueHours));
    };
    let Some(most) = form
        .one("submissions")
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|n| (1..=MOST_SUBMISSIONS).contains(n))
    else {
        return Err(refused(lang, Refusal::VenueSubmissions));
    };
    // A link for a forum's day also opens a ballot of its drafts.
    let forum_id = match form.one("forum").trim() {
        "" => None,
        id => {
            let choices = venues::forum_choices(&state.db).await.unwrap_or_default();
            match id.parse::<i32>() {
                Ok(id) if choices.iter().any(|(f, _)| *f == id) => Some(id),
                _ => return Err(refused(lang, Refusal::UnknownChoice)),
            }
        }
    };
    let made = async {
        let txn = begin_write(&state.db).await?;
        let by = signed_in.actor.user_id;
        let token = venues::open(&txn, &state.clock, &label, hours, most, by, forum_id).await?;
        let event = Event {
            actor_id: Some(by),
            action: "venue_opened",
            object_type: "venue",
            object_id: String::new(),
        };
        audit::record_with_detail(
            &txn,
            &state.clock,
            event,
            format!("{hours} h, {most} at most"),
        )
        .await?;
        txn.commit().await?;
        Ok::<_, sea_orm::DbErr>(token)
    }
    .await;
    let Ok(token) = made else {
        return Err(refused(lang, Refusal::Internal));
    };
    let site = &state.outbox.public_url;
    let pages: &[&str] = match forum_id {
        Some(_) => &["feedback", "propose", "vote"],
        None => &["feedback", "propose"],
    };
    let links = pages
        .iter()
        .map(|page| format!("{site}/{}/{page}?venue={token}", lang.code()))
        .collect::<Vec<_>>()
        .join("\n");
    if session
        .insert(NEW_LINKS_KEY, state.sealer.seal(&links))
        .await
        .is_err()
    {
        return Err(refused(lang, Refusal::Internal));
    }
    Ok(back(lang, "opened=1"))
}

/// Closes a link before its time.
pub async fn close(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, i32)>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
) -> Answered {
    let (lang, _, signed_in) =
        open_form(&state, &session, &lang, form, Action::ModerateFeedback).await?;
    let closed = async {
        let txn = begin_write(&state.db).await?;
        if !venues::close(&txn, &state.clock, id).await? {
            return Ok(false);
        }
        let event = Event {
            actor_id: Some(signed_in.actor.user_id),
            action: "venue_closed",
            object_type: "venue",
            object_id: id.to_string(),
        };
        audit::record(&txn, &state.clock, event).await?;
        txn.commit().await?;
        Ok::<_, sea_orm::DbErr>(true)
    }
    .await;
    match closed {
        Ok(true) => Ok(back(lang, "closed=1")),
        Ok(false) => Err(refused(lang, Refusal::VenueMissing)),
        Err(_) => Err(refused(lang, Refusal::Internal)),
    }
}
