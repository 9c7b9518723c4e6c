//! Public pages kept for anonymous visitors. The tracker, a recommendation, a forum, a report
//! card and the services summary read thousands of rows to say the same thing to everyone, so
//! each server keeps the finished response (with its headers) and sends it again, with a new
//! CSP nonce each time (a page's scripts must never run under a nonce a visitor saw before):
//! - until a write through this server could change it (`WriteCount`), so whoever just changed
//!   something sees it on their next page;
//! - for `KEEP_AT_MOST` otherwise (other servers, commands beside the server);
//! - never for anyone signed in, and never a survivor page.
//!
//! One page is rendered at a time per address; those waiting take its result when it began
//! after the writes they must see.
use std::{
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    time::{Duration, Instant},
};

use app::domain::route_class::RouteClass;
use app::ssr::{
    clock::Clock,
    writes::{KEEP_AT_MOST, Seen, WriteCount},
};
use axum::{
    body::Body,
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use chrono::NaiveDate;
use leptos::nonce::Nonce;
use moka::{future::Cache, ops::compute::CompResult, ops::compute::Op};

use crate::session_cookie::signed_in;

/// A kept page older than this is rendered again in the background while it is still sent.
const RENDER_AGAIN_AFTER: Duration = Duration::from_secs(1);
/// Memory for kept pages; the least used go first.
const KEPT_BYTES: u64 = 64 * 1024 * 1024;
/// A response larger than this is sent but not kept.
const LARGEST_KEPT: usize = 2 * 1024 * 1024;

#[derive(Clone)]
pub struct PublicPages {
    kept: Cache<Key, Arc<Page>>,
    writes: Arc<WriteCount>,
    clock: Clock,
}

/// A page asked for: rendered unless one younger than `younger_than` covers `seen`.
struct Wanted {
    key: Key,
    shows_feedback: bool,
    seen: Seen,
    younger_than: Duration,
}

/// What a kept response depends on. The day is part of it: a commitment becomes overdue.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Key {
    path_and_query: String,
    day: NaiveDate,
}

struct Page {
    /// The writes counted when rendering began.
    seen: Seen,
    rendered_at: Instant,
    /// Set once one request has it rendered again in the background.
    rendering_again: AtomicBool,
    shows_feedback: bool,
    status: StatusCode,
    headers: HeaderMap,
    body: String,
    /// The nonce the page was rendered with, replaced by a new one each time it is sent.
    nonce: Option<String>,
}

impl Page {
    /// Whether this page already shows every write counted in `seen`.
    fn covers(&self, seen: Seen) -> bool {
        if self.shows_feedback {
            self.seen.covers(seen)
        } else {
            self.seen.covers_curation(seen)
        }
    }

    /// The page as a response; `kept` when it was rendered for an earlier request, which the
    /// `Age` header then says (RFC 9111).
    fn response(&self, kept: bool) -> Response {
        let mut headers = self.headers.clone();
        if kept {
            headers.insert(header::AGE, self.rendered_at.elapsed().as_secs().into());
        }
        let body = match &self.nonce {
            Some(old) => {
                let new = Nonce::new();
                let policy = headers
                    .get(header::CONTENT_SECURITY_POLICY)
                    .and_then(|v| v.to_str().ok())
                    .map(|v| v.replace(old.as_str(), &new));
                match policy.and_then(|p| HeaderValue::from_str(&p).ok()) {
                    Some(policy) => headers.insert(header::CONTENT_SECURITY_POLICY, policy),
                    // Without its policy the page's scripts would not run: say so loudly.
                    None => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
                };
                self.body.replace(old.as_str(), &new)
            }
            None => self.body.clone(),
        };
        let mut response = Response::new(Body::from(body));
        *response.status_mut() = self.status;
        *response.headers_mut() = headers;
        response
    }
}

impl PublicPages {
    pub fn new(writes: Arc<WriteCount>, clock: Clock) -> Self {
        let kept = Cache::builder()
            .max_capacity(KEPT_BYTES)
            .weigher(|key: &Key, page: &Arc<Page>| {
                let bytes = key.path_and_query.len() + page.body.len() + 1024;
                u32::try_from(bytes).unwrap_or(u32::MAX)
            })
            .time_to_live(KEEP_AT_MOST)
            .build();
        Self {
            kept,
            writes,
            clock,
        }
    }

    /// The response for `request`: a kept page when one covers every write so far.
    pub async fn serve(State(pages): State<Self>, request: Request, next: Next) -> Response {
        let Some((key, shows_feedback)) = pages.key(&request) else {
            return next.run(request).await;
        };
        let seen = pages.writes.seen();
        let wanted = Wanted {
            key,
            shows_feedback,
            seen,
            younger_than: KEEP_AT_MOST,
        };
        if let Some(page) = pages.kept.get(&wanted.key).await
            && page.covers(seen)
        {
            // Past half its time, one request has it rendered again in the background, so
            // under load nobody waits for a page that is merely old.
            if page.rendered_at.elapsed() >= RENDER_AGAIN_AFTER
                && !page.rendering_again.swap(true, Ordering::AcqRel)
            {
                let again = Wanted {
                    younger_than: RENDER_AGAIN_AFTER,
                    key: wanted.key.clone(),
                    ..wanted
                };
                let background = pages.clone().render(again, next, copy_of(&request));
                tokio::spawn(background);
            }
            return page.response(true);
        }
        pages.render(wanted, next, request).await
    }

