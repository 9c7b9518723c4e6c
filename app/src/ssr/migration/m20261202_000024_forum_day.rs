//! Capturing a forum's recommendations on the day: which discussion group a draft came from,
//! the order the facilitators put the drafts in, and the day's priorities.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Recommendations {
    Table,
    DiscussionGroup,
    DayOrder,
    IsPriority,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one at a time.
        let columns = [
            string_len_null(Recommendations::DiscussionGroup, 240),
            integer_null(Recommendations::DayOrder),
            boolean(Recommendations::IsPriority)
                .default(false)
                .to_owned(),
        ];
        for column in columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(Recommendations::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            Recommendations::DiscussionGroup,
            Recommendations::DayOrder,
            Recommendations::IsPriority,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Recommendations::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
