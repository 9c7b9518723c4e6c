use sea_orm::entity::prelude::*;

use crate::domain::theme::Theme;

use crate::domain::feedback::ModerationState;

/// A recommendation a survivor proposed anonymously.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "proposals")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub theme: Theme,
    pub text_original: String,
    pub text_lang: String,
    pub text_redacted: Option<String>,
    pub text_translated: Option<String>,
    /// Flagged parts of the public copy a facilitator kept as not identifying, one per line.
    pub kept_flags: Option<String>,
    pub moderation_state: ModerationState,
    pub received_on: Date,
    pub recommendation_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
