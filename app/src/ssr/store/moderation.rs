//! The moderation queue, for facilitators (one item whole: `moderation_item`).
use std::{collections::HashMap, sync::Arc};

use sea_orm::{
    ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, ExprTrait, Query as SqlQuery},
};
use tower_sessions::Session;
use uuid::Uuid;

use crate::{
    domain::{
        bilingual, check::Verdict, feedback::ModerationState, lang::Lang, province::Province,
    },
    error::AppError,
    i18n::t,
    ssr::{
        auth::guard::authorize,
        entities::{claim_check, feedback, proposal, thread},
        kept_reads::QueueListing,
        state::AppState,
    },
    views::{
        account::Waiting,
        moderation::{ItemKind, QUEUE_PAGE, QueueFilter, QueuePage, QueueRow},
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

/// Which items a view lists, as parts that each take one indexed query and never overlap: one
/// per state asked for; in the default view also every item whose survivor wrote and waits,
/// whatever its state (a survivor answering about a published item must not be hidden); with
/// "waiting", only those. The parts are merged by `merged`. (One query with `OR`, or with an
/// `IN` of two states, makes the database read and sort every open item: 800 000 on the
/// scale set.)
fn listed(
    filter: &QueueFilter,
    wanted: &[String],
    state: Expr,
    id: Expr,
    thread_of: thread::Column,
) -> Vec<Condition> {
    let waiting = || {
        id.clone().in_subquery(
            SqlQuery::select()
                .column(thread_of)
                .from(thread::Entity)
                .and_where(thread::Column::SurvivorWaiting.eq(true))
                .and_where(Expr::col(thread_of).is_not_null())
                .to_owned(),
        )
    };
    let in_state = |s: &String| Condition::all().add(state.clone().eq(s.clone()));
    match (filter.waiting, filter.state.is_none()) {
        (true, true) => vec![Condition::all().add(waiting())],
        (true, false) => wanted.iter().map(|s| in_state(s).add(waiting())).collect(),
        (false, true) => wanted
            .iter()
            .map(in_state)
            .chain([Condition::all()
                .add(waiting())
                .add(state.clone().is_not_in(wanted.iter().cloned()))])
            .collect(),
        (false, false) => wanted.iter().map(in_state).collect(),
    }
}

/// Which survivors' words on claims a view lists: only those with words to moderate (an
/// answer alone has nothing to decide), in the states asked for, a part per state. They have
/// no thread, so a view of waiting survivors lists none (see `queue`).
fn checks_listed(wanted: &[String]) -> Vec<Condition> {
    wanted
        .iter()
        .map(|s| {
            Condition::all()
                .add(claim_check::Column::TextOriginal.is_not_null())
                .add(claim_check::Column::ModerationState.eq(s.clone()))
        })
        .collect()
}

/// The first `limit` items of a view of one kind, newest day first: each part newest first,
/// then merged.
async fn merged<E, K>(
    db: &impl sea_orm::ConnectionTrait,
    parts: Vec<Condition>,
    narrowed: Condition,
    (day, id): (E::Column, E::Column),
    limit: u64,
    key: K,
) -> Result<Vec<E::Model>, sea_orm::DbErr>
where
    E: EntityTrait,
    K: Fn(&E::Model) -> (chrono::NaiveDate, Uuid),
{
    let mut rows = Vec::new();
    for part in parts {
        let found = E::find()
            .filter(part)
            .filter(narrowed.clone())
            .order_by_desc(day)
            .order_by_asc(id)
            .limit(limit)
            .all(db)
            .await?;
        rows.extend(found);
    }
    rows.sort_by_key(|row| {
        let (day, id) = key(row);
        (std::cmp::Reverse(day), id)
    });
    rows.truncate(limit as usize);
    Ok(rows)
}

/// How many items of one kind the parts list, up to `up_to`: counted in the database, each
/// part no further than `up_to`, so a header never counts a million rows.
async fn counted<E>(
    db: &impl sea_orm::ConnectionTrait,
    parts: Vec<Condition>,
    id: E::Column,
    up_to: u64,
) -> Result<u64, sea_orm::DbErr>
where
    E: EntityTrait,
    E::Model: Sync,
{
    let mut total = 0;
    for part in parts {
        total += E::find()
            .select_only()
            .column(id)
            .filter(part)
            .limit(up_to)
            .count(db)
            .await?;
        if total >= up_to {
            break;
        }
    }
    Ok(total)
}

/// How many items the queue's default view lists (new, being reviewed, or a survivor waiting
/// for an answer), counted up to `Waiting::AT_MOST` and one more.
pub async fn waiting(
    db: &impl sea_orm::ConnectionTrait,
) -> Result<Option<Waiting>, sea_orm::DbErr> {
    let default = QueueFilter::default();
    let wanted = states(&default);
    let up_to = Waiting::AT_MOST + 1;
    let feedback = counted::<feedback::Entity>(
        db,
        listed(
            &default,
            &wanted,
            Expr::col(feedback::Column::ModerationState),
            Expr::col(feedback::Column::Id),
            thread::Column::FeedbackId,
        ),
        feedback::Column::Id,
        up_to,
    )
    .await?;
    let proposals = counted::<proposal::Entity>(
        db,
        listed(
            &default,
            &wanted,
            Expr::col(proposal::Column::ModerationState),
            Expr::col(proposal::Column::Id),
            thread::Column::ProposalId,
        ),
        proposal::Column::Id,
        up_to,
    )
    .await?;
    let checks =
        counted::<claim_check::Entity>(db, checks_listed(&wanted), claim_check::Column::Id, up_to)
            .await?;
    Ok(Waiting::of(feedback + proposals + checks))
}

/// Pages past this one list nothing: each view reads every row before its page, so a page a
/// million rows away would be a cheap way to load the database.
const LAST_PAGE: u64 = 1_000;

/// A page of the queue, newest day first; within a day by random id, which says nothing of
/// arrival order. The database's listing is kept a short while (see `KeptForPages::
/// queue_pages`); the survivors' words are opened for this view only.
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
    let listing = if filter.page > LAST_PAGE {
        Arc::new(QueueListing {
            rows: Vec::new(),
            has_more: false,
        })
    } else {
        let key = (filter.clone(), state.writes.seen().feedback);
        let read = async { listing(&state.db, &filter).await.map(Arc::new) };
        state
            .kept
            .queue_pages
            .read(&state.writes, key, read)
            .await?
    };
    let rows = listing
        .rows
        .iter()
        .map(|(row, sealed)| QueueRow {
            excerpt: state
                .sealer
                .open_or_log(sealed.as_deref())
                .as_deref()
                .map(excerpt),
            ..row.clone()
        })
        .collect();
    Ok(QueuePage {
        rows,
        has_more: listing.has_more,
        csrf: signed_in.auth.csrf,
    })
}

/// The page `filter` asks for, as the database lists it, the survivors' words still sealed.
async fn listing(
    db: &impl sea_orm::ConnectionTrait,
    filter: &QueueFilter,
) -> Result<QueueListing, sea_orm::DbErr> {
    let wanted = states(filter);
    let limit = (filter.page + 1) * QUEUE_PAGE + 1;
    let kind = filter.kind.as_deref().and_then(ItemKind::parse);
    // Each row with its survivor's words still sealed: only the page's rows are opened.
    let mut rows: Vec<(QueueRow, Option<String>)> = Vec::new();

    if matches!(kind, None | Some(ItemKind::Feedback)) {
        let mut narrowed = Condition::all();
        if let Some(service) = filter.service.as_deref().filter(|s| !s.is_empty()) {
            narrowed = narrowed.add(feedback::Column::ServiceType.eq(service));
        }
        if let Some(province) = filter.province.as_deref().filter(|s| !s.is_empty()) {
            narrowed = narrowed.add(feedback::Column::Province.eq(province));
        }
        let parts = listed(
            filter,
            &wanted,
            Expr::col(feedback::Column::ModerationState),
            Expr::col(feedback::Column::Id),
            thread::Column::FeedbackId,
        );
        let found = merged::<feedback::Entity, _>(
            db,
            parts,
            narrowed,
            (feedback::Column::ReceivedOn, feedback::Column::Id),
            limit,
            |f| (f.received_on, f.id),
        )
        .await?;
        rows.extend(found.into_iter().map(|f| {
            let row = QueueRow {
                kind: ItemKind::Feedback,
                id: f.id.to_string(),
                received_on: f.received_on,
                state: f.moderation_state,
                about_key: format!("service-{}", f.service_type),
                province_key: Some(format!("province-{}", f.province)),
                excerpt: None,
                survivor_waiting: false,
            };
            (row, f.text_original)
        }));
    }
    let province_filtered = filter.province.as_deref().is_some_and(|p| !p.is_empty())
        || filter.service.as_deref().is_some_and(|s| !s.is_empty());
    if matches!(kind, None | Some(ItemKind::Proposal)) && !province_filtered {
        let parts = listed(
            filter,
            &wanted,
            Expr::col(proposal::Column::ModerationState),
            Expr::col(proposal::Column::Id),
            thread::Column::ProposalId,
        );
        let found = merged::<proposal::Entity, _>(
            db,
            parts,
            Condition::all(),
            (proposal::Column::ReceivedOn, proposal::Column::Id),
            limit,
            |p| (p.received_on, p.id),
        )
        .await?;
        rows.extend(found.into_iter().map(|p| {
            let row = QueueRow {
                kind: ItemKind::Proposal,
                id: p.id.to_string(),
                received_on: p.received_on,
                state: p.moderation_state,
                about_key: p.theme.label_key(),
                province_key: None,
                excerpt: None,
                survivor_waiting: false,
            };
            (row, Some(p.text_original))
        }));
    }

    if matches!(kind, None | Some(ItemKind::Check)) && !province_filtered && !filter.waiting {
        let found = merged::<claim_check::Entity, _>(
            db,
            checks_listed(&wanted),
            Condition::all(),
            (claim_check::Column::ReceivedOn, claim_check::Column::Id),
            limit,
            |c| (c.received_on, c.id),
        )
        .await?;
        rows.extend(found.into_iter().map(|c| {
            let row = QueueRow {
                kind: ItemKind::Check,
                id: c.id.to_string(),
                received_on: c.received_on,
                state: c.moderation_state,
                about_key: Verdict::parse(&c.verdict)
                    .map(Verdict::label_key)
                    .unwrap_or_default(),
                province_key: None,
                excerpt: None,
                survivor_waiting: false,
            };
            (row, c.text_original)
        }));
    }

    rows.sort_by(|(a, _), (b, _)| {
        b.received_on
            .cmp(&a.received_on)
            .then_with(|| a.id.cmp(&b.id))
    });
    let skip = (filter.page * QUEUE_PAGE) as usize;
    let mut rows: Vec<_> = rows.into_iter().skip(skip).collect();
    let has_more = rows.len() > QUEUE_PAGE as usize;
    rows.truncate(QUEUE_PAGE as usize);

    // Which of these threads wait for an answer: asked per kind, each by its index (one
    // query with `feedback_id IN … OR proposal_id IN …` read every thread).
    let ids_of = |kind: ItemKind| -> Vec<Uuid> {
        rows.iter()
            .filter(|(r, _)| r.kind == kind)
            .filter_map(|(r, _)| Uuid::parse_str(&r.id).ok())
            .collect()
    };
    let mut waiting: HashMap<Uuid, bool> = HashMap::new();
    for (column, ids) in [
        (thread::Column::FeedbackId, ids_of(ItemKind::Feedback)),
        (thread::Column::ProposalId, ids_of(ItemKind::Proposal)),
    ] {
        if ids.is_empty() {
            continue;
        }
        let threads = thread::Entity::find()
            .filter(column.is_in(ids))
            .all(db)
            .await?;
        waiting.extend(threads.into_iter().filter_map(|t| {
            t.feedback_id
                .or(t.proposal_id)
                .map(|id| (id, t.survivor_waiting))
        }));
    }
    for (row, _) in &mut rows {
        row.survivor_waiting = Uuid::parse_str(&row.id)
            .ok()
            .and_then(|id| waiting.get(&id).copied())
            .unwrap_or(false);
    }
    Ok(QueueListing { rows, has_more })
}

/// Place names to suggest hiding: every province, in both languages.
pub fn place_names() -> Vec<String> {
    Province::ALL
        .iter()
        .flat_map(|p| Lang::ALL.iter().map(move |l| t(*l, &p.label_key())))
        .collect()
}
