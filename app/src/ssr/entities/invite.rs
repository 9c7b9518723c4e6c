use sea_orm::entity::prelude::*;

use crate::domain::role::Role;

/// A one-time invitation link. Only the hash of its token is kept.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "invites")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub token_hash: String,
    pub email: String,
    pub role: Role,
    pub organisation_id: Option<i32>,
    pub invited_by: Option<i32>,
    pub expires_at: DateTimeUtc,
    pub used_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    /// Asked for by a facilitator: the link works only once an administrator approves.
    pub needs_approval: bool,
    pub approved_by: Option<i32>,
    pub approved_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
