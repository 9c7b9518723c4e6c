//! Officials answer: a response (position, text, commitment, due date) or a progress update,
//! only for their own organisation and only on recommendations addressed to it. Entries are
//! only ever added; a correction is a new entry naming the one it corrects. The saving is
//! `store::answer_entries`; here are the form, the checks and the answers.
use axum::{
    Form,
    extract::{Path, State, rejection::FormRejection},
    http::StatusCode,
    response::{IntoResponse, Redirect},
};
use tower_sessions::Session;

use super::{Answered, Pairs, refuse};
use crate::{
    domain::{
        answer::{AnswerInput, check_progress, check_response},
        role::Action,
        submission::Problems,
    },
    i18n::t,
    refusal::Refusal,
    ssr::{
        auth::guard::open_form,
        flash::{self, problem_list},
        state::AppState,
        store::{
            answer_entries::{self, Answerer, Entry, Refused, Saved},
            answers::{PREVIEW_PROGRESS, PREVIEW_RESPONSE, REJECTED_PROGRESS, REJECTED_RESPONSE},
        },
    },
    views::ProblemList,
};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Response,
    Progress,
}

impl Kind {
    /// Where a refused form waits for its page, and the word the page is told it saved.
    fn names(self) -> (&'static str, &'static str) {
        match self {
            Kind::Response => (REJECTED_RESPONSE, "response"),
            Kind::Progress => (REJECTED_PROGRESS, "progress"),
        }
    }

    /// Where an entry being checked waits until it is sent.
    fn preview_key(self) -> &'static str {
        match self {
            Kind::Response => PREVIEW_RESPONSE,
            Kind::Progress => PREVIEW_PROGRESS,
        }
    }
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

/// `POST /{lang}/inbox/{id}/response`
pub async fn respond(
    state: State<AppState>,
    path: Path<(String, i32)>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
) -> Answered {
    answer(state, path, session, form, Kind::Response).await
}

/// `POST /{lang}/inbox/{id}/progress`
pub async fn progress(
    state: State<AppState>,
    path: Path<(String, i32)>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
) -> Answered {
    answer(state, path, session, form, Kind::Progress).await
}

async fn answer(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, i32)>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
    kind: Kind,
) -> Answered {
    let (lang, form, signed_in) =
        open_form(&state, &session, &lang, form, Action::ViewOwnAccount).await?;
    let forbidden = || (StatusCode::FORBIDDEN, t(lang, "error-forbidden")).into_response();
    let organisation_id = signed_in.actor.answers_for().ok_or_else(forbidden)?;
    let input = answer_input(&form);
    let page = format!("/{}/inbox/{id}", lang.code());
    let (kept_as, saved_word) = kind.names();
    let keep_and_refuse = async |problems: Problems| {
        flash::put(&session, kept_as, &(id, &input, problem_list(&problems))).await;
        refuse(&page, Refusal::SeeFields)
    };
    let checked = match kind {
        Kind::Response => check_response(&input, state.clock.today()).map(Entry::Response),
        Kind::Progress => check_progress(&input).map(Entry::Progress),
    };
    let entry = match checked {
        Ok(entry) => entry,
        Err(problems) => return Ok(keep_and_refuse(problems).await),
    };
    // The form's button asks for a preview: the entry is shown as it will be public, for
    // good, with the one button that publishes it. Nothing is saved yet.
    if form.one("step") == "preview" {
        flash::put(&session, kind.preview_key(), &(id, &input)).await;
        let shown = format!("{page}?preview={saved_word}#{saved_word}-preview");
        return Ok(Redirect::to(&shown).into_response());
    }
    let who = Answerer {
        user_id: signed_in.actor.user_id,
        organisation_id,
        recommendation_id: id,
    };
    Ok(
        match answer_entries::save(&state, who, entry, &input).await {
            Ok(saved) => {
                // Sent: the preview's copy is no longer needed.
                let _ = session
                    .remove::<serde_json::Value>(kind.preview_key())
                    .await;
                let word = match saved {
                    Saved::Public(_) => saved_word,
                    Saved::Drafted(_) => "drafted",
                };
                Redirect::to(&format!("{page}?saved={word}")).into_response()
            }
            Err(Refused::BadCorrection) => {
                keep_and_refuse(Problems::one("corrects", "answer-error-corrects")).await
            }
            Err(Refused::SameAsLatest) => {
                keep_and_refuse(Problems::one("choice", "answer-error-same")).await
            }
            Err(Refused::NotAnswerable) => forbidden(),
            // Only approval meets these.
            Err(Refused::NoDraft | Refused::OwnDraft | Refused::NoLongerValid(_)) => {
                refuse(&page, Refusal::Internal)
            }
            Err(Refused::Db(e)) => {
                tracing::error!(error = %e, "an answer could not be saved");
                refuse(&page, Refusal::Internal)
            }
        },
    )
}

