//! Prioritising on phones: a venue link may be made for one forum's day, and then also opens
//! a ballot of that forum's drafts; the votes cast on phones are a count per draft, kept
//! apart from the paper tallies a facilitator types (so typing one never overwrites the
//! other). Never who voted what.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum VenueLinks {
    Table,
    ForumId,
}

#[derive(DeriveIden)]
enum Recommendations {
    Table,
    PhoneVotes,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(VenueLinks::Table)
                    .add_column(integer_null(VenueLinks::ForumId))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Recommendations::Table)
                    .add_column(integer(Recommendations::PhoneVotes).default(0))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Recommendations::Table)
                    .drop_column(Recommendations::PhoneVotes)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(VenueLinks::Table)
                    .drop_column(VenueLinks::ForumId)
                    .to_owned(),
            )
            .await
    }
}
