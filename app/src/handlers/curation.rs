//! Facilitators curate: recommendations (create, edit, publish, merge) and forums. A refused
//! form comes back with what was typed and a message per field (`ssr::flash`).
use axum::{
    Form,
    extract::{Path, State, rejection::FormRejection},
    response::{IntoResponse, Redirect},
};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, QueryFilter, prelude::*};
use tower_sessions::Session;

use crate::{
    domain::{
        curation::{RecommendationInput, check_recommendation, normal_reference},
        forum::{ATTENDANCE_FIELDS, ForumInput, check_forum},
        lang::Lang,
        role::Action,
        submission::Problems,
    },
    handlers::{Answered, Pairs, not_found, refuse},
    paths,
    refusal::Refusal,
    ssr::{
        audit::{self, Event},
        auth::guard::open_form,
        db::begin_write,
        entities::{forum, recommendation},
        flash::{self, problem_list},
        reminders,
        state::AppState,
        store::{
            curation::{REJECTED_FORUM, REJECTED_RECOMMENDATION, Rejected},
            curation_changes::{self, Change, Refused},
            forum_changes::{self, Refused as ForumRefused},
            search_index,
        },
    },
};

/// `new` or an id; anything else is not a page.
fn target(raw: &str) -> Option<Option<i32>> {
    match raw {
        "new" => Some(None),
        id => id.parse::<i32>().ok().filter(|n| *n > 0).map(Some),
    }
}

fn editor_path(lang: Lang, id: Option<i32>) -> String {
    let id = id.map_or_else(|| "new".to_string(), |i| i.to_string());
    format!("/{}/curate/recommendations/{id}", lang.code())
}

/// Tells the officials of newly addressed bodies, after the change is saved.
pub fn tell_bodies(state: &AppState, recommendation_id: i32, bodies: Vec<i32>) {
    if bodies.is_empty() {
        return;
    }
    let state = state.clone();
    // Sending may be slow (SMTP): the facilitator does not wait for it.
    tokio::spawn(async move {
        let sent = reminders::addressed(
            &state.db,
            &state.clock,
            &state.outbox,
            recommendation_id,
            &bodies,
        )
        .await;
        if let Err(e) = sent {
            tracing::warn!(error = %e, "cannot send the 'addressed' reminders");
        }
    });
}

fn recommendation_input(form: &Pairs) -> RecommendationInput {
    RecommendationInput {
        reference: form.one("reference").to_string(),
        forum: form.one("forum").to_string(),
        theme: form.one("theme").to_string(),
        title_km: form.one("title_km").to_string(),
        title_en: form.one("title_en").to_string(),
        body_km: form.one("body_km").to_string(),
        body_en: form.one("body_en").to_string(),
        original_lang: form.one("original_lang").to_string(),
        translation_state: form.one("translation_state").to_string(),
        bodies: form.all("bodies").filter_map(|b| b.parse().ok()).collect(),
    }
}

/// Saves a new or edited recommendation; `publish=1` also publishes it.
pub async fn save_recommendation(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, String)>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
) -> Answered {
    let (lang, form, signed_in) =
        open_form(&state, &session, &lang, form, Action::CurateRecommendations).await?;
    let Some(id) = target(&id) else {
        return Ok(not_found(lang));
    };
    let input = recommendation_input(&form);
    let forums: Vec<i32> = match forum::Entity::find().all(&state.db).await {
        Ok(f) => f.into_iter().map(|f| f.id).collect(),
        Err(_) => Vec::new(),
    };
    let keep_and_refuse = |problems: Problems, input: RecommendationInput| {
        let session = session.clone();
        async move {
            let kept: Rejected<RecommendationInput> = (id, input, problem_list(&problems));
            flash::put(&session, REJECTED_RECOMMENDATION, &kept).await;
            refuse(&editor_path(lang, id), Refusal::SeeFields)
        }
    };
    let checked = match check_recommendation(&input, |f| forums.contains(&f)) {
        Ok(c) => c,
        Err(problems) => return Err(keep_and_refuse(problems, input).await),
    };
    let publish = form.one("publish") == "1";
    let change = Change {
        clock: &state.clock,
        actor_id: signed_in.actor.user_id,
    };
    let saved = async {
        let txn = begin_write(&state.db).await?;
        let (id, mut tell) = match id {
            None => (
                curation_changes::create(&txn, &change, &checked).await?,
                Vec::new(),
            ),
            Some(id) => (
                id,
                curation_changes::update(&txn, &change, id, &checked).await?,
            ),
        };
        if publish {
            tell.extend(curation_changes::publish(&txn, &change, id).await?);
        }
        txn.commit().await?;
        Ok::<_, Refused>((id, tell))
    }
    .await;
    Ok(match saved {
        Ok((id, tell)) => {
            tell_bodies(&state, id, tell);
            Redirect::to(&format!("{}?saved=1", editor_path(lang, Some(id)))).into_response()
        }
        Err(Refused::ReferenceTaken) => {
            keep_and_refuse(
                Problems::one("reference", "curate-error-reference-taken"),
                input,
            )
            .await
        }
        Err(Refused::NotFound) => not_found(lang),
        Err(_) => refuse(&editor_path(lang, id), Refusal::Internal),
    })
}

