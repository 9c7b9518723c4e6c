use sea_orm::entity::prelude::*;

use crate::domain::{
    curation::{Source, TranslationState},
    status::Status,
    theme::Theme,
};

/// One ask. `status` and `earliest_open_due_on` are derived from responses and
/// progress updates and kept here so the tracker can filter and page in SQL.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "recommendations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub reference: String,
    pub forum_id: Option<i32>,
    pub source: Source,
    pub theme: Theme,
    pub title_km: Option<String>,
    pub title_en: Option<String>,
    pub body_km: Option<String>,
    pub body_en: Option<String>,
    pub original_lang: String,
    pub translation_state: TranslationState,
    pub status: Status,
    pub published_on: Option<Date>,
    pub earliest_open_due_on: Option<Date>,
    pub canonical_id: Option<i32>,
    pub is_demo: bool,
    /// On a forum's day: the discussion group a draft came from, the facilitators' order,
    /// and whether it is one of the day's priorities.
    pub discussion_group: Option<String>,
    pub day_order: Option<i32>,
    pub is_priority: bool,
    /// The votes it got on its day on paper (the facilitator's tallies): a count, never who.
    pub day_votes: i32,
    /// The votes cast on participants' phones through the forum's venue link: a count.
    pub phone_votes: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
