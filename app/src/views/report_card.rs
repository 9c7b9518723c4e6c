//! An organisation's report card: everything addressed to it and what it did about it.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::tracker::OrgRef;
use crate::domain::{
    bilingual::Bilingual,
    status::{Position, Stage},
};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardRow {
    pub id: i32,
    pub reference: String,
    pub title: Bilingual,
    pub position: Option<Position>,
    pub stage: Option<Stage>,
    pub due_on: Option<NaiveDate>,
    pub overdue: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportCard {
    pub organisation: OrgRef,
    pub addressed: u64,
    /// How many it has answered at least once.
    pub answered: u64,
    /// Whole percent of `answered` over `addressed` (0 when nothing is addressed).
    pub response_rate: u32,
    /// Median days from publication to the first answer, over the answered ones.
    pub median_days_to_first_response: Option<i64>,
    /// Latest position per recommendation, and how many have none yet (`None`).
    pub positions: Vec<(Option<Position>, u64)>,
    pub accepted: u64,
    pub implemented: u64,
    pub overdue: u64,
    /// What survivors said of its "implemented" claims.
    pub claims: ClaimFindings,
    /// One page of the list (the figures above count every row).
    pub rows: Vec<CardRow>,
    /// Which page `rows` is, from 1, and how many there are (at least 1).
    pub page: u32,
    pub pages: u32,
}

/// How survivors judged an organisation's "implemented" claims: `claimed` counts every
/// recommendation it reported implemented; a claim is counted under a finding once enough
/// survivors (K) answered about it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimFindings {
    pub claimed: u32,
    pub confirmed: u32,
    pub partly: u32,
    pub disputed: u32,
}

impl ClaimFindings {
    /// Claims with too few answers yet to say anything.
    pub fn unjudged(&self) -> u32 {
        self.claimed
            .saturating_sub(self.confirmed + self.partly + self.disputed)
    }
}

/// Rows of the list on one page of a report card.
pub const CARD_ROWS_PER_PAGE: usize = 100;
