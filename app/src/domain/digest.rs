//! How often a facilitator is told by email what waits in moderation.
use super::coded::coded_enum;

coded_enum! {
    /// A facilitator's choice, on their account page. Daily unless they change it. "Hourly"
    /// is as soon as we tell anyone: at the next hourly look, never to the minute, so an
    /// email's time does not tell when a survivor wrote.
    DigestEvery, "digest" {
        Never => "off",
        Daily => "daily",
        Hourly => "hourly",
    }
}

/// The hour of the day (Cambodia time) after which the daily email goes out.
pub const DAILY_AFTER_HOUR: u32 = 8;
