//! Renders a survivor page from its handler, with what the handler found in the page's
//! context, so that what a survivor typed, and the code they are given, travel only in
//! request and response bodies: never in a URL or a cookie. These pages carry no script (the
//! server's `script_free` layer cuts what Leptos writes after `</html>` and sets the policy).
use axum::{
    body::Body,
    http::{Method, Request, StatusCode, Uri},
    response::Response,
};
use leptos::prelude::provide_context;

use crate::app::shell;
use crate::ssr::state::AppState;

/// The page at `path` (rendered as for a GET), with `extra` in its context and `status`.
pub async fn script_free_page<T>(
    state: &AppState,
    path: &str,
    extra: T,
    status: StatusCode,
) -> Response
where
    T: Clone + Send + Sync + 'static,
{
    page_for(state, path, extra, status, None).await
}

/// A signed-in screen rendered from its POST handler, like `script_free_page`, with the
/// request's session, so its header still shows the person's screens. For an answer that
/// must not travel by redirect (a printed batch's receipt codes).
pub async fn staff_page<T>(
    state: &AppState,
    path: &str,
    extra: T,
    session: tower_sessions::Session,
) -> Response
where
    T: Clone + Send + Sync + 'static,
{
    page_for(state, path, extra, StatusCode::OK, Some(session)).await
}

async fn page_for<T>(
    state: &AppState,
    path: &str,
    extra: T,
    status: StatusCode,
    session: Option<tower_sessions::Session>,
) -> Response
where
    T: Clone + Send + Sync + 'static,
{
    let page_state = state.clone();
    let options = state.leptos_options.clone();
    // The recordings beside the survivor forms' texts (a handful of rows, addresses only).
    let prompts = crate::ssr::store::prompts::all(&state.db)
        .await
        .unwrap_or_default();
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(page_state.clone());
            provide_context(extra.clone());
            provide_context(prompts.clone());
        },
        move || shell(options.clone()),
    );
    let uri: Uri = path.parse().unwrap_or_else(|_| Uri::from_static("/"));
    let mut request = Request::new(Body::empty());
    *request.method_mut() = Method::GET;
    *request.uri_mut() = uri;
    if let Some(session) = session {
        request.extensions_mut().insert(session);
    }
    let mut response = handler(request).await;
    if response.status() == StatusCode::OK {
        *response.status_mut() = status;
    }
    response
}
