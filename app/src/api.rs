//! Server functions, one file per area: parse, check, call `ssr`, map the error.
pub mod account;
pub mod admin;
pub mod curation;
pub mod directory;
pub mod error;
pub mod inbox;
pub mod moderation;
pub mod people;
pub mod report_card;
pub mod services;
pub mod survivor;
pub mod tracker;
pub mod venues;
