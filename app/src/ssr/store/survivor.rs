//! Storing and finding anonymous submissions. Every row gets a random id and a day, never a
//! time; nothing about the sender is written.
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect, sea_query::Expr,
};
use uuid::Uuid;

use super::convert::bilingual;
use crate::{
    domain::{
        feedback::{Channel, ModerationState},
        status::Status,
        submission::{ValidFeedback, ValidProposal},
    },
    ssr::{
        clock::Clock,
        db::begin_write,
        entities::{
            feedback, message, organisation, proposal, recommendation, recommendation_body, thread,
        },
        seal::Sealer,
        tallies,
    },
    views::survivor::{Became, OrgChoice, SubmissionKind, ThreadMessage},
};

/// Who wrote a message in a thread.
pub const FROM_SURVIVOR: &str = "survivor";
pub const FROM_FACILITATOR: &str = "facilitator";

/// Every organisation, by English name, for the "who served you" list.
pub async fn organisation_choices(db: &impl ConnectionTrait) -> Result<Vec<OrgChoice>, DbErr> {
    let orgs = organisation::Entity::find()
        .order_by_asc(organisation::Column::NameEn)
        .all(db)
        .await?;
    Ok(orgs
        .into_iter()
        .map(|o| OrgChoice {
            id: o.id,
            name: bilingual(o.name_km, o.name_en, &o.original_lang),
        })
        .collect())
}

pub async fn organisation_exists(db: &impl ConnectionTrait, id: i32) -> Result<bool, DbErr> {
    Ok(organisation::Entity::find_by_id(id)
        .one(db)
        .await?
        .is_some())
}

/// Saves feedback and its thread in one transaction; returns once it is committed.
pub async fn save_feedback(
    db: &DatabaseConnection,
    clock: &Clock,
    sealer: &Sealer,
    valid: &ValidFeedback,
    channel: Channel,
    receipt_hash: String,
) -> Result<(), DbErr> {
    let txn = begin_write(db).await?;
    insert_feedback(&txn, clock, sealer, valid, channel, receipt_hash).await?;
    txn.commit().await
}

/// Writes feedback, its running counts and its thread in the caller's write transaction.
pub async fn insert_feedback(
    txn: &impl ConnectionTrait,
    clock: &Clock,
    sealer: &Sealer,
    valid: &ValidFeedback,
    channel: Channel,
    receipt_hash: String,
) -> Result<(), DbErr> {
    let today = clock.today();
    let id = Uuid::new_v4();
    let [respect, safe, privacy, rights, choice, helped] = valid.answers.map(|a| a.code());
    let saved = feedback::ActiveModel {
        id: Set(id),
        service_type: Set(valid.service.code().to_string()),
        province: Set(valid.province.code().to_string()),
        organisation_id: Set(valid.organisation_id),
        ans_respect: Set(respect.to_string()),
        ans_safe: Set(safe.to_string()),
        ans_privacy: Set(privacy.to_string()),
        ans_rights: Set(rights.to_string()),
        ans_choice: Set(choice.to_string()),
        ans_helped: Set(helped.to_string()),
        text_original: Set(valid.text.as_ref().map(|t| sealer.seal(&t.text))),
        text_lang: Set(valid.text.as_ref().map(|t| t.lang.code().to_string())),
        text_redacted: Set(None),
        text_translated: Set(None),
        kept_flags: Set(None),
        moderation_state: Set(ModerationState::New),
        received_on: Set(today),
        channel: Set(channel.code().to_string()),
    }
    .insert(txn)
    .await?;
    tallies::add(txn, &saved, 1).await?;
    new_thread(txn, receipt_hash, Some(id), None, today).await
}

