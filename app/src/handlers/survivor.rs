//! What the anonymous routes share (their handlers are `feedback`, `proposals` and `receipts`).
//! No session, no cookie, nothing about the sender stored or logged. Every answer is rendered
//! straight from the handler, so the survivor's words and their code stay in request and
//! response bodies. The client address is used only by the in-memory flood gate.
use std::{collections::HashMap, net::SocketAddr};

use axum::{Form, extract::rejection::FormRejection, http::StatusCode, response::Response};

use crate::{
    domain::{
        lang::Lang,
        receipt::ReceiptCode,
        submission::{Problems, RawForm, VENUE_FIELD},
    },
    handlers::render::script_free_page,
    ssr::{anonymous_gate::Door, once, state::AppState, store::venues},
    views::survivor::{Draft, SubmissionKind, SurvivorView},
};

pub(super) fn lang_of(code: &str) -> Lang {
    Lang::parse(code).unwrap_or_default()
}

pub(super) fn path(lang: &str, page: &str) -> String {
    format!("/{lang}/{page}")
}

pub(super) async fn show(
    state: &AppState,
    lang: &str,
    page: &str,
    view: SurvivorView,
    status: StatusCode,
) -> Response {
    script_free_page(state, &path(lang, page), view, status).await
}

pub(super) fn draft(form: RawForm, problems: &Problems) -> Draft {
    Draft {
        values: form,
        problems: problems
            .iter()
            .map(|(f, k)| (f.to_string(), k.to_string()))
            .collect(),
        busy_minutes: None,
    }
}

pub(super) fn read(form: Result<Form<RawForm>, FormRejection>) -> RawForm {
    form.map(|Form(f)| f).unwrap_or_default()
}

/// An empty form with its one-time token.
pub(super) fn fresh_draft(state: &AppState, query: &HashMap<String, String>) -> Draft {
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
pub(super) fn venue_of(form: &RawForm) -> String {
    form.get(VENUE_FIELD).cloned().unwrap_or_default()
}

/// The one-time token a form came back with.
pub(super) fn token_of(form: &RawForm) -> String {
    form.get(once::FIELD).cloned().unwrap_or_default()
}

/// The same form posted again (a reload of the "received" page): nothing is stored twice.
pub(super) async fn already(
    state: &AppState,
    lang: &str,
    page: &str,
    kind: SubmissionKind,
) -> Response {
    let view = SurvivorView::AlreadyReceived { kind };
    show(state, lang, page, view, StatusCode::OK).await
}

/// A valid submission asks the flood gate (an invalid one costs the address nothing), and
/// spends its one-time token. `Err` carries the answer instead of saving: already received,
/// or held back with how many minutes to wait.
pub(super) async fn let_in(
    state: &AppState,
    peer: SocketAddr,
    token: &str,
    venue: &str,
) -> Result<(), Held> {
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
pub(super) enum Held {
    /// The same form was sent before (a reload).
    AlreadyReceived,
    /// Too much from this address: the form comes back with everything typed.
    Busy { minutes: u32 },
}

/// The answer to a form posted under an unknown language: not found.
pub(super) fn unknown_lang(lang: &str) -> Option<Response> {
    Lang::parse(lang)
        .is_none()
        .then(|| super::not_found(Lang::default()))
}

/// Why a valid form was not saved, when its page must show it again.
pub(super) enum NotKept {
    /// Too much from this address: the form again with everything typed and the minutes.
    Busy { minutes: u32 },
    /// Nothing was saved: the form's problem, and the status to answer with.
    NotSaved(Problems, StatusCode),
}

/// What every anonymous form does once it is valid: let it in (flood gate, one-time token,
/// venue link), store it under a new receipt code, and show the code once; or say why not.
/// When nothing was saved, the token and the venue's count are given back.
pub(super) async fn admit_and_store<F, Fut>(
    state: &AppState,
    (lang, page, kind): (&str, &str, SubmissionKind),
    peer: SocketAddr,
    form: &RawForm,
    save: F,
) -> Result<Response, NotKept>
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = Result<(), sea_orm::DbErr>>,
{
    let token = token_of(form);
    let venue = venue_of(form);
    match let_in(state, peer, &token, &venue).await {
        Err(Held::AlreadyReceived) => return Ok(already(state, lang, page, kind).await),
        Err(Held::Busy { minutes }) => return Err(NotKept::Busy { minutes }),
        Ok(()) => {}
    }
    match store_with_new_code(state, save).await {
        Ok(code) => {
            let assisted = form
                .get(crate::ssr::assisted::FIELD)
                .is_some_and(|p| !p.trim().is_empty());
            Ok(received(state, (lang, page, kind), &code, assisted).await)
        }
        Err((problems, status)) => {
            state.once.release(&token);
            if !venue.is_empty() {
                let _ = venues::give_back(&state.db, &venue).await;
            }
            Err(NotKept::NotSaved(problems, status))
        }
    }
}

/// Makes a code, hashes it and stores the submission under the hash. A second try with a new
/// code covers the (astronomically unlikely) clash of two codes. When nothing was saved: the
/// form's problem to show, with 503.
pub(super) async fn store_with_new_code<F, Fut>(
    state: &AppState,
    save: F,
) -> Result<ReceiptCode, (Problems, StatusCode)>
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = Result<(), sea_orm::DbErr>>,
{
    for _ in 0..2 {
        let (code, hash) = match state.ready_receipts.take().await {
            Ok(ready) => ready,
            Err(e) => {
                tracing::error!(error = %e, "receipt hashing failed");
                break;
            }
        };
        // On SQLite one write at a time holds a connection: a writer waiting for the write
        // lock holds its pooled connection the whole time, and fifty survivors sending at
        // once took every connection from the pages (soak: reads fell to one a second).
        let turn = state.sqlite_write_turn().await;
        let saved = save(hash).await;
        drop(turn);
        match saved {
            Ok(()) => return Ok(code),
            Err(e) => tracing::error!(error = %e, "anonymous submission not saved"),
        }
    }
    Err((
        Problems::one("form", "form-error-not-saved"),
        StatusCode::SERVICE_UNAVAILABLE,
    ))
}

pub(super) async fn received(
    state: &AppState,
    (lang, page, kind): (&str, &str, SubmissionKind),
    code: &ReceiptCode,
    assisted: bool,
) -> Response {
    let view = SurvivorView::Received {
        kind,
        code_grouped: code.grouped(lang_of(lang)),
        assisted,
    };
    show(state, lang, page, view, StatusCode::OK).await
}
