//! One file per page.
pub mod account;
pub mod audit;
pub mod forum;
pub mod home;
pub mod invite;
pub mod layout;
pub mod login;
pub mod login_code;
pub mod not_found;
pub mod organisations;
pub mod people;
pub mod recommendation;
pub mod reset;
pub mod settings;
pub mod tracker;
pub mod two_step;
