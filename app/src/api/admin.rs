//! What administrators read: the audit log, settings and organisations.
use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{error::AppError, views::admin::*};

#[server(input = GetUrl)]
pub async fn get_audit(filter: AuditFilter) -> Result<AuditPage, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    crate::ssr::store::admin::audit(&state, &super::session().await?, &filter).await
}

#[server(input = GetUrl)]
pub async fn get_settings() -> Result<SettingsView, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    crate::ssr::store::admin::settings(&state, &super::session().await?).await
}

#[server(input = GetUrl)]
pub async fn get_organisations() -> Result<OrganisationsView, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    crate::ssr::store::admin::organisations(&state, &super::session().await?).await
}
