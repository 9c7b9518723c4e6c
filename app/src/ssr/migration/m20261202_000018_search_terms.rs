//! The search index: each word of what the public may search (a recommendation's reference,
//! title, text and answers; a forum's title and summary), with the best place it was found.
//! Words are cut and normalised in Rust (`domain::search`), the same on SQLite and PostgreSQL,
//! so no database's own text search is needed. The server fills it from what is stored the
//! first time it starts with this table empty (`samleng reindex` does it on demand).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SearchTerms {
    Table,
    Kind,
    ObjectId,
    Term,
    Tier,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(SearchTerms::Table)
                .col(string_len(SearchTerms::Kind, 16))
                .col(integer(SearchTerms::ObjectId))
                .col(string_len(SearchTerms::Term, 256))
                .col(small_integer(SearchTerms::Tier))
                .primary_key(
                    Index::create()
                        .col(SearchTerms::Kind)
                        .col(SearchTerms::ObjectId)
                        .col(SearchTerms::Term),
                )
                .to_owned(),
        )
        .await?;
        // A search with filters looks its words' rows up by word (`search_rank::words`); the
        // place and id make that lookup read the index alone. (Migration 19's sets now serve
        // searches without filters.)
        m.create_index(
            Index::create()
                .name("idx_search_terms_ranked")
                .table(SearchTerms::Table)
                .col(SearchTerms::Kind)
                .col(SearchTerms::Term)
                .col(SearchTerms::Tier)
                .col((SearchTerms::ObjectId, IndexOrder::Desc))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(SearchTerms::Table).to_owned())
            .await
    }
}
