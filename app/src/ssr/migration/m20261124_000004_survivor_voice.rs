//! The anonymous tables in their final shape. No route wrote them before this migration,
//! so they are dropped and made again:
//! - On SQLite they become `WITHOUT ROWID` tables, stored in the order of their random ids:
//!   a hidden rowid would otherwise number submissions in the order they arrived.
//! - Messages get a random id and a place in their own thread (`seq`) instead of a number
//!   counted across all threads, which would order threads against each other.
//! - Threads remember whether the survivor is waiting for an answer; proposals get a
//!   translation like feedback has.
use sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::{
    prelude::*,
    schema::*,
    sea_query::{PostgresQueryBuilder, SqliteQueryBuilder},
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Feedback {
    Table,
    Id,
    ServiceType,
    Province,
    OrganisationId,
    AnsRespect,
    AnsSafe,
    AnsPrivacy,
    AnsRights,
    AnsChoice,
    AnsHelped,
    TextOriginal,
    TextLang,
    TextRedacted,
    TextTranslated,
    ModerationState,
    ReceivedOn,
}

#[derive(DeriveIden)]
enum Proposals {
    Table,
    Id,
    Theme,
    TextOriginal,
    TextLang,
    TextRedacted,
    TextTranslated,
    ModerationState,
    ReceivedOn,
    RecommendationId,
}

#[derive(DeriveIden)]
enum Threads {
    Table,
    Id,
    ReceiptHash,
    FeedbackId,
    ProposalId,
    SurvivorWaiting,
    CreatedOn,
}

#[derive(DeriveIden)]
enum Messages {
    Table,
    Id,
    ThreadId,
    Seq,
    AuthorKind,
    AuthorId,
    Body,
    SentOn,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Recommendations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

fn fk(
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .to_owned()
}

/// Creates `table`; on SQLite without a rowid, so rows are kept in random-id order.
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
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for index in ["idx_messages_thread", "idx_feedback_moderation"] {
            m.get_connection()
                .execute_unprepared(&format!("DROP INDEX IF EXISTS {index}"))
                .await?;
        }
        for table in [
            Messages::Table.into_iden(),
            Threads::Table.into_iden(),
            Proposals::Table.into_iden(),
            Feedback::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }

        create_unordered(
            m,
            Table::create()
                .table(Feedback::Table)
                .col(uuid(Feedback::Id).primary_key())
                .col(string_len(Feedback::ServiceType, 32))
                .col(string_len(Feedback::Province, 32))
                .col(integer_null(Feedback::OrganisationId))
                .col(string_len(Feedback::AnsRespect, 16))
                .col(string_len(Feedback::AnsSafe, 16))
                .col(string_len(Feedback::AnsPrivacy, 16))
                .col(string_len(Feedback::AnsRights, 16))
                .col(string_len(Feedback::AnsChoice, 16))
                .col(string_len(Feedback::AnsHelped, 16))
                .col(text_null(Feedback::TextOriginal))
                .col(string_len_null(Feedback::TextLang, 2))
                .col(text_null(Feedback::TextRedacted))
                .col(text_null(Feedback::TextTranslated))
                .col(string_len(Feedback::ModerationState, 16))
                .col(date(Feedback::ReceivedOn))
                .foreign_key(
                    &mut fk(
                        (Feedback::Table, Feedback::OrganisationId),
                        (Organisations::Table, Organisations::Id),
                    )
                    .on_delete(ForeignKeyAction::Restrict)
                    .to_owned(),
                )
                .to_owned(),
        )
        .await?;
        for (name, cols) in [
            (
                "ix_feedback_state_day",
                vec![Feedback::ModerationState, Feedback::ReceivedOn],
            ),
            (
                "ix_feedback_service_province",
                vec![Feedback::ServiceType, Feedback::Province],
            ),
            (
                "ix_feedback_organisation_service",
                vec![Feedback::OrganisationId, Feedback::ServiceType],
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(Feedback::Table);
            for col in cols {
                index.col(col);
            }
            m.create_index(index.to_owned()).await?;
        }

        create_unordered(
            m,
            Table::create()
                .table(Proposals::Table)
                .col(uuid(Proposals::Id).primary_key())
                .col(string_len(Proposals::Theme, 24))
                .col(text(Proposals::TextOriginal))
                .col(string_len(Proposals::TextLang, 2))
                .col(text_null(Proposals::TextRedacted))
                .col(text_null(Proposals::TextTranslated))
                .col(string_len(Proposals::ModerationState, 16))
                .col(date(Proposals::ReceivedOn))
                .col(integer_null(Proposals::RecommendationId))
                .foreign_key(
                    &mut fk(
                        (Proposals::Table, Proposals::RecommendationId),
                        (Recommendations::Table, Recommendations::Id),
                    )
                    .on_delete(ForeignKeyAction::SetNull)
                    .to_owned(),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_proposals_state_day")
                .table(Proposals::Table)
                .col(Proposals::ModerationState)
                .col(Proposals::ReceivedOn)
                .to_owned(),
        )
        .await?;

        create_unordered(
            m,
            Table::create()
                .table(Threads::Table)
                .col(uuid(Threads::Id).primary_key())
                .col(string_len_uniq(Threads::ReceiptHash, 128))
                .col(uuid_null(Threads::FeedbackId))
                .col(uuid_null(Threads::ProposalId))
                .col(boolean(Threads::SurvivorWaiting).default(false))
                .col(date(Threads::CreatedOn))
                .foreign_key(
                    &mut fk(
                        (Threads::Table, Threads::FeedbackId),
                        (Feedback::Table, Feedback::Id),
                    )
                    .on_delete(ForeignKeyAction::Cascade)
                    .to_owned(),
                )
                .foreign_key(
                    &mut fk(
                        (Threads::Table, Threads::ProposalId),
                        (Proposals::Table, Proposals::Id),
                    )
                    .on_delete(ForeignKeyAction::Cascade)
                    .to_owned(),
                )
                .to_owned(),
        )
        .await?;
        for (name, col) in [
            ("ix_threads_feedback", Threads::FeedbackId),
            ("ix_threads_proposal", Threads::ProposalId),
        ] {
            m.create_index(
                Index::create()
                    .name(name)
                    .table(Threads::Table)
                    .col(col)
                    .to_owned(),
            )
            .await?;
        }

        create_unordered(
            m,
            Table::create()
                .table(Messages::Table)
                .col(uuid(Messages::Id).primary_key())
                .col(uuid(Messages::ThreadId))
                .col(integer(Messages::Seq))
                .col(string_len(Messages::AuthorKind, 16))
                .col(integer_null(Messages::AuthorId))
                .col(text(Messages::Body))
                .col(date(Messages::SentOn))
                .foreign_key(
                    &mut fk(
                        (Messages::Table, Messages::ThreadId),
                        (Threads::Table, Threads::Id),
                    )
                    .on_delete(ForeignKeyAction::Cascade)
                    .to_owned(),
                )
                .foreign_key(
                    &mut fk(
                        (Messages::Table, Messages::AuthorId),
                        (Users::Table, Users::Id),
                    )
                    .on_delete(ForeignKeyAction::SetNull)
                    .to_owned(),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_messages_thread_seq")
                .table(Messages::Table)
                .col(Messages::ThreadId)
                .col(Messages::Seq)
                .unique()
                .to_owned(),
        )
        .await
    }

    /// Nothing to undo by hand: the tables keep their names, and the core migration's `down`
    /// drops them.
    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Ok(())
    }
}
