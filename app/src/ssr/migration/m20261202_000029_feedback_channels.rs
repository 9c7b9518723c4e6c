//! How each piece of feedback came in: online (the survivor herself) or with a facilitator's
//! help. Everything before was online. The running counts gain a "channel" dimension
//! (released in steps of K like the rest), counted here from the feedback already there.
use sea_orm_migration::{prelude::*, schema::*};

use crate::ssr::tallies;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Feedback {
    Table,
    Channel,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Feedback::Table)
                    .add_column(string_len(Feedback::Channel, 16).default("online"))
                    .to_owned(),
            )
            .await?;
        tallies::rebuild(manager.get_connection()).await?;
        tallies::release_all(manager.get_connection()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Feedback::Table)
                    .drop_column(Feedback::Channel)
                    .to_owned(),
            )
            .await
    }
}
