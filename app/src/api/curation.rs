//! What facilitators read to curate: every recommendation (drafts too), one recommendation's
//! editor with its history, a forum's editor, and a CSV import's preview.
use leptos::{prelude::*, server_fn::codec::GetUrl};
use serde::{Deserialize, Serialize};

use super::{
    error::AppError,
    tracker::{ForumRef, OrgRef},
};
use crate::domain::{
    bilingual::Bilingual,
    curation::{ForumInput, RecommendationInput},
    status::Status,
};

/// Field name and Fluent key of each problem with a refused form.
pub type ProblemList = Vec<(String, String)>;

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
}

/// One saved edit: when, by whom, and which fields it changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionRow {
    /// UTC, to the minute.
    pub at: String,
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
    pub input: ForumInput,
    pub problems: ProblemList,
    pub csrf: String,
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
    pub csrf: String,
}

impl ImportView {
    pub fn is_valid(&self) -> bool {
        self.file_problem.is_none()
            && !self.rows.is_empty()
            && self.rows.iter().all(|r| r.problems.is_empty())
    }
}

#[cfg(feature = "ssr")]
async fn session() -> Result<tower_sessions::Session, AppError> {
    leptos_axum::extract()
        .await
        .map_err(|_| AppError::SignInRequired)
}

#[server(input = GetUrl)]
pub async fn get_curation(after: Option<i32>) -> Result<CurationList, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    crate::ssr::queries::curation::list(&state, &session().await?, after).await
}

/// `id` is `None` for a new recommendation.
#[server(input = GetUrl)]
pub async fn get_recommendation_editor(id: Option<i32>) -> Result<RecommendationEditor, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    crate::ssr::queries::curation::editor(&state, &session().await?, id).await
}

#[server(input = GetUrl)]
pub async fn get_forum_editor(id: Option<i32>) -> Result<ForumEditor, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    crate::ssr::queries::curation::forum_editor(&state, &session().await?, id).await
}

#[server(input = GetUrl)]
pub async fn get_import() -> Result<ImportView, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    crate::ssr::queries::curation::import(&state, &session().await?).await
}
