//! What the venue links page shows a facilitator.
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VenueRow {
    pub id: i32,
    pub label: String,
    /// Until when, in Cambodia time, as the page shows it.
    pub until: String,
    pub used: i32,
    pub max_submissions: i32,
    /// Still usable: not closed, not expired, not used up.
    pub open: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VenuesPage {
    pub links: Vec<VenueRow>,
    /// The addresses of a link just made (feedback, proposals) and each one's QR code (an
    /// SVG `data:` address), shown once.
    pub new_links: Vec<(String, String)>,
    /// The forums a link may be made for: its holders may then vote on the day's drafts.
    pub forums: Vec<(i32, crate::domain::bilingual::Bilingual)>,
    pub csrf: String,
}
