//! Database reads and writes, grouped by area. Pages reach these only through `api`.
pub mod account;
pub mod admin;
pub mod answers;
pub mod convert;
pub mod curation;
pub mod directory;
pub mod moderation;
pub mod people;
pub mod report_card;
pub mod services;
pub mod status;
pub mod survivor;
pub mod tracker;
