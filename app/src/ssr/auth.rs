//! Accounts: password hashing, sessions on our own database, sign-in throttling, the
//! cross-site request guard,.
pub mod account;
pub mod csrf;
pub mod guard;
pub mod password_hash;
pub mod recovery;
pub mod session;
pub mod session_store;
pub mod throttle;
pub mod totp;
