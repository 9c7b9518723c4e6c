//! What the server needs to know of a signed-in person's account on each request.
use crate::domain::role::Actor;

/// What `session::current` needs of an account, read once and kept like a page's reads (see
/// `KeptForPages::accounts`): every page a signed-in person opens asks, and reading the
/// account and the two-step setting each time was most of a signed-in page's database work.
/// Kept until a curation write on any server (disabling someone, changing a role or their
/// two-step setup is one) or `KEEP_AT_MOST`, never longer (see `KeptReads::read_fresh`).
#[derive(Clone, Debug)]
pub struct Account {
    pub actor: Actor,
    pub display_name: String,
    pub has_totp: bool,
    /// Two-step sign-in is required of this account (admins always; others by setting).
    pub totp_required: bool,
}