/// Publishes a draft as it stands.
pub async fn publish(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, i32)>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
) -> Answered {
    let (lang, _, signed_in) =
        open_form(&state, &session, &lang, form, Action::CurateRecommendations).await?;
    let change = Change {
        clock: &state.clock,
        actor_id: signed_in.actor.user_id,
    };
    let done = async {
        let txn = begin_write(&state.db).await?;
        let tell = curation_changes::publish(&txn, &change, id).await?;
        txn.commit().await?;
        Ok::<_, Refused>(tell)
    }
    .await;
    Ok(match done {
        Ok(tell) => {
            tell_bodies(&state, id, tell);
            Redirect::to(&format!("{}?published=1", editor_path(lang, Some(id)))).into_response()
        }
        Err(Refused::NotFound) => not_found(lang),
        Err(_) => refuse(&editor_path(lang, Some(id)), Refusal::Internal),
    })
}

/// Merges this recommendation into the one whose reference is typed (`canonical`).
pub async fn merge(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, i32)>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
) -> Answered {
    let (lang, form, signed_in) =
        open_form(&state, &session, &lang, form, Action::CurateRecommendations).await?;
    // A merge is made only from its confirmation page, which names both sides.
    if form.one("confirmed") != "1" {
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.append_pair("canonical", form.one("canonical"));
        let confirm = paths::curation::MERGE.at(&[&lang.code(), &id]);
        return Ok(Redirect::to(&format!("{confirm}?{}", query.finish())).into_response());
    }
    let reference = normal_reference(form.one("canonical"));
    let change = Change {
        clock: &state.clock,
        actor_id: signed_in.actor.user_id,
    };
    let done = async {
        let txn = begin_write(&state.db).await?;
        let canonical = recommendation::Entity::find()
            .filter(recommendation::Column::Reference.eq(reference.as_str()))
            .one(&txn)
            .await?
            .ok_or(Refused::BadMerge)?;
        curation_changes::merge(&txn, &change, id, canonical.id).await?;
        txn.commit().await?;
        Ok::<_, Refused>(())
    }
    .await;
    let editor = editor_path(lang, Some(id));
    Ok(match done {
        Ok(()) => Redirect::to(&format!("{editor}?merged=1")).into_response(),
        Err(Refused::BadMerge) => refuse(&editor, Refusal::BadMerge),
        Err(Refused::NotFound) => not_found(lang),
        Err(_) => refuse(&editor, Refusal::Internal),
    })
}

/// Undoes a merge: the recommendation stands on its own again (audited, a new revision).
pub async fn unmerge(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, i32)>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
) -> Answered {
    let (lang, _, signed_in) =
        open_form(&state, &session, &lang, form, Action::CurateRecommendations).await?;
    let change = Change {
        clock: &state.clock,
        actor_id: signed_in.actor.user_id,
    };
    let done = async {
        let txn = begin_write(&state.db).await?;
        curation_changes::unmerge(&txn, &change, id).await?;
        txn.commit().await?;
        Ok::<_, Refused>(())
    }
    .await;
    let editor = editor_path(lang, Some(id));
    Ok(match done {
        Ok(()) => Redirect::to(&format!("{editor}?unmerged=1")).into_response(),
        // Not merged (any more): the same request twice changes nothing the second time.
        Err(Refused::BadMerge) => Redirect::to(&format!("{editor}?unmerged=1")).into_response(),
        Err(Refused::NotFound) => not_found(lang),
        Err(_) => refuse(&editor, Refusal::Internal),
    })
}

