//! What every request handler and server function shares. Built once, passed in; no globals.
use std::sync::Arc;

use axum::extract::FromRef;
use chrono::{NaiveDate, TimeDelta, Utc};
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;

use super::{
    anonymous_gate::AnonymousGate,
    auth::{session_store::DbSessionStore, throttle::LoginThrottle},
    clock::Clock,
    secret::ServerSecret,
};

/// How many days a published recommendation may wait for an answer before it is overdue.
pub const DEFAULT_OVERDUE_AFTER_DAYS: u32 = 90;

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub leptos_options: LeptosOptions,
    pub overdue_after_days: u32,
    pub clock: Clock,
    pub sessions: DbSessionStore,
    pub throttle: Arc<LoginThrottle>,
    /// Keys the receipt hashes.
    pub secret: ServerSecret,
    /// Flood protection for the anonymous forms.
    pub gate: Arc<AnonymousGate>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// Today in Cambodia (UTC+7), the day every "due" and "overdue" is counted in.
pub fn today() -> NaiveDate {
    (Utc::now() + TimeDelta::hours(7)).date_naive()
}
