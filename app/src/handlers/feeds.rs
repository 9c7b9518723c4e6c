//! Atom feeds, to follow without an account: a recommendation's timeline, a body's answers,
//! a forum, and the tracker with any filters and words (`q`). What they say is
//! `store::feeds`; here is the Atom.
use std::collections::HashMap;

use atom_syndication::{Content, Entry, Feed, FixedDateTime, Link, Person, Text};
use axum::{
    extract::{Path, Query, State},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

use crate::{
    domain::lang::Lang,
    i18n::t,
    ssr::{
        state::AppState,
        store::feeds::{FeedData, Scope, feed},
    },
    views::tracker::TrackerFilter,
};

/// `GET /{lang}/recommendations.atom`: the tracker's filters and `q`, as on its page.
pub async fn tracker(
    state: State<AppState>,
    Path(lang): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let (filter, bad) =
        TrackerFilter::from_query(|k| (k != "after").then(|| q.get(k).cloned()).flatten());
    let lang = Lang::parse(&lang).unwrap_or_default();
    // A feed that silently left a filter out would be taken for the filtered one.
    if bad {
        return (StatusCode::BAD_REQUEST, t(lang, "tracker-csv-filter-bad")).into_response();
    }
    let self_path = format!(
        "/{}/recommendations.atom{}",
        lang.code(),
        filter.to_query(None)
    );
    answer(&state, Scope::Tracker(filter), lang, self_path).await
}

/// `GET /{lang}/recommendations/{id}/feed.atom`
pub async fn recommendation(
    state: State<AppState>,
    Path((lang, id)): Path<(String, String)>,
) -> Response {
    one(state, lang, id, "recommendations", Scope::Recommendation).await
}

/// `GET /{lang}/bodies/{id}/feed.atom`
pub async fn body(state: State<AppState>, Path((lang, id)): Path<(String, String)>) -> Response {
    one(state, lang, id, "bodies", Scope::Body).await
}

/// `GET /{lang}/forums/{id}/feed.atom`
pub async fn forum(state: State<AppState>, Path((lang, id)): Path<(String, String)>) -> Response {
    one(state, lang, id, "forums", Scope::Forum).await
}

async fn one(
    state: State<AppState>,
    lang: String,
    id: String,
    area: &str,
    scope: fn(i32) -> Scope,
) -> Response {
    let lang = Lang::parse(&lang).unwrap_or_default();
    let Ok(id) = id.parse::<i32>() else {
        return (StatusCode::NOT_FOUND, t(lang, "error-not-found")).into_response();
    };
    let self_path = format!("/{}/{area}/{id}/feed.atom", lang.code());
    answer(&state, scope(id), lang, self_path).await
}

async fn answer(state: &AppState, scope: Scope, lang: Lang, self_path: String) -> Response {
    match feed(state, scope, lang).await {
        Ok(Some(data)) => {
            let xml = atom(state, data, lang, &self_path);
            let mut response = xml.into_response();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/atom+xml; charset=utf-8"),
            );
            response
        }
        Ok(None) => (StatusCode::NOT_FOUND, t(lang, "error-not-found")).into_response(),
        Err(e) => {
            tracing::error!(error = ?e, "a feed could not be read");
            (StatusCode::INTERNAL_SERVER_ERROR, t(lang, "error-internal")).into_response()
        }
    }
}

fn link(href: String, rel: &str, mime: Option<&str>) -> Link {
    let mut l = Link::default();
    l.set_href(href);
    l.set_rel(rel);
    l.set_mime_type(mime.map(str::to_string));
    l
}

/// The feed as Atom 1.0: every id an address of the public site.
fn atom(state: &AppState, data: FeedData, lang: Lang, self_path: &str) -> String {
    let site = &state.outbox.public_url;
    let code = lang.code();
    let page = format!("{site}/{code}/{}", data.page);
    let when = |at: chrono::DateTime<chrono::Utc>| -> FixedDateTime { at.fixed_offset() };
    let entries: Vec<Entry> = data
        .entries
        .iter()
        .map(|e| {
            let address = format!(
                "{site}/{code}/recommendations/{}#{}",
                e.recommendation_id, e.key
            );
            let mut entry = Entry::default();
            entry.set_id(address.clone());
            entry.set_title(Text::plain(e.title.clone()));
            entry.set_updated(when(e.at));
            entry.set_links(vec![link(address, "alternate", Some("text/html"))]);
            if !e.text.is_empty() {
                let mut content = Content::default();
                content.set_content_type("text".to_string());
                content.set_value(e.text.clone());
                entry.set_content(content);
            }
            entry
        })
        .collect();
    let updated = data
        .entries
        .first()
        .map(|e| e.at)
        .unwrap_or_else(|| state.clock.now());
    let mut author = Person::default();
    author.set_name(t(lang, "site-name"));
    let mut feed = Feed::default();
    feed.set_id(format!("{site}{self_path}"));
    feed.set_title(Text::plain(format!(
        "{} · {}",
        data.title,
        t(lang, "site-name")
    )));
    feed.set_updated(when(updated));
    feed.set_lang(Some(code.to_string()));
    feed.set_authors(vec![author]);
    feed.set_links(vec![
        link(
            format!("{site}{self_path}"),
            "self",
            Some("application/atom+xml"),
        ),
        link(page, "alternate", Some("text/html")),
    ]);
    feed.set_entries(entries);
    feed.to_string()
}
