//! What a one-time link lets its holder do, once.
use super::coded::coded_enum;

coded_enum! {
    /// The kinds of one-time link.
    LinkPurpose, "link" {
        Invitation => "invitation",
        PasswordReset => "password_reset",
    }
}
