//! Voice prompts: one recording per survivor-facing text and language, kept in the database
//! (so backups and every server have them) and served under the hash of its content.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum VoicePrompts {
    Table,
    TextKey,
    Lang,
    ContentHash,
    Mime,
    Bytes,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(VoicePrompts::Table)
                    .if_not_exists()
                    .col(string_len(VoicePrompts::TextKey, 80))
                    .col(string_len(VoicePrompts::Lang, 2))
                    .col(string_len(VoicePrompts::ContentHash, 64))
                    .col(string_len(VoicePrompts::Mime, 32))
                    .col(blob(VoicePrompts::Bytes))
                    .primary_key(
                        Index::create()
                            .col(VoicePrompts::TextKey)
                            .col(VoicePrompts::Lang),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("voice_prompts_by_hash")
                    .table(VoicePrompts::Table)
                    .col(VoicePrompts::ContentHash)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(VoicePrompts::Table).to_owned())
            .await
    }
}
