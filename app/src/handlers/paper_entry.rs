//! A returned paper sheet, typed in by a facilitator through the survivors' feedback route
//! (so nothing is logged and nothing names her): stored under the sheet's printed code,
//! which is spent (see `ssr::paper`).
use axum::{http::StatusCode, response::Response};

use super::survivor::{already, show, token_of};
use crate::{
    domain::{
        receipt::ReceiptCode,
        submission::{PAPER_CODE_FIELD, Problems, RawForm, ValidFeedback},
    },
    ssr::{
        receipts,
        state::AppState,
        store::paper::{Entered, enter_sheet},
    },
    views::survivor::{SubmissionKind, SurvivorView},
};

/// Stores the sheet, or says why not (the form comes back with everything typed). Checked
/// before: the pass, and the answers.
pub(super) async fn enter(
    state: &AppState,
    lang: &str,
    form: &RawForm,
    valid: &ValidFeedback,
) -> Result<Response, (Problems, StatusCode)> {
    let token = token_of(form);
    // A reload of the "entered" page stores nothing twice.
    if !state.once.claim(&token, state.clock.today()) {
        return Ok(already(state, lang, "feedback", SubmissionKind::Feedback).await);
    }
    let entered = store(state, form, valid).await;
    if entered.is_err() {
        state.once.release(&token);
    }
    match entered {
        Ok(()) => Ok(show(
            state,
            lang,
            "feedback",
            SurvivorView::PaperEntered,
            StatusCode::OK,
        )
        .await),
        Err(Some((key, status))) => Err((Problems::one(PAPER_CODE_FIELD, key), status)),
        Err(None) => Ok(show(
            state,
            lang,
            "feedback",
            SurvivorView::Busy,
            StatusCode::TOO_MANY_REQUESTS,
        )
        .await),
    }
}

/// `Err(None)`: the global limit is reached; `Err(Some)`: the code's problem and status.
async fn store(
    state: &AppState,
    form: &RawForm,
    valid: &ValidFeedback,
) -> Result<(), Option<(&'static str, StatusCode)>> {
    let typed = form
        .get(PAPER_CODE_FIELD)
        .map(String::as_str)
        .unwrap_or_default();
    // A mistyped code is refused before any hashing.
    let code = ReceiptCode::parse(typed)
        .map_err(|p| Some((p.message_key(), StatusCode::UNPROCESSABLE_ENTITY)))?;
    if !state.gate.allow_global() {
        return Err(None);
    }
    let not_saved = Some(("form-error-not-saved", StatusCode::SERVICE_UNAVAILABLE));
    let hash = receipts::lookup_hash(&state.secret, &code)
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "receipt hashing failed");
            not_saved
        })?;
    let (db, clock, sealer) = (&state.db, &state.clock, &state.sealer);
    match enter_sheet(db, clock, sealer, valid, hash).await {
        Ok(Entered::Saved) => Ok(()),
        Ok(Entered::AlreadyEntered) => Err(Some(("paper-error-used", StatusCode::CONFLICT))),
        Ok(Entered::Expired) => Err(Some(("paper-error-expired", StatusCode::GONE))),
        Ok(Entered::Unknown) => Err(Some((
            "paper-error-unknown",
            StatusCode::UNPROCESSABLE_ENTITY,
        ))),
        Err(e) => {
            tracing::error!(error = %e, "a paper sheet was not saved");
            Err(not_saved)
        }
    }
}
