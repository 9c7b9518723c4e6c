//! Voting on a forum's day, on participants' own phones or on one phone passed round: the
//! forum's venue link opens a ballot of the day's drafts. A survivor page: no session, no
//! script, nothing about the voter stored or logged; the link's count, the one-time token
//! and the global limit hold back floods, as on the survivor forms. Only counts are kept.
use std::{collections::HashMap, net::SocketAddr};

use axum::{
    Form,
    extract::{ConnectInfo, Path, Query, State, rejection::FormRejection},
    http::StatusCode,
    response::Response,
};

use super::{
    Pairs,
    survivor::{Held, fresh_draft, let_in, show, unknown_lang},
};
use crate::{
    domain::{
        submission::{HONEYPOT_FIELD, ONCE_FIELD, VENUE_FIELD},
        vote::{CHOICE_FIELD, check_ballot},
    },
    ssr::{
        state::AppState,
        store::{phone_votes, venues},
    },
    views::survivor::{Ballot, Draft, SurvivorView},
};

const PAGE: &str = "vote";

/// The ballot the link opens, or the page saying it opens none.
async fn ballot(state: &AppState, lang: &str, venue: &str) -> Result<(i32, Ballot), Response> {
    match phone_votes::ballot(&state.db, &state.clock, venue).await {
        Ok(Some(found)) => Ok(found),
        Ok(None) => Err(show(
            state,
            lang,
            PAGE,
            SurvivorView::NoBallot,
            StatusCode::NOT_FOUND,
        )
        .await),
        Err(e) => {
            tracing::error!(error = %e, "ballot not read");
            let view = SurvivorView::NoBallot;
            Err(show(state, lang, PAGE, view, StatusCode::SERVICE_UNAVAILABLE).await)
        }
    }
}

/// GET: an empty ballot (the next person on a shared phone gets this too).
pub async fn form(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    if let Some(response) = unknown_lang(&lang) {
        return response;
    }
    let venue = query.get(VENUE_FIELD).cloned().unwrap_or_default();
    let (_, ballot) = match ballot(&state, &lang, &venue).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let draft = fresh_draft(&state, &query);
    show(
        &state,
        &lang,
        PAGE,
        SurvivorView::Ballot { ballot, draft },
        StatusCode::OK,
    )
    .await
}

/// POST: check the choices, let the ballot in, count it, and offer an empty one.
pub async fn cast(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    form: Result<Form<Pairs>, FormRejection>,
) -> Response {
    if let Some(response) = unknown_lang(&lang) {
        return response;
    }
    let form = form.map(|Form(f)| f).unwrap_or_default();
    let venue = form.one(VENUE_FIELD).to_string();
    let token = form.one(ONCE_FIELD).to_string();
    let chosen: Vec<&str> = form.all(CHOICE_FIELD).collect();
    let (forum_id, ballot) = match ballot(&state, &lang, &venue).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let again = |problem: Option<&'static str>, busy: Option<u32>, status| {
        let mut draft = Draft::default();
        draft.values.insert(VENUE_FIELD.into(), venue.clone());
        draft.values.insert(ONCE_FIELD.into(), token.clone());
        draft.values.insert(CHOICE_FIELD.into(), chosen.join(","));
        if let Some(key) = problem {
            draft.problems.push((CHOICE_FIELD.into(), key.into()));
        }
        draft.busy_minutes = busy;
        let view = SurvivorView::Ballot {
            ballot: ballot.clone(),
            draft,
        };
        show(&state, &lang, PAGE, view, status)
    };
    // Checked before anything is spent: a mistake costs the link nothing.
    let drafts: Vec<i32> = ballot.drafts.iter().map(|(id, _, _)| *id).collect();
    let problem = if !form.one(HONEYPOT_FIELD).trim().is_empty() {
        Some("form-error-honeypot")
    } else {
        check_ballot(&chosen, &drafts).err()
    };
    if let Some(key) = problem {
        return again(Some(key), None, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    match let_in(&state, peer, &token, &venue).await {
        Ok(()) => {}
        Err(Held::AlreadyReceived) => {
            let view = SurvivorView::Voted { venue };
            return show(&state, &lang, PAGE, view, StatusCode::OK).await;
        }
        Err(Held::Busy { minutes }) => {
            return again(None, Some(minutes), StatusCode::TOO_MANY_REQUESTS).await;
        }
    }
    let counted = phone_votes::cast(&state.db, forum_id, &chosen).await;
    if !matches!(counted, Ok(Ok(()))) {
        state.once.release(&token);
        let _ = venues::give_back(&state.db, &venue).await;
    }
    match counted {
        Ok(Ok(())) => {
            show(
                &state,
                &lang,
                PAGE,
                SurvivorView::Voted { venue },
                StatusCode::OK,
            )
            .await
        }
        Ok(Err(key)) => again(Some(key), None, StatusCode::UNPROCESSABLE_ENTITY).await,
        Err(e) => {
            tracing::error!(error = %e, "ballot not counted");
            let status = StatusCode::SERVICE_UNAVAILABLE;
            again(Some("form-error-not-saved"), None, status).await
        }
    }
}
