//! Content-Security-Policy for rendered pages: only scripts carrying the page's nonce run.
//! The server sets each page's policy once it is rendered (its `script_free` layer).
use leptos::prelude::*;

use crate::domain::route_class::{RouteClass, runs_wasm};

/// The policy for responses that are not pages (files, redirects, server functions).
pub const STRICT: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
    object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// What every page with an island allows besides its scripts.
const ISLAND_PAGE_REST: &str = "style-src 'self'; img-src 'self' data:; media-src 'self'; \
    connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
    frame-ancestors 'none'; form-action 'self'";

/// ` 'sha256-…'` for each hash, to follow a directive's other sources.
fn hash_sources(hashes: &[String]) -> String {
    hashes.iter().map(|h| format!(" 'sha256-{h}'")).collect()
}

/// The policy for a page whose scripts carry `nonce`.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; \
         {ISLAND_PAGE_REST}"
    )
}

/// The policy for a page with an island kept for everyone (`server/src/public_pages.rs`): its
/// inline scripts are allowed by their hashes, and the files they load (`/pkg/`) by being ours,
/// so the page is the same for every visitor and can be compressed once. A page rendered for
/// one person keeps a nonce of its own.
pub fn kept_page_policy(script_hashes: &[String]) -> String {
    let hashes = hash_sources(script_hashes);
    format!("default-src 'self'; script-src 'self'{hashes} 'wasm-unsafe-eval'; {ISLAND_PAGE_REST}")
}

/// The policy for pages that carry no script at all: the survivor pages, and every page
/// without an island. A survivor page's own CSS (written into it) is allowed by its hash.
pub fn no_script_policy(style_hashes: &[String]) -> String {
    let hashes = hash_sources(style_hashes);
    format!(
        "default-src 'none'; script-src 'none'; style-src 'self'{hashes}; \
         img-src 'self' data:; media-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
         frame-ancestors 'none'; form-action 'self'"
    )
}

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
