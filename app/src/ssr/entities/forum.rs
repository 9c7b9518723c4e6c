use sea_orm::entity::prelude::*;

use crate::domain::forum::ForumKind;

/// A gathering where recommendations were made: a survivor forum, an advisory council's
/// meeting, a consultation. A draft until published.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "forums")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub title_km: Option<String>,
    pub title_en: Option<String>,
    pub original_lang: String,
    pub province: String,
    pub starts_on: Date,
    pub ends_on: Date,
    pub organisers_km: Option<String>,
    pub organisers_en: Option<String>,
    pub participants: Option<i32>,
    pub summary_km: Option<String>,
    pub summary_en: Option<String>,
    pub is_demo: bool,
    pub kind: ForumKind,
    pub series_id: Option<i32>,
    /// Who came, by group: counts, never names.
    pub survivors_present: Option<i32>,
    pub government_present: Option<i32>,
    pub ngos_present: Option<i32>,
    pub donors_present: Option<i32>,
    pub minutes_km: Option<String>,
    pub minutes_en: Option<String>,
    pub created_at: DateTimeUtc,
    /// `None` while a draft (or once withdrawn): only published forums are public.
    pub published_at: Option<DateTimeUtc>,
}

/// Forums the public may see.
pub fn public() -> sea_orm::Condition {
    sea_orm::Condition::all().add(Column::PublishedAt.is_not_null())
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
