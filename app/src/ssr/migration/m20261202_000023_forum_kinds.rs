//! Forums of several kinds (a survivor forum, an advisory council's meeting, a consultation),
//! in series that meet again and again; who came, as counts by group and the organisations
//! present (never names); and the minutes in Khmer and English.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Forums {
    Table,
    Id,
    Kind,
    SeriesId,
    SurvivorsPresent,
    GovernmentPresent,
    NgosPresent,
    DonorsPresent,
    MinutesKm,
    MinutesEn,
}

#[derive(DeriveIden)]
enum ForumSeries {
    Table,
    Id,
    NameKm,
    NameEn,
    OriginalLang,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ForumOrganisations {
    Table,
    ForumId,
    OrganisationId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ForumSeries::Table)
                    .col(pk_auto(ForumSeries::Id))
                    .col(string_len_null(ForumSeries::NameKm, 1200))
                    .col(string_len_null(ForumSeries::NameEn, 1200))
                    .col(string_len(ForumSeries::OriginalLang, 2))
                    .col(timestamp_with_time_zone(ForumSeries::CreatedAt))
                    .to_owned(),
            )
            .await?;
        // One column per statement: SQLite alters one at a time.
        let columns = [
            string_len(Forums::Kind, 32)
                .default("survivor_forum")
                .to_owned(),
            integer_null(Forums::SeriesId),
            integer_null(Forums::SurvivorsPresent),
            integer_null(Forums::GovernmentPresent),
            integer_null(Forums::NgosPresent),
            integer_null(Forums::DonorsPresent),
            text_null(Forums::MinutesKm),
            text_null(Forums::MinutesEn),
        ];
        for column in columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(Forums::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("forums_by_series")
                    .table(Forums::Table)
                    .col(Forums::SeriesId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ForumOrganisations::Table)
                    .col(integer(ForumOrganisations::ForumId))
                    .col(integer(ForumOrganisations::OrganisationId))
                    .primary_key(
                        Index::create()
                            .col(ForumOrganisations::ForumId)
                            .col(ForumOrganisations::OrganisationId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ForumOrganisations::Table, ForumOrganisations::ForumId)
                            .to(Forums::Table, Forums::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ForumOrganisations::Table).to_owned())
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("forums_by_series")
                    .table(Forums::Table)
                    .to_owned(),
            )
            .await?;
        for column in [
            Forums::Kind,
            Forums::SeriesId,
            Forums::SurvivorsPresent,
            Forums::GovernmentPresent,
            Forums::NgosPresent,
            Forums::DonorsPresent,
            Forums::MinutesKm,
            Forums::MinutesEn,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Forums::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_table(Table::drop().table(ForumSeries::Table).to_owned())
            .await
    }
}
