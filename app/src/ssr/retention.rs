//! Deleted on time. A survivor's original words and her receipt thread are kept only while
//! they are in use: once the retention period (an admin setting, 180 days unless changed) has
//! passed since the thread's last message or decision, the sweep deletes the messages and the
//! unredacted original for good. The thread row stays, empty, so that the receipt code can say
//! plainly what happened; a published, redacted copy stays public. The audit keeps counts,
//! never words. On SQLite `secure_delete` overwrites what is deleted (see `db`); PostgreSQL
//! frees deleted rows at its next vacuum.
use chrono::Days;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, sea_query::Expr,
};

use super::{
    audit::{self, Event},
    clock::Clock,
    db::begin_write,
    entities::{claim_check, feedback, message, proposal, thread},
    settings,
};

/// What one sweep deleted.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Swept {
    pub threads: u64,
    pub messages: u64,
    /// Survivors' words on claims whose originals were deleted.
    pub checks: u64,
    /// Codes of printed sheets that did not come back before their batch expired.
    pub paper_codes: u64,
}

/// Deletes the words of every thread whose retention period has passed.
pub async fn sweep(db: &DatabaseConnection, clock: &Clock) -> Result<Swept, DbErr> {
    let days = settings::retention_days(db).await?;
    let today = clock.today();
    let Some(cutoff) = today.checked_sub_days(Days::new(u64::from(days))) else {
        return Ok(Swept::default());
    };
    let txn = begin_write(db).await?;
    let due = thread::Entity::find()
        .filter(thread::Column::ExpiredOn.is_null())
        .filter(
            Condition::any()
                .add(thread::Column::ActiveOn.lt(cutoff))
                .add(
                    Condition::all()
                        .add(thread::Column::ActiveOn.is_null())
                        .add(thread::Column::CreatedOn.lt(cutoff)),
                ),
        )
        // The demo data's threads cannot be opened (no code hashes to them) and hold made-up
        // words: they stay, so the demo keeps showing moderation at work.
        .filter(thread::Column::ReceiptHash.not_like("demo-%"))
        .all(&txn)
        .await?;
    let mut swept = Swept::default();
    for t in &due {
        let messages = message::Entity::find()
            .filter(message::Column::ThreadId.eq(t.id))
            .count(&txn)
            .await?;
        message::Entity::delete_many()
            .filter(message::Column::ThreadId.eq(t.id))
            .exec(&txn)
            .await?;
        if let Some(id) = t.feedback_id {
            feedback::Entity::update_many()
                .col_expr(feedback::Column::TextOriginal, Expr::value(None::<String>))
                .filter(feedback::Column::Id.eq(id))
                .exec(&txn)
                .await?;
        }
        if let Some(id) = t.proposal_id {
            proposal::Entity::update_many()
                .col_expr(proposal::Column::TextOriginal, Expr::value(String::new()))
                .filter(proposal::Column::Id.eq(id))
                .exec(&txn)
                .await?;
        }
        thread::Entity::update_many()
            .col_expr(thread::Column::ExpiredOn, Expr::value(today))
            .col_expr(thread::Column::SurvivorWaiting, Expr::value(false))
            .filter(thread::Column::Id.eq(t.id))
            .exec(&txn)
            .await?;
        swept.threads += 1;
        swept.messages += messages;
    }
    // Survivors' words on claims have no thread: their originals go a retention period after
    // they came (a published, redacted copy stays).
    let checks = claim_check::Entity::update_many()
        .col_expr(
            claim_check::Column::TextOriginal,
            Expr::value(None::<String>),
        )
        .filter(claim_check::Column::TextOriginal.is_not_null())
        .filter(claim_check::Column::ReceivedOn.lt(cutoff))
        .exec(&txn)
        .await?;
    swept.checks = checks.rows_affected;
    swept.paper_codes = crate::ssr::store::paper::sweep_expired(&txn, clock).await?;
    if swept.threads > 0 || swept.checks > 0 {
        let event = Event {
            actor_id: None,
            action: "retention_sweep",
            object_type: "threads",
            object_id: String::new(),
        };
        let detail = format!(
            "threads {} messages {} checks {}",
            swept.threads, swept.messages, swept.checks
        );
        audit::record_with_detail(&txn, clock, event, detail).await?;
    }
    txn.commit().await?;
    Ok(swept)
}

/// The anonymous tables, whose physical order must not be the order submissions arrived in.
const ANONYMOUS_TABLES: [&str; 6] = [
    "feedback",
    "proposals",
    "threads",
    "messages",
    "claim_checks",
    "claim_check_receipts",
];

/// On PostgreSQL, rewrites the anonymous tables in the order of their random ids, so that a
/// copy of the data files does not show which submission came after which (a table's heap
/// otherwise keeps rows in arrival order). Each table is locked while it is rewritten, so the
/// server does this once a day at a quiet hour. On SQLite these tables are `WITHOUT ROWID`
/// and always stored in id order: nothing to do.
pub async fn reorder_anonymous_rows(db: &DatabaseConnection) -> Result<(), DbErr> {
    if db.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    for table in ANONYMOUS_TABLES {
        db.execute_unprepared(&format!("CLUSTER {table} USING {table}_pkey"))
            .await?;
    }
    Ok(())
}

/// Whether the daily reordering is due: at 3 o'clock in Cambodia, when few write.
pub fn reorder_due(now: chrono::DateTime<chrono::Utc>) -> bool {
    use chrono::Timelike;
    (now + chrono::TimeDelta::hours(7)).hour() == 3
}
