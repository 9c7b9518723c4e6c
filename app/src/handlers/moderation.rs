//! What facilitators do with anonymous feedback and proposals: hide identifying words,
//! translate, publish or keep unpublished, mark spam in bulk, answer in the receipt thread,
//! and turn a proposal into a draft recommendation. Each is one transaction and one audit
//! event; the survivor's original words are never changed.
use axum::{
    Form,
    extract::{Path, State, rejection::FormRejection},
    response::{IntoResponse, Redirect, Response},
};
use sea_orm::DbErr;
use tower_sessions::Session;
use uuid::Uuid;

use crate::{
    domain::{
        feedback::ModerationState,
        lang::Lang,
        redaction,
        role::Action,
        submission::{check_reply, letters_over},
    },
    handlers::{Answered, Pairs, refuse},
    refusal::Refusal,
    ssr::{
        auth::{guard::open_form, session::SignedIn},
        flash,
        state::AppState,
        store::moderation_edits::{self as edits, Changed, Edit, Promoted, change, reviewing},
    },
    views::moderation::{ItemKind, KEPT_REPLY, KeptReply},
};

/// Most of a refused reply kept (a pasted book is cut, not stored whole in the session).
const KEPT_REPLY_CHARS: usize = 20_000;

pub(super) fn item_path(lang: &str, kind: ItemKind, id: Uuid) -> String {
    format!("/{lang}/moderation/{}/{id}", kind.code())
}

pub(super) fn back(lang: &str, kind: ItemKind, id: Uuid, outcome: &str) -> Response {
    Redirect::to(&format!("{}?{outcome}", item_path(lang, kind, id))).into_response()
}

/// Back to the item, saying why the form was refused.
pub(super) fn refused(lang: &str, kind: ItemKind, id: Uuid, why: Refusal) -> Response {
    refuse(&item_path(lang, kind, id), why)
}

fn parse_item(kind: &str, id: &str) -> Option<(ItemKind, Uuid)> {
    Some((ItemKind::parse(kind)?, Uuid::parse_str(id).ok()?))
}

/// What every form on one item starts with: `open_form` for a facilitator, then the item's
/// kind and id from the address (404 when they make no sense).
pub(super) async fn open_item(
    state: &AppState,
    session: &Session,
    lang: &str,
    form: Result<Form<Pairs>, FormRejection>,
    (kind, id): (&str, &str),
) -> Result<(Lang, Pairs, SignedIn, ItemKind, Uuid), Response> {
    let (lang, form, signed_in) =
        open_form(state, session, lang, form, Action::ModerateFeedback).await?;
    match parse_item(kind, id) {
        Some((kind, id)) => Ok((lang, form, signed_in, kind, id)),
        None => Err(crate::handlers::not_found(lang)),
    }
}

/// Hides the chosen parts (ticked suggestions, and other words typed one per line) in the
/// copy others may read. Starts from the current copy, or from the original when asked.
pub async fn redact(
    State(state): State<AppState>,
    Path((lang, kind, id)): Path<(String, String, String)>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
) -> Answered {
    let (lang, form, signed_in, kind, id) =
        open_item(&state, &session, &lang, form, (&kind, &id)).await?;
    let mut parts: Vec<String> = form.all("part").map(str::to_string).collect();
    parts.extend(form.one("other").lines().map(|l| l.trim().to_string()));
    let restart = form.one("restart") == "1";
    // The audit says that words were hidden, never which: they may identify someone.
    let result = change(
        &state,
        signed_in.actor.user_id,
        "redact",
        kind,
        id,
        |item| {
            let base = match (restart, item.redacted) {
                (false, Some(copy)) => copy,
                _ => item.original.unwrap_or_default(),
            };
            Some(Edit {
                redacted: Some(Some(redaction::redact(&base, &parts).0)),
                state: reviewing(item.state),
                ..Edit::default()
            })
        },
    )
    .await;
    Ok(finish(lang, kind, id, result, "done=redacted"))
}

/// Saves the translation of the public copy into the other language.
pub async fn translate(
    State(state): State<AppState>,
    Path((lang, kind, id)): Path<(String, String, String)>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
) -> Answered {
    let (lang, form, signed_in, kind, id) =
        open_item(&state, &session, &lang, form, (&kind, &id)).await?;
    let text = form.one("translated").to_string();
    if text.len() >= crate::domain::submission::MAX_TEXT_BYTES {
        return Err(refused(lang.code(), kind, id, Refusal::TextTooLong));
    }
    let result = change(
        &state,
        signed_in.actor.user_id,
        "translate",
        kind,
        id,
        |item| {
            Some(Edit {
                translated: Some(text),
                state: reviewing(item.state),
                ..Edit::default()
            })
        },
    )
    .await;
    Ok(finish(lang, kind, id, result, "done=translated"))
}