    /// Renders the page unless, once this request's turn comes, a page rendered recently
    /// enough covers its writes. One render at a time per page.
    async fn render(self, wanted: Wanted, next: Next, request: Request) -> Response {
        let Wanted {
            key,
            shows_feedback,
            seen,
            younger_than,
        } = wanted;
        let mut not_kept = None;
        let result = self
            .kept
            .entry(key)
            .and_compute_with(|kept| async {
                if kept.is_some_and(|k| {
                    k.value().covers(seen) && k.value().rendered_at.elapsed() < younger_than
                }) {
                    return Op::Nop;
                }
                let began = self.writes.seen();
                let rendered_at = Instant::now();
                let response = next.run(request).await;
                match keep(response, began, rendered_at, shows_feedback).await {
                    Ok(page) => Op::Put(Arc::new(page)),
                    Err(response) => {
                        not_kept = Some(response);
                        Op::Remove
                    }
                }
            })
            .await;
        match result {
            CompResult::Inserted(entry) | CompResult::ReplacedWith(entry) => {
                entry.value().response(false)
            }
            CompResult::Unchanged(entry) => entry.value().response(true),
            CompResult::Removed(_) | CompResult::StillNone(_) => {
                not_kept.unwrap_or_else(|| StatusCode::INTERNAL_SERVER_ERROR.into_response())
            }
        }
    }

    /// The key of a page that may be kept, and whether it shows feedback counts.
    fn key(&self, request: &Request) -> Option<(Key, bool)> {
        if request.method() != Method::GET || signed_in(request.headers()) {
            return None;
        }
        let RouteClass::Shared { shows_feedback } = RouteClass::of(request.uri().path()) else {
            return None;
        };
        let key = Key {
            path_and_query: request.uri().path_and_query()?.as_str().to_owned(),
            day: self.clock.today(),
        };
        Some((key, shows_feedback))
    }
}

/// A copy of a GET request, to render its page again after it has been answered.
fn copy_of(request: &Request) -> Request {
    let mut copy = Request::new(Body::empty());
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.version_mut() = request.version();
    *copy.headers_mut() = request.headers().clone();
    *copy.extensions_mut() = request.extensions().clone();
    copy
}

/// The nonce a Content-Security-Policy names, if it is long enough to be found safely.
fn nonce_in(policy: &str) -> Option<String> {
    let nonce = policy.split("'nonce-").nth(1)?.split('\'').next()?;
    (nonce.len() >= 16).then(|| nonce.to_owned())
}

/// The whole response as a page to keep, or the response itself when it must not be kept.
async fn keep(
    response: Response,
    seen: Seen,
    rendered_at: Instant,
    shows_feedback: bool,
) -> Result<Page, Response> {
    let headers = response.headers();
    let private = headers.contains_key(header::SET_COOKIE)
        || headers
            .get(header::CACHE_CONTROL)
            .is_some_and(|v| v.as_bytes().starts_with(b"no-store"));
    if response.status() != StatusCode::OK || private {
        return Err(response);
    }
    let (mut parts, body) = response.into_parts();
    let body = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(body) => body,
        Err(e) => {
            tracing::warn!(error = %e, "cannot read a page to keep");
            return Err(StatusCode::INTERNAL_SERVER_ERROR.into_response());
        }
    };
    // Set again from the kept body when sent.
    parts.headers.remove(header::CONTENT_LENGTH);
    let nonce = parts
        .headers
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .and_then(nonce_in);
    let body = match String::from_utf8(body.to_vec()) {
        Ok(text) if text.len() <= LARGEST_KEPT => text,
        _ => return Err(Response::from_parts(parts, Body::from(body))),
    };
    Ok(Page {
        seen,
        rendered_at,
        rendering_again: AtomicBool::new(false),
        shows_feedback,
        status: parts.status,
        headers: parts.headers,
        body,
        nonce,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nonce_is_read_from_the_policy() {
        let policy = app::ssr::csp::page_policy("AbCdEfGhIjKlMnOpQrStUv");
        assert_eq!(nonce_in(&policy).as_deref(), Some("AbCdEfGhIjKlMnOpQrStUv"));
        assert_eq!(nonce_in(app::ssr::csp::STRICT), None);
        assert_eq!(
            nonce_in("script-src 'nonce-short'"),
            None,
            "too short to replace"
        );
    }
}
