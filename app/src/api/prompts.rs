//! Voice prompts (`/prompts`), for administrators and facilitators.
use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{error::AppError, views::prompts::PromptsPage};

#[server(input = GetUrl)]
pub async fn get_prompts_page() -> Result<PromptsPage, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    let session = super::session().await?;
    crate::ssr::store::prompts::page(&state, &session).await
}
