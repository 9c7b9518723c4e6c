//! One public page as kept: the response with its headers, compressed once, and (for someone
//! signed in) cut where the header's sign-in link is. `public_pages.rs` decides when a page is
//! kept and sent; this file says what is kept of it and how it goes out.
use std::{sync::atomic::AtomicBool, time::Instant};

use app::ssr::writes::Seen;
use axum::{
    body::{Body, Bytes},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

use crate::{
    encoded::{Encoded, Spliced},
    script_free::inline_script_hashes,
};

/// A response larger than this is sent but not kept.
const LARGEST_KEPT: usize = 2 * 1024 * 1024;

pub(crate) struct Page {
    /// The writes counted when rendering began.
    pub(crate) seen: Seen,
    pub(crate) rendered_at: Instant,
    /// Set once one request has it rendered again in the background.
    pub(crate) rendering_again: AtomicBool,
    shows_feedback: bool,
    status: StatusCode,
    headers: HeaderMap,
    pub(crate) body: Encoded,
    /// The page cut where its sign-in link is, for someone signed in (none if it has none).
    pub(crate) for_staff: Option<Spliced>,
}

impl Page {
    /// Whether this page already shows every write counted in `seen`.
    pub(crate) fn covers(&self, seen: Seen) -> bool {
        if self.shows_feedback {
            self.seen.covers(seen)
        } else {
            self.seen.covers_curation(seen)
        }
    }

    /// The page as a response to `request`; `kept` when it was rendered for an earlier
    /// request, which the `Age` header then says (RFC 9111).
    pub(crate) fn response(&self, request: &HeaderMap, kept: bool) -> Response {
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

    /// The page for someone signed in: `staff_links` in the sign-in link's place, never kept
    /// by the browser, with the session's `cookies`. None when the page has no sign-in link.
    pub(crate) fn for_staff(
        &self,
        request: &HeaderMap,
        staff_links: &str,
        cookies: header::GetAll<'_, HeaderValue>,
    ) -> Option<Response> {
        let (coding, body) = self.for_staff.as_ref()?.for_request(request, staff_links);
        let mut headers = self.headers.clone();
        coding.mark(&mut headers);
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        for cookie in cookies {
            headers.append(header::SET_COOKIE, cookie.clone());
        }
        let mut response = Response::new(Body::from(body));
        *response.status_mut() = self.status;
        *response.headers_mut() = headers;
        Some(response)
    }
}

/// The nonce a Content-Security-Policy names, if it is long enough to be found safely.
fn nonce_in(policy: &str) -> Option<String> {
    let nonce = policy.split("'nonce-").nth(1)?.split('\'').next()?;
    (nonce.len() >= 16).then(|| nonce.to_owned())
}

/// The whole response as a page to keep, or the response itself when it must not be kept.
pub(crate) async fn keep(
    response: Response,
    seen: Seen,
    rendered_at: Instant,
    shows_feedback: bool,
    sign_in_link: Option<String>,
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
    let compressed = tokio::task::spawn_blocking(move || {
        let for_staff = sign_in_link.and_then(|link| cut_at(&body, &link));
        (Encoded::new(body), for_staff)
    });
    let (body, for_staff) = match compressed.await {
        Ok(both) => both,
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
        for_staff,
    })
}

/// The page cut where `link` is (compressed once), when it is there exactly once.
fn cut_at(body: &Bytes, link: &str) -> Option<Spliced> {
    let html = std::str::from_utf8(body).ok()?;
    let (before, after) = html.split_once(link)?;
    if after.contains(link) {
        return None;
    }
    Some(Spliced::new(before.to_owned(), after.to_owned()))
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
