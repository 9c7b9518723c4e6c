use sea_orm::entity::prelude::*;

use crate::domain::feedback::ModerationState;

/// A survivor's anonymous word on whether a recommendation's "implemented" (or an overdue
/// commitment) is true where they are. Random id and a day, never a time; nothing about who
/// sent it, and no link to any receipt.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "claim_checks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub recommendation_id: i32,
    /// A `Verdict` code.
    pub verdict: String,
    /// Sealed, like feedback's words.
    pub text_original: Option<String>,
    pub text_lang: Option<String>,
    pub text_redacted: Option<String>,
    pub text_translated: Option<String>,
    /// Flagged parts of the public copy a facilitator kept as not identifying, one per line.
    pub kept_flags: Option<String>,
    pub moderation_state: ModerationState,
    pub received_on: Date,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
