//! What officials read: the recommendations addressed to their organisation, and one of them
//! with the forms to answer it.
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{
    ProblemList,
    tracker::{OrgRef, RecommendationDetail},
};
use crate::domain::{
    answer::AnswerInput,
    bilingual::Bilingual,
    status::{Position, Stage},
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum InboxGroup {
    /// No answer yet, and not overdue.
    Awaiting,
    /// No answer after the allowed days, or a commitment past its due date.
    Overdue,
    Answered,
}

impl InboxGroup {
    /// In the order the inbox shows them: what is late first.
    pub const ALL: [InboxGroup; 3] = [
        InboxGroup::Overdue,
        InboxGroup::Awaiting,
        InboxGroup::Answered,
    ];

    /// Its name in the inbox's address (`?answered=2`) and its heading's message key.
    pub fn code(self) -> &'static str {
        match self {
            InboxGroup::Overdue => "overdue",
            InboxGroup::Awaiting => "awaiting",
            InboxGroup::Answered => "answered",
        }
    }
}

/// Rows of one group on one page of the inbox: an organisation may have a thousand.
pub const INBOX_ROWS_PER_PAGE: usize = 50;

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct InboxRow {
    pub id: i32,
    pub reference: String,
    pub title: Bilingual,
    pub published_on: Option<NaiveDate>,
    pub position: Option<Position>,
    pub stage: Option<Stage>,
    /// The due date of the organisation's latest commitment.
    pub due_on: Option<NaiveDate>,
    pub group: InboxGroup,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxView {
    pub organisation: OrgRef,
    /// One per group, in `InboxGroup::ALL`'s order.
    pub sections: Vec<InboxSection>,
    pub overdue_after_days: u32,
    /// Recommendations with an answer another official drafted, waiting for this one's
    /// approval.
    pub to_approve: Vec<InboxRow>,
}

/// One group of the inbox, one page of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxSection {
    pub group: InboxGroup,
    /// All of the group, on every page.
    pub total: u32,
    /// Which page (from 1) of how many.
    pub page: u32,
    pub pages: u32,
    pub rows: Vec<InboxRow>,
}

/// One earlier entry of the official's organisation, which a new one may correct.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnEntry {
    pub id: i32,
    /// The position or stage label key.
    pub label_key: String,
    pub on: NaiveDate,
    /// The first words of what it said, in the language it was written in, to tell two
    /// entries of one day apart.
    pub first_words: Option<String>,
}

/// An answer waiting for a second official's approval before it publishes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftView {
    pub id: i32,
    /// A response (else a progress update).
    pub is_response: bool,
    pub input: AnswerInput,
    /// The email of the official who wrote it.
    pub author: String,
    pub at: DateTime<Utc>,
    /// The viewer wrote it, so may take it back but not approve it.
    pub mine: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerView {
    pub organisation: OrgRef,
    pub detail: RecommendationDetail,
    pub own_responses: Vec<OwnEntry>,
    pub own_progress: Vec<OwnEntry>,
    /// The organisation's answers publish only once a second official approves them.
    pub needs_approval: bool,
    pub drafts: Vec<DraftView>,
    pub response: AnswerInput,
    pub response_problems: ProblemList,
    pub progress: AnswerInput,
    pub progress_problems: ProblemList,
    pub csrf: String,
}
