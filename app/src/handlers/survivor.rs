//! The anonymous routes: giving feedback, proposing, and coming back with a receipt code.
//! No session, no cookie, nothing about the sender stored or logged. Every answer is rendered
//! straight from the handler, so the survivor's words and their code stay in request and
//! response bodies. The client address is used only by the in-memory flood gate.
use std::{collections::HashMap, net::SocketAddr};

use axum::{
    Form,
    extract::{ConnectInfo, Path, Query, State, rejection::FormRejection},
    http::StatusCode,
    response::Response,
};

use crate::{
    domain::{
        lang::Lang,
        receipt::ReceiptCode,
        submission::{
            HONEYPOT_FIELD, Problems, RawForm, VENUE_FIELD, check_feedback, check_proposal,
            check_reply,
        },
    },
    handlers::render::script_free_page,
    ssr::{
        anonymous_gate::Door,
        once, receipts,
        state::AppState,
        store::{
            survivor::{self as store, FoundThread},
            venues,
        },
    },
    views::survivor::{Draft, SubmissionKind, SurvivorView, ThreadView},
};

fn lang_of(code: &str) -> Lang {
    Lang::parse(code).unwrap_or_default()
}

fn path(lang: &str, page: &str) -> String {
    format!("/{lang}/{page}")
}

async fn show(
    state: &AppState,
    lang: &str,
    page: &str,
    view: SurvivorView,
    status: StatusCode,
) -> Response {
    script_free_page(state, &path(lang, page), view, status).await
}

fn draft(form: RawForm, problems: &Problems) -> Draft {
    Draft {
        values: form,
        problems: problems
            .iter()
            .map(|(f, k)| (f.to_string(), k.to_string()))
            .collect(),
        busy_minutes: None,
    }
}

fn read(form: Result<Form<RawForm>, FormRejection>) -> RawForm {
    form.map(|Form(f)| f).unwrap_or_default()
}

/// GET: the empty feedback form.
pub async fn feedback_form(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let organisations = store::organisation_choices(&state.db)
        .await
        .unwrap_or_default();
    let view = SurvivorView::Feedback {
        organisations,
        draft: fresh_draft(&state, &query),
    };
    show(&state, &lang, "feedback", view, StatusCode::OK).await
}

/// An empty form with its one-time token.
fn fresh_draft(state: &AppState, query: &HashMap<String, String>) -> Draft {
    let mut draft = Draft::default();
    draft
        .values
        .insert(once::FIELD.to_string(), state.once.issue());
    // A venue link's token rides along in the form (never in a cookie).
    if let Some(venue) = query.get(VENUE_FIELD).filter(|v| v.len() == 32) {
        draft.values.insert(VENUE_FIELD.to_string(), venue.clone());
    }
    draft
}

/// A venue link's token, when the form came through one.
fn venue_of(form: &RawForm) -> String {
    form.get(VENUE_FIELD).cloned().unwrap_or_default()
}

/// The one-time token a form came back with.
fn token_of(form: &RawForm) -> String {
    form.get(once::FIELD).cloned().unwrap_or_default()
}

/// The same form posted again (a reload of the "received" page): nothing is stored twice.
async fn already(state: &AppState, lang: &str, page: &str, kind: SubmissionKind) -> Response {
    let view = SurvivorView::AlreadyReceived { kind };
    show(state, lang, page, view, StatusCode::OK).await
}

/// A valid submission asks the flood gate (an invalid one costs the address nothing), and
/// spends its one-time token. `Err` carries the answer instead of saving: already received,
/// or held back with how many minutes to wait.
async fn let_in(state: &AppState, peer: SocketAddr, token: &str, venue: &str) -> Result<(), Held> {
    if !state.once.claim(token, state.clock.today()) {
        return Err(Held::AlreadyReceived);
    }
    // Under a live venue link the address's own budget is not asked (everyone at the venue
    // shares it); the link counts instead, and the global limit still holds.
    if !venue.is_empty()
        && venues::admit(&state.db, &state.clock, venue)
            .await
            .unwrap_or(false)
    {
        return if state.gate.allow_global() {
            Ok(())
        } else {
            let _ = venues::give_back(&state.db, venue).await;
            state.once.release(token);
            Err(Held::Busy { minutes: 1 })
        };
    }
    if let Err(wait) = state.gate.admit(peer.ip(), Door::Submit) {
        state.once.release(token);
        let minutes = u32::try_from(wait.as_secs().div_ceil(60)).unwrap_or(u32::MAX);
        return Err(Held::Busy { minutes });
    }
    Ok(())
}

