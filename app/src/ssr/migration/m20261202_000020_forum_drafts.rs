//! A forum is a draft until a facilitator publishes it, and can be withdrawn. Forums saved
//! before this were public from the moment they were saved: they stay public, as of then.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Forums {
    Table,
    PublishedAt,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Forums::Table)
                    .add_column(timestamp_with_time_zone_null(Forums::PublishedAt))
                    .to_owned(),
            )
            .await?;
        let already_public = Query::update()
            .table(Forums::Table)
            .value(Forums::PublishedAt, Expr::col(Forums::CreatedAt))
            .to_owned();
        manager.exec_stmt(already_public).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Forums::Table)
                    .drop_column(Forums::PublishedAt)
                    .to_owned(),
            )
            .await
    }
}
