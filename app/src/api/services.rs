//! What everyone may see of survivors' feedback: counts and shares by service, province and
//! organisation, only for groups of at least K people, with published, redacted quotes.
use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{error::AppError, views::services::*};

/// Every service (`service` empty), or one service with every organisation (`service` a
/// service code).
#[server(input = GetUrl)]
pub async fn get_services_summary(service: Option<String>) -> Result<ServicesSummary, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    crate::ssr::store::services::public(&state, service.as_deref()).await
}

#[server(input = GetUrl)]
pub async fn get_my_services_summary() -> Result<ServicesSummary, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    let session = super::session().await?;
    crate::ssr::store::services::mine(&state, &session).await
}