/// Why a valid form is not saved now.
enum Held {
    /// The same form was sent before (a reload).
    AlreadyReceived,
    /// Too much from this address: the form comes back with everything typed.
    Busy { minutes: u32 },
}

/// The answer to a form posted under an unknown language: not found.
fn unknown_lang(lang: &str) -> Option<Response> {
    Lang::parse(lang)
        .is_none()
        .then(|| super::not_found(Lang::default()))
}

/// POST: check, store durably, then show the receipt code once.
pub async fn submit_feedback(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    form: Result<Form<RawForm>, FormRejection>,
) -> Response {
    if let Some(response) = unknown_lang(&lang) {
        return response;
    }

    let form = read(form);
    let checked = match check_feedback(&form) {
        Ok(valid) => match valid.organisation_id {
            Some(id)
                if !store::organisation_exists(&state.db, id)
                    .await
                    .unwrap_or(false) =>
            {
                Err(Problems::one("organisation", "form-error-organisation"))
            }
            _ => Ok(valid),
        },
        Err(problems) => Err(problems),
    };
    let (problems, status) = match checked {
        Ok(valid) => {
            let token = token_of(&form);
            match let_in(&state, peer, &token, &venue_of(&form)).await {
                Err(Held::AlreadyReceived) => {
                    return already(&state, &lang, "feedback", SubmissionKind::Feedback).await;
                }
                Err(Held::Busy { minutes }) => {
                    return busy_feedback(&state, &lang, form, minutes).await;
                }
                Ok(()) => {}
            }
            let saved = store_with_new_code(&state, |hash| {
                let state = state.clone();
                let valid = valid.clone();
                async move {
                    store::save_feedback(&state.db, &state.clock, &state.sealer, &valid, hash).await
                }
            });
            match saved.await {
                Ok(code) => {
                    return received(&state, &lang, "feedback", SubmissionKind::Feedback, &code)
                        .await;
                }
                Err(not_saved) => {
                    state.once.release(&token);
                    let venue = venue_of(&form);
                    if !venue.is_empty() {
                        let _ = venues::give_back(&state.db, &venue).await;
                    }
                    not_saved
                }
            }
        }
        Err(problems) => (problems, StatusCode::UNPROCESSABLE_ENTITY),
    };
    let organisations = store::organisation_choices(&state.db)
        .await
        .unwrap_or_default();
    let view = SurvivorView::Feedback {
        organisations,
        draft: draft(form, &problems),
    };
    show(&state, &lang, "feedback", view, status).await
}

/// The feedback form again, everything typed, with how long to wait.
async fn busy_feedback(state: &AppState, lang: &str, form: RawForm, minutes: u32) -> Response {
    let organisations = store::organisation_choices(&state.db)
        .await
        .unwrap_or_default();
    let mut draft = draft(form, &Problems::default());
    draft.busy_minutes = Some(minutes);
    let view = SurvivorView::Feedback {
        organisations,
        draft,
    };
    show(state, lang, "feedback", view, StatusCode::TOO_MANY_REQUESTS).await
}

/// GET: the empty proposal form.
pub async fn propose_form(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let view = SurvivorView::Propose {
        draft: fresh_draft(&state, &query),
    };
    show(&state, &lang, "propose", view, StatusCode::OK).await
}

