use sea_orm::entity::prelude::*;

use crate::domain::{link::LinkPurpose, role::Role};

/// A one-time link: an invitation (email, role, organisation; an official's asked for by a
/// facilitator waits for an administrator) or a password reset (the account). Only the hash
/// of its token is kept.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "one_time_links")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub purpose: LinkPurpose,
    #[sea_orm(unique)]
    pub token_hash: String,
    pub email: Option<String>,
    pub role: Option<Role>,
    pub organisation_id: Option<i32>,
    /// The account a password reset is for.
    pub user_id: Option<i32>,
    pub made_by: Option<i32>,
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
