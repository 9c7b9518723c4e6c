//! The feedback form for a facilitator helping a survivor (`/assisted`).
use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{error::AppError, views::survivor::AssistedForm};

#[server(input = GetUrl)]
pub async fn get_assisted_form() -> Result<AssistedForm, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    let session = super::session().await?;
    crate::ssr::assisted::form(&state, &session).await
}