/// POST: as feedback, for a proposed recommendation.
pub async fn submit_proposal(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    form: Result<Form<RawForm>, FormRejection>,
) -> Response {
    if let Some(response) = unknown_lang(&lang) {
        return response;
    }
    let form = read(form);
    let (problems, status) = match check_proposal(&form) {
        Ok(valid) => {
            let token = token_of(&form);
            match let_in(&state, peer, &token, &venue_of(&form)).await {
                Err(Held::AlreadyReceived) => {
                    return already(&state, &lang, "propose", SubmissionKind::Proposal).await;
                }
                Err(Held::Busy { minutes }) => {
                    let mut draft = draft(form, &Problems::default());
                    draft.busy_minutes = Some(minutes);
                    let view = SurvivorView::Propose { draft };
                    return show(
                        &state,
                        &lang,
                        "propose",
                        view,
                        StatusCode::TOO_MANY_REQUESTS,
                    )
                    .await;
                }
                Ok(()) => {}
            }
            let saved = store_with_new_code(&state, |hash| {
                let state = state.clone();
                let valid = valid.clone();
                async move {
                    store::save_proposal(&state.db, &state.clock, &state.sealer, &valid, hash).await
                }
            });
            match saved.await {
                Ok(code) => {
                    return received(&state, &lang, "propose", SubmissionKind::Proposal, &code)
                        .await;
                }
                Err(not_saved) => {
                    state.once.release(&token);
                    let venue = venue_of(&form);
                    if !venue.is_empty() {
                        let _ = venues::give_back(&state.db, &venue).await;
                    }
                    not_saved
                }
            }
        }
        Err(problems) => (problems, StatusCode::UNPROCESSABLE_ENTITY),
    };
    let view = SurvivorView::Propose {
        draft: draft(form, &problems),
    };
    show(&state, &lang, "propose", view, status).await
}

/// Makes a code, hashes it and stores the submission under the hash. A second try with a new
/// code covers the (astronomically unlikely) clash of two codes. When nothing was saved: the
/// form's problem to show, with 503.
async fn store_with_new_code<F, Fut>(
    state: &AppState,
    save: F,
) -> Result<ReceiptCode, (Problems, StatusCode)>
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = Result<(), sea_orm::DbErr>>,
{
    for _ in 0..2 {
        let code = receipts::new_code();
        let hash = match receipts::lookup_hash(&state.secret, &code).await {
            Ok(hash) => hash,
            Err(e) => {
                tracing::error!(error = %e, "receipt hashing failed");
                break;
            }
        };
        match save(hash).await {
            Ok(()) => return Ok(code),
            Err(e) => tracing::error!(error = %e, "anonymous submission not saved"),
        }
    }
    Err((
        Problems::one("form", "form-error-not-saved"),
        StatusCode::SERVICE_UNAVAILABLE,
    ))
}

async fn received(
    state: &AppState,
    lang: &str,
    page: &str,
    kind: SubmissionKind,
    code: &ReceiptCode,
) -> Response {
    let view = SurvivorView::Received {
        kind,
        code_grouped: code.grouped(lang_of(lang)),
    };
    show(state, lang, page, view, StatusCode::OK).await
}

/// GET: the form to type a receipt code.
pub async fn receipt_form(State(state): State<AppState>, Path(lang): Path<String>) -> Response {
    let view = SurvivorView::AskCode {
        problem: None,
        typed: String::new(),
    };
    show(&state, &lang, "receipt", view, StatusCode::OK).await
}

/// What a code typed into a form leads to: its thread, or the page to show instead.
async fn open_thread(
    state: &AppState,
    lang: &str,
    peer: SocketAddr,
    typed: &str,
    door: Door,
) -> Result<(ReceiptCode, FoundThread), Response> {
    let ask = |problem: &str, status| {
        let view = SurvivorView::AskCode {
            problem: Some(problem.to_string()),
            typed: typed.chars().take(64).collect(),
        };
        (view, status)
    };
    // Malformed and overlong input is refused here, before any hashing.
    let code = match ReceiptCode::parse(typed) {
        Ok(code) => code,
        Err(problem) => {
            let (view, status) = ask(problem.message_key(), StatusCode::UNPROCESSABLE_ENTITY);
            return Err(show(state, lang, "receipt", view, status).await);
        }
    };
    if !state.gate.allow(peer.ip(), door) {
        return Err(show(
            state,
            lang,
            "receipt",
            SurvivorView::Busy,
            StatusCode::TOO_MANY_REQUESTS,
        )
        .await);
    }
    let found = match receipts::lookup_hash(&state.secret, &code).await {
        Ok(hash) => store::find_thread(&state.db, &state.sealer, &hash).await,
        Err(e) => Err(sea_orm::DbErr::Custom(e)),
    };
    match found {
        Ok(Some(thread)) => Ok((code, thread)),
        Ok(None) => {
            let (view, status) = ask("receipt-error-unknown", StatusCode::NOT_FOUND);
            Err(show(state, lang, "receipt", view, status).await)
        }
        Err(e) => {
            tracing::error!(error = %e, "receipt look-up failed");
            let (view, status) = ask("error-internal", StatusCode::SERVICE_UNAVAILABLE);
            Err(show(state, lang, "receipt", view, status).await)
        }
    }
}

