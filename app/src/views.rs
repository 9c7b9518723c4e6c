//! The data pages show, by area: plain types that both builds need, built by `ssr` and shown
//! by `pages`. A leaf: it imports only `domain` (and its own areas), so the data layer never
//! reaches up into the server functions that call it.
pub mod account;
pub mod admin;
pub mod answers;
pub mod curation;
pub mod directory;
pub mod forum_day;
pub mod moderation;
pub mod paper;
pub mod people;
pub mod presentation;
pub mod prompts;
pub mod report_card;
pub mod services;
pub mod survivor;
pub mod tracker;
pub mod venues;

/// Field name and Fluent key of each problem with a refused form, as kept in the session and
/// as sent to the page.
pub type ProblemList = Vec<(String, String)>;
