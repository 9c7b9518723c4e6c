//! Paper forms for outreach. A facilitator prints a batch of sheets; each carries its own
//! receipt code, made now and kept only as the usual keyed slow hash (the code itself is in
//! the printed page alone, never stored). When a sheet comes back, she types its code and
//! answers through the survivors' own route with her day's pass (`ssr::assisted`): the
//! feedback is stored under the printed code, marked "on paper", and the survivor reads the
//! replies with her slip like anyone else. A code is entered once; unused codes expire with
//! their batch.
use chrono::{Days, NaiveDate};

use super::{receipts, state::AppState, store::paper};
use crate::{
    domain::{receipt::ReceiptCode, submission::PAPER_CODE_FIELD},
    error::AppError,
};

/// Makes `sheets` codes, keeps their hashes until the batch expires, and gives the codes
/// back for printing (the only time they exist in the clear).
pub async fn print_batch(
    state: &AppState,
    sheets: u32,
    days: u32,
) -> Result<(Vec<ReceiptCode>, NaiveDate), AppError> {
    let expires_on = state
        .clock
        .today()
        .checked_add_days(Days::new(u64::from(days)))
        .ok_or(AppError::Internal)?;
    let mut codes = Vec::new();
    let mut hashes = Vec::new();
    for _ in 0..sheets {
        let code = receipts::new_code();
        let hash = receipts::lookup_hash(&state.secret, &code)
            .await
            .map_err(|e| {
                tracing::error!(error = %e, "receipt hashing failed");
                AppError::Internal
            })?;
        codes.push(code);
        hashes.push(hash);
    }
    paper::keep_codes(&state.db, hashes, expires_on).await?;
    Ok((codes, expires_on))
}

/// The form for typing in a returned sheet: the survivors' feedback form with a day's pass,
/// a one-time token and an empty field for the sheet's code. Facilitators only.
pub async fn entry_form(
    state: &AppState,
    session: &tower_sessions::Session,
) -> Result<crate::views::survivor::AssistedForm, AppError> {
    let mut form = super::assisted::form(state, session).await?;
    form.draft
        .values
        .insert(PAPER_CODE_FIELD.to_string(), String::new());
    Ok(form)
}

/// The paper forms page: how many sheets may still come back. Facilitators only.
pub async fn page(
    state: &AppState,
    session: &tower_sessions::Session,
) -> Result<crate::views::paper::PaperPage, AppError> {
    use crate::{domain::role::Action, ssr::auth::guard::authorize};
    let signed_in = authorize(session, state, Action::ModerateFeedback).await?;
    Ok(crate::views::paper::PaperPage {
        waiting: paper::waiting(&state.db, &state.clock).await?,
        csrf: signed_in.auth.csrf,
    })
}
