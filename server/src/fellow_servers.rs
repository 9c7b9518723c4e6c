//! Several servers on one PostgreSQL database, behaving as one:
//! - **what each keeps** (public pages, blank forms, filter choices) is dropped when any of
//!   them writes: a server that writes says so on a PostgreSQL channel (`NOTIFY`), and every
//!   other server records the write as if made through it;
//! - **the anonymous limits** are shared: each server holds a shared advisory lock while it
//!   runs, so the number of locks held is the number of servers, and each lets in its share
//!   (`AnonymousGate::share_among`). A server that dies loses its connection, and its lock
//!   with it.
//!
//! Sessions, receipt codes and everything else already live in the database. On SQLite (one
//! server per database file), or with `SAMLENG_ALONE=1`, none of this runs.
use std::{sync::Arc, time::Duration};

use app::ssr::{
    anonymous_gate::AnonymousGate,
    tokens::random_token,
    writes::{Write, WriteCount},
};
use sea_orm::{
    DatabaseBackend, DatabaseConnection,
    sqlx::{self, PgPool, postgres::PgListener},
};

/// The channel writes are announced on.
const CHANNEL: &str = "samleng_writes";
/// The advisory lock every running server holds shared (an arbitrary number: "SMLG").
const RUNNING_LOCK: i64 = 0x534D_4C47;
/// How often a server counts the servers running.
const COUNT_EVERY: Duration = Duration::from_secs(5);

/// What a server needs to tell the others of its writes.
#[derive(Clone)]
pub struct Fellows {
    /// This server's name on the channel, so it ignores its own announcements.
    me: String,
    pool: Option<PgPool>,
}

impl Fellows {
    /// On PostgreSQL, unless this server runs `alone` (`SAMLENG_ALONE`).
    pub fn new(db: &DatabaseConnection, alone: bool) -> Self {
        let pool = (!alone && db.get_database_backend() == DatabaseBackend::Postgres)
            .then(|| db.get_postgres_connection_pool().clone());
        Self {
            me: random_token(),
            pool,
        }
    }

    /// Tells the other servers of a write this server has committed.
    pub async fn announce(&self, write: Write) {
        let Some(pool) = &self.pool else { return };
        let kind = match write {
            Write::Feedback => "feedback",
            Write::Curation => "curation",
        };
        let sent = sqlx::query("SELECT pg_notify($1, $2)")
            .bind(CHANNEL)
            .bind(format!("{kind} {}", self.me))
            .execute(pool)
            .await;
        if let Err(e) = sent {
            // The others render their copies again after `KEEP_AT_MOST` anyway.
            tracing::warn!(error = %e, "cannot tell the other servers of a write");
        }
    }

    /// Listens for the other servers' writes and counts the servers running, for as long as
    /// this server runs. Does nothing on SQLite.
    pub fn spawn(self, writes: Arc<WriteCount>, gate: Arc<AnonymousGate>) {
        let Some(pool) = self.pool.clone() else {
            return;
        };
        tokio::spawn(async move {
            loop {
                if let Err(e) = self.listen(&pool, &writes, &gate).await {
                    tracing::warn!(error = %e, "lost the other servers' channel; joining again");
                }
                // Announcements made while the channel was down are lost: drop everything kept.
                writes.record(Write::Feedback);
                writes.record(Write::Curation);
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        });
    }

    async fn listen(
        &self,
        pool: &PgPool,
        writes: &WriteCount,
        gate: &AnonymousGate,
    ) -> Result<(), sqlx::Error> {
        let mut listener = PgListener::connect_with(pool).await?;
        listener.listen(CHANNEL).await?;
        // Held by this connection until it closes: for as long as this server is running.
        sqlx::query("SELECT pg_advisory_lock_shared($1)")
            .bind(RUNNING_LOCK)
            .execute(&mut listener)
            .await?;
        let mut count = tokio::time::interval(COUNT_EVERY);
        loop {
            tokio::select! {
                heard = listener.try_recv() => {
                    // None: the connection dropped (and with it the lock): start again.
                    let Some(heard) = heard? else { return Ok(()) };
                    let (kind, from) = heard.payload().split_once(' ').unwrap_or_default();
                    if from != self.me {
                        writes.record(if kind == "feedback" { Write::Feedback } else { Write::Curation });
                    }
                }
                _ = count.tick() => gate.share_among(running(pool).await?),
            }
        }
    }
}

/// How many servers hold the running lock (this one included).
async fn running(pool: &PgPool) -> Result<u32, sqlx::Error> {
    // A bigint advisory key shows as its high half in classid and its low half in objid.
    let held: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted \
         AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) \
         AND classid = 0 AND objid::bigint = $1 AND objsubid = 1",
    )
    .bind(RUNNING_LOCK)
    .fetch_one(pool)
    .await?;
    Ok(u32::try_from(held).unwrap_or(1).max(1))
}
