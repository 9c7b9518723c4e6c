//! Accounts seen by those who manage them, and invitations.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::tracker::OrgRef;
use crate::domain::{bilingual::Bilingual, role::Role};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRow {
    pub id: i32,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub organisation_id: Option<i32>,
    pub organisation: Option<Bilingual>,
    pub disabled: bool,
    pub has_totp: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeoplePage {
    /// Everyone, for admins; empty for those who may only invite.
    pub people: Vec<PersonRow>,
    pub organisations: Vec<OrgRef>,
    /// The roles this person may invite.
    pub invitable: Vec<Role>,
    pub can_manage: bool,
    pub csrf: String,
    /// The invitation just made, shown once.
    pub new_invite: Option<NewInvite>,
    /// The site's address (`SAMLENG_PUBLIC_URL`), so a link is shown whole.
    pub site_url: String,
    /// For admins: officials' invitations that facilitators asked for.
    pub awaiting: Vec<AwaitingInvite>,
    /// Invitations sent and not yet accepted: every one for admins, one's own for others.
    pub pending: Vec<PendingInvite>,
    pub my_id: i32,
}

/// A link just made: the path, whom and which role it is for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewInvite {
    pub link: String,
    pub email: String,
    /// `None` for a password reset link.
    pub role: Option<Role>,
    /// Whether it went by email too (`None`: it was never meant to).
    pub sent: Option<bool>,
}

/// An invitation sent and not yet accepted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingInvite {
    pub id: i32,
    pub email: String,
    pub role: Role,
    pub organisation: Option<Bilingual>,
    /// When its link stops (stopped) working.
    pub until: DateTime<Utc>,
    pub expired: bool,
}

/// An official's invitation a facilitator asked for, waiting for an administrator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwaitingInvite {
    pub id: i32,
    pub email: String,
    pub role: Role,
    pub organisation: Option<Bilingual>,
    /// Who asked for it.
    pub asked_by: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteView {
    pub email: String,
    pub role: Role,
    pub organisation: Option<Bilingual>,
}
