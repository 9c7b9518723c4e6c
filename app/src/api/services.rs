//! What everyone may see of survivors' feedback: counts and shares by service, province and
//! organisation, only for groups of at least K people, with published, redacted quotes.
use leptos::{prelude::*, server_fn::codec::GetUrl};
use serde::{Deserialize, Serialize};

use super::error::AppError;
use crate::domain::{anonymity::Row, bilingual::Bilingual, feedback::ServiceType};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServicesSummary {
    pub threshold: u32,
    /// Everyone counted, when at least K.
    pub total: Option<u32>,
    pub services: Vec<ServiceGroup>,
    /// For an official's page: their organisation's name.
    pub organisation: Option<Bilingual>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceGroup {
    /// `None`: the services too small to show alone, together.
    pub row: Row<ServiceType>,
    /// Province codes.
    pub by_province: Vec<Row<String>>,
    /// Organisation names; `None` inside a key means "did not know".
    pub by_organisation: Vec<Row<Option<Bilingual>>>,
    /// Organisations left out of `by_organisation` (the summary of every service lists only
    /// the largest; the page of one service lists them all).
    pub more_organisations: u32,
    /// When the list was cut: how many named organisations the full list has (not counting
    /// "did not know" and the small ones pooled together).
    pub named_organisations: u32,
    pub quotes: Vec<Bilingual>,
}

/// Every service (`service` empty), or one service with every organisation (`service` a
/// service code).
#[server(input = GetUrl)]
pub async fn get_services_summary(service: Option<String>) -> Result<ServicesSummary, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    crate::ssr::queries::services::public(&state, service.as_deref()).await
}

#[server(input = GetUrl)]
pub async fn get_my_services_summary() -> Result<ServicesSummary, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    let session: tower_sessions::Session = leptos_axum::extract()
        .await
        .map_err(|_| AppError::SignInRequired)?;
    crate::ssr::queries::services::mine(&state, &session).await
}
