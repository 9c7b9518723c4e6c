//! Saving an official's answer: a response or a progress update, only ever added, on a
//! recommendation addressed to their organisation. The entry, the recommendation's status and
//! the audit event are one write transaction. An organisation that wants a second official's
//! approval has its answers kept as drafts (drafted → approved → public) until another of its
//! officials approves: the draft is kept apart from the public record, which never holds
//! anything unapproved, and approval checks it again, as of that day, and publishes it in one
//! write transaction with the status refresh and its audit event.
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseTransaction, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};

use crate::{
    domain::{
        answer::{AnswerInput, CheckedProgress, CheckedResponse, check_progress, check_response},
        submission::Problems,
    },
    ssr::{
        audit::{self, Event},
        db::begin_write,
        entities::{answer_draft, organisation, progress_update, recommendation, response},
        state::AppState,
        store::{answer_drafts::RESPONSE, answers::answerable, search_index, status},
    },
};

/// What an official adds.
pub enum Entry {
    Response(CheckedResponse),
    Progress(CheckedProgress),
}

/// Why an answer was not saved.
pub enum Refused {
    /// Not published, merged, or not addressed to this organisation.
    NotAnswerable,
    /// `corrects` names an entry that is not this organisation's on this recommendation.
    BadCorrection,
    /// It says exactly what this organisation's latest entry of the kind already says: a
    /// second copy on the permanent public record would only confuse readers.
    SameAsLatest,
    /// No such draft waits in this organisation on this recommendation.
    NoDraft,
    /// A draft's own author may not be its second official.
    OwnDraft,
    /// A draft that no longer passes its checks (its due date has passed).
    NoLongerValid(Problems),
    Db(DbErr),
}

impl From<DbErr> for Refused {
    fn from(e: DbErr) -> Self {
        Refused::Db(e)
    }
}

/// Who answers, for which organisation, on which recommendation.
pub struct Answerer {
    pub user_id: i32,
    pub organisation_id: i32,
    pub recommendation_id: i32,
}

/// What became of a sent answer.
pub enum Saved {
    /// On the public record: the new entry's id.
    Public(i32),
    /// Kept apart until a second official approves it: the draft's id.
    Drafted(i32),
}

