//! The public lists: every forum and every body recommendations are addressed to, so a
//! report card or a forum is reached without knowing its number.
use chrono::NaiveDate;
use leptos::{prelude::*, server_fn::codec::GetUrl};
use serde::{Deserialize, Serialize};

use super::error::AppError;
use crate::domain::{bilingual::Bilingual, org::OrgKind, province::Province};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForumListItem {
    pub id: i32,
    pub title: Bilingual,
    pub province: Option<Province>,
    pub starts_on: NaiveDate,
    /// Its public recommendations.
    pub recommendations: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodyListItem {
    pub id: i32,
    pub name: Bilingual,
    pub kind: Option<OrgKind>,
    /// Public recommendations addressed to it.
    pub addressed: u64,
    /// Of those, how many it has answered at least once.
    pub answered: u64,
}

/// Every forum, newest first.
#[server(input = GetUrl)]
pub async fn get_forum_list() -> Result<Vec<ForumListItem>, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    crate::ssr::queries::directory::forums(&state).await
}

/// Every organisation, those with the most addressed to them first.
#[server(input = GetUrl)]
pub async fn get_body_list() -> Result<Vec<BodyListItem>, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    crate::ssr::queries::directory::bodies(&state).await
}