/// Saves a proposal and its thread in one transaction.
pub async fn save_proposal(
    db: &DatabaseConnection,
    clock: &Clock,
    sealer: &Sealer,
    valid: &ValidProposal,
    receipt_hash: String,
) -> Result<(), DbErr> {
    let today = clock.today();
    let id = Uuid::new_v4();
    let txn = begin_write(db).await?;
    proposal::ActiveModel {
        id: Set(id),
        theme: Set(valid.theme),
        text_original: Set(sealer.seal(&valid.text.text)),
        text_lang: Set(valid.text.lang.code().to_string()),
        text_redacted: Set(None),
        text_translated: Set(None),
        kept_flags: Set(None),
        moderation_state: Set(ModerationState::New),
        received_on: Set(today),
        recommendation_id: Set(None),
    }
    .insert(&txn)
    .await?;
    new_thread(&txn, receipt_hash, None, Some(id), today).await?;
    txn.commit().await
}

async fn new_thread(
    db: &impl ConnectionTrait,
    receipt_hash: String,
    feedback_id: Option<Uuid>,
    proposal_id: Option<Uuid>,
    today: chrono::NaiveDate,
) -> Result<(), DbErr> {
    thread::ActiveModel {
        id: Set(Uuid::new_v4()),
        receipt_hash: Set(receipt_hash),
        feedback_id: Set(feedback_id),
        proposal_id: Set(proposal_id),
        survivor_waiting: Set(false),
        created_on: Set(today),
        active_on: Set(Some(today)),
        expired_on: Set(None),
        follows: Set(None),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// A thread found by its receipt hash, with what it is about.
pub struct FoundThread {
    pub thread: thread::Model,
    pub kind: SubmissionKind,
    pub about_key: String,
    pub state: ModerationState,
    pub own_text: Option<String>,
    /// The published copy, when published.
    pub public_text: Option<String>,
    pub became: Option<Became>,
    pub messages: Vec<ThreadMessage>,
}

pub async fn find_thread(
    db: &impl ConnectionTrait,
    sealer: &Sealer,
    receipt_hash: &str,
) -> Result<Option<FoundThread>, DbErr> {
    let Some(thread) = thread::Entity::find()
        .filter(thread::Column::ReceiptHash.eq(receipt_hash))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let published = |state: ModerationState, copy: Option<String>| {
        copy.filter(|_| state == ModerationState::Published)
    };
    let (kind, about_key, state, own_text, public_text, became_id) =
        if let Some(id) = thread.feedback_id {
            let Some(f) = feedback::Entity::find_by_id(id).one(db).await? else {
                return Ok(None);
            };
            let state = f.moderation_state;
            (
                SubmissionKind::Feedback,
                format!("service-{}", f.service_type),
                state,
                sealer.open_or_log(f.text_original.as_deref()),
                published(state, f.text_redacted),
                None,
            )
        } else if let Some(id) = thread.proposal_id {
            let Some(p) = proposal::Entity::find_by_id(id).one(db).await? else {
                return Ok(None);
            };
            let state = p.moderation_state;
            (
                SubmissionKind::Proposal,
                p.theme.label_key(),
                state,
                sealer.open_or_log(Some(&p.text_original)),
                published(state, p.text_redacted),
                p.recommendation_id,
            )
        } else {
            return Ok(None);
        };
    let became = match became_id {
        Some(id) => became(db, id).await?,
        None => None,
    };
    // Past the retention period the words are gone; the thread says so.
    let (own_text, messages) = if thread.expired_on.is_some() {
        (None, Vec::new())
    } else {
        (own_text, thread_messages(db, sealer, thread.id).await?)
    };
    Ok(Some(FoundThread {
        thread,
        kind,
        about_key,
        state,
        own_text,
        public_text,
        became,
        messages,
    }))
}

/// The public recommendation `id` is (or was merged into), with each body's latest position;
/// `None` while it is a draft.
async fn became(db: &impl ConnectionTrait, id: i32) -> Result<Option<Became>, DbErr> {
    let Some(mut rec) = recommendation::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    if let Some(canonical) = rec.canonical_id
        && let Some(found) = recommendation::Entity::find_by_id(canonical)
            .one(db)
            .await?
    {
        rec = found;
    }
    let status = rec.status;
    if rec.published_on.is_none() || status == Status::Draft {
        return Ok(None);
    }
    let bodies: Vec<i32> = recommendation_body::Entity::find()
        .filter(recommendation_body::Column::RecommendationId.eq(rec.id))
        .all(db)
        .await?
        .into_iter()
        .map(|b| b.organisation_id)
        .collect();
    let orgs = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(bodies.clone()))
        .order_by_asc(organisation::Column::Code)
        .all(db)
        .await?;
    let answered = super::status::answers_on(db, &[rec.id]).await?;
    let answers = orgs
        .into_iter()
        .map(|o| {
            let position = answered
                .get(&(rec.id, o.id))
                .and_then(|a| a.answer.position);
            (bilingual(o.name_km, o.name_en, &o.original_lang), position)
        })
        .collect();
    Ok(Some(Became {
        id: rec.id,
        reference: rec.reference,
        status,
        answers,
    }))
}

/// A facilitator decided something about a submission: its thread's retention period starts
/// again from `today`.
pub async fn touch_thread(
    db: &impl ConnectionTrait,
    feedback_id: Option<Uuid>,
    proposal_id: Option<Uuid>,
    today: chrono::NaiveDate,
) -> Result<(), DbErr> {
    let which = match (feedback_id, proposal_id) {
        (Some(id), _) => thread::Column::FeedbackId.eq(id),
        (None, Some(id)) => thread::Column::ProposalId.eq(id),
        (None, None) => return Ok(()),
    };
    thread::Entity::update_many()
        .col_expr(thread::Column::ActiveOn, Expr::value(today))
        .filter(which)
        .filter(thread::Column::ExpiredOn.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// A thread's messages in the order they were written.
pub async fn thread_messages(
    db: &impl ConnectionTrait,
    sealer: &Sealer,
    thread_id: Uuid,
) -> Result<Vec<ThreadMessage>, DbErr> {
    Ok(message::Entity::find()
        .filter(message::Column::ThreadId.eq(thread_id))
        .order_by_asc(message::Column::Seq)
        .all(db)
        .await?
        .into_iter()
        .map(|m| ThreadMessage {
            from_survivor: m.author_kind == FROM_SURVIVOR,
            body: sealer.open_or_log(Some(&m.body)).unwrap_or_default(),
            sent_on: m.sent_on,
        })
        .collect())
}

/// A survivor's answer in their thread, in a transaction of its own.
pub async fn save_survivor_reply(
    db: &DatabaseConnection,
    clock: &Clock,
    sealer: &Sealer,
    thread_id: Uuid,
    body: &str,
) -> Result<(), DbErr> {
    let txn = begin_write(db).await?;
    append_message(&txn, clock, sealer, thread_id, None, body).await?;
    txn.commit().await
}

/// Appends a message to a thread (the next `seq`) and records who must answer next, in the
/// caller's write transaction (so a facilitator's reply and its audit land together).
pub async fn append_message(
    txn: &impl ConnectionTrait,
    clock: &Clock,
    sealer: &Sealer,
    thread_id: Uuid,
    author_id: Option<i32>,
    body: &str,
) -> Result<(), DbErr> {
    let from_survivor = author_id.is_none();
    let last: Option<i32> = message::Entity::find()
        .select_only()
        .column_as(message::Column::Seq.max(), "last")
        .filter(message::Column::ThreadId.eq(thread_id))
        .into_tuple::<Option<i32>>()
        .one(txn)
        .await?
        .flatten();
    message::ActiveModel {
        id: Set(Uuid::new_v4()),
        thread_id: Set(thread_id),
        seq: Set(last.unwrap_or(0) + 1),
        author_kind: Set(if from_survivor {
            FROM_SURVIVOR
        } else {
            FROM_FACILITATOR
        }
        .to_string()),
        author_id: Set(author_id),
        body: Set(sealer.seal(body)),
        sent_on: Set(clock.today()),
    }
    .insert(txn)
    .await?;
    thread::Entity::update_many()
        .col_expr(thread::Column::SurvivorWaiting, Expr::value(from_survivor))
        .col_expr(thread::Column::ActiveOn, Expr::value(clock.today()))
        .filter(thread::Column::Id.eq(thread_id))
        .exec(txn)
        .await?;
    Ok(())
}
