//! The anonymous feedback form: shown empty, checked, stored with a new receipt code.
use std::{collections::HashMap, net::SocketAddr};

use axum::{
    Form,
    extract::{ConnectInfo, Path, Query, State, rejection::FormRejection},
    http::StatusCode,
    response::Response,
};

use super::survivor::{NotKept, admit_and_store, draft, fresh_draft, read, show, unknown_lang};
use crate::{
    domain::{
        feedback::Channel,
        submission::{ASSISTED_FIELD, PAPER_CODE_FIELD, Problems, RawForm, check_feedback},
    },
    ssr::{assisted, state::AppState, store::survivor as store},
    views::survivor::{SubmissionKind, SurvivorView},
};

/// GET: the empty feedback form.
pub async fn form(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let organisations = store::organisation_choices(&state.db)
        .await
        .unwrap_or_default();
    let view = SurvivorView::Feedback {
        organisations,
        draft: fresh_draft(&state, &query),
    };
    show(&state, &lang, "feedback", view, StatusCode::OK).await
}

/// POST: check, store durably, then show the receipt code once.
pub async fn submit(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    form: Result<Form<RawForm>, FormRejection>,
) -> Response {
    if let Some(response) = unknown_lang(&lang) {
        return response;
    }

    let mut form = read(form);
    let channel = match channel(&state, &form) {
        Ok(channel) => channel,
        Err(problems) => {
            // Sent again, it is kept as the survivor's own: the answers are all still there.
            // A paper sheet is never the survivor's own sending: it needs a new pass.
            if !form.contains_key(PAPER_CODE_FIELD) {
                form.remove(ASSISTED_FIELD);
            }
            let organisations = store::organisation_choices(&state.db)
                .await
                .unwrap_or_default();
            let view = SurvivorView::Feedback {
                organisations,
                draft: draft(form, &problems),
            };
            return show(
                &state,
                &lang,
                "feedback",
                view,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let checked = match check_feedback(&form) {
        Ok(valid) => match valid.organisation_id {
            Some(id)
                if !store::organisation_exists(&state.db, id)
                    .await
                    .unwrap_or(false) =>
            {
                Err(Problems::one("organisation", "form-error-organisation"))
            }
            _ => Ok(valid),
        },
        Err(problems) => Err(problems),
    };
    let (problems, status) = match checked {
        Ok(valid) if channel == Channel::Paper => {
            match super::paper_entry::enter(&state, &lang, &form, &valid).await {
                Ok(response) => return response,
                Err(not_saved) => not_saved,
            }
        }
        Ok(valid) => {
            let page = (lang.as_str(), "feedback", SubmissionKind::Feedback);
            let saved = admit_and_store(&state, page, peer, &form, |hash| {
                let state = state.clone();
                let valid = valid.clone();
                async move {
                    let (db, clock, sealer) = (&state.db, &state.clock, &state.sealer);
                    store::save_feedback(db, clock, sealer, &valid, channel, hash).await
                }
            });
            match saved.await {
                Ok(response) => return response,
                Err(NotKept::Busy { minutes }) => return busy(&state, &lang, form, minutes).await,
                Err(NotKept::NotSaved(problems, status)) => (problems, status),
            }
        }
        Err(problems) => (problems, StatusCode::UNPROCESSABLE_ENTITY),
    };
    let organisations = store::organisation_choices(&state.db)
        .await
        .unwrap_or_default();
    let view = SurvivorView::Feedback {
        organisations,
        draft: draft(form, &problems),
    };
    show(&state, &lang, "feedback", view, status).await
}

/// How this feedback came in: with a facilitator's help when its form carries a valid pass
/// from her page, and from a paper sheet when it also carries the sheet's code; a pass that
/// expired or was made up is said so, and nothing is saved.
fn channel(state: &AppState, form: &RawForm) -> Result<Channel, Problems> {
    let now = state.clock.now().timestamp();
    let paper = form.get(PAPER_CODE_FIELD).map(|c| c.trim());
    let pass = form
        .get(ASSISTED_FIELD)
        .map(|p| p.trim())
        .filter(|p| !p.is_empty());
    match (pass, paper) {
        (Some(pass), _) if !assisted::valid(&state.secret, pass, now) => {
            let why = match paper {
                Some(_) => "paper-error-pass-expired",
                None => "form-error-assisted-expired",
            };
            Err(Problems::one("form", why))
        }
        (Some(_), Some("")) => Err(Problems::one(PAPER_CODE_FIELD, "paper-error-code-missing")),
        (Some(_), Some(_)) => Ok(Channel::Paper),
        (Some(_), None) => Ok(Channel::Assisted),
        // Only a facilitator's page can say a sheet came on paper.
        (None, Some(_)) => Err(Problems::one("form", "paper-error-pass-expired")),
        (None, None) => Ok(Channel::Online),
    }
}

/// The feedback form again, everything typed, with how long to wait.
async fn busy(state: &AppState, lang: &str, form: RawForm, minutes: u32) -> Response {
    let organisations = store::organisation_choices(&state.db)
        .await
        .unwrap_or_default();
    let mut draft = draft(form, &Problems::default());
    draft.busy_minutes = Some(minutes);
    let view = SurvivorView::Feedback {
        organisations,
        draft,
    };
    show(state, lang, "feedback", view, StatusCode::TOO_MANY_REQUESTS).await
}
