//! The tracker's year filter lists the years with public recommendations; with this index it
//! finds them by a few range probes instead of reading every recommendation.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Recommendations {
    Table,
    PublishedOn,
}

const NAME: &str = "idx_recommendations_published_on";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(NAME)
                    .table(Recommendations::Table)
                    .col(Recommendations::PublishedOn)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(NAME)
                    .table(Recommendations::Table)
                    .to_owned(),
            )
            .await
    }
}
