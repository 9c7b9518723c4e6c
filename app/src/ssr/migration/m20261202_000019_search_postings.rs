//! Each search word's items as one compressed set of ids per place (title, text, answer): a
//! query of several words intersects these sets in the server instead of joining tens of
//! thousands of `search_terms` rows. Kept in step with `search_terms` in the same
//! transaction; `samleng reindex` (and the first start with it empty) rebuilds it from them.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SearchPostings {
    Table,
    Kind,
    Term,
    Tier,
    Ids,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(SearchPostings::Table)
                .col(string_len(SearchPostings::Kind, 16))
                .col(string_len(SearchPostings::Term, 256))
                .col(small_integer(SearchPostings::Tier))
                .col(blob(SearchPostings::Ids))
                .primary_key(
                    Index::create()
                        .col(SearchPostings::Kind)
                        .col(SearchPostings::Term)
                        .col(SearchPostings::Tier),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(SearchPostings::Table).to_owned())
            .await
    }
}
