//! The anonymous proposal form: a survivor proposes a recommendation, and gets a receipt code.
use std::{collections::HashMap, net::SocketAddr};

use axum::{
    Form,
    extract::{ConnectInfo, Path, Query, State, rejection::FormRejection},
    http::StatusCode,
    response::Response,
};

use super::survivor::{NotKept, admit_and_store, draft, fresh_draft, read, show, unknown_lang};
use crate::{
    domain::submission::{Problems, RawForm, check_proposal},
    ssr::{state::AppState, store::survivor as store},
    views::survivor::{SubmissionKind, SurvivorView},
};

/// GET: the empty proposal form.
pub async fn form(
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
pub async fn submit(
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
            let page = (lang.as_str(), "propose", SubmissionKind::Proposal);
            let saved = admit_and_store(&state, page, peer, &form, |hash| {
                let state = state.clone();
                let valid = valid.clone();
                async move {
                    store::save_proposal(&state.db, &state.clock, &state.sealer, &valid, hash).await
                }
            });
            match saved.await {
                Ok(response) => return response,
                Err(NotKept::Busy { minutes }) => {
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
                Err(NotKept::NotSaved(problems, status)) => (problems, status),
            }
        }
        Err(problems) => (problems, StatusCode::UNPROCESSABLE_ENTITY),
    };
    let view = SurvivorView::Propose {
        draft: draft(form, &problems),
    };
    show(&state, &lang, "propose", view, status).await
}
