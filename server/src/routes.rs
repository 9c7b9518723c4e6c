//! Every route of the site and the layers around them: what each address answers, and what
//! every response passes through (policies, kept pages, compression, sessions, logs).
use std::{
    path::Path,
    sync::{Arc, OnceLock},
    time::Duration,
};

use app::{
    app::{App, shell},
    domain::route_class::{RouteClass, logged_path},
    handlers::{
        account, admin, answers, claim_checks, curation, feedback, feeds, forum_day, import,
        invites, moderation, open_data, paper, password, people, prompts, proposals,
        publication_gate, receipts, sent_invites, sign_in, venues, votes,
    },
    paths,
    ssr::{
        auth::{csrf, session},
        csp,
        state::AppState,
    },
};
use axum::{
    Router,
    extract::Request,
    http::{HeaderValue, header},
    middleware::{self, Next},
    response::Response,
    routing::{get, post},
};
use leptos::prelude::provide_context;
use leptos_axum::{
    AxumRouteListing, LeptosRoutes, file_and_error_handler_with_context, generate_route_list,
};
use tower::util::option_layer;
use tower_http::{
    CompressionLevel,
    compression::CompressionLayer,
    services::ServeFile,
    set_header::SetResponseHeaderLayer,
    trace::{DefaultOnResponse, OnResponse, TraceLayer},
};
use tower_sessions::{Expiry, SessionManagerLayer, cookie::SameSite};
use tracing::Level;

use crate::{
    assets, count_writes::count_writes, fellow_servers::Fellows, forwarded, kept_forms::KeptForms,
    language, public_pages::PublicPages, script_free, session_cookie::signed_in, staff_header,
};

/// The app's routes, listed once per process. While leptos lists them it stops every
/// resource that starts loading anywhere in the process, for good (leptos_server's
/// `SuppressResourceLoad` is process-wide; leptos issue 4773): listing them again for a
/// second server would hang any page another server was rendering at that moment.
pub fn route_list() -> &'static [AxumRouteListing] {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App))
}

