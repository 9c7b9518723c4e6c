//! Coming back with a receipt code: the thread it opens, and the survivor's answer in it.
//! The code travels only in form bodies, never in a URL or a cookie.
use std::net::SocketAddr;

use axum::{
    Form,
    extract::{ConnectInfo, Path, State, rejection::FormRejection},
    http::StatusCode,
    response::Response,
};

use super::survivor::{lang_of, read, show, token_of};
use crate::{
    domain::{
        lang::Lang,
        receipt::ReceiptCode,
        submission::{HONEYPOT_FIELD, RawForm, check_reply},
    },
    ssr::{
        anonymous_gate::Door,
        receipts,
        state::AppState,
        store::{
            claim_checks,
            follows::{self, Changed},
            survivor::{self as store, FoundThread},
        },
    },
    views::survivor::{ReceiptCheck, SurvivorView, ThreadView},
};

/// GET: the form to type a receipt code.
pub async fn form(State(state): State<AppState>, Path(lang): Path<String>) -> Response {
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

/// Whether the recommendation her proposal became asks survivors' word, and whether this
/// code has answered.
async fn receipt_check(state: &AppState, found: &FoundThread) -> Option<ReceiptCheck> {
    let id = found.became.as_ref()?.id;
    let about = claim_checks::about(&state.db, id, state.clock.today())
        .await
        .ok()
        .flatten()?;
    if !about.asks {
        return None;
    }
    let token = receipts::answered_token(&state.secret, &found.thread.receipt_hash, about.id);
    match claim_checks::answered(&state.db, &token).await {
        Ok(true) => Some(ReceiptCheck::Answered),
        Ok(false) => Some(ReceiptCheck::Ask {
            once: state.once.issue(),
        }),
        Err(_) => None,
    }
}

/// What every form posted with a code starts with: a known language, the form, and the
/// thread its code opens (or the page to show instead).
async fn opened(
    state: &AppState,
    lang: &str,
    peer: SocketAddr,
    form: Result<Form<RawForm>, FormRejection>,
    door: Door,
) -> Result<(RawForm, ReceiptCode, FoundThread), Response> {
    if Lang::parse(lang).is_none() {
        return Err(super::not_found(Lang::default()));
    }
    let form = read(form);
    let typed = form.get("code").map(String::as_str).unwrap_or_default();
    let (code, found) = open_thread(state, lang, peer, typed, door).await?;
    Ok((form, code, found))
}

async fn thread_view(
    state: &AppState,
    lang: &str,
    code: &ReceiptCode,
    found: FoundThread,
) -> ThreadView {
    let check = receipt_check(state, &found).await;
    let today = state.clock.today();
    let follows = follows::news(&state.db, &state.sealer, found.thread.id, today)
        .await
        .unwrap_or_else(|e| {
            tracing::error!(error = %e, "followed recommendations not read");
            Vec::new()
        });
    ThreadView {
        check,
        follows,
        follow_problem: None,
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
    match opened(&state, &lang, peer, form, Door::LookUp).await {
        Ok((_, code, found)) => {
            let view = SurvivorView::Thread(thread_view(&state, &lang, &code, found).await);
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
    let (form, code, found) = match opened(&state, &lang, peer, form, Door::Submit).await {
        Ok(opened) => opened,
        Err(response) => return response,
    };
    let thread_id = found.thread.id;
    let expired = found.thread.expired_on.is_some();
    let mut view = thread_view(&state, &lang, &code, found).await;
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

/// POST: follow a recommendation with this code (from the recommendation's page), or stop
/// following it (from the receipt page); then the thread, with what she follows.
pub async fn follow(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    form: Result<Form<RawForm>, FormRejection>,
) -> Response {
    let (form, code, found) = match opened(&state, &lang, peer, form, Door::LookUp).await {
        Ok(opened) => opened,
        Err(response) => return response,
    };
    let id = form
        .get("recommendation")
        .and_then(|v| v.trim().parse::<i32>().ok());
    let follow = form.get("stop").is_none_or(|v| v.is_empty());
    let today = state.clock.today();
    let changed = match id {
        Some(id) => follows::change(&state.db, &state.sealer, found.thread.id, id, follow, today)
            .await
            .unwrap_or_else(|e| {
                tracing::error!(error = %e, "follow not saved");
                Changed::NotPublic
            }),
        None => Changed::NotPublic,
    };
    let mut view = thread_view(&state, &lang, &code, found).await;
    let status = match changed {
        Changed::Done => StatusCode::OK,
        Changed::NotPublic => {
            view.follow_problem = Some("follow-error-not-public".to_string());
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Changed::TooMany => {
            view.follow_problem = Some("follow-error-too-many".to_string());
            StatusCode::UNPROCESSABLE_ENTITY
        }
    };
    show(&state, &lang, "receipt", SurvivorView::Thread(view), status).await
}
