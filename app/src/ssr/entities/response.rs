use sea_orm::entity::prelude::*;

use crate::domain::status::Position;

/// An organisation's answer to a recommendation. Append-only (the database refuses changes): a
/// correction is a new row naming the one it corrects.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "responses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub recommendation_id: i32,
    pub organisation_id: i32,
    pub position: Position,
    pub text_km: Option<String>,
    pub text_en: Option<String>,
    pub original_lang: String,
    pub commitment_km: Option<String>,
    pub commitment_en: Option<String>,
    pub due_on: Option<Date>,
    pub author_id: Option<i32>,
    pub responded_on: Date,
    /// The earlier entry of the same organisation this one corrects.
    pub corrects_id: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
