//! Who may do what. One function decides; every server-side handler asks it.
use serde::{Deserialize, Serialize};

use super::coded::coded_enum;

coded_enum! {
    /// The three kinds of account. Survivors never have one.
    Role, "role" {
        Admin => "admin",
        Facilitator => "facilitator",
        Official => "official",
    }
}

/// A signed-in person, as the server knows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub user_id: i32,
    pub role: Role,
    /// The organisation an official acts for; `None` for the other roles.
    pub organisation_id: Option<i32>,
}

impl Actor {
    /// The organisation this person answers for: an official's own, and only theirs.
    pub fn answers_for(&self) -> Option<i32> {
        self.organisation_id.filter(|&org| {
            may(
                Some(self),
                Action::RespondFor {
                    organisation_id: org,
                },
            )
        })
    }
}

/// Everything an account can attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    ViewOwnAccount,
    ViewAuditLog,
    ManageUsers,
    ManageOrganisations,
    ManageSettings,
    InviteFacilitator,
    /// Invite an official of this organisation: a link that works at once. Only
    /// administrators, since an official speaks in the organisation's name.
    InviteOfficial {
        organisation_id: i32,
    },
    /// Ask for an official's account: the link works once an administrator approves it.
    AskForOfficial,
    /// Approve or refuse what a facilitator asked for.
    ApproveInvitations,
    CurateRecommendations,
    ModerateFeedback,
    /// Attach recordings to the survivor pages' texts (voice prompts).
    RecordPrompts,
    /// Post a response or progress update on behalf of this organisation.
    RespondFor {
        organisation_id: i32,
    },
}

/// Whether `actor` (or nobody, when signed out) may do `action`.
pub fn may(actor: Option<&Actor>, action: Action) -> bool {
    let Some(actor) = actor else {
        return false;
    };
    match (actor.role, action) {
        (_, Action::ViewOwnAccount) => true,
        (
            Role::Admin,
            Action::ViewAuditLog
            | Action::ManageUsers
            | Action::ManageOrganisations
            | Action::ManageSettings
            | Action::InviteFacilitator
            | Action::InviteOfficial { .. }
            | Action::AskForOfficial
            | Action::ApproveInvitations
            | Action::RecordPrompts,
        ) => true,
        (
            Role::Facilitator,
            Action::AskForOfficial
            | Action::CurateRecommendations
            | Action::ModerateFeedback
            | Action::RecordPrompts,
        ) => true,
        (Role::Official, Action::RespondFor { organisation_id }) => {
            actor.organisation_id == Some(organisation_id)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role, organisation_id: Option<i32>) -> Actor {
        Actor {
            user_id: 1,
            role,
            organisation_id,
        }
    }

    #[test]
    fn only_an_official_answers_and_only_for_their_own_organisation() {
        assert_eq!(actor(Role::Official, Some(7)).answers_for(), Some(7));
        assert_eq!(actor(Role::Official, None).answers_for(), None);
        assert_eq!(actor(Role::Facilitator, Some(7)).answers_for(), None);
        assert_eq!(actor(Role::Admin, Some(7)).answers_for(), None);
    }

    #[test]
    fn nobody_signed_out_may_do_anything() {
        assert!(!may(None, Action::ViewOwnAccount));
        assert!(!may(None, Action::RespondFor { organisation_id: 1 }));
    }

    #[test]
    fn an_official_acts_only_for_their_own_organisation() {
        let a = actor(Role::Official, Some(7));
        assert!(may(Some(&a), Action::RespondFor { organisation_id: 7 }));
        assert!(!may(Some(&a), Action::RespondFor { organisation_id: 8 }));
        assert!(!may(Some(&a), Action::CurateRecommendations));
        assert!(!may(
            Some(&a),
            Action::InviteOfficial { organisation_id: 7 }
        ));
    }

    #[test]
    fn facilitators_curate_and_ask_for_officials_but_do_not_administer() {
        let f = actor(Role::Facilitator, None);
        assert!(may(Some(&f), Action::CurateRecommendations));
        assert!(may(Some(&f), Action::ModerateFeedback));
        assert!(may(Some(&f), Action::AskForOfficial));
        // An official speaks for a ministry: only an administrator makes one.
        assert!(!may(
            Some(&f),
            Action::InviteOfficial { organisation_id: 3 }
        ));
        assert!(!may(Some(&f), Action::ApproveInvitations));
        assert!(!may(Some(&f), Action::ManageUsers));
        assert!(!may(Some(&f), Action::ViewAuditLog));
        assert!(!may(Some(&f), Action::RespondFor { organisation_id: 3 }));
    }

    #[test]
    fn admins_administer_but_do_not_speak_for_organisations() {
        let a = actor(Role::Admin, None);
        assert!(may(Some(&a), Action::ManageUsers));
        assert!(may(Some(&a), Action::ViewAuditLog));
        assert!(may(Some(&a), Action::InviteFacilitator));
        assert!(!may(Some(&a), Action::RespondFor { organisation_id: 1 }));
    }
}
