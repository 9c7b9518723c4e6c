//! Public pages kept for anonymous visitors. The tracker, a recommendation, a forum, a report
//! card and the services summary read thousands of rows to say the same thing to everyone, so
//! each server keeps the finished response (with its headers), compressed once, and sends it
//! again as kept:
//! - until a write through this server could change it (`WriteCount`), so whoever just changed
//!   something sees it on their next page (survivors' counts: within `RENDER_AGAIN_AFTER`
//!   and one render, see `serve`);
//! - for `KEEP_AT_MOST` otherwise (other servers, commands beside the server): the first
//!   request after it has the page rendered again in the background and gets the kept one,
//!   as do those that come during the render (after a pause longer than `SEND_OLD_AT_MOST`
//!   the first request waits for the render instead);
//! - never a survivor page.
//!
//! Someone signed in gets the same kept page with their part of the header put in place of the
//! sign-in link (`staff_header.rs`), joined without compressing anything per response.
//!
//! A kept page with an island allows its inline scripts by their hashes, not by a nonce, so the
//! bytes are the same for every visitor (a nonce sent to many is no secret). Parameters a page
//! does not read are dropped from the address before it is looked up or rendered, so adding
//! one cannot skip the kept pages.
//!
//! One page is rendered at a time per address; those waiting take its result when it began
//! after the writes they must see.
use std::{
    sync::{Arc, atomic::Ordering},
    time::{Duration, Instant},
};

