//! The signed-in person's own page.
use serde::{Deserialize, Serialize};

use crate::domain::{bilingual::Bilingual, role::Role};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    pub display_name: String,
    pub email: String,
    pub role: Role,
    pub organisation: Option<Bilingual>,
    /// Echoed back by the sign-out form.
    pub csrf: String,
    /// Fluent keys of what this person can do.
    pub can: Vec<String>,
    pub has_totp: bool,
    /// Two-step sign-in is required and not set up: the page asks for it first.
    pub needs_totp_setup: bool,
    /// Recovery codes just made, shown this once.
    pub new_recovery_codes: Vec<String>,
    /// Unused recovery codes left.
    pub recovery_codes_left: u64,
    /// For those who moderate: how often they are emailed what waits.
    pub digest: Option<crate::domain::digest::DigestEvery>,
}

/// What the two-step set-up page shows: the secret to type or open in an app.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotpSetup {
    /// The base32 secret in groups of four, for typing.
    pub secret_grouped: String,
    pub otpauth_url: String,
    /// The same as a QR code to scan: an SVG image as a `data:` address.
    pub qr_code: String,
    pub csrf: String,
    pub already_on: bool,
}

/// One of a signed-in person's screens in the header.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NavLink {
    /// Fluent key of the label.
    pub key: String,
    /// The path under `/{lang}/`.
    pub path: String,
    /// What waits for this person there (feedback to decide or answer, recommendations
    /// to answer), when the screen has such a thing and something waits.
    pub waiting: Option<Waiting>,
}

/// A count shown beside a link; counting stops at `Waiting::AT_MOST`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Waiting {
    pub count: u64,
    /// More than `count` wait.
    pub more: bool,
}

impl Waiting {
    /// Counting stops here: a header says "999+" rather than count a million rows.
    pub const AT_MOST: u64 = 999;

    /// From a count of at most `AT_MOST + 1`; none when nothing waits.
    pub fn of(counted: u64) -> Option<Waiting> {
        (counted > 0).then_some(Waiting {
            count: counted.min(Self::AT_MOST),
            more: counted > Self::AT_MOST,
        })
    }
}

/// What the header shows a signed-in person: who they are and the screens their role opens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffNav {
    pub display_name: String,
    pub role: Role,
    /// In the order shown.
    pub links: Vec<NavLink>,
    /// Echoed back by the sign-out button.
    pub csrf: String,
}
