//! What everyone may see of survivors' feedback: counts and shares by service, province and
//! organisation, only for groups of at least K people, with published, redacted quotes.
use serde::{Deserialize, Serialize};

use crate::domain::{anonymity::Row, bilingual::Bilingual, feedback::ServiceType};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServicesSummary {
    pub threshold: u32,
    /// Everyone counted, when at least K.
    pub total: Option<u32>,
    pub services: Vec<ServiceGroup>,
    /// How voices came in (channel codes: online, assisted), K or more each, the small ones
    /// together (`None`); over every service, and only on everyone's summary.
    pub channels: Vec<Row<String>>,
    /// For an official's page: their organisation's name.
    pub organisation: Option<Bilingual>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceGroup {
    /// `None`: the services too small to show alone, together.
    pub row: Row<ServiceType>,
    /// Province codes.
    pub by_province: Vec<Row<String>>,
    /// Organisation names; `None` inside a key means "did not know".
    pub by_organisation: Vec<Row<Option<Bilingual>>>,
    /// Organisations left out of `by_organisation` (the summary of every service lists only
    /// the largest; the page of one service lists them all).
    pub more_organisations: u32,
    /// When the list was cut: how many named organisations the full list has (not counting
    /// "did not know" and the small ones pooled together).
    pub named_organisations: u32,
    pub quotes: Vec<Bilingual>,
}
