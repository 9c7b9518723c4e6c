//! Server-only code: state, database, queries, demo data. Never compiled into the browser build.
pub mod csp;
pub mod db;
pub mod entities;
pub mod migration;
pub mod queries;
pub mod seed;
pub mod state;
