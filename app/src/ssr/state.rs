//! What every request handler and server function shares. Built once, passed in; no globals.
use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;

use super::{
    anonymous_gate::AnonymousGate,
    auth::{session_store::DbSessionStore, throttle::LoginThrottle},
    clock::Clock,
    kept_reads::KeptForPages,
    mail::Outbox,
    once::OnceTokens,
    receipts::ReadyReceipts,
    seal::Sealer,
    secret::ServerSecret,
    settings,
    writes::WriteCount,
};

/// How many days a published recommendation may wait for an answer before it is overdue.
pub const DEFAULT_OVERDUE_AFTER_DAYS: u32 = 90;

/// A handle on what the server shares: cloned for every request by each layer and handler
/// that holds it, so one pointer, not the dozen fields behind it (measured: cloning and
/// dropping the fields was a fifth of a kept page's cost).
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl AppState {
    pub fn new(shared: Shared) -> Self {
        Self(Arc::new(shared))
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

pub struct Shared {
    pub db: DatabaseConnection,
    pub leptos_options: LeptosOptions,
    /// N when no admin has set it (`SAMLENG_OVERDUE_DAYS`).
    pub default_overdue_after_days: u32,
    pub clock: Clock,
    pub sessions: DbSessionStore,
    pub throttle: Arc<LoginThrottle>,
    /// Keys the receipt hashes.
    pub secret: ServerSecret,
    /// Receipt codes hashed ahead, for bursts of submissions.
    pub ready_receipts: Arc<ReadyReceipts>,
    /// Survivors' submissions take turns to write on SQLite (see `sqlite_write_turn`).
    pub write_turns: Arc<tokio::sync::Semaphore>,
    /// Seals survivors' words, two-step secrets and links waiting in sessions.
    pub sealer: Sealer,
    /// Flood protection for the anonymous forms.
    pub gate: Arc<AnonymousGate>,
    /// The survivor forms' one-time tokens: nothing is stored twice.
    pub once: Arc<OnceTokens>,
    /// Where reminders go: SMTP, or `.eml` files in a folder.
    pub outbox: Arc<Outbox>,
    /// What pages read that says the same to everyone, kept a short while.
    pub kept: Arc<KeptForPages>,
    /// Writes through this server: what is kept is dropped when they could change it.
    pub writes: Arc<WriteCount>,
    /// The site's CSS, written into survivor pages: on a slow phone connection a linked style
    /// sheet costs a second round trip (seconds on 3G) before the form is usable.
    pub survivor_css: Option<Arc<str>>,
}

impl Shared {
    /// A turn to write a survivor's submission, on SQLite: one at a time, waiting without
    /// holding a database connection. SQLite writes one transaction at a time anyway, and a
    /// transaction waiting for the write lock holds its pooled connection, so a burst of
    /// submissions would leave none for the pages. PostgreSQL writes side by side: no turn.
    pub async fn sqlite_write_turn(&self) -> Option<tokio::sync::SemaphorePermit<'_>> {
        if self.db.get_database_backend() != sea_orm::DbBackend::Sqlite {
            return None;
        }
        self.write_turns.acquire().await.ok()
    }

    /// N in force: days a published recommendation may wait for an answer.
    /// Kept a short while: every official's page and the tracker's rows read it.
    pub async fn overdue_after_days(&self) -> Result<u32, sea_orm::DbErr> {
        let read = settings::overdue_after_days(&self.db, self.default_overdue_after_days);
        self.kept
            .overdue_after_days
            .read(&self.writes, (), read)
            .await
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
