//! One table for every one-time link (invitations and password resets): the same token
//! rules, one code path. Every link, used or not, moves across with its hash, so a link sent
//! before the upgrade still works after it; then the two old tables go.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OneTimeLinks {
    Table,
    Id,
    Purpose,
    TokenHash,
    Email,
    Role,
    OrganisationId,
    UserId,
    MadeBy,
    ExpiresAt,
    UsedAt,
    CreatedAt,
    NeedsApproval,
    ApprovedBy,
    ApprovedAt,
}

#[derive(DeriveIden)]
enum Invites {
    Table,
}

#[derive(DeriveIden)]
enum PasswordResets {
    Table,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(OneTimeLinks::Table)
                .col(pk_auto(OneTimeLinks::Id))
                .col(string_len(OneTimeLinks::Purpose, 32))
                .col(string_len_uniq(OneTimeLinks::TokenHash, 128))
                .col(string_null(OneTimeLinks::Email))
                .col(string_len_null(OneTimeLinks::Role, 32))
                .col(integer_null(OneTimeLinks::OrganisationId))
                .col(integer_null(OneTimeLinks::UserId))
                .col(integer_null(OneTimeLinks::MadeBy))
                .col(timestamp_with_time_zone(OneTimeLinks::ExpiresAt))
                .col(timestamp_with_time_zone_null(OneTimeLinks::UsedAt))
                .col(timestamp_with_time_zone(OneTimeLinks::CreatedAt))
                .col(boolean(OneTimeLinks::NeedsApproval).default(false))
                .col(integer_null(OneTimeLinks::ApprovedBy))
                .col(timestamp_with_time_zone_null(OneTimeLinks::ApprovedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(OneTimeLinks::Table, OneTimeLinks::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        db.execute_unprepared(
            "INSERT INTO one_time_links (purpose, token_hash, email, role, organisation_id, \
             made_by, expires_at, used_at, created_at, needs_approval, approved_by, approved_at) \
             SELECT 'invitation', token_hash, email, role, organisation_id, invited_by, \
             expires_at, used_at, created_at, needs_approval, approved_by, approved_at \
             FROM invites ORDER BY id",
        )
        .await?;
        db.execute_unprepared(
            "INSERT INTO one_time_links (purpose, token_hash, user_id, made_by, expires_at, \
             used_at, created_at, needs_approval) \
             SELECT 'password_reset', token_hash, user_id, issued_by, expires_at, used_at, \
             created_at, FALSE FROM password_resets ORDER BY id",
        )
        .await?;
        m.drop_table(Table::drop().table(Invites::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(PasswordResets::Table).to_owned())
            .await
    }

    async fn down(&self, _: &SchemaManager) -> Result<(), DbErr> {
        // Forward only: the two old tables' rows live on in `one_time_links`.
        Err(DbErr::Migration(
            "one_time_links cannot be split back into invites and password_resets".into(),
        ))
    }
}
