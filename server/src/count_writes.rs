//! Counts each request that may write, once it is answered, so that what this server keeps
//! (public pages, blank forms, filter choices) is dropped when it could be out of date, and
//! tells the other servers on the same database to do the same.
use std::sync::Arc;

use crate::fellow_servers::Fellows;
use app::{
    domain::route_class::RouteClass,
    ssr::writes::{Write, WriteCount},
};
use axum::{
    extract::{Request, State},
    http::Method,
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
    let write = if RouteClass::of(request.uri().path()) == RouteClass::Survivor {
        Write::Feedback
    } else {
        Write::Curation
    };
    let response = next.run(request).await;
    // Handlers commit before they answer, so what is read after this sees the write.
    writes.record(write);
    // Before the answer leaves: whoever made the change then finds it on any server.
    fellows.announce(write).await;
    response
}
