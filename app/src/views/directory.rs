//! What the public lists of forums and bodies show: built on the server, shown by the pages.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

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
