//! "Is this true where you are?": survivors' anonymous word on a recommendation a body
//! reported implemented (or whose commitment is overdue). A survivor page: no session, no
//! script, nothing about the sender stored or logged; the same flood gate and one-time token
//! as the other forms. With a receipt code, one answer per code.
use std::{collections::HashMap, net::SocketAddr};

use axum::{
    Form,
    extract::{ConnectInfo, Path, Query, State, rejection::FormRejection},
    http::StatusCode,
    response::Response,
};

use super::survivor::{Held, draft, fresh_draft, let_in, read, show, token_of, unknown_lang};
use crate::{
    domain::{
        check::{CODE_FIELD, ValidCheck, check_claim},
        receipt::ReceiptCode,
        submission::{Problems, RawForm, VENUE_FIELD},
    },
    ssr::{
        receipts,
        state::AppState,
        store::{
            claim_checks::{self as store, Saved},
            survivor::find_thread,
            venues,
        },
    },
    views::survivor::{CheckAbout, SurvivorView},
};

fn page(id: i32) -> String {
    format!("check/{id}")
}

/// The recommendation asked about, or the "not found" answer.
async fn about(state: &AppState, lang: &str, id: &str) -> Result<CheckAbout, Response> {
    let lang_code = super::survivor::lang_of(lang);
    let Ok(id) = id.parse::<i32>() else {
        return Err(super::not_found(lang_code));
    };
    match store::about(&state.db, id, state.clock.today()).await {
        Ok(Some(about)) => Ok(about),
        Ok(None) => Err(super::not_found(lang_code)),
        Err(e) => {
            tracing::error!(error = %e, "check page not read");
            Err(super::not_found(lang_code))
        }
    }
}

/// GET: the question, or (when nothing is claimed yet) why it is not asked.
pub async fn form(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    if let Some(response) = unknown_lang(&lang) {
        return response;
    }
    let about = match about(&state, &lang, &id).await {
        Ok(about) => about,
        Err(response) => return response,
    };
    let page = page(about.id);
    let draft = fresh_draft(&state, &query);
    show(
        &state,
        &lang,
        &page,
        SurvivorView::Check { about, draft },
        StatusCode::OK,
    )
    .await
}

/// POST: check, let in, count once, and say thank you.
pub async fn submit(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, String)>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    form: Result<Form<RawForm>, FormRejection>,
) -> Response {
    if let Some(response) = unknown_lang(&lang) {
        return response;
    }
    let about = match about(&state, &lang, &id).await {
        Ok(about) => about,
        Err(response) => return response,
    };
    let page = page(about.id);
    let form = read(form);
    let again = |problems: Problems, status: StatusCode| {
        let view = SurvivorView::Check {
            about: about.clone(),
            draft: draft(form.clone(), &problems),
        };
        show(&state, &lang, &page, view, status)
    };
    let valid = match check_claim(&form) {
        Ok(valid) => valid,
        Err(problems) => return again(problems, StatusCode::UNPROCESSABLE_ENTITY).await,
    };
    // A malformed code is refused before it costs anything.
    let code = match valid.code.as_deref().map(ReceiptCode::parse) {
        Some(Err(problem)) => {
            let problems = Problems::one(CODE_FIELD, problem.message_key());
            return again(problems, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
        Some(Ok(code)) => Some(code),
        None => None,
    };
    let token = token_of(&form);
    let venue = form.get(VENUE_FIELD).cloned().unwrap_or_default();
    match let_in(&state, peer, &token, &venue).await {
        Ok(()) => {}
        Err(Held::AlreadyReceived) => {
            let view = SurvivorView::Checked {
                about,
                already: true,
            };
            return show(&state, &lang, &page, view, StatusCode::OK).await;
        }
        Err(Held::Busy { minutes }) => {
            let mut draft = draft(form.clone(), &Problems::default());
            draft.busy_minutes = Some(minutes);
            let view = SurvivorView::Check { about, draft };
            return show(&state, &lang, &page, view, StatusCode::TOO_MANY_REQUESTS).await;
        }
    }
    let saved = save(&state, about.id, &valid, code).await;
    // Nothing counted: the token and the venue's count are given back.
    if !matches!(saved, Ok(Saved::Done)) {
        state.once.release(&token);
        if !venue.is_empty() {
            let _ = venues::give_back(&state.db, &venue).await;
        }
    }
    match saved {
        Ok(Saved::Done) => {
            let view = SurvivorView::Checked {
                about,
                already: false,
            };
            show(&state, &lang, &page, view, StatusCode::OK).await
        }
        Ok(Saved::AlreadyAnswered) => {
            let view = SurvivorView::Checked {
                about,
                already: true,
            };
            show(&state, &lang, &page, view, StatusCode::OK).await
        }
        Ok(Saved::NotAsked) => {
            let about = CheckAbout {
                asks: false,
                ..about
            };
            let view = SurvivorView::Check {
                about,
                draft: draft(form.clone(), &Problems::default()),
            };
            show(&state, &lang, &page, view, StatusCode::CONFLICT).await
        }
        Err(problems) => again(problems, StatusCode::UNPROCESSABLE_ENTITY).await,
    }
}

/// Saves the answer; with a code, only if the code is known and has not answered before.
async fn save(
    state: &AppState,
    id: i32,
    valid: &ValidCheck,
    code: Option<ReceiptCode>,
) -> Result<Saved, Problems> {
    let not_saved = |e: String| {
        tracing::error!(error = %e, "check not saved");
        Problems::one("form", "form-error-not-saved")
    };
    let answered = match code {
        Some(code) => {
            let hash = receipts::lookup_hash(&state.secret, &code)
                .await
                .map_err(not_saved)?;
            let known = find_thread(&state.db, &state.sealer, &hash)
                .await
                .map_err(|e| not_saved(e.to_string()))?;
            if known.is_none() {
                return Err(Problems::one(CODE_FIELD, "receipt-error-unknown"));
            }
            Some(receipts::answered_token(&state.secret, &hash, id))
        }
        None => None,
    };
    store::save(&state.db, &state.clock, &state.sealer, id, valid, answered)
        .await
        .map_err(|e| not_saved(e.to_string()))
}
