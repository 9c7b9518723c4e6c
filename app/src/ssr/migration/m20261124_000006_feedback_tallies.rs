//! Running counts of feedback (see `ssr::tallies`), filled from the feedback already there.
use sea_orm_migration::prelude::*;

use crate::ssr::tallies;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The same table as ever; its shape now lives beside the released counts' twin.
        manager
            .create_table(tallies::table_of_counts(tallies::TABLE))
            .await?;
        tallies::rebuild_before_channels(manager.get_connection()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Alias::new(tallies::TABLE)).to_owned())
            .await
    }
}
