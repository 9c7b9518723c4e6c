use sea_orm::entity::prelude::*;

/// A private conversation reached only with a receipt code (stored as a slow hash).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "threads")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub receipt_hash: String,
    pub feedback_id: Option<Uuid>,
    pub proposal_id: Option<Uuid>,
    /// The survivor wrote last and waits for an answer.
    pub survivor_waiting: bool,
    pub created_on: Date,
    /// The day of its last message or decision: the retention period runs from here.
    pub active_on: Option<Date>,
    /// The day its words were deleted, the retention period having passed.
    pub expired_on: Option<Date>,
    /// The recommendations she follows and the day of her last visit, sealed (see
    /// `store::follows`).
    pub follows: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
