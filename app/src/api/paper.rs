//! Paper forms for outreach (`/paper`), for facilitators.
use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{
    error::AppError,
    views::{paper::PaperPage, survivor::AssistedForm},
};

#[server(input = GetUrl)]
pub async fn get_paper_page() -> Result<PaperPage, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    let session = super::session().await?;
    crate::ssr::paper::page(&state, &session).await
}

#[server(input = GetUrl)]
pub async fn get_paper_entry_form() -> Result<AssistedForm, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    let session = super::session().await?;
    crate::ssr::paper::entry_form(&state, &session).await
}
