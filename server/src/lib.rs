//! The Samleng web server: configuration, router and start-up. `main.rs` is only the CLI.
pub mod assets;
pub mod config;
pub mod language;
pub mod startup;
