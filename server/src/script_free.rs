//! Every HTML page's Content-Security-Policy, decided here from its address and its body, in
//! one place after rendering. Pages without an island (see `runs_wasm`) load no script: their
//! policy allows none, and the hydration bookkeeping Leptos writes after `</html>` is cut off.
//! A page with an island allows only the scripts carrying its nonce. A survivor page's own CSS,
//! written into it, is allowed by its hash.
//!
//! Leptos can set headers while it renders (`ResponseOptions`), and the shell did so; under
//! concurrent renders a page now and then went out without the header it had set (seen in
//! the tests: a tracker page then ran no script at all). A policy decided from the finished
//! response cannot go missing.
use app::{
    domain::route_class::{RouteClass, runs_wasm},
    ssr::csp::{no_script_policy, page_policy},
};
use axum::{
    body::Body,
    extract::Request,
    http::{HeaderValue, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

/// A page is never larger than this.
const LARGEST_PAGE: usize = 16 * 1024 * 1024;

pub async fn settle(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let with_island = RouteClass::of(path).scripts() && runs_wasm(path);
    let response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match axum::body::to_bytes(body, LARGEST_PAGE).await {
        Ok(bytes) => bytes,
        Err(e) => {
            tracing::warn!(error = %e, "a page could not be read to set its policy");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let html = String::from_utf8_lossy(&bytes);
    let nonce = if with_island {
        script_nonce(&html)
    } else {
        None
    };
    let (policy, body) = match nonce {
        Some(nonce) => (page_policy(nonce), html.to_string()),
        None => {
            let html = up_to_html_end(&html);
            (
                no_script_policy(&inline_hashes(html, "style")),
                html.to_string(),
            )
        }
    };
    match HeaderValue::from_str(&policy) {
        Ok(value) => parts.headers.insert(header::CONTENT_SECURITY_POLICY, value),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(body))
}

/// Leptos closes every rendered page with its hydration bookkeeping, in scripts after
/// `</html>`: a page that never hydrates does not need them, and its policy would refuse them.
fn up_to_html_end(html: &str) -> &str {
    const END: &str = "</html>";
    match html.find(END) {
        Some(at) => &html[..at + END.len()],
        None => html,
    }
}

/// The SHA-256 (base64) of each inline script's text, for a policy that allows exactly these.
/// Scripts with a `src` carry no text of their own; user text cannot form `<script` (escaped).
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    inline_hashes(html, "script")
}

/// The SHA-256 (base64) of the text of each `<element>` (script or style) written in the page.
/// Only markup can open one: everything a person typed is escaped.
fn inline_hashes(html: &str, element: &str) -> Vec<String> {
    use base64::{Engine, engine::general_purpose::STANDARD};
    use sha2::{Digest, Sha256};
    let (open, close_tag) = (format!("<{element}"), format!("</{element}>"));
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(&open) {
        let tag = &rest[start..];
        let Some(open_end) = tag.find('>') else { break };
        let Some(close) = tag[open_end..].find(&close_tag) else {
            break;
        };
        let text = &tag[open_end + 1..open_end + close];
        if !tag[..open_end].contains(" src=") {
            let hash = STANDARD.encode(Sha256::digest(text.as_bytes()));
            if !hashes.contains(&hash) {
                hashes.push(hash);
            }
        }
        rest = &tag[open_end + close..];
    }
    hashes
}

/// The nonce of the page's first `<script>` tag. Only markup can hold `<script`: everything a
/// person typed is escaped (`<` becomes `&lt;`), so a visitor's text cannot choose it.
fn script_nonce(html: &str) -> Option<&str> {
    let tag_start = html.find("<script")?;
    let tag = &html[tag_start..];
    let tag = &tag[..tag.find('>')?];
    let value = tag.split(" nonce=\"").nth(1)?;
    let nonce = value.split('"').next()?;
    let well_formed = !nonce.is_empty()
        && nonce
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_+/=".contains(&b));
    well_formed.then_some(nonce)
}

#[cfg(test)]
mod tests {
    use super::{inline_script_hashes, script_nonce};

    #[test]
    fn each_inline_script_is_hashed_once() {
        let page = "<script type=\"module\" nonce=\"n\">go()</script><p>x</p>\
                    <script src=\"/pkg/a.js\"></script><script>go()</script><script>b</script>";
        // sha256("go()") and sha256("b"), base64: the same text twice is one hash.
        assert_eq!(
            inline_script_hashes(page),
            [
                "5KYv+PUboo5h+0+YAtGRPbwv5d/QxzHslP4YGnUaxRw=",
                "PiPoFgA5WUoziU9lZOGxNIu9egCI1CxKy3PurtWcAJ0="
            ]
        );
        assert!(inline_script_hashes("<p>none</p>").is_empty());
    }

    #[test]
    fn the_nonce_comes_from_a_script_tag_only() {
        let page = "<title>nonce=\"evil\"</title><p>&lt;script nonce=\"x\"&gt;</p>\
                    <script type=\"module\" nonce=\"Ab3_-\">go()</script>";
        assert_eq!(script_nonce(page), Some("Ab3_-"));
        assert_eq!(script_nonce("<p>no scripts</p>"), None);
        assert_eq!(script_nonce("<script>x()</script>"), None);
        assert_eq!(script_nonce("<script nonce=\"a'b\">"), None);
    }
}
