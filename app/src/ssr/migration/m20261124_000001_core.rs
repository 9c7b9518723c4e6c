//! The core model of PRODUCT.md. Shipped: add new migrations, never edit this one.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
    Code,
    NameKm,
    NameEn,
    OriginalLang,
    Kind,
    IsDemo,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Email,
    DisplayName,
    Role,
    OrganisationId,
    PasswordHash,
    TotpSecret,
    Disabled,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Forums {
    Table,
    Id,
    TitleKm,
    TitleEn,
    OriginalLang,
    Province,
    StartsOn,
    EndsOn,
    OrganisersKm,
    OrganisersEn,
    Participants,
    SummaryKm,
    SummaryEn,
    IsDemo,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Recommendations {
    Table,
    Id,
    Reference,
    ForumId,
    Source,
    Theme,
    TitleKm,
    TitleEn,
    BodyKm,
    BodyEn,
    OriginalLang,
    TranslationState,
    Status,
    PublishedOn,
    EarliestOpenDueOn,
    CanonicalId,
    IsDemo,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum RecommendationBodies {
    Table,
    RecommendationId,
    OrganisationId,
}

#[derive(DeriveIden)]
enum Responses {
    Table,
    Id,
    RecommendationId,
    OrganisationId,
    Position,
    TextKm,
    TextEn,
    OriginalLang,
    CommitmentKm,
    CommitmentEn,
    DueOn,
    AuthorId,
    RespondedOn,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ProgressUpdates {
    Table,
    Id,
    RecommendationId,
    OrganisationId,
    Stage,
    NoteKm,
    NoteEn,
    OriginalLang,
    AuthorId,
    ReportedOn,
    CreatedAt,
}

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
    CreatedOn,
}

#[derive(DeriveIden)]
enum Messages {
    Table,
    Id,
    ThreadId,
    AuthorKind,
    AuthorId,
    Body,
    SentOn,
}

#[derive(DeriveIden)]
enum AuditEvents {
    Table,
    Id,
    ActorId,
    Action,
    ObjectType,
    ObjectId,
    Detail,
    OccurredAt,
}

#[derive(DeriveIden)]
enum Settings {
    Table,
    Key,
    Value,
}

fn fk(
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(on_delete)
        .to_owned()
}

fn index(
    name: &str,
    table: impl IntoIden,
    cols: impl IntoIterator<Item = impl IntoIden>,
) -> IndexCreateStatement {
    let mut stmt = Index::create();
    stmt.name(name).table(table);
    for col in cols {
        stmt.col(col);
    }
    stmt.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, Restrict, SetNull};

        m.create_table(
            Table::create()
                .table(Organisations::Table)
                .col(pk_auto(Organisations::Id))
                .col(string_len_uniq(Organisations::Code, 64))
                .col(text_null(Organisations::NameKm))
                .col(text_null(Organisations::NameEn))
                .col(string_len(Organisations::OriginalLang, 2))
                .col(string_len(Organisations::Kind, 24))
                .col(boolean(Organisations::IsDemo).default(false))
                .col(timestamp_with_time_zone(Organisations::CreatedAt))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Users::Table)
                .col(pk_auto(Users::Id))
                .col(string_len_uniq(Users::Email, 254))
                .col(string_len(Users::DisplayName, 200))
                .col(string_len(Users::Role, 24))
                .col(integer_null(Users::OrganisationId))
                .col(text(Users::PasswordHash))
                .col(text_null(Users::TotpSecret))
                .col(boolean(Users::Disabled).default(false))
                .col(timestamp_with_time_zone(Users::CreatedAt))
                .foreign_key(&mut fk(
                    (Users::Table, Users::OrganisationId),
                    (Organisations::Table, Organisations::Id),
                    Restrict,
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Forums::Table)
                .col(pk_auto(Forums::Id))
                .col(text_null(Forums::TitleKm))
                .col(text_null(Forums::TitleEn))
                .col(string_len(Forums::OriginalLang, 2))
                .col(string_len(Forums::Province, 32))
                .col(date(Forums::StartsOn))
                .col(date(Forums::EndsOn))
                .col(text_null(Forums::OrganisersKm))
                .col(text_null(Forums::OrganisersEn))
                .col(integer_null(Forums::Participants))
                .col(text_null(Forums::SummaryKm))
                .col(text_null(Forums::SummaryEn))
                .col(boolean(Forums::IsDemo).default(false))
                .col(timestamp_with_time_zone(Forums::CreatedAt))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Recommendations::Table)
                .col(pk_auto(Recommendations::Id))
                .col(string_len_uniq(Recommendations::Reference, 32))
                .col(integer_null(Recommendations::ForumId))
                .col(string_len(Recommendations::Source, 24))
                .col(string_len(Recommendations::Theme, 24))
                .col(text_null(Recommendations::TitleKm))
                .col(text_null(Recommendations::TitleEn))
                .col(text_null(Recommendations::BodyKm))
                .col(text_null(Recommendations::BodyEn))
                .col(string_len(Recommendations::OriginalLang, 2))
                .col(string_len(Recommendations::TranslationState, 16))
                .col(string_len(Recommendations::Status, 24))
                .col(date_null(Recommendations::PublishedOn))
                .col(date_null(Recommendations::EarliestOpenDueOn))
                .col(integer_null(Recommendations::CanonicalId))
                .col(boolean(Recommendations::IsDemo).default(false))
                .col(timestamp_with_time_zone(Recommendations::CreatedAt))
                .col(timestamp_with_time_zone(Recommendations::UpdatedAt))
                .foreign_key(&mut fk(
                    (Recommendations::Table, Recommendations::ForumId),
                    (Forums::Table, Forums::Id),
                    Restrict,
                ))
                .foreign_key(&mut fk(
                    (Recommendations::Table, Recommendations::CanonicalId),
                    (Recommendations::Table, Recommendations::Id),
                    SetNull,
                ))
                .to_owned(),
        )
        .await?;
        // The tracker pages newest first within each filter (keyset on id).
        for (name, col) in [
            ("idx_recommendations_status", Recommendations::Status),
            ("idx_recommendations_theme", Recommendations::Theme),
            ("idx_recommendations_forum", Recommendations::ForumId),
        ] {
            m.create_index(index(
                name,
                Recommendations::Table,
                [col, Recommendations::Id],
            ))
            .await?;
        }

        m.create_table(
            Table::create()
                .table(RecommendationBodies::Table)
                .col(integer(RecommendationBodies::RecommendationId))
                .col(integer(RecommendationBodies::OrganisationId))
                .primary_key(
                    Index::create()
                        .col(RecommendationBodies::RecommendationId)
                        .col(RecommendationBodies::OrganisationId),
                )
                .foreign_key(&mut fk(
                    (
                        RecommendationBodies::Table,
                        RecommendationBodies::RecommendationId,
                    ),
                    (Recommendations::Table, Recommendations::Id),
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    (
                        RecommendationBodies::Table,
                        RecommendationBodies::OrganisationId,
                    ),
                    (Organisations::Table, Organisations::Id),
                    Restrict,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_recommendation_bodies_org",
            RecommendationBodies::Table,
            [
                RecommendationBodies::OrganisationId,
                RecommendationBodies::RecommendationId,
            ],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(Responses::Table)
                .col(pk_auto(Responses::Id))
                .col(integer(Responses::RecommendationId))
                .col(integer(Responses::OrganisationId))
                .col(string_len(Responses::Position, 24))
                .col(text_null(Responses::TextKm))
                .col(text_null(Responses::TextEn))
                .col(string_len(Responses::OriginalLang, 2))
                .col(text_null(Responses::CommitmentKm))
                .col(text_null(Responses::CommitmentEn))
                .col(date_null(Responses::DueOn))
                .col(integer_null(Responses::AuthorId))
                .col(date(Responses::RespondedOn))
                .col(timestamp_with_time_zone(Responses::CreatedAt))
                .foreign_key(&mut fk(
                    (Responses::Table, Responses::RecommendationId),
                    (Recommendations::Table, Recommendations::Id),
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    (Responses::Table, Responses::OrganisationId),
                    (Organisations::Table, Organisations::Id),
                    Restrict,
                ))
                .foreign_key(&mut fk(
                    (Responses::Table, Responses::AuthorId),
                    (Users::Table, Users::Id),
                    SetNull,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_responses_recommendation",
            Responses::Table,
            [Responses::RecommendationId, Responses::RespondedOn],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(ProgressUpdates::Table)
                .col(pk_auto(ProgressUpdates::Id))
                .col(integer(ProgressUpdates::RecommendationId))
                .col(integer(ProgressUpdates::OrganisationId))
                .col(string_len(ProgressUpdates::Stage, 24))
                .col(text_null(ProgressUpdates::NoteKm))
                .col(text_null(ProgressUpdates::NoteEn))
                .col(string_len(ProgressUpdates::OriginalLang, 2))
                .col(integer_null(ProgressUpdates::AuthorId))
                .col(date(ProgressUpdates::ReportedOn))
                .col(timestamp_with_time_zone(ProgressUpdates::CreatedAt))
                .foreign_key(&mut fk(
                    (ProgressUpdates::Table, ProgressUpdates::RecommendationId),
                    (Recommendations::Table, Recommendations::Id),
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    (ProgressUpdates::Table, ProgressUpdates::OrganisationId),
                    (Organisations::Table, Organisations::Id),
                    Restrict,
                ))
                .foreign_key(&mut fk(
                    (ProgressUpdates::Table, ProgressUpdates::AuthorId),
                    (Users::Table, Users::Id),
                    SetNull,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_progress_updates_recommendation",
            ProgressUpdates::Table,
            [
                ProgressUpdates::RecommendationId,
                ProgressUpdates::ReportedOn,
            ],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(Feedback::Table)
                .col(pk_uuid(Feedback::Id))
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
                .foreign_key(&mut fk(
                    (Feedback::Table, Feedback::OrganisationId),
                    (Organisations::Table, Organisations::Id),
                    Restrict,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_feedback_moderation",
            Feedback::Table,
            [Feedback::ModerationState, Feedback::ReceivedOn],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(Proposals::Table)
                .col(pk_uuid(Proposals::Id))
                .col(string_len(Proposals::Theme, 24))
                .col(text(Proposals::TextOriginal))
                .col(string_len(Proposals::TextLang, 2))
                .col(text_null(Proposals::TextRedacted))
                .col(string_len(Proposals::ModerationState, 16))
                .col(date(Proposals::ReceivedOn))
                .col(integer_null(Proposals::RecommendationId))
                .foreign_key(&mut fk(
                    (Proposals::Table, Proposals::RecommendationId),
                    (Recommendations::Table, Recommendations::Id),
                    SetNull,
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Threads::Table)
                .col(pk_uuid(Threads::Id))
                .col(string_len_uniq(Threads::ReceiptHash, 128))
                .col(uuid_null(Threads::FeedbackId))
                .col(uuid_null(Threads::ProposalId))
                .col(date(Threads::CreatedOn))
                .foreign_key(&mut fk(
                    (Threads::Table, Threads::FeedbackId),
                    (Feedback::Table, Feedback::Id),
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    (Threads::Table, Threads::ProposalId),
                    (Proposals::Table, Proposals::Id),
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Messages::Table)
                .col(big_pk_auto(Messages::Id))
                .col(uuid(Messages::ThreadId))
                .col(string_len(Messages::AuthorKind, 16))
                .col(integer_null(Messages::AuthorId))
                .col(text(Messages::Body))
                .col(date(Messages::SentOn))
                .foreign_key(&mut fk(
                    (Messages::Table, Messages::ThreadId),
                    (Threads::Table, Threads::Id),
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    (Messages::Table, Messages::AuthorId),
                    (Users::Table, Users::Id),
                    SetNull,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_messages_thread",
            Messages::Table,
            [Messages::ThreadId, Messages::Id],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(AuditEvents::Table)
                .col(big_pk_auto(AuditEvents::Id))
                .col(integer_null(AuditEvents::ActorId))
                .col(string_len(AuditEvents::Action, 64))
                .col(string_len(AuditEvents::ObjectType, 64))
                .col(string_len(AuditEvents::ObjectId, 64))
                .col(text_null(AuditEvents::Detail))
                .col(timestamp_with_time_zone(AuditEvents::OccurredAt))
                .foreign_key(&mut fk(
                    (AuditEvents::Table, AuditEvents::ActorId),
                    (Users::Table, Users::Id),
                    SetNull,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_audit_events_actor",
            AuditEvents::Table,
            [AuditEvents::ActorId, AuditEvents::OccurredAt],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(Settings::Table)
                .col(string_len(Settings::Key, 64).primary_key())
                .col(text(Settings::Value))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Settings::Table.into_iden(),
            AuditEvents::Table.into_iden(),
            Messages::Table.into_iden(),
            Threads::Table.into_iden(),
            Proposals::Table.into_iden(),
            Feedback::Table.into_iden(),
            ProgressUpdates::Table.into_iden(),
            Responses::Table.into_iden(),
            RecommendationBodies::Table.into_iden(),
            Recommendations::Table.into_iden(),
            Forums::Table.into_iden(),
            Users::Table.into_iden(),
            Organisations::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
