//! Public pages kept for anonymous visitors. The tracker, a recommendation, a forum, a report
//! card and the services summary read thousands of rows to say the same thing to everyone, so
//! each server keeps the finished response (with its headers), compressed once, and sends it
//! again as kept:
//! - until a write through this server could change it (`WriteCount`), so whoever just changed
//!   something sees it on their next page (survivors' counts: within `RENDER_AGAIN_AFTER`
//!   and one render, see `serve`);
//! - for `KEEP_AT_MOST` otherwise (other servers, commands beside the server);
//! - never for anyone signed in, and never a survivor page.
//!
//! A kept page with an island allows its inline scripts by their hashes, not by a nonce, so the
//! bytes are the same for every visitor (a nonce sent to many is no secret). Parameters a page
//! does not read are dropped from the address before it is looked up or rendered, so adding
//! one cannot skip the kept pages.
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

use app::domain::route_class::{RouteClass, SHARED_PAGE_PARAMETERS};
use app::ssr::{
    clock::Clock,
    writes::{KEEP_AT_MOST, Seen, WriteCount},
};
use axum::{
    body::{Body, Bytes},
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use chrono::NaiveDate;
use moka::{future::Cache, ops::compute::CompResult, ops::compute::Op};

use crate::{encoded::Encoded, script_free::inline_script_hashes, session_cookie::signed_in};

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
    body: Encoded,
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

    /// The page as a response to `request`; `kept` when it was rendered for an earlier
    /// request, which the `Age` header then says (RFC 9111).
    fn response(&self, request: &HeaderMap, kept: bool) -> Response {
        let mut headers = self.headers.clone();
        if kept {
            headers.insert(header::AGE, self.rendered_at.elapsed().as_secs().into());
        }
        let (coding, body) = self.body.for_request(request);
        coding.mark(&mut headers);
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
                let bytes = key.path_and_query.len() + page.body.bytes_held() + 1024;
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
    pub async fn serve(State(pages): State<Self>, mut request: Request, next: Next) -> Response {
        let Some((key, shows_feedback)) = pages.key(&request) else {
            return next.run(request).await;
        };
        // Rendered as looked up: without the parameters the page does not read.
        match key.path_and_query.parse::<Uri>() {
            Ok(uri) => *request.uri_mut() = uri,
            Err(_) => return next.run(request).await,
        }
        let seen = pages.writes.seen();
        let wanted = Wanted {
            key,
            shows_feedback,
            seen,
            younger_than: KEEP_AT_MOST,
        };
        if let Some(page) = pages.kept.get(&wanted.key).await
            && (page.covers(seen) || page.seen.covers_curation(seen))
        {
            // Past half its time, one request has it rendered again in the background, so
            // under load nobody waits for a page that is merely old. A page behind only on
            // survivors' counts is treated the same: while survivors send, their released
            // figures show within a second or two and are never rendered once per answer (the
            // figures move in steps of K anyway, and never the moment one survivor sends).
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
            return page.response(request.headers(), true);
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
        let asked = request.headers().clone();
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
                entry.value().response(&asked, false)
            }
            CompResult::Unchanged(entry) => entry.value().response(&asked, true),
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
            path_and_query: known_parameters_only(request.uri()),
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

/// The path and the query without the parameters no public page reads, in their order.
fn known_parameters_only(uri: &Uri) -> String {
    let path = uri.path();
    let known: Vec<&str> = uri
        .query()
        .unwrap_or_default()
        .split('&')
        .filter(|pair| {
            let name = pair.split('=').next().unwrap_or_default();
            SHARED_PAGE_PARAMETERS.contains(&name)
        })
        .collect();
    if known.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", known.join("&"))
    }
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
    if body.len() > LARGEST_KEPT {
        return Err(Response::from_parts(parts, Body::from(body)));
    }
    let body = match nonce {
        // Its scripts are allowed by their hashes from now on, and the nonce leaves the page.
        Some(nonce) => {
            // (Leptos also writes the nonce as a preload's `crossorigin`: anonymous either way.)
            let html = String::from_utf8_lossy(&body)
                .replace(&format!(" nonce=\"{nonce}\""), "")
                .replace(&format!(" crossorigin=\"{nonce}\""), " crossorigin=\"\"");
            let policy = app::ssr::csp::kept_page_policy(&inline_script_hashes(&html));
            match HeaderValue::from_str(&policy) {
                Ok(value) => parts.headers.insert(header::CONTENT_SECURITY_POLICY, value),
                Err(_) => return Err(StatusCode::INTERNAL_SERVER_ERROR.into_response()),
            };
            Bytes::from(html)
        }
        None => body,
    };
    let body = match tokio::task::spawn_blocking(move || Encoded::new(body)).await {
        Ok(body) => body,
        Err(_) => return Err(StatusCode::INTERNAL_SERVER_ERROR.into_response()),
    };
    Ok(Page {
        seen,
        rendered_at,
        rendering_again: AtomicBool::new(false),
        shows_feedback,
        status: parts.status,
        headers: parts.headers,
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_no_page_reads_are_left_out() {
        let key = |uri: &'static str| known_parameters_only(&Uri::from_static(uri));
        assert_eq!(key("/en/recommendations"), "/en/recommendations");
        assert_eq!(key("/en/recommendations?x=1"), "/en/recommendations");
        assert_eq!(
            key("/en/recommendations?fbclid=a&q=court&n=7&theme=justice"),
            "/en/recommendations?q=court&theme=justice"
        );
        assert_eq!(
            key("/en/services?service=shelter&utm_source=x"),
            "/en/services?service=shelter"
        );
    }

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
