//! Printing a batch of paper forms (see `ssr::paper`). The codes go into this response alone:
//! the printed sheets are rendered here, never reached by a redirect or kept in a session.
use axum::{
    Form,
    extract::{Path, State, rejection::FormRejection},
    response::Response,
};
use tower_sessions::Session;

use super::{Answered, Pairs, refuse};
use crate::{
    domain::{
        lang::Lang,
        paper::{self, VALID_DAYS},
        role::Action,
    },
    handlers::render::staff_page,
    refusal::Refusal,
    ssr::{
        audit::{self, Event},
        auth::guard::open_form,
        db::begin_write,
        paper::print_batch,
        state::AppState,
    },
    views::paper::PaperBatch,
};

fn refused(lang: Lang, why: Refusal) -> Response {
    refuse(&format!("/{}/paper", lang.code()), why)
}

/// Prints a batch: how many sheets, in which language, and how long they may take to come
/// back. Answers with the sheets themselves, in the sheets' language.
pub async fn print(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
) -> Answered {
    let (lang, form, signed_in) =
        open_form(&state, &session, &lang, form, Action::ModerateFeedback).await?;
    let Some(sheets) = paper::sheets(form.one("sheets")) else {
        return Err(refused(lang, Refusal::PaperSheets));
    };
    let Some(days) = form
        .one("days")
        .parse::<u32>()
        .ok()
        .filter(|d| VALID_DAYS.contains(d))
    else {
        return Err(refused(lang, Refusal::UnknownChoice));
    };
    let Some(sheet_lang) = Lang::parse(form.one("sheet_lang")) else {
        return Err(refused(lang, Refusal::UnknownChoice));
    };
    let Ok((codes, expires_on)) = print_batch(&state, sheets, days).await else {
        return Err(refused(lang, Refusal::Internal));
    };
    let recorded = async {
        let txn = begin_write(&state.db).await?;
        let event = Event {
            actor_id: Some(signed_in.actor.user_id),
            action: "paper_printed",
            object_type: "paper",
            object_id: String::new(),
        };
        let detail = format!("{sheets} sheets, {days} days");
        audit::record_with_detail(&txn, &state.clock, event, detail).await?;
        txn.commit().await
    };
    if let Err(e) = recorded.await {
        tracing::warn!(error = %e, "a printed batch was not audited");
    }
    let batch = PaperBatch {
        codes_grouped: codes.iter().map(|c| c.grouped(sheet_lang)).collect(),
        expires_on,
        receipt_address: format!("{}/{}/receipt", state.outbox.public_url, sheet_lang.code()),
    };
    let sheets_page = format!("/{}/paper/sheets", sheet_lang.code());
    Ok(staff_page(&state, &sheets_page, batch, session).await)
}
