//! A forum in progress, as its facilitators capture it: the drafts of the day, in their order,
//! with their discussion group and whether they are among the day's priorities.
use serde::{Deserialize, Serialize};

use super::tracker::OrgRef;
use crate::domain::{bilingual::Bilingual, theme::Theme};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayDraft {
    pub id: i32,
    pub reference: String,
    pub theme: Theme,
    pub title: Bilingual,
    pub text: Bilingual,
    pub group: Option<String>,
    pub is_priority: bool,
    /// The votes it got on paper (the facilitator's tallies).
    pub votes: i32,
    /// The votes cast on phones through the forum's venue link.
    pub phone_votes: i32,
    /// It is addressed to at least one body (needed before it can be published).
    pub addressed: bool,
}

/// The quick-add form as last typed (kept when it was refused).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaptureInput {
    pub text: String,
    pub lang: String,
    pub theme: String,
    pub group: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForumDayView {
    pub forum_id: i32,
    pub title: Bilingual,
    pub published: bool,
    pub drafts: Vec<DayDraft>,
    /// How many of the forum's recommendations are already public.
    pub public_count: u64,
    /// Every organisation, to address the drafts to when the set is published.
    pub organisations: Vec<OrgRef>,
    pub typed: CaptureInput,
    pub csrf: String,
}
