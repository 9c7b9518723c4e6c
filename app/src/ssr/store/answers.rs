//! Reads for officials: their organisation's inbox and the page to answer one recommendation.
use std::sync::Arc;

use chrono::{Days, NaiveDate};
use sea_orm::{QueryOrder, prelude::*, sea_query::Query};
use tower_sessions::Session;

use super::{
    answer_drafts,
    convert::{bilingual, org_ref},
    status::{OrgAnswer, organisation_answers},
};
use crate::{
    domain::{
        answer::AnswerInput,
        bilingual,
        lang::Lang,
        role::{Action, Role},
        status::{Position, Stage, Status},
    },
    error::AppError,
    ssr::{
        auth::{
            guard::{authorize, refuse},
            session::{SignedIn, current},
        },
        entities::{organisation, progress_update, recommendation, recommendation_body, response},
        flash,
        state::AppState,
    },
    views::ProblemList,
    views::account::Waiting,
    views::answers::{
        AnswerView, INBOX_ROWS_PER_PAGE, InboxGroup, InboxRow, InboxSection, InboxView, OwnEntry,
    },
};

/// Session keys of a refused response or progress form: (recommendation id, typed, problems).
pub const REJECTED_RESPONSE: &str = "rejected_response";
pub const REJECTED_PROGRESS: &str = "rejected_progress";
/// An entry being checked before it is sent: kept (not taken) until it is sent, so reloading
/// the preview, or coming back later, finds the text still there.
pub const PREVIEW_RESPONSE: &str = "preview_response";
pub const PREVIEW_PROGRESS: &str = "preview_progress";

/// The signed-in official and their organisation; anyone else is refused.
pub async fn official(
    state: &AppState,
    session: &Session,
) -> Result<(SignedIn, organisation::Model), AppError> {
    let Some(signed_in) = current(session, state).await else {
        return Err(refuse(AppError::SignInRequired));
    };
    let org_id = match (signed_in.actor.role, signed_in.actor.organisation_id) {
        (Role::Official, Some(org)) => org,
        _ => return Err(refuse(AppError::Forbidden)),
    };
    let signed_in = authorize(
        session,
        state,
        Action::RespondFor {
            organisation_id: org_id,
        },
    )
    .await?;
    // Kept: an official's every page (and the header's count) names their organisation.
    let read = organisation::Entity::find_by_id(org_id).one(&state.db);
    let org = state
        .kept
        .organisations
        .read(&state.writes, org_id, read)
        .await?
        .ok_or_else(|| refuse(AppError::Forbidden))?;
    Ok((signed_in, org))
}

/// Published, not merged, and addressed to this organisation.
pub fn answerable(organisation_id: i32) -> sea_orm::Condition {
    sea_orm::Condition::all()
        .add(recommendation::Column::PublishedOn.is_not_null())
        .add(recommendation::Column::CanonicalId.is_null())
        .add(
            recommendation::Column::Id.in_subquery(
                Query::select()
                    .column(recommendation_body::Column::RecommendationId)
                    .from(recommendation_body::Entity)
                    .and_where(recommendation_body::Column::OrganisationId.eq(organisation_id))
                    .to_owned(),
            ),
        )
}

/// Which group a recommendation is in for one organisation.
pub fn group(
    position: Option<Position>,
    stage: Option<Stage>,
    published_on: Option<NaiveDate>,
    due_on: Option<NaiveDate>,
    overdue_after_days: u32,
    today: NaiveDate,
) -> InboxGroup {
    let limit = published_on
        .and_then(|p| p.checked_add_days(Days::new(u64::from(overdue_after_days))))
        .unwrap_or(NaiveDate::MAX);
    match position {
        None if today > limit => InboxGroup::Overdue,
        None => InboxGroup::Awaiting,
        Some(p)
            if p != Position::Rejected
                && stage != Some(Stage::Implemented)
                && due_on.is_some_and(|d| today > d) =>
        {
            InboxGroup::Overdue
        }
        Some(_) => InboxGroup::Answered,
    }
}

