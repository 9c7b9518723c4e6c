//! What administrators read: the audit log, settings and organisations.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::org::OrgKind;

/// Audit events, newest first, a page at a time.
pub const AUDIT_PAGE: u64 = 50;

/// The actions the audit log records, for its filter.
pub const AUDITED_ACTIONS: &[&str] = &[
    "login_success",
    "login_failure",
    "totp_failure",
    "totp_enabled",
    "totp_reset",
    "logout",
    "user_created",
    "invite_created",
    "invite_accepted",
    "role_change",
    "disable",
    "enable",
    "setting_change",
    "organisation_created",
    "organisation_updated",
    "password_change",
    "password_reset_issued",
    "password_reset",
    "redact",
    "translate",
    "state_published",
    "state_withheld",
    "state_spam",
    "state_reviewing",
    "reply",
    "promote",
    "recommendation_created",
    "recommendation_edited",
    "recommendation_published",
    "recommendation_merged",
    "forum_created",
    "forum_edited",
    "import",
    "response_added",
    "progress_added",
    "answer_drafted",
    "answer_approved",
    "answer_draft_discarded",
    "forum_set_published",
    "day_reordered",
    "day_priority",
    "day_merged",
    "day_tallies",
];

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    /// The actor's email.
    pub actor: Option<String>,
    pub action: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Keyset cursor: events older than this id.
    pub before: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    pub id: i64,
    /// UTC, to the minute.
    pub at: String,
    pub actor: Option<String>,
    pub action: String,
    pub object: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub rows: Vec<AuditRow>,
    pub next_before: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsView {
    pub require_totp_for_all: bool,
    pub anonymity_threshold: u32,
    /// N: days before a missing answer is overdue.
    pub overdue_after_days: u32,
    /// Days survivors' words and threads are kept after their last activity.
    pub retention_days: u32,
    pub csrf: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgRow {
    pub id: i32,
    pub code: String,
    pub name_km: String,
    pub name_en: String,
    pub kind: OrgKind,
    /// Its answers wait for a second official's approval.
    pub answers_need_approval: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationsView {
    pub organisations: Vec<OrgRow>,
    pub csrf: String,
}
