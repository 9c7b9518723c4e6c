//! Pure rules and newtypes: no leptos, no database, no IO.
pub mod anonymity;
pub mod answer;
pub mod bilingual;
pub mod check;
mod coded;
pub mod curation;
pub mod digest;
pub mod feedback;
pub mod forum;
pub mod khmer;
pub mod lang;
pub mod link;
pub mod org;
pub mod outcome;
pub mod paper;
pub mod password;
pub mod prompts;
pub mod province;
pub mod receipt;
pub mod redaction;
pub mod reference;
pub mod role;
pub mod route_class;
/// Words for search: needs the segmenter and stemmer, which only the server carries.
#[cfg(feature = "ssr")]
pub mod search;
pub mod spreadsheet;
pub mod status;
pub mod submission;
pub mod theme;
pub mod vote;
