//! The public lists: every forum and every body recommendations are addressed to, so a
//! report card or a forum is reached without knowing its number.
use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{error::AppError, views::directory::*};

/// Every forum, newest first.
#[server(input = GetUrl)]
pub async fn get_forum_list() -> Result<Vec<ForumListItem>, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    crate::ssr::store::directory::forums(&state).await
}

/// Every organisation, those with the most addressed to them first.
#[server(input = GetUrl)]
pub async fn get_body_list() -> Result<Vec<BodyListItem>, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    crate::ssr::store::directory::bodies(&state).await
}

/// A series of forums and how each meeting's recommendations fared.
#[server(input = GetUrl)]
pub async fn get_series(id: i32) -> Result<SeriesView, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    crate::ssr::store::series::series(&state, id).await
}
