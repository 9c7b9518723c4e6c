//! One item of the moderation queue, whole, for a facilitator: feedback, a proposal, or a
//! survivor's word on a claim, with what the finder flags and the receipt thread.
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tower_sessions::Session;
use uuid::Uuid;

use super::{moderation::place_names, survivor::thread_messages};
use crate::{
    domain::{
        check::Verdict,
        feedback::{Answer, Question},
        lang::Lang,
        redaction,
    },
    error::AppError,
    ssr::{
        auth::guard::authorize,
        entities::{claim_check, feedback, organisation, proposal, recommendation, thread},
        flash,
        state::AppState,
    },
    views::moderation::{ItemKind, ItemView, KEPT_REPLY, KeptReply},
};

pub async fn item(
    state: &AppState,
    session: &Session,
    kind: &str,
    id: &str,
) -> Result<ItemView, AppError> {
    let signed_in = authorize(
        session,
        state,
        crate::domain::role::Action::ModerateFeedback,
    )
    .await?;
    let (Some(kind), Ok(uuid)) = (ItemKind::parse(kind), Uuid::parse_str(id)) else {
        return Err(refuse_not_found());
    };
    let thread = match kind {
        ItemKind::Feedback => Some(thread::Column::FeedbackId.eq(uuid)),
        ItemKind::Proposal => Some(thread::Column::ProposalId.eq(uuid)),
        // A survivor's word on a claim has no thread: nobody can answer it.
        ItemKind::Check => None,
    };
    let thread = match thread {
        Some(which) => thread::Entity::find().filter(which).one(&state.db).await?,
        None => None,
    };
    let messages = match &thread {
        Some(t) => thread_messages(&state.db, &state.sealer, t.id).await?,
        None => Vec::new(),
    };
    let places = place_names();
    let places: Vec<&str> = places.iter().map(String::as_str).collect();
    let suggestions = |text: Option<&str>| {
        text.map(|t| {
            redaction::suggest(t, &places)
                .into_iter()
                .map(|s| (s.text, s.kind))
                .collect()
        })
        .unwrap_or_default()
    };
    // The gate: flags in what would be published, minus those already hidden or kept.
    let undecided = |original: Option<&str>, redacted: Option<&str>, kept: Option<&str>| {
        let copy = redacted.or(original).unwrap_or_default();
        redaction::undecided(copy, &redaction::kept_list(kept), &places)
            .into_iter()
            .map(|s| (s.text, s.kind))
            .collect()
    };
    // A reply refused a moment ago on this item comes back to be mended.
    let kept_reply = flash::take::<KeptReply>(session, KEPT_REPLY)
        .await
        .filter(|kept| kept.item == format!("{}/{uuid}", kind.code()));
    let view = match kind {
        ItemKind::Feedback => {
            let Some(mut f) = feedback::Entity::find_by_id(uuid).one(&state.db).await? else {
                return Err(refuse_not_found());
            };
            f.text_original = state.sealer.open_or_log(f.text_original.as_deref());
            let organisation = match f.organisation_id {
                Some(org) => organisation::Entity::find_by_id(org)
                    .one(&state.db)
                    .await?
                    .map(|o| super::convert::bilingual(o.name_km, o.name_en, &o.original_lang)),
                None => None,
            };
            let answers = [
                &f.ans_respect,
                &f.ans_safe,
                &f.ans_privacy,
                &f.ans_rights,
                &f.ans_choice,
                &f.ans_helped,
            ]
            .iter()
            .zip(Question::ALL)
            .map(|(a, q)| {
                (
                    q.label_key(),
                    Answer::parse(a).unwrap_or(Answer::RatherNotSay),
                )
            })
            .collect();
            ItemView {
                kind,
                id: f.id.to_string(),
                received_on: f.received_on,
                state: f.moderation_state,
                about_key: format!("service-{}", f.service_type),
                province_key: Some(format!("province-{}", f.province)),
                organisation,
                answers,
                suggestions: suggestions(f.text_original.as_deref()),
                undecided: undecided(
                    f.text_original.as_deref(),
                    f.text_redacted.as_deref(),
                    f.kept_flags.as_deref(),
                ),
                original_lang: f.text_lang.as_deref().and_then(Lang::parse),
                original: f.text_original,
                redacted: f.text_redacted,
                translated: f.text_translated,
                messages,
                recommendation_reference: None,
                verdict: None,
                kept_reply,
                csrf: signed_in.auth.csrf,
            }
        }
        ItemKind::Proposal => {
            let Some(mut p) = proposal::Entity::find_by_id(uuid).one(&state.db).await? else {
                return Err(refuse_not_found());
            };
            p.text_original = state
                .sealer
                .open_or_log(Some(&p.text_original))
                .unwrap_or_default();
            let recommendation_reference = match p.recommendation_id {
                Some(id) => recommendation::Entity::find_by_id(id)
                    .one(&state.db)
                    .await?
                    .map(|r| r.reference),
                None => None,
            };
            ItemView {
                kind,
                id: p.id.to_string(),
                received_on: p.received_on,
                state: p.moderation_state,
                about_key: p.theme.label_key(),
                province_key: None,
                organisation: None,
                answers: Vec::new(),
                suggestions: suggestions(Some(&p.text_original)),
                undecided: undecided(
                    Some(&p.text_original),
                    p.text_redacted.as_deref(),
                    p.kept_flags.as_deref(),
                ),
                original_lang: Lang::parse(&p.text_lang),
                original: Some(p.text_original),
                redacted: p.text_redacted,
                translated: p.text_translated,
                messages,
                recommendation_reference,
                verdict: None,
                kept_reply,
                csrf: signed_in.auth.csrf,
            }
        }
        ItemKind::Check => {
            let Some(mut c) = claim_check::Entity::find_by_id(uuid).one(&state.db).await? else {
                return Err(refuse_not_found());
            };
            c.text_original = state.sealer.open_or_log(c.text_original.as_deref());
            let recommendation_reference = recommendation::Entity::find_by_id(c.recommendation_id)
                .one(&state.db)
                .await?
                .map(|r| r.reference);
            ItemView {
                kind,
                id: c.id.to_string(),
                received_on: c.received_on,
                state: c.moderation_state,
                about_key: "check-title".to_string(),
                province_key: None,
                organisation: None,
                answers: Vec::new(),
                suggestions: suggestions(c.text_original.as_deref()),
                undecided: undecided(
                    c.text_original.as_deref(),
                    c.text_redacted.as_deref(),
                    c.kept_flags.as_deref(),
                ),
                original_lang: c.text_lang.as_deref().and_then(Lang::parse),
                original: c.text_original,
                redacted: c.text_redacted,
                translated: c.text_translated,
                messages,
                recommendation_reference,
                verdict: Verdict::parse(&c.verdict),
                kept_reply,
                csrf: signed_in.auth.csrf,
            }
        }
    };
    Ok(view)
}

fn refuse_not_found() -> AppError {
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    AppError::NotFound
}
