//! Form posts. Signed-in screens go through `auth::guard::authorize_form`, change what they
//! must in one transaction, audit it, and redirect (post, redirect, get). The anonymous
//! survivor forms (`survivor`) instead answer with the page itself: see that module.
pub mod account;
pub mod admin;
pub mod answers;
pub mod claim_checks;
pub mod curation;
pub mod feedback;
pub mod feeds;
pub mod forum_day;
pub mod import;
pub mod invites;
pub mod moderation;
pub mod open_data;
pub mod paper;
pub mod paper_entry;
pub mod password;
pub mod people;
pub mod prompts;
pub mod proposals;
pub mod publication_gate;
pub mod receipts;
pub mod render;
pub mod sent_invites;
pub mod sign_in;
pub mod survivor;
pub mod venues;
pub mod votes;

use axum::{
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};

use serde::Deserialize;

use crate::{domain::lang::Lang, i18n::t, refusal::Refusal, ssr::auth::guard::CsrfForm};

/// A handler's answer: the page or redirect, or the refusal that stopped it on the way
/// (signed out, wrong token, not allowed), so a refusal is a `?`.
pub type Answered = Result<Response, Response>;

/// Sends the browser back to the form's page (`page`, which may end in `#fragment`), where
/// `components::refusal_notice` shows why. The one way a signed-in form says no.
pub fn refuse(page: &str, why: Refusal) -> Response {
    refuse_keeping(page, why, &[])
}

/// `refuse`, carrying back what was typed in fields the page refills, so nothing is lost.
pub fn refuse_keeping(page: &str, why: Refusal, kept: &[(&str, &str)]) -> Response {
    let (path, fragment) = page.split_once('#').unwrap_or((page, ""));
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.append_pair("error", why.code());
    for (name, value) in kept {
        query.append_pair(name, value);
    }
    let fragment = why.anchor().unwrap_or(fragment);
    let fragment = if fragment.is_empty() {
        String::new()
    } else {
        format!("#{fragment}")
    };
    Redirect::to(&format!("{path}?{}{fragment}", query.finish())).into_response()
}

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

    /// Every field as sent, in order.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
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

    /// The staff's own prose: what officials answer and facilitators curate. Never the
    /// moderation forms' fields, which hold survivors' words (redactions, translations).
    fn typed_text(&self) -> Vec<(String, String)> {
        const PROSE: &[&str] = &[
            "title_km",
            "title_en",
            "body_km",
            "body_en",
            "summary_km",
            "summary_en",
            "organisers_km",
            "organisers_en",
            "text_km",
            "text_en",
            "commitment_km",
            "commitment_en",
        ];
        self.0
            .iter()
            .filter(|(k, v)| PROSE.contains(&k.as_str()) && !v.trim().is_empty())
            .map(|(k, v)| (k.clone(), v.chars().take(20_000).collect()))
            .collect()
    }
}
