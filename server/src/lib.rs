//! The Samleng web server: configuration, router and start-up. `main.rs` is only the CLI.
pub mod assets;
pub mod config;
pub mod count_writes;
pub mod encoded;
pub mod fellow_servers;
pub mod forwarded;
pub mod kept_forms;
pub mod kept_page;
pub mod language;
pub mod public_pages;
pub mod routes;
pub mod script_free;
pub mod session_cookie;
pub mod staff_header;
pub mod startup;
