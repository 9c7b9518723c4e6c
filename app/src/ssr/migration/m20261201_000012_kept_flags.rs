//! The publication gate: what a facilitator decided is not identifying, among the parts the
//! finder flagged in an item's public copy, one per line. Publishing waits until every flag is
//! hidden or kept. Only words already in the public copy are kept here, never the original's.
use sea_orm_migration::{prelude::*, schema::*};

use super::{add_columns, drop_columns};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone)]
enum Feedback {
    Table,
    KeptFlags,
}

#[derive(DeriveIden, Clone)]
enum Proposals {
    Table,
    KeptFlags,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_columns(
            manager,
            Feedback::Table,
            vec![text_null(Feedback::KeptFlags)],
        )
        .await?;
        add_columns(
            manager,
            Proposals::Table,
            vec![text_null(Proposals::KeptFlags)],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_columns(manager, Feedback::Table, vec![Feedback::KeptFlags]).await?;
        drop_columns(manager, Proposals::Table, vec![Proposals::KeptFlags]).await
    }
}
