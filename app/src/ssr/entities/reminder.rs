use sea_orm::entity::prelude::*;

/// A reminder that was sent to an organisation's officials, so it is sent only once.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reminders")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub recommendation_id: i32,
    pub organisation_id: i32,
    /// `addressed`, `response_overdue` or `commitment_overdue`.
    pub kind: String,
    /// The due date it was about, `YYYY-MM-DD`, or empty.
    pub due_on: String,
    pub sent_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
