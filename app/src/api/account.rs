//! The signed-in person's own page.
use leptos::{prelude::*, server_fn::codec::GetUrl};
use serde::{Deserialize, Serialize};

use super::error::AppError;
use crate::domain::{bilingual::Bilingual, role::Role};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    pub display_name: String,
    pub email: String,
    pub role: Role,
    pub organisation: Option<Bilingual>,
    /// Echoed back by the sign-out form.
    pub csrf: String,
    /// Fluent keys of what this person can do.
    pub can: Vec<String>,
    pub has_totp: bool,
    /// Two-step sign-in is required and not set up: the page asks for it first.
    pub needs_totp_setup: bool,
    /// Recovery codes just made, shown this once.
    pub new_recovery_codes: Vec<String>,
    /// Unused recovery codes left.
    pub recovery_codes_left: u64,
}

/// What the two-step set-up page shows: the secret to type or open in an app.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotpSetup {
    /// The base32 secret in groups of four, for typing.
    pub secret_grouped: String,
    pub otpauth_url: String,
    /// The same as a QR code to scan: an SVG image as a `data:` address.
    pub qr_code: String,
    pub csrf: String,
    pub already_on: bool,
}

#[server(input = GetUrl)]
pub async fn get_totp_setup() -> Result<TotpSetup, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    let session: tower_sessions::Session = leptos_axum::extract()
        .await
        .map_err(|_| AppError::SignInRequired)?;
    crate::ssr::queries::account::totp_setup(&state, &session).await
}

#[server(input = GetUrl)]
pub async fn get_account() -> Result<AccountView, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    let session: tower_sessions::Session = leptos_axum::extract()
        .await
        .map_err(|_| AppError::SignInRequired)?;
    crate::ssr::queries::account::view(&state, &session).await
}

/// Whether a password reset link can still be used.
#[server(input = GetUrl)]
pub async fn check_reset(token: String) -> Result<(), AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    match crate::ssr::forms::password::reset_is_valid(&state, &token).await {
        Ok(true) => Ok(()),
        Ok(false) => Err(AppError::Gone),
        Err(e) => Err(e.into()),
    }
}

/// What the header shows a signed-in person: who they are and the screens their role opens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffNav {
    pub display_name: String,
    pub role: Role,
    /// In the order shown: Fluent key of the label and the path under `/{lang}/`.
    pub links: Vec<(String, String)>,
    /// Echoed back by the sign-out button.
    pub csrf: String,
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
    Ok(crate::ssr::queries::account::staff_nav(&state, &session).await)
}