/// Who sends a draft's form: an official, for their organisation, on recommendation `id`.
async fn draft_form(
    state: &AppState,
    session: &Session,
    lang: &str,
    form: Result<Form<Pairs>, FormRejection>,
    id: i32,
) -> Result<(crate::domain::lang::Lang, Answerer), axum::response::Response> {
    let (lang, _, signed_in) =
        open_form(state, session, lang, form, Action::ViewOwnAccount).await?;
    let organisation_id = signed_in
        .actor
        .answers_for()
        .ok_or_else(|| (StatusCode::FORBIDDEN, t(lang, "error-forbidden")).into_response())?;
    let who = Answerer {
        user_id: signed_in.actor.user_id,
        organisation_id,
        recommendation_id: id,
    };
    Ok((lang, who))
}

/// `POST /{lang}/inbox/{id}/drafts/{draft}/approve`: another official of the organisation
/// publishes a drafted answer, checked again as of today.
pub async fn approve(
    State(state): State<AppState>,
    Path((lang, id, draft)): Path<(String, i32, i32)>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
) -> Answered {
    let (lang, who) = draft_form(&state, &session, &lang, form, id).await?;
    let page = format!("/{}/inbox/{id}", lang.code());
    Ok(match answer_entries::approve(&state, who, draft).await {
        Ok(_) => Redirect::to(&format!("{page}?saved=approved")).into_response(),
        Err(Refused::NoDraft) => refuse(&page, Refusal::DraftMissing),
        Err(Refused::OwnDraft) => refuse(&page, Refusal::DraftOwn),
        Err(Refused::NoLongerValid(_) | Refused::SameAsLatest | Refused::BadCorrection) => {
            refuse(&page, Refusal::DraftStale)
        }
        Err(Refused::NotAnswerable) => {
            (StatusCode::FORBIDDEN, t(lang, "error-forbidden")).into_response()
        }
        Err(Refused::Db(e)) => {
            tracing::error!(error = %e, "a draft could not be approved");
            refuse(&page, Refusal::Internal)
        }
    })
}

/// `POST /{lang}/inbox/{id}/drafts/{draft}/discard`: an official of the organisation takes a
/// draft back. Its author finds the text in the form again, to change and send it anew.
pub async fn discard(
    State(state): State<AppState>,
    Path((lang, id, draft)): Path<(String, i32, i32)>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
) -> Answered {
    let (lang, who) = draft_form(&state, &session, &lang, form, id).await?;
    let page = format!("/{}/inbox/{id}", lang.code());
    Ok(match answer_entries::discard(&state, who, draft).await {
        Ok((is_response, typed, mine)) => {
            if mine {
                let kind = if is_response {
                    Kind::Response
                } else {
                    Kind::Progress
                };
                flash::put(&session, kind.names().0, &(id, &typed, ProblemList::new())).await;
            }
            Redirect::to(&format!("{page}?saved=discarded")).into_response()
        }
        Err(Refused::Db(e)) => {
            tracing::error!(error = %e, "a draft could not be taken back");
            refuse(&page, Refusal::Internal)
        }
        Err(_) => refuse(&page, Refusal::DraftMissing),
    })
}
