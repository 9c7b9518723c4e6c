//! Form posts. Signed-in screens go through `auth::guard::authorize_form`, change what they
//! must in one transaction, audit it, and redirect (post, redirect, get). The anonymous
//! survivor forms (`survivor`) instead answer with the page itself: see that module.
pub mod admin;
pub mod answers;
pub mod curation;
pub mod feedback;
pub mod import;
pub mod invites;
pub mod moderation;
pub mod open_data;
pub mod password;
pub mod people;
pub mod proposals;
pub mod publication_gate;
pub mod receipts;
pub mod render;
pub mod sign_in;
pub mod survivor;
pub mod venues;

use axum::{
    http::StatusCode,
    response::{IntoResponse, Response},
};

use serde::Deserialize;

use crate::{domain::lang::Lang, i18n::t, ssr::auth::guard::CsrfForm};

/// A handler's answer: the page or redirect, or the refusal that stopped it on the way
/// (signed out, wrong token, not allowed), so a refusal is a `?`.
pub type Answered = Result<Response, Response>;

/// A form posted to something that does not exist (any more).
pub fn not_found(lang: Lang) -> Response {
    (StatusCode::NOT_FOUND, t(lang, "not-found-title")).into_response()
}

/// A form read as name and value pairs, so a field may repeat (checkboxes).
#[derive(Deserialize, Default)]
#[serde(transparent)]
pub struct Pairs(Vec<(String, String)>);

impl Pairs {
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0
            .iter()
            .filter(move |(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn one(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_default()
    }
}

impl CsrfForm for Pairs {
    fn csrf(&self) -> &str {
        self.one("csrf")
    }
}
