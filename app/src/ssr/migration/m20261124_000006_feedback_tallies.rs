//! Running counts of feedback (see `ssr::tallies`), filled from the feedback already there.
use sea_orm_migration::{prelude::*, schema::*};

use crate::ssr::tallies;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = Table::create();
        table
            .table(Alias::new(tallies::TABLE))
            .col(string_len(Alias::new("service_type"), 32))
            .col(string_len(Alias::new("dimension"), 16))
            .col(string_len(Alias::new("value"), 32))
            .col(big_integer(Alias::new("people")).default(0));
        for column in tallies::count_columns() {
            table.col(big_integer(Alias::new(column)).default(0));
        }
        table.primary_key(
            Index::create()
                .col(Alias::new("service_type"))
                .col(Alias::new("dimension"))
                .col(Alias::new("value")),
        );
        manager.create_table(table.to_owned()).await?;
        tallies::rebuild(manager.get_connection()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Alias::new(tallies::TABLE)).to_owned())
            .await
    }
}
