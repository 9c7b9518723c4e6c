//! Presentation day: a forum's recommendations for the projector and the handout.
use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{error::AppError, views::presentation::Presentation};

#[server(input = GetUrl)]
pub async fn get_presentation(forum_id: i32) -> Result<Presentation, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    crate::ssr::store::presentation::presentation(&state, forum_id).await
}
