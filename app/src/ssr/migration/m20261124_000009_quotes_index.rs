//! The services summary shows the newest published quotes. Only about one piece of feedback
//! in a hundred has redacted text to quote; this index holds just those, so finding the newest
//! reads a few hundred entries instead of walking every published answer.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Feedback {
    Table,
    ModerationState,
    ReceivedOn,
    TextRedacted,
}

const NAME: &str = "ix_feedback_quotes";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(NAME)
                    .table(Feedback::Table)
                    .col(Feedback::ModerationState)
                    .col(Feedback::ReceivedOn)
                    .and_where(Expr::col(Feedback::TextRedacted).is_not_null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name(NAME).table(Feedback::Table).to_owned())
            .await
    }
}
