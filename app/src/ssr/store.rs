//! The store: database reads and writes, by area, each taking a connection or transaction
//! from its caller. Pages reach these through `api`; form posts through `handlers`.
pub mod account;
pub mod accounts;
pub mod admin;
pub mod answer_entries;
pub mod answers;
pub mod convert;
pub mod curation;
pub mod curation_changes;
pub mod curation_import;
pub mod directory;
pub mod invites;
pub mod moderation;
pub mod moderation_edits;
pub mod one_time_links;
pub mod open_data;
pub mod open_data_csv;
pub mod password_resets;
pub mod people;
pub mod report_card;
pub mod services;
pub mod status;
pub mod survivor;
pub mod tracker;
pub mod tracker_detail;
pub mod venues;
