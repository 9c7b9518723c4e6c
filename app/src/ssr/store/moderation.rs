//! The moderation queue and one item, for facilitators.
use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, ExprTrait, Query as SqlQuery},
};
use tower_sessions::Session;
use uuid::Uuid;

use super::survivor::thread_messages;
use crate::{
    domain::{
        bilingual,
        feedback::{Answer, ModerationState, Question},
        lang::Lang,
        province::Province,
        redaction,
    },
    error::AppError,
    i18n::t,
    ssr::{
        auth::guard::authorize,
        entities::{feedback, organisation, proposal, recommendation, thread},
        flash,
        state::AppState,
    },
    views::{
        account::Waiting,
        moderation::{
            ItemKind, ItemView, KEPT_REPLY, KeptReply, QUEUE_PAGE, QueueFilter, QueuePage, QueueRow,
        },
    },
};

const EXCERPT_CHARS: usize = 140;

fn excerpt(text: &str) -> String {
    bilingual::excerpt(text, EXCERPT_CHARS)
}

/// The states a filter asks for: one, or the open ones when none is given.
fn states(filter: &QueueFilter) -> Vec<String> {
    match filter.state.as_deref().and_then(ModerationState::parse) {
        Some(s) => vec![s.code().to_string()],
        None if filter.state.as_deref() == Some("all") => ModerationState::ALL
            .iter()
            .map(|s| s.code().to_string())
            .collect(),
        None => vec![
            ModerationState::New.code().to_string(),
            ModerationState::Reviewing.code().to_string(),
        ],
    }
}

/// Which items a view lists: those in the states asked for; in the default view also every
/// item whose survivor wrote and waits, whatever its state (a survivor answering about a
/// published item must not be hidden); with "waiting", only those.
fn listed(
    filter: &QueueFilter,
    wanted: &[String],
    state: Expr,
    id: Expr,
    thread_of: thread::Column,
) -> Condition {
    let waiting = id.in_subquery(
        SqlQuery::select()
            .column(thread_of)
            .from(thread::Entity)
            .and_where(thread::Column::SurvivorWaiting.eq(true))
            .and_where(Expr::col(thread_of).is_not_null())
            .to_owned(),
    );
    let in_state = state.is_in(wanted.iter().cloned());
    match (filter.waiting, filter.state.is_none()) {
        (true, true) => Condition::all().add(waiting),
        (true, false) => Condition::all().add(in_state).add(waiting),
        (false, true) => Condition::any().add(in_state).add(waiting),
        (false, false) => Condition::all().add(in_state),
    }
}

/// How many items the queue's default view lists (new, being reviewed, or a survivor waiting
/// for an answer), counted up to `Waiting::AT_MOST` and one more.
pub async fn waiting(
    db: &impl sea_orm::ConnectionTrait,
) -> Result<Option<Waiting>, sea_orm::DbErr> {
    let default = QueueFilter::default();
    let wanted = states(&default);
    let up_to = Waiting::AT_MOST + 1;
    let feedback = feedback::Entity::find()
        .select_only()
        .column(feedback::Column::Id)
        .filter(listed(
            &default,
            &wanted,
            Expr::col(feedback::Column::ModerationState),
            Expr::col(feedback::Column::Id),
            thread::Column::FeedbackId,
        ))
        .limit(up_to)
        .into_tuple::<Uuid>()
        .all(db)
        .await?
        .len() as u64;
    let proposals = proposal::Entity::find()
        .select_only()
        .column(proposal::Column::Id)
        .filter(listed(
            &default,
            &wanted,
            Expr::col(proposal::Column::ModerationState),
            Expr::col(proposal::Column::Id),
            thread::Column::ProposalId,
        ))
        .limit(up_to)
        .into_tuple::<Uuid>()
        .all(db)
        .await?
        .len() as u64;
    Ok(Waiting::of(feedback + proposals))
}

