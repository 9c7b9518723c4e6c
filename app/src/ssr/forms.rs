//! Form posts. Signed-in screens go through `auth::guard::authorize_form`, change what they
//! must in one transaction, audit it, and redirect (post, redirect, get). The anonymous
//! survivor forms (`survivor`) instead answer with the page itself: see that module.
pub mod admin;
pub mod moderation;
pub mod password;
pub mod people;
pub mod survivor;

use axum::{
    http::StatusCode,
    response::{IntoResponse, Response},
};

use crate::{domain::lang::Lang, i18n::t};

/// A form posted to something that does not exist (any more).
pub fn not_found(lang: Lang) -> Response {
    (StatusCode::NOT_FOUND, t(lang, "not-found-title")).into_response()
}
