//! Counts each request that may write, once it is answered, so that what this server keeps
//! (public pages, blank forms, filter choices) is dropped when it could be out of date, and
//! tells the other servers on the same database to do the same.
use std::sync::Arc;

use crate::fellow_servers::Fellows;
use app::{
    domain::route_class::{RouteClass, writes_nothing_shown},
    ssr::writes::{Write, WriteCount},
};
use axum::{
    extract::{Request, State},
    http::{Method, StatusCode},
    middleware::Next,
    response::Response,
};

pub async fn count_writes(
    State((writes, fellows)): State<(Arc<WriteCount>, Fellows)>,
    request: Request,
    next: Next,
) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let path = request.uri().path();
    if writes_nothing_shown(path) {
        return next.run(request).await;
    }
    let write = if RouteClass::of(path) == RouteClass::Survivor {
        Write::Feedback
    } else {
        Write::Curation
    };
    let response = next.run(request).await;
    // Turned away before any handler wrote (no such address, no such method, a foreign
    // origin, too large, too many): without this, anyone could empty every kept page on
    // every server with posts to nowhere.
    if turned_away(response.status()) {
        return response;
    }
    // Handlers commit before they answer, so what is read after this sees the write.
    writes.record(write);
    // Before the answer leaves: whoever made the change then finds it on any server.
    fellows.announce(write).await;
    response
}

fn turned_away(status: StatusCode) -> bool {
    matches!(
        status,
        StatusCode::UNAUTHORIZED
            | StatusCode::FORBIDDEN
            | StatusCode::NOT_FOUND
            | StatusCode::METHOD_NOT_ALLOWED
            | StatusCode::PAYLOAD_TOO_LARGE
            | StatusCode::UNSUPPORTED_MEDIA_TYPE
            | StatusCode::TOO_MANY_REQUESTS
    )
}