/// Newest day first; within a day by random id, which says nothing of arrival order.
pub async fn queue(
    state: &AppState,
    session: &Session,
    filter: QueueFilter,
) -> Result<QueuePage, AppError> {
    let signed_in = authorize(
        session,
        state,
        crate::domain::role::Action::ModerateFeedback,
    )
    .await?;
    let wanted = states(&filter);
    let limit = (filter.page + 1) * QUEUE_PAGE + 1;
    let kind = filter.kind.as_deref().and_then(ItemKind::parse);
    let mut rows: Vec<QueueRow> = Vec::new();

    if kind != Some(ItemKind::Proposal) {
        let mut q = feedback::Entity::find().filter(listed(
            &filter,
            &wanted,
            Expr::col(feedback::Column::ModerationState),
            Expr::col(feedback::Column::Id),
            thread::Column::FeedbackId,
        ));
        if let Some(service) = filter.service.as_deref().filter(|s| !s.is_empty()) {
            q = q.filter(feedback::Column::ServiceType.eq(service));
        }
        if let Some(province) = filter.province.as_deref().filter(|s| !s.is_empty()) {
            q = q.filter(feedback::Column::Province.eq(province));
        }
        let found = q
            .order_by_desc(feedback::Column::ReceivedOn)
            .order_by_asc(feedback::Column::Id)
            .limit(limit)
            .all(&state.db)
            .await?;
        rows.extend(found.into_iter().map(|f| {
            QueueRow {
                kind: ItemKind::Feedback,
                id: f.id.to_string(),
                received_on: f.received_on,
                state: f.moderation_state,
                about_key: format!("service-{}", f.service_type),
                province_key: Some(format!("province-{}", f.province)),
                excerpt: state
                    .sealer
                    .open_or_log(f.text_original.as_deref())
                    .as_deref()
                    .map(excerpt),
                survivor_waiting: false,
            }
        }));
    }
    let province_filtered = filter.province.as_deref().is_some_and(|p| !p.is_empty())
        || filter.service.as_deref().is_some_and(|s| !s.is_empty());
    if kind != Some(ItemKind::Feedback) && !province_filtered {
        let found = proposal::Entity::find()
            .filter(listed(
                &filter,
                &wanted,
                Expr::col(proposal::Column::ModerationState),
                Expr::col(proposal::Column::Id),
                thread::Column::ProposalId,
            ))
            .order_by_desc(proposal::Column::ReceivedOn)
            .order_by_asc(proposal::Column::Id)
            .limit(limit)
            .all(&state.db)
            .await?;
        rows.extend(found.into_iter().map(|p| {
            QueueRow {
                kind: ItemKind::Proposal,
                id: p.id.to_string(),
                received_on: p.received_on,
                state: p.moderation_state,
                about_key: p.theme.label_key(),
                province_key: None,
                excerpt: state
                    .sealer
                    .open_or_log(Some(&p.text_original))
                    .as_deref()
                    .map(excerpt),
                survivor_waiting: false,
            }
        }));
    }

    // Which of these threads wait for an answer.
    let ids: Vec<Uuid> = rows
        .iter()
        .filter_map(|r| Uuid::parse_str(&r.id).ok())
        .collect();
    let waiting: HashMap<Uuid, bool> = if ids.is_empty() {
        HashMap::new()
    } else {
        thread::Entity::find()
            .filter(
                Condition::any()
                    .add(thread::Column::FeedbackId.is_in(ids.clone()))
                    .add(thread::Column::ProposalId.is_in(ids)),
            )
            .all(&state.db)
            .await?
            .into_iter()
            .filter_map(|t| {
                t.feedback_id
                    .or(t.proposal_id)
                    .map(|id| (id, t.survivor_waiting))
            })
            .collect()
    };
    for row in &mut rows {
        row.survivor_waiting = Uuid::parse_str(&row.id)
            .ok()
            .and_then(|id| waiting.get(&id).copied())
            .unwrap_or(false);
    }
    rows.sort_by(|a, b| {
        b.received_on
            .cmp(&a.received_on)
            .then_with(|| a.id.cmp(&b.id))
    });
    let skip = (filter.page * QUEUE_PAGE) as usize;
    let mut rows: Vec<QueueRow> = rows.into_iter().skip(skip).collect();
    let has_more = rows.len() > QUEUE_PAGE as usize;
    rows.truncate(QUEUE_PAGE as usize);
    Ok(QueuePage {
        rows,
        has_more,
        csrf: signed_in.auth.csrf,
    })
}

/// Place names to suggest hiding: every province, in both languages.
pub fn place_names() -> Vec<String> {
    Province::ALL
        .iter()
        .flat_map(|p| Lang::ALL.iter().map(move |l| t(*l, &p.label_key())))
        .collect()
}

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
    let thread = thread::Entity::find()
        .filter(match kind {
            ItemKind::Feedback => thread::Column::FeedbackId.eq(uuid),
            ItemKind::Proposal => thread::Column::ProposalId.eq(uuid),
        })
        .one(&state.db)
        .await?;
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
