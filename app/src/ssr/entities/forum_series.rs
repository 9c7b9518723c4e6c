use sea_orm::entity::prelude::*;

/// Forums that meet again and again: an advisory council every quarter, a survivors'
/// network's yearly forum.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "forum_series")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name_km: Option<String>,
    pub name_en: Option<String>,
    pub original_lang: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