fn thread_view(state: &AppState, lang: &str, code: &ReceiptCode, found: FoundThread) -> ThreadView {
    ThreadView {
        once: state.once.issue(),
        code_grouped: code.grouped(lang_of(lang)),
        kind: found.kind,
        about_key: found.about_key,
        received_on: found.thread.created_on,
        state_key: found.state.survivor_label_key().to_string(),
        expired: found.thread.expired_on.is_some(),
        own_text: found.own_text,
        public_text: found.public_text,
        became: found.became,
        messages: found.messages,
        reply_problem: None,
        reply_typed: String::new(),
        reply_saved: false,
    }
}

/// POST: the thread a code opens.
pub async fn look_up(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    form: Result<Form<RawForm>, FormRejection>,
) -> Response {
    if Lang::parse(&lang).is_none() {
        return super::not_found(Lang::default());
    }
    let form = read(form);
    let typed = form.get("code").map(String::as_str).unwrap_or_default();
    match open_thread(&state, &lang, peer, typed, Door::LookUp).await {
        Ok((code, found)) => {
            let view = SurvivorView::Thread(thread_view(&state, &lang, &code, found));
            show(&state, &lang, "receipt", view, StatusCode::OK).await
        }
        Err(response) => response,
    }
}

/// POST: the survivor answers in their thread.
pub async fn reply(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    form: Result<Form<RawForm>, FormRejection>,
) -> Response {
    if Lang::parse(&lang).is_none() {
        return super::not_found(Lang::default());
    }
    let form = read(form);
    let typed = form.get("code").map(String::as_str).unwrap_or_default();
    let (code, found) = match open_thread(&state, &lang, peer, typed, Door::Submit).await {
        Ok(opened) => opened,
        Err(response) => return response,
    };
    let thread_id = found.thread.id;
    let expired = found.thread.expired_on.is_some();
    let mut view = thread_view(&state, &lang, &code, found);
    let raw = form.get("reply").map(String::as_str).unwrap_or_default();
    let token = token_of(&form);
    let checked = if form
        .get(HONEYPOT_FIELD)
        .is_some_and(|v| !v.trim().is_empty())
    {
        Err("form-error-honeypot")
    } else if expired {
        Err("thread-expired-no-reply")
    } else {
        check_reply(raw)
    };
    // The same reply sent twice (a reload) is saved once.
    if checked.is_ok() && !state.once.claim(&token, state.clock.today()) {
        view.reply_problem = Some("thread-reply-already".to_string());
        return show(
            &state,
            &lang,
            "receipt",
            SurvivorView::Thread(view),
            StatusCode::OK,
        )
        .await;
    }
    let status = match checked {
        Ok(body) => {
            match store::save_survivor_reply(
                &state.db,
                &state.clock,
                &state.sealer,
                thread_id,
                &body,
            )
            .await
            {
                Ok(()) => {
                    view.messages = store::thread_messages(&state.db, &state.sealer, thread_id)
                        .await
                        .unwrap_or(view.messages);
                    view.reply_saved = true;
                    StatusCode::OK
                }
                Err(e) => {
                    state.once.release(&token);
                    tracing::error!(error = %e, "survivor reply not saved");
                    view.reply_problem = Some("form-error-not-saved".to_string());
                    view.reply_typed = raw.to_string();
                    StatusCode::SERVICE_UNAVAILABLE
                }
            }
        }
        Err(key) => {
            view.reply_problem = Some(key.to_string());
            view.reply_typed = raw.chars().take(4000).collect();
            StatusCode::UNPROCESSABLE_ENTITY
        }
    };
    show(&state, &lang, "receipt", SurvivorView::Thread(view), status).await
}
