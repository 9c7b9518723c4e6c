//! What the paper forms pages show a facilitator.
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperPage {
    /// Printed sheets that may still come back (their batch has not expired).
    pub waiting: u64,
    pub csrf: String,
}

/// A batch just printed: each sheet's code, shown this once, in groups of five.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperBatch {
    pub codes_grouped: Vec<String>,
    pub expires_on: chrono::NaiveDate,
    /// Where a survivor reads replies with her slip (this site's receipt page).
    pub receipt_address: String,
}
