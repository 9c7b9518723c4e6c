//! Server functions, one file per area: what each page reads. Each finds the session if the
//! screen is signed in, calls the area's queries in `ssr`, and answers with a view type from
//! `views` or an `AppError` code.
pub mod account;
pub mod admin;
pub mod answers;
pub mod assisted;
pub mod curation;
pub mod directory;
pub mod moderation;
pub mod paper;
pub mod people;
pub mod presentation;
pub mod prompts;
pub mod report_card;
pub mod services;
pub mod tracker;
pub mod venues;

/// The caller's session, for the screens that need one: without it the page asks to sign in.
#[cfg(feature = "ssr")]
async fn session() -> Result<tower_sessions::Session, crate::error::AppError> {
    leptos_axum::extract()
        .await
        .map_err(|_| crate::error::AppError::SignInRequired)
}
