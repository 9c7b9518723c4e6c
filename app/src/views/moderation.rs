//! What facilitators read when they moderate anonymous feedback, proposals and survivors'
//! words on claims. Only they see a survivor's original words; everyone else sees the
//! redacted copy, once published.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::survivor::ThreadMessage;
use crate::domain::{
    bilingual::Bilingual,
    feedback::{Answer, ModerationState},
    lang::Lang,
    redaction::Kind,
};

/// Rows per page of the queue.
pub const QUEUE_PAGE: u64 = 50;

/// Feedback or a proposal, as it appears in addresses and forms ("feedback", "proposal").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ItemKind {
    Feedback,
    Proposal,
    /// A survivor's word on whether a claim is true, with words to moderate.
    Check,
}

impl ItemKind {
    pub fn code(self) -> &'static str {
        match self {
            ItemKind::Feedback => "feedback",
            ItemKind::Proposal => "proposal",
            ItemKind::Check => "check",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "feedback" => Some(ItemKind::Feedback),
            "proposal" => Some(ItemKind::Proposal),
            "check" => Some(ItemKind::Check),
            _ => None,
        }
    }
}

/// The queue's filters, all optional. No state means the open ones (new and being reviewed).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct QueueFilter {
    pub kind: Option<String>,
    pub state: Option<String>,
    pub service: Option<String>,
    pub province: Option<String>,
    /// Only threads where the survivor wrote last.
    pub waiting: bool,
    pub page: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct QueueRow {
    pub kind: ItemKind,
    pub id: String,
    pub received_on: NaiveDate,
    pub state: ModerationState,
    /// Fluent key of the service (feedback) or theme (proposal).
    pub about_key: String,
    pub province_key: Option<String>,
    /// The first words of the original text.
    pub excerpt: Option<String>,
    pub survivor_waiting: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuePage {
    pub rows: Vec<QueueRow>,
    pub has_more: bool,
    pub csrf: String,
}

/// One item, whole, for the facilitator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemView {
    pub kind: ItemKind,
    pub id: String,
    pub received_on: NaiveDate,
    pub state: ModerationState,
    pub about_key: String,
    pub province_key: Option<String>,
    pub organisation: Option<Bilingual>,
    /// (question label key, answer) for feedback.
    pub answers: Vec<(String, Answer)>,
    pub original: Option<String>,
    pub original_lang: Option<Lang>,
    /// The copy others may read once published (None until redacted or published).
    pub redacted: Option<String>,
    pub translated: Option<String>,
    pub suggestions: Vec<(String, Kind)>,
    /// Flags in the copy that would be published that nobody has hidden or kept yet:
    /// publishing waits for a decision on each (the publication gate).
    pub undecided: Vec<(String, Kind)>,
    pub messages: Vec<ThreadMessage>,
    /// For a proposal made into a draft recommendation, or a survivor's word on a claim:
    /// that recommendation's reference.
    pub recommendation_reference: Option<String>,
    /// A survivor's word on a claim: what she answered.
    pub verdict: Option<crate::domain::check::Verdict>,
    /// A reply that was refused, given back to be mended, and by how many letters it was
    /// too long (when that was why).
    pub kept_reply: Option<KeptReply>,
    pub csrf: String,
}

/// Where a refused reply waits in the session for the item's page.
pub const KEPT_REPLY: &str = "kept_reply";

/// A facilitator's reply that was refused, kept for the item's page (nothing typed is lost).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptReply {
    /// The item it was written on: `feedback/<id>` or `proposal/<id>`.
    pub item: String,
    pub text: String,
    /// Letters beyond the most allowed, when it was too long.
    pub over: Option<usize>,
}