/// The inbox with each group at the page asked for (in `InboxGroup::ALL`'s order; a page past
/// the last is the last).
pub async fn inbox(
    state: &AppState,
    session: &Session,
    pages: [u32; 3],
) -> Result<InboxView, AppError> {
    let (signed_in, org) = official(state, session).await?;
    let rows = inbox_rows(state, org.id).await?;
    let drafted = drafts_to_approve(state, org.id, signed_in.actor.user_id).await?;
    let to_approve = rows
        .iter()
        .filter(|r| drafted.contains(&r.id))
        .cloned()
        .collect();
    let sections = InboxGroup::ALL
        .into_iter()
        .zip(pages)
        .map(|(group, page)| section(&rows, group, page))
        .collect();
    Ok(InboxView {
        organisation: org_ref(&org),
        sections,
        overdue_after_days: state.overdue_after_days().await?,
        to_approve,
    })
}

/// One page of one group of the inbox's rows.
fn section(rows: &[InboxRow], group: InboxGroup, page: u32) -> InboxSection {
    let in_group: Vec<&InboxRow> = rows.iter().filter(|r| r.group == group).collect();
    let pages = in_group.len().div_ceil(INBOX_ROWS_PER_PAGE).max(1);
    let page = (page as usize).clamp(1, pages);
    InboxSection {
        group,
        total: u32::try_from(in_group.len()).unwrap_or(u32::MAX),
        page: u32::try_from(page).unwrap_or(u32::MAX),
        pages: u32::try_from(pages).unwrap_or(u32::MAX),
        rows: in_group
            .into_iter()
            .skip((page - 1) * INBOX_ROWS_PER_PAGE)
            .take(INBOX_ROWS_PER_PAGE)
            .cloned()
            .collect(),
    }
}

/// Every recommendation addressed to an organisation, grouped, oldest first: kept a short
/// while, since the header's count reads it on every page an official opens.
async fn inbox_rows(state: &AppState, org: i32) -> Result<Arc<Vec<InboxRow>>, AppError> {
    let today = state.clock.today();
    state
        .kept
        .inboxes
        .read(&state.writes, (org, today), async {
            read_inbox_rows(state, org, today).await.map(Arc::new)
        })
        .await
}

/// What waits for `viewer`'s approval (see `answer_drafts::to_approve`), kept like the rows.
async fn drafts_to_approve(
    state: &AppState,
    org: i32,
    viewer: i32,
) -> Result<Arc<Vec<i32>>, AppError> {
    let read = async {
        answer_drafts::to_approve(&state.db, org, viewer)
            .await
            .map(Arc::new)
    };
    Ok(state
        .kept
        .drafts_to_approve
        .read(&state.writes, (org, viewer), read)
        .await?)
}

async fn read_inbox_rows(
    state: &AppState,
    org: i32,
    today: NaiveDate,
) -> Result<Vec<InboxRow>, AppError> {
    let db = &state.db;
    let overdue_after_days = state.overdue_after_days().await?;
    let recs = recommendation::Entity::find()
        .filter(answerable(org))
        .order_by_asc(recommendation::Column::PublishedOn)
        .order_by_asc(recommendation::Column::Id)
        .all(db)
        .await?;
    let said = organisation_answers(db, org).await?;
    let mut rows = Vec::with_capacity(recs.len());
    for rec in recs {
        let OrgAnswer { answer, due_on, .. } = said.get(&rec.id).copied().unwrap_or_default();
        rows.push(InboxRow {
            id: rec.id,
            group: group(
                answer.position,
                answer.stage,
                rec.published_on,
                due_on,
                overdue_after_days,
                today,
            ),
            reference: rec.reference,
            title: bilingual(rec.title_km, rec.title_en, &rec.original_lang),
            published_on: rec.published_on,
            position: answer.position,
            stage: answer.stage,
            due_on,
        });
    }
    Ok(rows)
}

