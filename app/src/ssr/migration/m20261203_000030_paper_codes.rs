//! Paper forms for outreach: each printed sheet carries its own receipt code, made when the
//! batch is printed and stored only as the usual keyed slow hash, with the day its batch
//! expires. A row is deleted when its sheet is typed in (the thread then holds the hash), so
//! a code can be entered once; nothing ties a sheet to who printed it or to its batch.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PaperCodes {
    Table,
    ReceiptHash,
    ExpiresOn,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PaperCodes::Table)
                    .if_not_exists()
                    .col(string_len(PaperCodes::ReceiptHash, 64).primary_key())
                    .col(date(PaperCodes::ExpiresOn))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PaperCodes::Table).to_owned())
            .await
    }
}
