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
    /// One page of the list (the figures above count every row).
    pub rows: Vec<CardRow>,
    /// Which page `rows` is, from 1, and how many there are (at least 1).
    pub page: u32,
    pub pages: u32,
}

/// Rows of the list on one page of a report card.
pub const CARD_ROWS_PER_PAGE: usize = 100;
