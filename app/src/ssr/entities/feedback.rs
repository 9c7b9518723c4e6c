use sea_orm::entity::prelude::*;

use crate::domain::feedback::ModerationState;

/// A survivor's anonymous account of one service. Random id and a day, never a time,
/// so that neither reveals the order of submissions.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "feedback")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub service_type: String,
    pub province: String,
    pub organisation_id: Option<i32>,
    pub ans_respect: String,
    pub ans_safe: String,
    pub ans_privacy: String,
    pub ans_rights: String,
    pub ans_choice: String,
    pub ans_helped: String,
    pub text_original: Option<String>,
    pub text_lang: Option<String>,
    pub text_redacted: Option<String>,
    pub text_translated: Option<String>,
    /// Flagged parts of the public copy a facilitator kept as not identifying, one per line.
    pub kept_flags: Option<String>,
    pub moderation_state: ModerationState,
    pub received_on: Date,
    /// A `Channel` code: how it came in.
    pub channel: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
