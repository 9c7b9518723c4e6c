//! Venue links: for a forum day or a drop-in centre, where many survivors share one address, a
//! facilitator opens a time-boxed link under which the per-address limits are lifted. Only the
//! token's hash and a count of what was sent are kept: nothing about who used it.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum VenueLinks {
    Table,
    Id,
    TokenHash,
    Label,
    ExpiresAt,
    MaxSubmissions,
    Used,
    ClosedAt,
    CreatedBy,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(VenueLinks::Table)
                    .col(pk_auto(VenueLinks::Id))
                    .col(string_len_uniq(VenueLinks::TokenHash, 64))
                    .col(text(VenueLinks::Label))
                    .col(timestamp_with_time_zone(VenueLinks::ExpiresAt))
                    .col(integer(VenueLinks::MaxSubmissions))
                    .col(integer(VenueLinks::Used).default(0))
                    .col(timestamp_with_time_zone_null(VenueLinks::ClosedAt))
                    .col(integer_null(VenueLinks::CreatedBy))
                    .col(timestamp_with_time_zone(VenueLinks::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(VenueLinks::Table).to_owned())
            .await
    }
}