pub fn router(
    state: AppState,
    fellows: Fellows,
    trusted_proxies: Vec<std::net::IpAddr>,
    dev_http: bool,
) -> Router {
    // The survivor pages are rendered by their own handlers (see `forms::survivor`).
    let routes: Vec<_> = route_list()
        .iter()
        .filter(|r| RouteClass::of(r.path()) != RouteClass::Survivor)
        .cloned()
        .collect();
    let header_state = state.clone();
    let hashes = assets::hashes(Path::new(state.leptos_options.hash_file.as_ref()));
    let (cookie, secure) = if dev_http {
        ("samleng_session", false)
    } else {
        ("__Host-samleng_session", true)
    };
    let sessions = SessionManagerLayer::new(state.sessions.clone())
        .with_name(cookie)
        .with_secure(secure)
        .with_http_only(true)
        .with_same_site(SameSite::Strict)
        .with_path("/")
        // Every request of a signed-in person pushes the idle limit back. Empty sessions
        // (everyone not signed in) are still never saved, so they never get a cookie.
        .with_always_save(true)
        .with_expiry(Expiry::OnInactivity(time::Duration::seconds(
            session::IDLE.num_seconds(),
        )));
    let hsts = (!dev_http).then(|| {
        SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        )
    });
    let public_pages = PublicPages::new(state.writes.clone(), state.clock.clone());
    let kept_forms = KeptForms::new(state.writes.clone());
    let writes = state.writes.clone();
    let page_state = state.clone();
    let fallback_state = state.clone();
    let options = state.leptos_options.clone();
    // The icon sits at the site's root, where `/{lang}` (the home page's route) would take
    // its name for a language: served by name, so no visit asks for it in vain.
    let icon = |name: &str| ServeFile::new(format!("{}/{name}", options.site_root));
    Router::new()
        .route("/", get(language::redirect_root))
        .route_service("/favicon.ico", icon("favicon.ico"))
        .route_service("/favicon.svg", icon("favicon.svg"))
        .route(
            paths::feedback::FORM.pattern(),
            get(feedback::form).post(feedback::submit),
        )
        .route(
            paths::proposals::FORM.pattern(),
            get(proposals::form).post(proposals::submit),
        )
        .route(
            paths::receipts::LOOK_UP.pattern(),
            get(receipts::form).post(receipts::look_up),
        )
        .route(paths::receipts::REPLY.pattern(), post(receipts::reply))
        .route(paths::receipts::FOLLOW.pattern(), post(receipts::follow))
        .route(
            paths::votes::BALLOT.pattern(),
            get(votes::form).post(votes::cast),
        )
        .route(
            paths::checks::FORM.pattern(),
            get(claim_checks::form).post(claim_checks::submit),
        )
        .route(
            paths::moderation::SPAM.pattern(),
            post(moderation::mark_spam),
        )
        .route(
            paths::moderation::REDACT.pattern(),
            post(moderation::redact),
        )
        .route(
            paths::moderation::TRANSLATE.pattern(),
            post(moderation::translate),
        )
        .route(
            paths::moderation::STATE.pattern(),
            post(moderation::set_state),
        )
        .route(
            paths::moderation::FLAGS.pattern(),
            post(publication_gate::decide),
        )
        .route(paths::moderation::REPLY.pattern(), post(moderation::reply))
        .route(
            paths::moderation::PROMOTE.pattern(),
            post(moderation::promote),
        )
        .route(
            paths::curation::RECOMMENDATION.pattern(),
            post(curation::save_recommendation),
        )
        .route(paths::curation::PUBLISH.pattern(), post(curation::publish))
        .route(paths::curation::MERGE.pattern(), post(curation::merge))
        .route(paths::curation::UNMERGE.pattern(), post(curation::unmerge))
        .route(paths::curation::FORUM.pattern(), post(curation::save_forum))
        .route(
            paths::curation::FORUM_PUBLICATION.pattern(),
            post(curation::forum_publication),
        )
        .route(paths::curation::IMPORT.pattern(), post(import::upload))
        .route(
            paths::curation::IMPORT_CONFIRM.pattern(),
            post(import::confirm),
        )
        .route(
            paths::curation::IMPORT_CANCEL.pattern(),
            post(import::cancel),
        )
        .route(
            paths::curation::IMPORT_OUTCOME.pattern(),
            post(import::outcome),
        )
        .route(paths::answers::RESPONSE.pattern(), post(answers::respond))
        .route(paths::answers::PROGRESS.pattern(), post(answers::progress))
        .route(paths::curation::DAY.pattern(), post(forum_day::add))
        .route(
            paths::curation::DAY_PUBLISH.pattern(),
            post(forum_day::publish),
        )
        .route(
            paths::curation::DAY_TALLIES.pattern(),
            post(forum_day::tallies),
        )
        .route(paths::curation::DAY_STEP.pattern(), post(forum_day::step))
        .route(paths::answers::APPROVE.pattern(), post(answers::approve))
        .route(paths::answers::DISCARD.pattern(), post(answers::discard))
        .merge(open_data_routes())
        .route(paths::account::LOGIN.pattern(), post(sign_in::login))
        .route(paths::account::LOGOUT.pattern(), post(sign_in::logout))
        .route(
            paths::account::LOGIN_CODE.pattern(),
            post(sign_in::login_code),
        )
        .route(
            paths::account::TWO_STEP.pattern(),
            post(sign_in::enable_totp),
        )
        .route(
            paths::account::RECOVERY_CODES.pattern(),
            post(sign_in::renew_recovery_codes),
        )
        .route(paths::venues::OPEN.pattern(), post(venues::open))
        .route(paths::venues::CLOSE.pattern(), post(venues::close))
        .route(paths::people::INVITE.pattern(), post(invites::invite))
        .route(
            paths::people::DECIDE_INVITE.pattern(),
            post(invites::decide),
        )
        .route(
            paths::people::REVOKE_INVITE.pattern(),
            post(sent_invites::revoke),
        )
        .route(
            paths::people::RESEND_INVITE.pattern(),
            post(sent_invites::resend),
        )
        .route(paths::people::ROLE.pattern(), post(people::change_role))
        .route(paths::people::DISABLE.pattern(), post(people::set_disabled))
        .route(
            paths::people::TWO_STEP_RESET.pattern(),
            post(people::reset_two_step),
        )
        .route(
            paths::people::ACCEPT_INVITE.pattern(),
            post(invites::accept),
        )
        .route(paths::paper::PRINT.pattern(), post(paper::print))
        .route(paths::prompts::UPLOAD.pattern(), post(prompts::upload))
        .route(paths::prompts::REMOVE.pattern(), post(prompts::remove))
        .route(paths::prompts::AUDIO.pattern(), get(prompts::serve))
        .route(paths::admin::SETTINGS.pattern(), post(admin::save_settings))
        .route(paths::account::PASSWORD.pattern(), post(password::change))
        .route(paths::people::ISSUE_RESET.pattern(), post(password::issue))
        .route(paths::account::RESET.pattern(), post(password::reset))
        .route(paths::account::FORGOT.pattern(), post(password::forgot))
        .route(paths::account::DIGEST.pattern(), post(account::digest))
        .route(
            paths::admin::ORGANISATION.pattern(),
            post(admin::save_organisation),
        )
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(page_state.clone()),
            move || shell(options.clone()),
        )
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            move || provide_context(fallback_state.clone()),
            shell,
        ))
        .with_state(state)
        .layer(middleware::from_fn(script_free::settle))
        .layer(middleware::from_fn_with_state(
            hashes,
            assets::cache_for_a_year,
        ))
        // Inside the sessions: a signed-in person's header for a kept public page.
        .layer(middleware::from_fn_with_state(
            header_state,
            staff_header::answer,
        ))
        .layer(sessions)
        .layer(middleware::from_fn(no_store_when_signed_in))
        .layer(middleware::from_fn(csrf::reject_cross_site))
        .layer(option_layer(hsts))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(csp::STRICT),
        ))
        // Kept pages go out compressed as kept; the compression layer lets them through.
        .layer(middleware::from_fn_with_state(
            public_pages,
            PublicPages::serve,
        ))
        .layer(middleware::from_fn_with_state(kept_forms, KeptForms::serve))
        // Brotli's default (quality 11) costs more CPU than the bytes it saves on a page.
        // Pages rendered per person are compressed per response: the fastest level that
        // still halves them (kept pages and forms were compressed once, harder).
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(1)))
        .layer(middleware::from_fn_with_state(
            (writes, fellows),
            count_writes,
        ))
        .layer(middleware::from_fn_with_state(
            Arc::new(trusted_proxies),
            forwarded::from_trusted_proxy,
        ))
        // Method, path and status only: never the client's address or user agent.
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request| {
                    // Survivor pages are not logged at all: not even the time of a visit.
                    let path = request.uri().path();
                    if !RouteClass::of(path).logged() {
                        return tracing::Span::none();
                    }
                    let path = logged_path(path);
                    tracing::info_span!("request", method = %request.method(), %path)
                })
                .on_response(
                    |response: &Response, latency: Duration, span: &tracing::Span| {
                        if !span.is_disabled() {
                            DefaultOnResponse::new()
                                .level(Level::INFO)
                                .on_response(response, latency, span);
                        }
                    },
                ),
        )
}

