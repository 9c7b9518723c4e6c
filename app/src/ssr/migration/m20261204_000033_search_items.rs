//! Each searchable item's words as one row (`search_items`) in place of a row per item and
//! word (`search_terms`, dropped): the postings' sets (migration 19) answer every search,
//! so the only other use of an item's words is to know which sets it leaves when it
//! changes. A recommendation has about 145 words (Khmer words are also indexed by their
//! beginnings, ends and pairs), so a national set held 14 million word rows and two indexes
//! over them; writing those was most of loading it. The postings are emptied with the old
//! rows: the server's first start rebuilds both from what is stored (`search_index::rebuild`).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SearchItems {
    Table,
    Kind,
    ObjectId,
    Words,
}

#[derive(DeriveIden)]
enum SearchTerms {
    Table,
    Kind,
    ObjectId,
    Term,
    Tier,
}

#[derive(DeriveIden)]
enum SearchPostings {
    Table,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(SearchItems::Table)
                .col(string_len(SearchItems::Kind, 16))
                .col(integer(SearchItems::ObjectId))
                .col(text(SearchItems::Words))
                .primary_key(
                    Index::create()
                        .col(SearchItems::Kind)
                        .col(SearchItems::ObjectId),
                )
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table(SearchTerms::Table).to_owned())
            .await?;
        m.exec_stmt(Query::delete().from_table(SearchPostings::Table).to_owned())
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
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
        .await?;
        // The old code's first start fills the rows and sets again from what is stored.
        m.drop_table(Table::drop().table(SearchItems::Table).to_owned())
            .await?;
        m.exec_stmt(Query::delete().from_table(SearchPostings::Table).to_owned())
            .await
    }
}
