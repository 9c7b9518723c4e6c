//! An official's dashboard without reading every piece of feedback about the organisation:
//! - its running counts by service and province (see `ssr::tallies`), indexed by dimension
//!   (the summary and the dashboard each read one kind);
//! - its quotes by an index of its own: the quotes index walks everyone's quotes to find one
//!   organisation's few.
use sea_orm_migration::prelude::*;

use crate::ssr::tallies;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Feedback {
    Table,
    OrganisationId,
    ModerationState,
    ReceivedOn,
    TextRedacted,
}

const NAME: &str = "ix_feedback_tallies_dimension";
const QUOTES: &str = "ix_feedback_organisation_quotes";

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
        manager
            .create_index(
                Index::create()
                    .name(QUOTES)
                    .table(Feedback::Table)
                    .col(Feedback::OrganisationId)
                    .col(Feedback::ModerationState)
                    .col(Feedback::ReceivedOn)
                    .and_where(Expr::col(Feedback::TextRedacted).is_not_null())
                    .to_owned(),
            )
            .await?;
        tallies::rebuild_before_channels(manager.get_connection()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name(QUOTES).table(Feedback::Table).to_owned())
            .await?;
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
