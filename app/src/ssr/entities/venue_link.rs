use sea_orm::entity::prelude::*;

/// A time-boxed link under which a venue's survivors are not held back by the per-address
/// limits. Only the token's hash and a count are kept.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "venue_links")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub token_hash: String,
    pub label: String,
    pub expires_at: DateTimeUtc,
    pub max_submissions: i32,
    pub used: i32,
    pub closed_at: Option<DateTimeUtc>,
    pub created_by: Option<i32>,
    /// The forum whose drafts the link also opens a ballot for, on its day.
    pub forum_id: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
