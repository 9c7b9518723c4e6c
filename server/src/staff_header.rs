//! Public pages for someone signed in: the kept page everyone gets, with the sign-in link
//! replaced by this person's part of the header (who they are, their screens with their
//! counts, sign-out). Nothing else on a public page differs for staff, so a signed-in page
//! costs what a kept page costs, not a render of the national data set.
//!
//! `PublicPages` (outside the session layer) asks for the header by sending the request on
//! with `StaffHeaderWanted`; `answer` (inside it, where the session is loaded) gives it back
//! as `StaffHeader` on an empty response, whose cookies `PublicPages` passes on.
use app::{
    components::frame::staff_links_html,
    domain::lang::Lang,
    ssr::{state::AppState, store::account::staff_nav},
};
use axum::{
    extract::{Request, State},
    http::StatusCode,
    middleware::Next,
    response::{IntoResponse, Response},
};
use tower_sessions::Session;

/// Set on a request by `PublicPages`: answer with the header, not the page.
#[derive(Clone, Copy)]
pub struct StaffHeaderWanted;

/// This person's part of the header as HTML, in the page's language.
#[derive(Clone)]
pub struct StaffHeader {
    pub staff_links: String,
}

/// Answers a request marked `StaffHeaderWanted` with its `StaffHeader` (none when nobody is
/// signed in on its session after all); lets every other request through.
pub async fn answer(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if request.extensions().get::<StaffHeaderWanted>().is_none() {
        return next.run(request).await;
    }
    let lang = Lang::of_path(request.uri().path());
    let session = request.extensions().get::<Session>().cloned();
    let mut response = StatusCode::NO_CONTENT.into_response();
    if let (Some(lang), Some(session)) = (lang, session)
        && let Some(nav) = staff_nav(&state, &session).await
    {
        response.extensions_mut().insert(StaffHeader {
            staff_links: staff_links_html(lang, nav),
        });
    }
    response
}
