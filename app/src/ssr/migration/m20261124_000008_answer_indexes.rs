//! Indexes for reads by organisation and by merge: a report card and an inbox read what one
//! organisation said (its responses and progress, oldest first), and a recommendation page
//! lists the duplicates merged into it. Without them each was a scan of the whole table.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Responses {
    Table,
    OrganisationId,
    RespondedOn,
    Id,
}

#[derive(DeriveIden)]
enum ProgressUpdates {
    Table,
    OrganisationId,
    ReportedOn,
    Id,
}

#[derive(DeriveIden)]
enum Recommendations {
    Table,
    CanonicalId,
}

const RESPONSES: &str = "idx_responses_organisation";
const PROGRESS: &str = "idx_progress_updates_organisation";
const CANONICAL: &str = "idx_recommendations_canonical";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(RESPONSES)
                    .table(Responses::Table)
                    .col(Responses::OrganisationId)
                    .col(Responses::RespondedOn)
                    .col(Responses::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(PROGRESS)
                    .table(ProgressUpdates::Table)
                    .col(ProgressUpdates::OrganisationId)
                    .col(ProgressUpdates::ReportedOn)
                    .col(ProgressUpdates::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(CANONICAL)
                    .table(Recommendations::Table)
                    .col(Recommendations::CanonicalId)
                    // Only merged duplicates: an index holding every unmerged row as NULL
                    // lured the planner away from better ones.
                    .and_where(Expr::col(Recommendations::CanonicalId).is_not_null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table) in [
            (CANONICAL, Recommendations::Table.into_iden()),
            (PROGRESS, ProgressUpdates::Table.into_iden()),
            (RESPONSES, Responses::Table.into_iden()),
        ] {
            manager
                .drop_index(Index::drop().name(name).table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
