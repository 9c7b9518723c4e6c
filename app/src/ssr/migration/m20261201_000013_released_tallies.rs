//! Figures no one can diff: the public reads the counts as last released, not as they run.
//! A group's counts are released only when at least K answers have changed them since their
//! last release (see `ssr::tallies::release`), so two snapshots taken around one survivor's
//! submission show the same figures. What was public when this migration ran is released as is.
use sea_orm_migration::prelude::*;

use crate::ssr::tallies;

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEX: &str = "ix_feedback_tallies_released_dimension";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(tallies::table_of_counts(tallies::RELEASED))
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table(Alias::new(tallies::RELEASED))
                    .col(Alias::new("dimension"))
                    .col(Alias::new("value"))
                    .to_owned(),
            )
            .await?;
        tallies::release_all(manager.get_connection()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(Alias::new(tallies::RELEASED))
                    .to_owned(),
            )
            .await
    }
}
