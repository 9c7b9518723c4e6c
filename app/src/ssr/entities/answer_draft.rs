use sea_orm::entity::prelude::*;

/// An official's answer waiting for a second official of the same organisation to approve
/// it. Never public: approval moves it into `responses` or `progress_updates`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "answer_drafts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub recommendation_id: i32,
    pub organisation_id: i32,
    /// "response" or "progress".
    pub kind: String,
    /// The form as typed (`AnswerInput` as JSON): checked again on the day it is approved.
    #[sea_orm(column_type = "Text")]
    pub input: String,
    pub author_id: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