pub(super) fn finish(
    lang: Lang,
    kind: ItemKind,
    id: Uuid,
    result: Result<Changed, DbErr>,
    done: &str,
) -> Response {
    match result {
        Ok(Changed::Done) => back(lang.code(), kind, id, done),
        Ok(Changed::Missing) => crate::handlers::not_found(lang),
        Ok(Changed::Undecided) => refused(lang.code(), kind, id, Refusal::FlagsUndecided),
        Err(e) => {
            tracing::error!(error = %e, "moderation change not saved");
            refused(lang.code(), kind, id, Refusal::Internal)
        }
    }
}

/// Publishes, keeps unpublished, or puts back under review. Publishing makes the public copy
/// from the original when nothing was hidden, and is refused while the finder flags anything
/// in that copy that nobody has hidden or kept (the gate, `publication_gate`).
pub async fn set_state(
    State(state): State<AppState>,
    Path((lang, kind, id)): Path<(String, String, String)>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
) -> Answered {
    let (lang, form, signed_in, kind, id) =
        open_item(&state, &session, &lang, form, (&kind, &id)).await?;
    let Some(new_state) = ModerationState::parse(form.one("state")) else {
        return Err(refused(lang.code(), kind, id, Refusal::UnknownChoice));
    };
    let action = format!("state_{}", new_state.code());
    let result = change(&state, signed_in.actor.user_id, &action, kind, id, |item| {
        let publishing = new_state == ModerationState::Published;
        if publishing && !item.undecided().is_empty() {
            return None;
        }
        Some(Edit {
            redacted: (publishing && item.redacted.is_none()).then_some(item.original),
            state: Some(new_state),
            ..Edit::default()
        })
    })
    .await;
    Ok(finish(lang, kind, id, result, "done=state"))
}

/// Marks every ticked item of the queue as spam, in one transaction.
pub async fn mark_spam(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
) -> Answered {
    let (lang, form, signed_in) =
        open_form(&state, &session, &lang, form, Action::ModerateFeedback).await?;
    let items: Vec<(ItemKind, Uuid)> = form
        .all("item")
        .filter_map(|v| v.split_once(':'))
        .filter_map(|(k, i)| parse_item(k, i))
        .collect();
    let queue = format!("/{}/moderation", lang.code());
    if items.is_empty() {
        return Err(refuse(&queue, Refusal::NoneChosen));
    }
    let result = edits::mark_spam(&state, signed_in.actor.user_id, &items).await;
    Ok(match result {
        Ok(()) => Redirect::to(&format!("{queue}?spam={}", items.len())).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "spam marks not saved");
            refuse(&queue, Refusal::Internal)
        }
    })
}

/// A facilitator's answer in the receipt thread; the survivor reads it with their code.
pub async fn reply(
    State(state): State<AppState>,
    Path((lang, kind, id)): Path<(String, String, String)>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
) -> Answered {
    let (lang, form, signed_in, kind, id) =
        open_item(&state, &session, &lang, form, (&kind, &id)).await?;
    let raw = form.one("body");
    let body = match check_reply(raw) {
        Ok(body) => body,
        Err(_) => {
            // Given back on the item's page, with how much too long it was.
            let over = letters_over(raw);
            let kept = KeptReply {
                item: format!("{}/{id}", kind.code()),
                text: raw.chars().take(KEPT_REPLY_CHARS).collect(),
                over,
            };
            flash::put(&session, KEPT_REPLY, &kept).await;
            let why = if over.is_some() {
                Refusal::TextTooLong
            } else {
                Refusal::ReplyEmpty
            };
            return Ok(refused(lang.code(), kind, id, why));
        }
    };
    let result = edits::reply(&state, signed_in.actor.user_id, kind, id, &body).await;
    Ok(finish(lang, kind, id, result, "done=replied"))
}

/// Makes a draft recommendation from a proposal's public copy, and links the two.
pub async fn promote(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, String)>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
) -> Answered {
    let (lang, _form, signed_in) =
        open_form(&state, &session, &lang, form, Action::CurateRecommendations).await?;
    let Ok(id) = Uuid::parse_str(&id) else {
        return Ok(crate::handlers::not_found(lang));
    };
    let kind = ItemKind::Proposal;
    Ok(
        match edits::promote(&state, signed_in.actor.user_id, id).await {
            Ok(Promoted::Made(_)) => back(lang.code(), kind, id, "done=promoted"),
            Ok(Promoted::Missing) => crate::handlers::not_found(lang),
            Ok(Promoted::Undecided) => refused(lang.code(), kind, id, Refusal::FlagsUndecided),
            Ok(Promoted::RedactFirst) => refused(lang.code(), kind, id, Refusal::RedactFirst),
            Err(e) => {
                tracing::error!(error = %e, "draft recommendation not made");
                refused(lang.code(), kind, id, Refusal::Internal)
            }
        },
    )
}
