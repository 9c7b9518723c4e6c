use sea_orm::entity::prelude::*;

/// A recommendation as it stood after one edit: who made it, when, and every curated field
/// (JSON). Append-only: the database refuses changes and deletions.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "recommendation_revisions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub recommendation_id: i32,
    pub editor_id: Option<i32>,
    pub edited_at: DateTimeUtc,
    pub snapshot: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
