//! The data pages show, by area: plain types that both builds need, built by `ssr` and shown
//! by `pages`. A leaf: it imports only `domain`, so the data layer never reaches up into the
//! server functions that call it. (New areas go here; older ones still define theirs in `api`.)
pub mod directory;
pub mod venues;
