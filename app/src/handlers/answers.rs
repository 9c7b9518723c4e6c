//! Officials answer: a response (position, text, commitment, due date) or a progress update,
//! only for their own organisation and only on recommendations addressed to it. Entries are
//! only ever added; a correction is a new entry naming the one it corrects.
use axum::{
    Form,
    extract::{Path, State, rejection::FormRejection},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, DbErr, EntityTrait, QueryFilter};
use tower_sessions::Session;

use crate::{
    domain::{
        answer::{AnswerInput, check_progress, check_response},
        lang::Lang,
        role::{Action, Role},
        submission::Problems,
    },
    handlers::Pairs,
    i18n::t,
    ssr::{
        audit::{self, Event},
        auth::guard::open_form,
        db::begin_write,
        entities::{progress_update, recommendation, response},
        flash::{self, problem_list},
        state::AppState,
        store::{
            answers::{REJECTED_PROGRESS, REJECTED_RESPONSE, answerable},
            status,
        },
    },
};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Response,
    Progress,
}

fn answer_input(form: &Pairs) -> AnswerInput {
    let get = |k: &str| form.one(k).to_string();
    AnswerInput {
        choice: get("choice"),
        text_km: get("text_km"),
        text_en: get("text_en"),
        original_lang: get("original_lang"),
        commitment_km: get("commitment_km"),
        commitment_en: get("commitment_en"),
        due_on: get("due_on"),
        corrects: get("corrects"),
    }
}

pub async fn respond(
    state: State<AppState>,
    path: Path<(String, i32)>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
) -> Response {
    answer(state, path, session, form, Kind::Response).await
}

pub async fn progress(
    state: State<AppState>,
    path: Path<(String, i32)>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
) -> Response {
    answer(state, path, session, form, Kind::Progress).await
}

/// Why an answer was not saved.
enum Refused {
    /// Not published, merged, or not addressed to this organisation.
    NotAnswerable,
    /// `corrects` names an entry that is not this organisation's on this recommendation.
    BadCorrection,
    Db(DbErr),
}

impl From<DbErr> for Refused {
    fn from(e: DbErr) -> Self {
        Refused::Db(e)
    }
}

async fn answer(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, i32)>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
    kind: Kind,
) -> Response {
    // Whose organisation is asked first, so `may` can check it is the official's own.
    let Some(signed_in) = crate::ssr::auth::session::current(&session, &state).await else {
        let lang = Lang::parse(&lang).unwrap_or_default();
        return Redirect::to(&format!("/{}/login", lang.code())).into_response();
    };
    let organisation_id = match (signed_in.actor.role, signed_in.actor.organisation_id) {
        (Role::Official, Some(org)) => org,
        _ => -1,
    };
    let (lang, form, signed_in) = match open_form(
        &state,
        &session,
        &lang,
        form,
        Action::RespondFor { organisation_id },
    )
    .await
    {
        Ok(opened) => opened,
        Err(response) => return response,
    };
    let input = answer_input(&form);
    let page = format!("/{}/inbox/{id}", lang.code());
    let refuse = |problems: Problems| {
        let session = session.clone();
        let input = input.clone();
        let page = page.clone();
        async move {
            let key = match kind {
                Kind::Response => REJECTED_RESPONSE,
                Kind::Progress => REJECTED_PROGRESS,
            };
            flash::put(&session, key, &(id, input, problem_list(&problems))).await;
            Redirect::to(&format!("{page}?error=1")).into_response()
        }
    };
    let actor = signed_in.actor.user_id;
    let today = state.clock.today();
    let now = state.clock.now();
    let done = async {
        let txn = begin_write(&state.db).await?;
        recommendation::Entity::find_by_id(id)
            .filter(answerable(organisation_id))
            .one(&txn)
            .await?
            .ok_or(Refused::NotAnswerable)?;
        let outcome = match kind {
            Kind::Response => {
                let c = match check_response(&input, state.clock.today()) {
                    Ok(c) => c,
                    Err(p) => return Ok(Err(p)),
                };
                if let Some(earlier) = c.corrects {
                    response::Entity::find_by_id(earlier)
                        .filter(response::Column::RecommendationId.eq(id))
                        .filter(response::Column::OrganisationId.eq(organisation_id))
                        .one(&txn)
                        .await?
                        .ok_or(Refused::BadCorrection)?;
                }
                response::ActiveModel {
                    recommendation_id: Set(id),
                    organisation_id: Set(organisation_id),
                    position: Set(c.position),
                    text_km: Set(c.text_km),
                    text_en: Set(c.text_en),
                    original_lang: Set(c.original_lang.code().to_string()),
                    commitment_km: Set(c.commitment_km),
                    commitment_en: Set(c.commitment_en),
                    due_on: Set(c.due_on),
                    author_id: Set(Some(actor)),
                    responded_on: Set(today),
                    corrects_id: Set(c.corrects),
                    created_at: Set(now),
                    ..Default::default()
                }
                .insert(&txn)
                .await?
                .id
            }
            Kind::Progress => {
                let c = match check_progress(&input) {
                    Ok(c) => c,
                    Err(p) => return Ok(Err(p)),
                };
                if let Some(earlier) = c.corrects {
                    progress_update::Entity::find_by_id(earlier)
                        .filter(progress_update::Column::RecommendationId.eq(id))
                        .filter(progress_update::Column::OrganisationId.eq(organisation_id))
                        .one(&txn)
                        .await?
                        .ok_or(Refused::BadCorrection)?;
                }
                progress_update::ActiveModel {
                    recommendation_id: Set(id),
                    organisation_id: Set(organisation_id),
                    stage: Set(c.stage),
                    note_km: Set(c.note_km),
                    note_en: Set(c.note_en),
                    original_lang: Set(c.original_lang.code().to_string()),
                    author_id: Set(Some(actor)),
                    reported_on: Set(today),
                    corrects_id: Set(c.corrects),
                    created_at: Set(now),
                    ..Default::default()
                }
                .insert(&txn)
                .await?
                .id
            }
        };
        status::refresh(&txn, id).await?;
        let event = Event {
            actor_id: Some(actor),
            action: match kind {
                Kind::Response => "response_added",
                Kind::Progress => "progress_added",
            },
            object_type: "recommendation",
            object_id: format!("{id}:{outcome}"),
        };
        audit::record(&txn, &state.clock, event).await?;
        txn.commit().await?;
        Ok::<_, Refused>(Ok(()))
    }
    .await;
    match done {
        Ok(Ok(())) => {
            let what = match kind {
                Kind::Response => "response",
                Kind::Progress => "progress",
            };
            Redirect::to(&format!("{page}?saved={what}")).into_response()
        }
        Ok(Err(problems)) => refuse(problems).await,
        Err(Refused::BadCorrection) => {
            refuse(Problems::one("corrects", "answer-error-corrects")).await
        }
        Err(Refused::NotAnswerable) => {
            (StatusCode::FORBIDDEN, t(lang, "error-forbidden")).into_response()
        }
        Err(Refused::Db(e)) => {
            tracing::error!(error = %e, "an answer could not be saved");
            Redirect::to(&format!("{page}?error=internal")).into_response()
        }
    }
}
