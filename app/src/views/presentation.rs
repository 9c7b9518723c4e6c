//! A forum's recommendations for presentation day: one per screen on a projector, or all of
//! them on a printed handout, always in Khmer and English side by side.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::tracker::OrgRef;
use crate::domain::{bilingual::Bilingual, province::Province, theme::Theme};

/// One recommendation as presented.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slide {
    pub id: i32,
    pub reference: String,
    pub theme: Theme,
    pub title: Bilingual,
    pub text: Bilingual,
    pub bodies: Vec<OrgRef>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Presentation {
    pub forum_id: i32,
    pub title: Bilingual,
    pub province: Option<Province>,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// The forum's public recommendations, in the order of their references (2 before 10).
    pub slides: Vec<Slide>,
}