/// The open data: free to reuse from any site, so any origin may read it (no cookie is sent
/// with such reads, and it holds nothing private).
fn open_data_routes() -> Router<AppState> {
    Router::new()
        .route("/{lang}/recommendations.csv", get(open_data::tracker_csv))
        .route("/api/v1/recommendations", get(open_data::recommendations))
        .route(
            "/api/v1/recommendations/{id}",
            get(open_data::recommendation),
        )
        .route("/api/v1/organisations", get(open_data::organisations))
        .route("/api/v1/forums", get(open_data::forums))
        .route("/{lang}/recommendations.atom", get(feeds::tracker))
        .route(
            "/{lang}/recommendations/{id}/feed.atom",
            get(feeds::recommendation),
        )
        .route("/{lang}/bodies/{id}/feed.atom", get(feeds::body))
        .route("/{lang}/forums/{id}/feed.atom", get(feeds::forum))
        .layer(SetResponseHeaderLayer::overriding(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        ))
}

/// Pages for signed-in people must never be kept by a browser or proxy cache.
async fn no_store_when_signed_in(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    let has_session = signed_in(request.headers());
    if path.starts_with("/pkg/") {
        // The same built files for everyone (see `assets`).
        return next.run(request).await;
    }
    let mut response = next.run(request).await;
    let private_page = RouteClass::of(&path).no_store();
    if has_session || private_page || response.headers().contains_key(header::SET_COOKIE) {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}
