//! Answers waiting for a second official. An organisation may require that another of its
//! officials approve each answer before it publishes (drafted → approved → public). The
//! draft is kept apart from the public record, which never holds anything unapproved;
//! approval checks it again, as of that day, and publishes it in one write transaction with
//! the status refresh and its audit event.
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};

use super::answer_entries::{self, Answerer, Entry, Refused};
use crate::{
    domain::answer::{AnswerInput, check_progress, check_response},
    ssr::{
        audit::{self, Event},
        db::begin_write,
        entities::{answer_draft, user},
        state::AppState,
    },
    views::answers::DraftView,
};

const RESPONSE: &str = "response";
const PROGRESS: &str = "progress";

/// Keeps a checked entry as a draft, as typed; its id.
pub(super) async fn keep(
    txn: &DatabaseTransaction,
    who: &Answerer,
    entry: &Entry,
    typed: &AnswerInput,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<i32, DbErr> {
    let kind = match entry {
        Entry::Response(_) => RESPONSE,
        Entry::Progress(_) => PROGRESS,
    };
    let input = serde_json::to_string(typed).map_err(|e| DbErr::Custom(e.to_string()))?;
    let row = answer_draft::ActiveModel {
        recommendation_id: Set(who.recommendation_id),
        organisation_id: Set(who.organisation_id),
        kind: Set(kind.to_string()),
        input: Set(input),
        author_id: Set(who.user_id),
        created_at: Set(now),
        ..Default::default()
    };
    Ok(row.insert(txn).await?.id)
}

/// The drafts of this organisation on this recommendation, oldest first, as `viewer` sees
/// them (whether each is their own, which they may not approve).
pub async fn waiting(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    recommendation_id: i32,
    viewer: i32,
) -> Result<Vec<DraftView>, DbErr> {
    let drafts = answer_draft::Entity::find()
        .filter(answer_draft::Column::OrganisationId.eq(organisation_id))
        .filter(answer_draft::Column::RecommendationId.eq(recommendation_id))
        .order_by_asc(answer_draft::Column::Id)
        .all(db)
        .await?;
    let authors = user::Entity::find()
        .filter(user::Column::Id.is_in(drafts.iter().map(|d| d.author_id)))
        .all(db)
        .await?;
    Ok(drafts
        .into_iter()
        .map(|d| {
            let author = authors
                .iter()
                .find(|u| u.id == d.author_id)
                .map(|u| u.email.clone())
                .unwrap_or_default();
            DraftView {
                id: d.id,
                is_response: d.kind == RESPONSE,
                input: serde_json::from_str(&d.input).unwrap_or_default(),
                author,
                at: d.created_at,
                mine: d.author_id == viewer,
            }
        })
        .collect())
}

/// The recommendations on which this organisation has drafts someone other than `viewer`
/// wrote: what waits for this official's approval.
pub async fn to_approve(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    viewer: i32,
) -> Result<Vec<i32>, DbErr> {
    let mut ids: Vec<i32> = answer_draft::Entity::find()
        .filter(answer_draft::Column::OrganisationId.eq(organisation_id))
        .filter(answer_draft::Column::AuthorId.ne(viewer))
        .all(db)
        .await?
        .into_iter()
        .map(|d| d.recommendation_id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// How many drafts this organisation has, for its officials' screens.
pub async fn count(db: &impl ConnectionTrait, organisation_id: i32) -> Result<u64, DbErr> {
    answer_draft::Entity::find()
        .filter(answer_draft::Column::OrganisationId.eq(organisation_id))
        .count(db)
        .await
}

/// Finds a draft of `who`'s organisation on `who`'s recommendation.
async fn find(
    txn: &DatabaseTransaction,
    who: &Answerer,
    draft_id: i32,
) -> Result<answer_draft::Model, Refused> {
    answer_draft::Entity::find_by_id(draft_id)
        .filter(answer_draft::Column::OrganisationId.eq(who.organisation_id))
        .filter(answer_draft::Column::RecommendationId.eq(who.recommendation_id))
        .one(txn)
        .await?
        .ok_or(Refused::NoDraft)
}

/// A second official approves a draft: checked again as of today (a due date may have
/// passed, another entry may now say the same), published under its author's name, and gone
/// from the drafts. The new public entry's id.
pub async fn approve(state: &AppState, who: Answerer, draft_id: i32) -> Result<i32, Refused> {
    let txn = begin_write(&state.db).await?;
    let draft = find(&txn, &who, draft_id).await?;
    if draft.author_id == who.user_id {
        return Err(Refused::OwnDraft);
    }
    let typed: AnswerInput = serde_json::from_str(&draft.input).unwrap_or_default();
    let entry = if draft.kind == RESPONSE {
        check_response(&typed, state.clock.today()).map(Entry::Response)
    } else {
        check_progress(&typed).map(Entry::Progress)
    }
    .map_err(Refused::NoLongerValid)?;
    let (saved, _) = answer_entries::publish(&txn, &who, draft.author_id, entry, state).await?;
    answer_draft::Entity::delete_by_id(draft.id)
        .exec(&txn)
        .await?;
    let event = Event {
        actor_id: Some(who.user_id),
        action: "answer_approved",
        object_type: "recommendation",
        object_id: format!("{}:draft-{} → {saved}", who.recommendation_id, draft.id),
    };
    audit::record(&txn, &state.clock, event).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Any official of the organisation takes a draft back (its author to change it, another to
/// decline it). What it said, so its author's form can show it again, and whether it was a
/// response.
pub async fn discard(
    state: &AppState,
    who: Answerer,
    draft_id: i32,
) -> Result<(bool, AnswerInput, bool), Refused> {
    let txn = begin_write(&state.db).await?;
    let draft = find(&txn, &who, draft_id).await?;
    answer_draft::Entity::delete_by_id(draft.id)
        .exec(&txn)
        .await?;
    let event = Event {
        actor_id: Some(who.user_id),
        action: "answer_draft_discarded",
        object_type: "recommendation",
        object_id: format!("{}:draft-{}", who.recommendation_id, draft.id),
    };
    audit::record(&txn, &state.clock, event).await?;
    txn.commit().await?;
    let typed = serde_json::from_str(&draft.input).unwrap_or_default();
    Ok((
        draft.kind == RESPONSE,
        typed,
        draft.author_id == who.user_id,
    ))
}
