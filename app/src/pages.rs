//! One file per page.
pub mod forum;
pub mod home;
pub mod layout;
pub mod not_found;
pub mod recommendation;
pub mod tracker;
