//! What facilitators read when they moderate anonymous feedback and proposals. Only they see
//! a survivor's original words; everyone else sees the redacted copy, once published.
use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{error::AppError, views::moderation::*};

#[server(input = GetUrl)]
pub async fn get_queue(filter: QueueFilter) -> Result<QueuePage, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    let session = super::session().await?;
    crate::ssr::store::moderation::queue(&state, &session, filter).await
}

#[server(input = GetUrl)]
pub async fn get_item(kind: String, id: String) -> Result<ItemView, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    let session = super::session().await?;
    crate::ssr::store::moderation_item::item(&state, &session, &kind, &id).await
}
