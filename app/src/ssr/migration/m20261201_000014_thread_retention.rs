//! Survivors' words are kept only as long as they are in use: each receipt thread records the
//! day of its last message or decision (`active_on`), and the day its words were deleted for
//! good after the retention period (`expired_on`; the thread row stays so that the receipt
//! code can say so plainly). Existing threads are active as of their latest message.
use sea_orm_migration::{prelude::*, schema::*};

use super::{add_columns, drop_columns};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone)]
enum Threads {
    Table,
    ActiveOn,
    ExpiredOn,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let columns = vec![date_null(Threads::ActiveOn), date_null(Threads::ExpiredOn)];
        add_columns(manager, Threads::Table, columns).await?;
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE threads SET active_on = COALESCE(\
                 (SELECT MAX(sent_on) FROM messages WHERE messages.thread_id = threads.id), \
                 created_on)",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_columns(
            manager,
            Threads::Table,
            vec![Threads::ExpiredOn, Threads::ActiveOn],
        )
        .await
    }
}