fn forum_input(form: &Pairs) -> ForumInput {
    let get = |k: &str| form.one(k).to_string();
    ForumInput {
        kind: get("kind"),
        series: get("series"),
        new_series: get("new_series"),
        title_km: get("title_km"),
        title_en: get("title_en"),
        original_lang: get("original_lang"),
        province: get("province"),
        starts_on: get("starts_on"),
        ends_on: get("ends_on"),
        organisers_km: get("organisers_km"),
        organisers_en: get("organisers_en"),
        participants: get("participants"),
        present: ATTENDANCE_FIELDS.map(get),
        // A value that is not a number is not an organisation: dropped, like an unticked box.
        organisations: form
            .all("organisations")
            .filter_map(|o| o.trim().parse().ok())
            .collect(),
        summary_km: get("summary_km"),
        summary_en: get("summary_en"),
        minutes_km: get("minutes_km"),
        minutes_en: get("minutes_en"),
    }
}

pub async fn save_forum(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, String)>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
) -> Answered {
    let (lang, form, signed_in) =
        open_form(&state, &session, &lang, form, Action::CurateRecommendations).await?;
    let Some(id) = target(&id) else {
        return Ok(not_found(lang));
    };
    let path = |id: Option<i32>| {
        let id = id.map_or_else(|| "new".to_string(), |i| i.to_string());
        format!("/{}/curate/forums/{id}", lang.code())
    };
    let input = forum_input(&form);
    let keep_and_refuse = async |problems: Problems| {
        let kept: Rejected<ForumInput> = (id, input.clone(), problem_list(&problems));
        flash::put(&session, REJECTED_FORUM, &kept).await;
        refuse(&path(id), Refusal::SeeFields)
    };
    let checked = match check_forum(&input) {
        Ok(c) => c,
        Err(problems) => return Err(keep_and_refuse(problems).await),
    };
    Ok(
        match forum_changes::save(&state, signed_in.actor.user_id, id, checked).await {
            Ok(id) => Redirect::to(&format!("{}?saved=1", path(Some(id)))).into_response(),
            Err(ForumRefused::NotFound) => not_found(lang),
            Err(ForumRefused::UnknownChoice) => {
                keep_and_refuse(Problems::one("series", "form-error-unknown-choice")).await
            }
            Err(ForumRefused::Db(e)) => {
                tracing::error!(error = %e, "a forum could not be saved");
                refuse(&path(id), Refusal::Internal)
            }
        },
    )
}

/// Publishes a draft forum (`publish=true`), or withdraws a published one (`publish=false`):
/// withdrawn, it is a draft again, found by no search and named on no public page; its
/// recommendations stay public. Asking for the state it is already in changes nothing.
pub async fn forum_publication(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, i32)>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
) -> Answered {
    let (lang, form, signed_in) =
        open_form(&state, &session, &lang, form, Action::CurateRecommendations).await?;
    let page = format!("/{}/curate/forums/{id}", lang.code());
    let publish = match form.one("publish") {
        "true" => true,
        "false" => false,
        _ => return Err(refuse(&page, Refusal::UnknownChoice)),
    };
    let done = async {
        let txn = begin_write(&state.db).await?;
        let Some(found) = forum::Entity::find_by_id(id).one(&txn).await? else {
            return Ok(None);
        };
        if found.published_at.is_some() != publish {
            let mut active: forum::ActiveModel = found.into();
            active.published_at = Set(publish.then(|| state.clock.now()));
            active.update(&txn).await?;
            search_index::refresh_forum(&txn, id).await?;
            let event = Event {
                actor_id: Some(signed_in.actor.user_id),
                action: if publish {
                    "forum_published"
                } else {
                    "forum_withdrawn"
                },
                object_type: "forum",
                object_id: id.to_string(),
            };
            audit::record(&txn, &state.clock, event).await?;
        }
        txn.commit().await?;
        Ok::<_, DbErr>(Some(()))
    }
    .await;
    let outcome = if publish { "published" } else { "withdrawn" };
    Ok(match done {
        Ok(Some(())) => Redirect::to(&format!("{page}?{outcome}=1")).into_response(),
        Ok(None) => not_found(lang),
        Err(_) => refuse(&page, Refusal::Internal),
    })
}
