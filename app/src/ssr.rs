//! Server-only code: state, database, queries, demo data. Never compiled into the browser build.
pub mod accounts;
pub mod audit;
pub mod auth;
pub mod clock;
pub mod csp;
pub mod db;
pub mod entities;
pub mod forms;
pub mod invites;
pub mod migration;
pub mod queries;
pub mod seed;
pub mod settings;
pub mod state;
