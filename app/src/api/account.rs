//! The signed-in person's own page.
use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{error::AppError, views::account::*};

#[server(input = GetUrl)]
pub async fn get_totp_setup() -> Result<TotpSetup, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    let session = super::session().await?;
    crate::ssr::store::account::totp_setup(&state, &session).await
}

#[server(input = GetUrl)]
pub async fn get_account() -> Result<AccountView, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    let session = super::session().await?;
    crate::ssr::store::account::view(&state, &session).await
}

/// Whether a password reset link can still be used.
#[server(input = GetUrl)]
pub async fn check_reset(token: String) -> Result<(), AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    match crate::ssr::store::password_resets::is_valid(&state.db, &state.clock, &token).await {
        Ok(true) => Ok(()),
        Ok(false) => Err(AppError::Gone),
        Err(e) => Err(e.into()),
    }
}

/// The signed-in person's navigation; `None` for everyone else (and on survivor pages, which
/// never read a session).
#[server(input = GetUrl)]
pub async fn get_staff_nav() -> Result<Option<StaffNav>, AppError> {
    // Survivor pages never read a session, whoever visits them.
    if crate::ssr::csp::rendering_survivor_page() {
        return Ok(None);
    }
    let state = expect_context::<crate::ssr::state::AppState>();
    let Ok(session) = leptos_axum::extract::<tower_sessions::Session>().await else {
        return Ok(None);
    };
    Ok(crate::ssr::store::account::staff_nav(&state, &session).await)
}

/// The text of a form sent after its session ran out, to show beside the sign-in, once.
#[server(input = GetUrl)]
pub async fn get_signed_out_text() -> Result<Vec<(String, String)>, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    let session = super::session().await?;
    Ok(crate::ssr::store::account::signed_out_text(&state, &session).await)
}
