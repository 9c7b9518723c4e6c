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
}

#[server(input = GetUrl)]
pub async fn get_account() -> Result<AccountView, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    let session: tower_sessions::Session = leptos_axum::extract()
        .await
        .map_err(|_| AppError::SignInRequired)?;
    crate::ssr::queries::account::view(&state, &session).await
}