/// Adds the entry, refreshes the recommendation's status and audits it, or, when the
/// organisation wants a second official's approval, keeps it as a draft (checked as it would
/// be published, so a draft that cannot publish is refused now).
pub async fn save(
    state: &AppState,
    who: Answerer,
    entry: Entry,
    typed: &AnswerInput,
) -> Result<Saved, Refused> {
    let txn = begin_write(&state.db).await?;
    let needs_approval = organisation::Entity::find_by_id(who.organisation_id)
        .one(&txn)
        .await?
        .is_some_and(|o| o.answers_need_approval);
    let (saved, event) = if needs_approval {
        check(&txn, &who, &entry).await?;
        let draft = keep(&txn, &who, &entry, typed, state.clock.now()).await?;
        (
            Saved::Drafted(draft),
            ("answer_drafted", format!("draft-{draft}")),
        )
    } else {
        let (id, action) = publish(&txn, &who, who.user_id, entry, state).await?;
        (Saved::Public(id), (action, id.to_string()))
    };
    let (action, what) = event;
    let event = Event {
        actor_id: Some(who.user_id),
        action,
        object_type: "recommendation",
        object_id: format!("{}:{what}", who.recommendation_id),
    };
    audit::record(&txn, &state.clock, event).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Puts the entry on the public record, written by `author_id`, within `txn`: checked, added,
/// and the recommendation's status and search words refreshed with it. Its id and the audit
/// action that names it; the caller records the event and commits.
async fn publish(
    txn: &DatabaseTransaction,
    who: &Answerer,
    author_id: i32,
    entry: Entry,
    state: &AppState,
) -> Result<(i32, &'static str), Refused> {
    check(txn, who, &entry).await?;
    let (today, now) = (state.clock.today(), state.clock.now());
    let (organisation_id, id) = (who.organisation_id, who.recommendation_id);
    let saved = match entry {
        Entry::Response(c) => {
            let row = response::ActiveModel {
                recommendation_id: Set(id),
                organisation_id: Set(organisation_id),
                position: Set(c.position),
                text_km: Set(c.text_km),
                text_en: Set(c.text_en),
                original_lang: Set(c.original_lang.code().to_string()),
                commitment_km: Set(c.commitment_km),
                commitment_en: Set(c.commitment_en),
                due_on: Set(c.due_on),
                author_id: Set(Some(author_id)),
                responded_on: Set(today),
                corrects_id: Set(c.corrects),
                created_at: Set(now),
                ..Default::default()
            };
            (row.insert(txn).await?.id, "response_added")
        }
        Entry::Progress(c) => {
            let row = progress_update::ActiveModel {
                recommendation_id: Set(id),
                organisation_id: Set(organisation_id),
                stage: Set(c.stage),
                note_km: Set(c.note_km),
                note_en: Set(c.note_en),
                original_lang: Set(c.original_lang.code().to_string()),
                author_id: Set(Some(author_id)),
                reported_on: Set(today),
                corrects_id: Set(c.corrects),
                created_at: Set(now),
                ..Default::default()
            };
            (row.insert(txn).await?.id, "progress_added")
        }
    };
    // The status follows from the answers, and what is searched includes them: both
    // refreshed in the same transaction.
    status::refresh(txn, id).await?;
    search_index::refresh_recommendation(txn, id).await?;
    Ok(saved)
}

/// Whether the entry may join the record: the recommendation is answerable by this
/// organisation, a correction names one of its own entries here, and it does not repeat the
/// latest entry of its kind.
async fn check(txn: &DatabaseTransaction, who: &Answerer, entry: &Entry) -> Result<(), Refused> {
    let (organisation_id, id) = (who.organisation_id, who.recommendation_id);
    recommendation::Entity::find_by_id(id)
        .filter(answerable(organisation_id))
        .one(txn)
        .await?
        .ok_or(Refused::NotAnswerable)?;
    match entry {
        Entry::Response(c) => {
            if let Some(earlier) = c.corrects {
                response::Entity::find_by_id(earlier)
                    .filter(response::Column::RecommendationId.eq(id))
                    .filter(response::Column::OrganisationId.eq(organisation_id))
                    .one(txn)
                    .await?
                    .ok_or(Refused::BadCorrection)?;
            }
            let latest = response::Entity::find()
                .filter(response::Column::RecommendationId.eq(id))
                .filter(response::Column::OrganisationId.eq(organisation_id))
                .order_by_desc(response::Column::Id)
                .one(txn)
                .await?;
            if latest.is_some_and(|l| {
                (
                    l.position,
                    &l.text_km,
                    &l.text_en,
                    &l.commitment_km,
                    &l.commitment_en,
                ) == (
                    c.position,
                    &c.text_km,
                    &c.text_en,
                    &c.commitment_km,
                    &c.commitment_en,
                ) && l.due_on == c.due_on
            }) {
                return Err(Refused::SameAsLatest);
            }
        }
        Entry::Progress(c) => {
            if let Some(earlier) = c.corrects {
                progress_update::Entity::find_by_id(earlier)
                    .filter(progress_update::Column::RecommendationId.eq(id))
                    .filter(progress_update::Column::OrganisationId.eq(organisation_id))
                    .one(txn)
                    .await?
                    .ok_or(Refused::BadCorrection)?;
            }
            let latest = progress_update::Entity::find()
                .filter(progress_update::Column::RecommendationId.eq(id))
                .filter(progress_update::Column::OrganisationId.eq(organisation_id))
                .order_by_desc(progress_update::Column::Id)
                .one(txn)
                .await?;
            if latest.is_some_and(|l| {
                (l.stage, &l.note_km, &l.note_en) == (c.stage, &c.note_km, &c.note_en)
            }) {
                return Err(Refused::SameAsLatest);
            }
        }
    }
    Ok(())
}

/// The kind a draft of a progress update is stored as.
const PROGRESS_DRAFT: &str = "progress";

/// Keeps a checked entry as a draft, as typed; its id.
async fn keep(
    txn: &DatabaseTransaction,
    who: &Answerer,
    entry: &Entry,
    typed: &AnswerInput,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<i32, DbErr> {
    let kind = match entry {
        Entry::Response(_) => RESPONSE,
        Entry::Progress(_) => PROGRESS_DRAFT,
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
    let (saved, _) = publish(&txn, &who, draft.author_id, entry, state).await?;
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
