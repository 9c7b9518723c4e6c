//! Pages without an island load no script (see `RouteClass::runs_wasm`), and their policy
//! allows none; Leptos still closes each rendered page with its hydration bookkeeping in
//! scripts after `</html>`, which such a page would only refuse. They are cut off here.
use app::{domain::route_class::runs_wasm, handlers::render::up_to_html_end};
use axum::{
    body::Body,
    extract::Request,
    http::header,
    middleware::Next,
    response::{IntoResponse, Response},
};

/// A page is never larger than this; a larger body is passed on as it is.
const LARGEST_PAGE: usize = 16 * 1024 * 1024;

pub async fn trim(request: Request, next: Next) -> Response {
    let keeps_scripts = runs_wasm(request.uri().path());
    let response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if keeps_scripts || !is_html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match axum::body::to_bytes(body, LARGEST_PAGE).await {
        Ok(bytes) => bytes,
        Err(e) => {
            tracing::warn!(error = %e, "a page could not be read to trim it");
            return axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let html = String::from_utf8_lossy(&bytes);
    let trimmed = up_to_html_end(&html);
    if trimmed.len() == bytes.len() {
        return Response::from_parts(parts, Body::from(bytes));
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(trimmed.to_string()))
}