/// How many recommendations wait for this official: overdue, awaiting an answer (the inbox's
/// first two groups), or holding an answer another official drafted for their approval.
pub async fn to_answer(
    state: &AppState,
    org: i32,
    viewer: i32,
) -> Result<Option<Waiting>, AppError> {
    let rows = inbox_rows(state, org).await?;
    let drafted = drafts_to_approve(state, org, viewer).await?;
    let waiting = rows
        .iter()
        .filter(|r| drafted.contains(&r.id) || r.group != InboxGroup::Answered)
        .count();
    Ok(Waiting::of(waiting as u64))
}

pub async fn answer(state: &AppState, session: &Session, id: i32) -> Result<AnswerView, AppError> {
    let (signed_in, org) = official(state, session).await?;
    let db = &state.db;
    let rec = recommendation::Entity::find_by_id(id)
        .filter(answerable(org.id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if rec.status == Status::Draft {
        return Err(AppError::NotFound);
    }
    let detail = super::tracker_detail::detail(state, id).await?;
    let own_responses = response::Entity::find()
        .filter(response::Column::RecommendationId.eq(id))
        .filter(response::Column::OrganisationId.eq(org.id))
        .order_by_asc(response::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|r| OwnEntry {
            id: r.id,
            label_key: r.position.label_key(),
            on: r.responded_on,
            first_words: first_words(
                &r.original_lang,
                [&r.text_km, &r.commitment_km],
                [&r.text_en, &r.commitment_en],
            ),
        })
        .collect();
    let own_progress = progress_update::Entity::find()
        .filter(progress_update::Column::RecommendationId.eq(id))
        .filter(progress_update::Column::OrganisationId.eq(org.id))
        .order_by_asc(progress_update::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|p| OwnEntry {
            id: p.id,
            label_key: p.stage.label_key(),
            on: p.reported_on,
            first_words: first_words(&p.original_lang, [&p.note_km], [&p.note_en]),
        })
        .collect();
    let drafts = answer_drafts::waiting(db, org.id, id, signed_in.actor.user_id).await?;
    let blank = AnswerInput {
        original_lang: Lang::Km.code().into(),
        ..Default::default()
    };
    let taken = |r: Option<(i32, AnswerInput, ProblemList)>| match r {
        Some((rid, input, problems)) if rid == id => (input, problems),
        _ => (blank.clone(), Vec::new()),
    };
    let kept = async |rejected: &str, previewed: &str| match flash::take(session, rejected).await {
        Some(r) => Some(r),
        None => session
            .get::<(i32, AnswerInput)>(previewed)
            .await
            .ok()
            .flatten()
            .map(|(rid, input)| (rid, input, Vec::new())),
    };
    let (response, response_problems) = taken(kept(REJECTED_RESPONSE, PREVIEW_RESPONSE).await);
    let (progress, progress_problems) = taken(kept(REJECTED_PROGRESS, PREVIEW_PROGRESS).await);
    Ok(AnswerView {
        organisation: org_ref(&org),
        detail,
        own_responses,
        own_progress,
        needs_approval: org.answers_need_approval,
        drafts,
        response,
        response_problems,
        progress,
        progress_problems,
        csrf: signed_in.auth.csrf,
    })
}

/// Characters of an entry shown in the correction picker.
const PICKER_WORDS: usize = 50;

/// The first words of an entry's first text, in the language it was written in.
fn first_words<const N: usize>(
    original_lang: &str,
    km: [&Option<String>; N],
    en: [&Option<String>; N],
) -> Option<String> {
    let texts = if original_lang == Lang::En.code() {
        en
    } else {
        km
    };
    texts
        .into_iter()
        .flatten()
        .map(|t| t.trim())
        .find(|t| !t.is_empty())
        .map(|t| bilingual::excerpt(t, PICKER_WORDS))
}
