//! An organisation may require a second official's approval before its answers publish.
//! An answer waiting for it is kept apart, in `answer_drafts`, so no public read of
//! `responses` or `progress_updates` can ever show one: approval moves it there.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organisations {
    Table,
    AnswersNeedApproval,
}

#[derive(DeriveIden)]
enum AnswerDrafts {
    Table,
    Id,
    RecommendationId,
    OrganisationId,
    Kind,
    Input,
    AuthorId,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Organisations::Table)
                    .add_column(boolean(Organisations::AnswersNeedApproval).default(false))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AnswerDrafts::Table)
                    .col(pk_auto(AnswerDrafts::Id))
                    .col(integer(AnswerDrafts::RecommendationId))
                    .col(integer(AnswerDrafts::OrganisationId))
                    // "response" or "progress".
                    .col(string_len(AnswerDrafts::Kind, 16))
                    // The form as typed (JSON), checked again when approved.
                    .col(text(AnswerDrafts::Input))
                    .col(integer(AnswerDrafts::AuthorId))
                    .col(timestamp_with_time_zone(AnswerDrafts::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("answer_drafts_by_organisation")
                    .table(AnswerDrafts::Table)
                    .col(AnswerDrafts::OrganisationId)
                    .col(AnswerDrafts::RecommendationId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AnswerDrafts::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Organisations::Table)
                    .drop_column(Organisations::AnswersNeedApproval)
                    .to_owned(),
            )
            .await
    }
}
