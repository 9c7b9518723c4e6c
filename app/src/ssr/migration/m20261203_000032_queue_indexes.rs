//! The moderation queue and the header's count, on every page a facilitator opens:
//! - the threads whose survivor wrote last, without an index a pass over every thread;
//! - the newest open feedback of one state, in the queue's order (day, then id): with the id
//!   in the index the database stops after one page instead of sorting a day's items.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const WAITING: &str = "ix_threads_survivor_waiting";
const QUEUE: &str = "ix_feedback_state_day_id";
const OLD_QUEUE: &str = "ix_feedback_state_day";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(WAITING)
                    .table(Alias::new("threads"))
                    .col(Alias::new("survivor_waiting"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(QUEUE)
                    .table(Alias::new("feedback"))
                    .col(Alias::new("moderation_state"))
                    // Newest day first, then id: the queue's order exactly.
                    .col((Alias::new("received_on"), IndexOrder::Desc))
                    .col(Alias::new("id"))
                    .to_owned(),
            )
            .await?;
        // The new index starts with the old one's columns and serves every query it did.
        manager
            .drop_index(
                Index::drop()
                    .name(OLD_QUEUE)
                    .table(Alias::new("feedback"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(OLD_QUEUE)
                    .table(Alias::new("feedback"))
                    .col(Alias::new("moderation_state"))
                    .col(Alias::new("received_on"))
                    .to_owned(),
            )
            .await?;
        for (name, table) in [(QUEUE, "feedback"), (WAITING, "threads")] {
            manager
                .drop_index(Index::drop().name(name).table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
