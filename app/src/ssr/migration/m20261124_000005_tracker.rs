//! The tracker's history and reminders:
//! - every edit of a recommendation is kept as a revision (who, when, the fields after it);
//! - responses and progress updates may say which earlier entry they correct, and the
//!   database itself refuses to change or delete them (and revisions): history is append-only;
//! - reminders remember what was sent, so each is sent once.
use sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RecommendationRevisions {
    Table,
    Id,
    RecommendationId,
    EditorId,
    EditedAt,
    Snapshot,
}

#[derive(DeriveIden)]
enum Reminders {
    Table,
    Id,
    RecommendationId,
    OrganisationId,
    Kind,
    DueOn,
    SentAt,
}

#[derive(DeriveIden)]
enum Responses {
    Table,
    CorrectsId,
}

#[derive(DeriveIden)]
enum ProgressUpdates {
    Table,
    CorrectsId,
}

#[derive(DeriveIden)]
enum Recommendations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

/// Tables whose rows are never changed or deleted once written.
const APPEND_ONLY: [&str; 3] = ["responses", "progress_updates", "recommendation_revisions"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RecommendationRevisions::Table)
                    .col(pk_auto(RecommendationRevisions::Id))
                    .col(integer(RecommendationRevisions::RecommendationId))
                    .col(integer_null(RecommendationRevisions::EditorId))
                    .col(timestamp_with_time_zone(RecommendationRevisions::EditedAt))
                    .col(text(RecommendationRevisions::Snapshot))
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                RecommendationRevisions::Table,
                                RecommendationRevisions::RecommendationId,
                            )
                            .to(Recommendations::Table, Recommendations::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                RecommendationRevisions::Table,
                                RecommendationRevisions::EditorId,
                            )
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_revisions_recommendation")
                    .table(RecommendationRevisions::Table)
                    .col(RecommendationRevisions::RecommendationId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Reminders::Table)
                    .col(pk_auto(Reminders::Id))
                    .col(integer(Reminders::RecommendationId))
                    .col(integer(Reminders::OrganisationId))
                    .col(string_len(Reminders::Kind, 32))
                    // The due date the reminder was about ("" for none): a new date is a new reminder.
                    .col(string_len(Reminders::DueOn, 10))
                    .col(timestamp_with_time_zone(Reminders::SentAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Reminders::Table, Reminders::RecommendationId)
                            .to(Recommendations::Table, Recommendations::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Reminders::Table, Reminders::OrganisationId)
                            .to(Organisations::Table, Organisations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_reminders_once")
                    .table(Reminders::Table)
                    .col(Reminders::RecommendationId)
                    .col(Reminders::OrganisationId)
                    .col(Reminders::Kind)
                    .col(Reminders::DueOn)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Responses::Table)
                    .add_column(integer_null(Responses::CorrectsId))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(ProgressUpdates::Table)
                    .add_column(integer_null(ProgressUpdates::CorrectsId))
                    .to_owned(),
            )
            .await?;

        let db = manager.get_connection();
        if db.get_database_backend() == DbBackend::Postgres {
            db.execute_unprepared(
                "CREATE FUNCTION samleng_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ \
                 BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$",
            )
            .await?;
        }
        for table in APPEND_ONLY {
            if db.get_database_backend() == DbBackend::Postgres {
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} \
                     FOR EACH ROW EXECUTE FUNCTION samleng_append_only()"
                ))
                .await?;
            } else {
                for verb in ["UPDATE", "DELETE"] {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER {table}_no_{verb} BEFORE {verb} ON {table} \
                         BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
                    ))
                    .await?;
                }
            }
        }
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration(
            "the tracker history is append-only; restore a backup instead".into(),
        ))
    }
}
