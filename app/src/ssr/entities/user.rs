use sea_orm::entity::prelude::*;

use crate::domain::{digest::DigestEvery, role::Role};

/// A facilitator, official or admin. Survivors never have an account.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub organisation_id: Option<i32>,
    pub password_hash: String,
    pub totp_secret: Option<String>,
    pub disabled: bool,
    /// The last TOTP time step accepted, so a code cannot be used twice.
    pub totp_last_step: Option<i64>,
    pub created_at: DateTimeUtc,
    /// How often a facilitator hears what waits in moderation.
    pub digest: DigestEvery,
    /// The day (Cambodia) of the last daily email: a day, never a time.
    pub digest_sent_on: Option<Date>,
    /// A hash of what was waiting when last told, so the same list is not sent twice.
    pub digest_fingerprint: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