use app::components::frame::sign_in_link_html;
use app::domain::{
    lang::Lang,
    route_class::{RouteClass, SHARED_PAGE_PARAMETERS},
};
use app::ssr::{
    clock::Clock,
    writes::{KEEP_AT_MOST, Seen, WriteCount},
};
use axum::{
    body::Body,
    extract::{Request, State},
    http::{Method, StatusCode, Uri, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use chrono::NaiveDate;
use moka::{future::Cache, ops::compute::CompResult, ops::compute::Op};

use crate::{
    encoded::Spliced,
    kept_page::{Page, keep},
    session_cookie::signed_in,
    staff_header::{StaffHeader, StaffHeaderWanted},
};

/// A kept page older than this is rendered again in the background while it is still sent.
const RENDER_AGAIN_AFTER: Duration = Duration::from_secs(1);
/// Memory for kept pages; the least used go first.
const KEPT_BYTES: u64 = 64 * 1024 * 1024;
/// A kept page nobody asked for in this long is dropped.
const NOBODY_ASKS: Duration = Duration::from_secs(600);
/// A kept page rendered longer ago than this is rendered again before it is sent: after a long
/// pause nobody gets a page that may miss a change the other servers could not announce.
const SEND_OLD_AT_MOST: Duration = Duration::from_secs(60);

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

impl PublicPages {
    pub fn new(writes: Arc<WriteCount>, clock: Clock) -> Self {
        let kept = Cache::builder()
            .max_capacity(KEPT_BYTES)
            .weigher(|key: &Key, page: &Arc<Page>| {
                let for_staff = page.for_staff.as_ref().map_or(0, Spliced::bytes_held);
                let bytes = key.path_and_query.len() + page.body.bytes_held() + for_staff + 1024;
                u32::try_from(bytes).unwrap_or(u32::MAX)
            })
            // Old pages are rendered again when asked for (see `page`); one nobody asks for
            // gives its memory back.
            .time_to_idle(NOBODY_ASKS)
            .build();
        Self {
            kept,
            writes,
            clock,
        }
    }

    /// The response for `request`: a kept page when one covers every write so far.
    pub async fn serve(State(pages): State<Self>, mut request: Request, next: Next) -> Response {
        let Some((key, shows_feedback, staff)) = pages.key(&request) else {
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
        if staff {
            return pages.for_staff(wanted, request, next).await;
        }
        let asked = request.headers().clone();
        match pages.page(wanted, request, next).await {
            Ok((page, kept)) => page.response(&asked, kept),
            Err(response) => response,
        }
    }

    /// The kept page for a signed-in person: their part of the header in the sign-in link's
    /// place, never kept by a browser. Rendered for them as before when the page cannot be
    /// kept or nobody is signed in on the session after all.
    async fn for_staff(self, wanted: Wanted, request: Request, next: Next) -> Response {
        let mut ask = copy_of(&request);
        ask.extensions_mut().insert(StaffHeaderWanted);
        let answered = next.clone().run(ask).await;
        let Some(header) = answered.extensions().get::<StaffHeader>().cloned() else {
            return next.run(request).await;
        };
        // The page everyone gets: rendered, if it must be, as for someone not signed in.
        let mut anonymous = copy_of(&request);
        anonymous.headers_mut().remove(header::COOKIE);
        let page = match self.page(wanted, anonymous, next.clone()).await {
            Ok((page, _)) => page,
            Err(_) => return next.run(request).await,
        };
        let cookies = answered.headers().get_all(header::SET_COOKIE);
        match page.for_staff(request.headers(), &header.staff_links, cookies) {
            Some(response) => response,
            None => next.run(request).await,
        }
    }

    /// The kept page for `request` (and true) when one covers every write so far, else the
    /// page rendered for it (and false); the response itself when it cannot be kept.
    async fn page(
        &self,
        wanted: Wanted,
        request: Request,
        next: Next,
    ) -> Result<(Arc<Page>, bool), Response> {
        let seen = wanted.seen;
        if let Some(page) = self.kept.get(&wanted.key).await
            && (page.covers(seen) || page.seen.covers_curation(seen))
        {
            // Long unasked-for (past `SEND_OLD_AT_MOST`, no counted write since): this request
            // renders it again and the others get it meanwhile. Up to then a page merely old is
            // sent while it is rendered again (below): rendering it first made the first
            // request after any pause of two seconds wait for a render of the national data
            // set (100–300 ms at 100 000 recommendations).
            if page.rendered_at.elapsed() >= SEND_OLD_AT_MOST {
                if page.rendering_again.swap(true, Ordering::AcqRel) {
                    return Ok((page, true));
                }
                let rendered = self.clone().render(wanted, next, request).await;
                if rendered.is_err() {
                    page.rendering_again.store(false, Ordering::Release);
                }
                return rendered;
            }
            // Past half its keeping time, one request has it rendered again in the background,
            // so nobody waits for a page that is merely old. A page behind only on
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
                let background = self.clone().render(again, next, copy_of(&request));
                tokio::spawn(background);
            }
            return Ok((page, true));
        }
        self.clone().render(wanted, next, request).await
    }

    /// Renders the page unless, once this request's turn comes, a page rendered recently
    /// enough covers its writes. One render at a time per page.
    async fn render(
        self,
        wanted: Wanted,
        next: Next,
        request: Request,
    ) -> Result<(Arc<Page>, bool), Response> {
        let Wanted {
            key,
            shows_feedback,
            seen,
            younger_than,
        } = wanted;
        let mut not_kept = None;
        let sign_in_link = sign_in_link_of(&key.path_and_query);
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
                match keep(response, began, rendered_at, shows_feedback, sign_in_link).await {
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
                Ok((entry.into_value(), false))
            }
            CompResult::Unchanged(entry) => Ok((entry.into_value(), true)),
            CompResult::Removed(_) | CompResult::StillNone(_) => {
                Err(not_kept.unwrap_or_else(|| StatusCode::INTERNAL_SERVER_ERROR.into_response()))
            }
        }
    }

    /// The key of a page that may be kept, whether it shows feedback counts, and whether
    /// someone signed in asks for it.
    fn key(&self, request: &Request) -> Option<(Key, bool, bool)> {
        if request.method() != Method::GET {
            return None;
        }
        let RouteClass::Shared { shows_feedback } = RouteClass::of(request.uri().path()) else {
            return None;
        };
        let key = Key {
            path_and_query: known_parameters_only(request.uri()),
            day: self.clock.today(),
        };
        Some((key, shows_feedback, signed_in(request.headers())))
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

/// The header's sign-in link as a page at `path` has it (in the page's language).
fn sign_in_link_of(path: &str) -> Option<String> {
    Lang::of_path(path).map(sign_in_link_html)
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
}
