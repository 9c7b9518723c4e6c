//! Venue links, for facilitators.
use leptos::{prelude::*, server_fn::codec::GetUrl};

use super::error::AppError;
pub use crate::views::venues::{VenueRow, VenuesPage};

#[server(input = GetUrl)]
pub async fn get_venues() -> Result<VenuesPage, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    let session: tower_sessions::Session = leptos_axum::extract()
        .await
        .map_err(|_| AppError::SignInRequired)?;
    crate::ssr::venues::page(&state, &session).await
}
