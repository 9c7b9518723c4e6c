//! Content-Security-Policy for rendered pages: only scripts carrying this response's nonce run.
use axum::http::{HeaderValue, header::CONTENT_SECURITY_POLICY};
use leptos::{nonce::use_nonce, prelude::*};
use leptos_axum::ResponseOptions;

use crate::domain::route_class::{RouteClass, runs_wasm};

/// The policy for responses that are not pages (files, redirects, server functions).
pub const STRICT: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
    object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// The policy for a page whose scripts carry `nonce`.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )
}

/// The policy for pages that carry no script at all: the survivor pages, and every page
/// without an island.
pub const NO_SCRIPT: &str = "default-src 'none'; script-src 'none'; style-src 'self'; \
    img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'none'; \
    frame-ancestors 'none'; form-action 'self'";

/// Whether the page being rendered is a survivor page (`RouteClass::Survivor`).
pub fn rendering_survivor_page() -> bool {
    use_context::<axum::http::request::Parts>()
        .is_some_and(|p| RouteClass::of(p.uri.path()) == RouteClass::Survivor)
}

/// Whether the page being rendered loads the JS and WASM: only a page with an island, and
/// never a survivor page.
pub fn rendering_page_with_island() -> bool {
    use_context::<axum::http::request::Parts>().is_some_and(|p| {
        let path = p.uri.path();
        RouteClass::of(path).scripts() && runs_wasm(path)
    })
}

/// Sets this response's policy: for a page without an island, no script at all; otherwise a
/// fresh nonce that only our own scripts carry.
pub fn provide_page_csp() {
    let Some(response) = use_context::<ResponseOptions>() else {
        return;
    };
    if !rendering_page_with_island() {
        response.insert_header(CONTENT_SECURITY_POLICY, HeaderValue::from_static(NO_SCRIPT));
        return;
    }
    leptos::nonce::provide_nonce();
    let Some(nonce) = use_nonce() else {
        return;
    };
    if let Ok(value) = HeaderValue::from_str(&page_policy(&nonce)) {
        response.insert_header(CONTENT_SECURITY_POLICY, value);
    }
}
