//! Survivors' word on "implemented": each answer (with words for moderation, sealed like
//! feedback's), running counts per recommendation and the counts as released in steps of K,
//! and the receipt codes that have answered (as opaque keyed tokens, linked to nothing).
use sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::{
    prelude::*,
    schema::*,
    sea_query::{PostgresQueryBuilder, SqliteQueryBuilder},
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ClaimChecks {
    Table,
    Id,
    RecommendationId,
    Verdict,
    TextOriginal,
    TextLang,
    TextRedacted,
    TextTranslated,
    KeptFlags,
    ModerationState,
    ReceivedOn,
}

#[derive(DeriveIden)]
enum ClaimCheckReceipts {
    Table,
    Token,
}

#[derive(DeriveIden)]
enum Recommendations {
    Table,
    Id,
}

/// The two tables of counts: running, and as released.
pub const TALLIES: [&str; 2] = ["claim_check_tallies", "claim_check_tallies_released"];

fn counts(name: &str) -> TableCreateStatement {
    Table::create()
        .table(Alias::new(name))
        .col(integer(Alias::new("recommendation_id")).primary_key())
        .col(big_integer(Alias::new("people")).default(0))
        .col(big_integer(Alias::new("said_yes")).default(0))
        .col(big_integer(Alias::new("said_partly")).default(0))
        .col(big_integer(Alias::new("said_no")).default(0))
        .col(big_integer(Alias::new("said_dont_know")).default(0))
        .to_owned()
}

/// Creates `table`; on SQLite without a rowid, so rows are kept in random-id order and
/// nothing numbers answers (or the codes that answered) in the order they came.
async fn create_unordered(m: &SchemaManager<'_>, table: TableCreateStatement) -> Result<(), DbErr> {
    let db = m.get_connection();
    let sql = match db.get_database_backend() {
        DbBackend::Sqlite => format!("{} WITHOUT ROWID", table.to_string(SqliteQueryBuilder)),
        _ => table.to_string(PostgresQueryBuilder),
    };
    db.execute_unprepared(&sql).await.map(|_| ())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_unordered(
            manager,
            Table::create()
                .table(ClaimChecks::Table)
                .col(uuid(ClaimChecks::Id).primary_key())
                .col(integer(ClaimChecks::RecommendationId))
                .col(string_len(ClaimChecks::Verdict, 16))
                .col(text_null(ClaimChecks::TextOriginal))
                .col(string_len_null(ClaimChecks::TextLang, 2))
                .col(text_null(ClaimChecks::TextRedacted))
                .col(text_null(ClaimChecks::TextTranslated))
                .col(text_null(ClaimChecks::KeptFlags))
                .col(string_len(ClaimChecks::ModerationState, 16))
                .col(date(ClaimChecks::ReceivedOn))
                .foreign_key(
                    ForeignKey::create()
                        .from(ClaimChecks::Table, ClaimChecks::RecommendationId)
                        .to(Recommendations::Table, Recommendations::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_claim_checks_state_day")
                    .table(ClaimChecks::Table)
                    .col(ClaimChecks::ModerationState)
                    .col(ClaimChecks::ReceivedOn)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_claim_checks_recommendation")
                    .table(ClaimChecks::Table)
                    .col(ClaimChecks::RecommendationId)
                    .to_owned(),
            )
            .await?;
        for name in TALLIES {
            manager.create_table(counts(name)).await?;
        }
        create_unordered(
            manager,
            Table::create()
                .table(ClaimCheckReceipts::Table)
                .col(string_len(ClaimCheckReceipts::Token, 64).primary_key())
                .to_owned(),
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in TALLIES {
            manager
                .drop_table(Table::drop().table(Alias::new(name)).to_owned())
                .await?;
        }
        for table in [
            ClaimCheckReceipts::Table.into_iden(),
            ClaimChecks::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
