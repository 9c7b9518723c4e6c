//! What the public lists of forums and bodies show: built on the server, shown by the pages.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::{
    bilingual::Bilingual, forum::ForumKind, org::OrgKind, province::Province, status::Status,
};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForumListItem {
    pub id: i32,
    pub kind: ForumKind,
    /// The series it is one meeting of: id and name.
    pub series: Option<(i32, Bilingual)>,
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

/// One meeting of a series, and how its recommendations fared.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesMeeting {
    pub id: i32,
    pub kind: ForumKind,
    pub title: Bilingual,
    pub starts_on: NaiveDate,
    /// How many of its public recommendations are in each public status.
    pub status_counts: Vec<(Status, u64)>,
}

/// Forums that meet again and again, newest meeting first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesView {
    pub id: i32,
    pub name: Bilingual,
    pub meetings: Vec<SeriesMeeting>,
}
