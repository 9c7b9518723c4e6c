//! Venue links, for facilitators.
use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{error::AppError, views::venues::*};

#[server(input = GetUrl)]
pub async fn get_venues() -> Result<VenuesPage, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    let session = super::session().await?;
    crate::ssr::store::venues::page(&state, &session).await
}
