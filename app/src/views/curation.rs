//! What facilitators read to curate: every recommendation (drafts too), one recommendation's
//! editor with its history, a forum's editor, and a CSV import's preview.
use serde::{Deserialize, Serialize};

use super::{
    ProblemList,
    tracker::{ForumRef, OrgRef},
};
use crate::domain::{
    bilingual::Bilingual, curation::RecommendationInput, forum::ForumInput, status::Status,
};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurationRow {
    pub id: i32,
    pub reference: String,
    pub title: Bilingual,
    pub status: Status,
    /// The reference of the recommendation this one was merged into.
    pub merged_into: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurationList {
    pub rows: Vec<CurationRow>,
    pub next_after: Option<i32>,
    pub forums: Vec<ForumRef>,
    /// Those of `forums` not public: drafts, and withdrawn ones.
    pub draft_forums: Vec<i32>,
}

/// One saved edit: when, by whom, and which fields it changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionRow {
    pub at: chrono::DateTime<chrono::Utc>,
    pub editor: Option<String>,
    /// Fluent keys of the fields that changed (all of them for the first revision).
    pub changed: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecommendationEditor {
    /// `None` for a new recommendation.
    pub id: Option<i32>,
    pub input: RecommendationInput,
    pub problems: ProblemList,
    pub status: Status,
    pub published: bool,
    pub merged_into: Option<(i32, String)>,
    pub duplicates: Vec<(i32, String)>,
    pub history: Vec<RevisionRow>,
    pub forums: Vec<ForumRef>,
    pub organisations: Vec<OrgRef>,
    pub csrf: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForumEditor {
    pub id: Option<i32>,
    /// Since when it is public; `None` for a draft (or withdrawn) forum.
    pub published_at: Option<chrono::DateTime<chrono::Utc>>,
    pub input: ForumInput,
    pub problems: ProblemList,
    pub csrf: String,
    /// Every series, to choose the one this forum belongs to.
    pub series: Vec<(i32, Bilingual)>,
    /// Every organisation, to tick those present.
    pub organisations: Vec<OrgRef>,
}

/// One row of a CSV file being imported, as it will be saved, or what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRow {
    /// The line in the file (the header is line 1).
    pub line: u64,
    pub reference: String,
    pub title: Bilingual,
    pub bodies: Vec<OrgRef>,
    pub problems: ProblemList,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportView {
    pub forums: Vec<ForumRef>,
    /// The forum chosen for the file waiting to be imported.
    pub forum: Option<ForumRef>,
    /// Rows of the file waiting to be imported (empty before a file is sent).
    pub rows: Vec<ImportRow>,
    /// A problem with the file as a whole (not CSV, too big, missing columns).
    pub file_problem: Option<String>,
    /// The outcome-document form as last typed (kept when it was refused).
    pub outcome: OutcomeInput,
    pub csrf: String,
}

/// A forum's outcome document, pasted, and what every item made of it shares.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeInput {
    pub forum: String,
    pub document: String,
    pub original_lang: String,
    pub theme: String,
    /// References are this, a dash and the item's number (`SR-2026-12`).
    pub prefix: String,
    /// Codes or names of the addressed bodies, separated by `;`.
    pub bodies: String,
}

impl ImportView {
    pub fn is_valid(&self) -> bool {
        self.file_problem.is_none()
            && !self.rows.is_empty()
            && self.rows.iter().all(|r| r.problems.is_empty())
    }
}

/// One side of a merge, as the confirmation shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeSide {
    pub id: i32,
    pub reference: String,
    pub title: Bilingual,
    pub status: crate::domain::status::Status,
    pub published: bool,
    pub bodies: Vec<OrgRef>,
    /// How many answers bodies gave it: they show with the one kept.
    pub answers: u64,
}

/// Before a merge: the one that will point to the other, the other (when the typed reference
/// names one), and whether the merge is allowed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergePreview {
    pub duplicate: MergeSide,
    pub canonical: Option<MergeSide>,
    pub allowed: bool,
    pub typed: String,
    pub csrf: String,
}
