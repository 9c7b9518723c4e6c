//! A survivor may follow recommendations from her receipt page. What she follows, and the day
//! of her last visit, are kept sealed in her thread (`follows`): readable only by the server,
//! and by nobody who reads the database; nothing about who follows what is public.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Threads {
    Table,
    Follows,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Threads::Table)
                    .add_column(text_null(Threads::Follows))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Threads::Table)
                    .drop_column(Threads::Follows)
                    .to_owned(),
            )
            .await
    }
}
