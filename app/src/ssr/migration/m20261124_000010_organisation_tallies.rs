//! Each organisation's running counts by service and province (see `ssr::tallies`), so an
//! official's dashboard reads a few hundred rows instead of every piece of feedback about
//! the organisation. Indexed by dimension: the summary and the dashboard each read one kind.
use sea_orm_migration::prelude::*;

use crate::ssr::tallies;

#[derive(DeriveMigrationName)]
pub struct Migration;

const NAME: &str = "ix_feedback_tallies_dimension";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(NAME)
                    .table(Alias::new(tallies::TABLE))
                    .col(Alias::new("dimension"))
                    .col(Alias::new("value"))
                    .to_owned(),
            )
            .await?;
        tallies::rebuild(manager.get_connection()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(NAME)
                    .table(Alias::new(tallies::TABLE))
                    .to_owned(),
            )
            .await
    }
}
