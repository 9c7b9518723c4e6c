use sea_orm::entity::prelude::*;

use crate::domain::status::Stage;

/// A later word on how implementation is going. Append-only, like responses.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "progress_updates")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub recommendation_id: i32,
    pub organisation_id: i32,
    pub stage: Stage,
    pub note_km: Option<String>,
    pub note_en: Option<String>,
    pub original_lang: String,
    pub author_id: Option<i32>,
    pub reported_on: Date,
    /// The earlier entry of the same organisation this one corrects.
    pub corrects_id: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
