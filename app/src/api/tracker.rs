//! The public tracker: what survivors recommended and what each body answered.
use chrono::NaiveDate;
use leptos::{prelude::*, server_fn::codec::GetUrl};
use serde::{Deserialize, Serialize};

use super::error::AppError;
use crate::domain::{
    bilingual::Bilingual,
    province::Province,
    status::{Position, Stage, Status},
    theme::Theme,
};

/// How many recommendations a tracker page shows.
pub const PAGE_SIZE: u64 = 20;

/// The tracker's filters, as they come from the query string.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackerFilter {
    pub theme: Option<Theme>,
    pub status: Option<Status>,
    pub forum: Option<i32>,
    pub body: Option<i32>,
    pub overdue: bool,
    /// Keyset cursor: show recommendations with a smaller id than this.
    pub after: Option<i32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgRef {
    pub id: i32,
    pub name: Bilingual,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForumRef {
    pub id: i32,
    pub title: Bilingual,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecommendationSummary {
    pub id: i32,
    pub reference: String,
    pub theme: Theme,
    pub status: Status,
    pub overdue: bool,
    pub title: Bilingual,
    pub forum: Option<ForumRef>,
    pub bodies: Vec<OrgRef>,
    pub is_demo: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackerPage {
    pub items: Vec<RecommendationSummary>,
    /// The cursor of the next page, when there is one.
    pub next_after: Option<i32>,
    /// What the forum and body filters can choose from.
    pub forums: Vec<ForumRef>,
    pub bodies: Vec<OrgRef>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TimelineEntry {
    Response {
        position: Position,
        text: Option<Bilingual>,
        commitment: Option<Bilingual>,
        due_on: Option<NaiveDate>,
        on: NaiveDate,
    },
    Progress {
        stage: Stage,
        note: Option<Bilingual>,
        on: NaiveDate,
    },
}

impl TimelineEntry {
    pub fn on(&self) -> NaiveDate {
        match self {
            TimelineEntry::Response { on, .. } | TimelineEntry::Progress { on, .. } => *on,
        }
    }
}

/// One addressed body and everything it said, oldest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodyTimeline {
    pub body: OrgRef,
    pub entries: Vec<TimelineEntry>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecommendationDetail {
    pub summary: RecommendationSummary,
    pub text: Bilingual,
    pub published_on: Option<NaiveDate>,
    pub timelines: Vec<BodyTimeline>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForumDetail {
    pub id: i32,
    pub title: Bilingual,
    pub province: Option<Province>,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub organisers: Option<Bilingual>,
    pub participants: Option<i32>,
    pub summary: Option<Bilingual>,
    pub is_demo: bool,
    /// How many of its public recommendations are in each status.
    pub status_counts: Vec<(Status, u64)>,
    pub recommendations: Vec<RecommendationSummary>,
}

#[server(input = GetUrl)]
pub async fn get_tracker(filter: TrackerFilter) -> Result<TrackerPage, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    crate::ssr::queries::tracker::page(&state, &filter).await
}

#[server(input = GetUrl)]
pub async fn get_recommendation(id: i32) -> Result<RecommendationDetail, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    crate::ssr::queries::tracker::detail(&state, id).await
}

#[server(input = GetUrl)]
pub async fn get_forum(id: i32) -> Result<ForumDetail, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    crate::ssr::queries::tracker::forum(&state, id).await
}
