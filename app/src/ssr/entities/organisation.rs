use sea_orm::entity::prelude::*;

use crate::domain::org::OrgKind;

/// A body that receives recommendations or runs services.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "organisations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub code: String,
    pub name_km: Option<String>,
    pub name_en: Option<String>,
    pub original_lang: String,
    pub kind: OrgKind,
    pub is_demo: bool,
    /// Its officials' answers wait for a second official's approval before they publish.
    pub answers_need_approval: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
