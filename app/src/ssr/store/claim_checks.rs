//! Survivors' word on "implemented": asking, saving an answer, and what the public reads of
//! the answers. An answer row holds the verdict, sealed words and a day; the receipt code it
//! came with is kept apart as an opaque token, so no row says whose answer it is.
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect, Statement,
};
use uuid::Uuid;

use super::{claim_check_tallies as tallies, convert::bilingual, status::answers_on};
use crate::{
    domain::{
        bilingual::Bilingual,
        check::{Claim, Finding, ValidCheck, asks},
        feedback::ModerationState,
        lang::Lang,
    },
    ssr::{
        clock::Clock,
        db::begin_write,
        entities::{claim_check, recommendation},
        seal::Sealer,
    },
    views::{report_card::ClaimFindings, survivor::CheckAbout, tracker::SurvivorWord},
};

/// Published words shown on a recommendation's page, at most.
const COMMENTS_SHOWN: u64 = 6;

/// Whether survivors are asked about recommendation `id` today.
async fn asked(
    db: &impl ConnectionTrait,
    rec: &recommendation::Model,
    today: NaiveDate,
) -> Result<bool, DbErr> {
    let claims: Vec<Claim> = answers_on(db, &[rec.id])
        .await?
        .into_values()
        .map(|a| Claim {
            stage: a.answer.stage,
            due_on: a.due_on,
        })
        .collect();
    let public = rec.published_on.is_some() && rec.canonical_id.is_none();
    Ok(asks(public, &claims, today))
}

/// The recommendation a check form is about, if it is public; `asks` says whether its
/// survivors are asked today.
pub async fn about(
    db: &impl ConnectionTrait,
    id: i32,
    today: NaiveDate,
) -> Result<Option<CheckAbout>, DbErr> {
    let Some(rec) = recommendation::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    if rec.published_on.is_none() {
        return Ok(None);
    }
    let asks = asked(db, &rec, today).await?;
    Ok(Some(CheckAbout {
        id: rec.id,
        reference: rec.reference,
        title: bilingual(rec.title_km, rec.title_en, &rec.original_lang),
        asks,
    }))
}

/// What became of an answer.
#[derive(Debug, PartialEq, Eq)]
pub enum Saved {
    Done,
    /// This receipt code has answered about this recommendation before.
    AlreadyAnswered,
    /// Survivors are not asked about it (not public, or no claim to check).
    NotAsked,
}

/// Saves one answer and counts it, in one write transaction. `token` stands for the
/// receipt code it came with (see `receipts::answered_token`).
pub async fn save(
    db: &DatabaseConnection,
    clock: &Clock,
    sealer: &Sealer,
    id: i32,
    valid: &ValidCheck,
    token: Option<String>,
) -> Result<Saved, DbErr> {
    let today = clock.today();
    let txn = begin_write(db).await?;
    let Some(rec) = recommendation::Entity::find_by_id(id).one(&txn).await? else {
        return Ok(Saved::NotAsked);
    };
    if !asked(&txn, &rec, today).await? {
        return Ok(Saved::NotAsked);
    }
    if let Some(token) = token {
        if answered(&txn, &token).await? {
            return Ok(Saved::AlreadyAnswered);
        }
        let backend = txn.get_database_backend();
        let mark = match backend {
            sea_orm::DbBackend::Postgres => "$1",
            _ => "?",
        };
        txn.execute_raw(Statement::from_sql_and_values(
            backend,
            format!("INSERT INTO claim_check_receipts (token) VALUES ({mark})"),
            vec![token.into()],
        ))
        .await?;
    }
    claim_check::ActiveModel {
        id: Set(Uuid::new_v4()),
        recommendation_id: Set(rec.id),
        verdict: Set(valid.verdict.code().to_string()),
        text_original: Set(valid.comment.as_ref().map(|t| sealer.seal(&t.text))),
        text_lang: Set(valid.comment.as_ref().map(|t| t.lang.code().to_string())),
        text_redacted: Set(None),
        text_translated: Set(None),
        kept_flags: Set(None),
        // Words go to moderation; an answer without words has nothing to decide.
        moderation_state: Set(if valid.comment.is_some() {
            ModerationState::New
        } else {
            ModerationState::Reviewing
        }),
        received_on: Set(today),
    }
    .insert(&txn)
    .await?;
    tallies::add(&txn, rec.id, valid.verdict, 1).await?;
    txn.commit().await?;
    Ok(Saved::Done)
}

/// Whether the receipt code behind `token` has answered.
pub async fn answered(db: &impl ConnectionTrait, token: &str) -> Result<bool, DbErr> {
    let backend = db.get_database_backend();
    let mark = match backend {
        sea_orm::DbBackend::Postgres => "$1",
        _ => "?",
    };
    let found = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            format!("SELECT token FROM claim_check_receipts WHERE token = {mark}"),
            vec![token.into()],
        ))
        .await?;
    Ok(found.is_some())
}

/// What the public reads of survivors' word on one recommendation: the released counts
/// (none until K people answered) and a few published words, never on the day they came
/// and in the order of their random ids, with no verdict beside them.
pub async fn word_on(
    db: &impl ConnectionTrait,
    rec: &recommendation::Model,
    today: NaiveDate,
    threshold: u32,
) -> Result<SurvivorWord, DbErr> {
    let asks = asked(db, rec, today).await?;
    let tally = tallies::released(db, &[rec.id]).await?.remove(&rec.id);
    let mut published = claim_check::Entity::find()
        .filter(claim_check::Column::RecommendationId.eq(rec.id))
        .filter(claim_check::Column::ModerationState.eq(ModerationState::Published.code()))
        .filter(claim_check::Column::TextRedacted.is_not_null())
        .filter(claim_check::Column::ReceivedOn.lt(today))
        .order_by_desc(claim_check::Column::ReceivedOn)
        .limit(COMMENTS_SHOWN)
        .all(db)
        .await?;
    published.sort_by_key(|c| c.id);
    let comments: Vec<Bilingual> = published
        .into_iter()
        .map(|c| {
            let original = c
                .text_lang
                .as_deref()
                .and_then(Lang::parse)
                .unwrap_or_default();
            let (km, en) = match original {
                Lang::Km => (c.text_redacted, c.text_translated),
                Lang::En => (c.text_translated, c.text_redacted),
            };
            Bilingual::new(km, en, original)
        })
        .collect();
    Ok(SurvivorWord {
        asks,
        threshold,
        tally,
        comments,
    })
}

/// How survivors judged the `claimed` recommendations (those an organisation reported
/// implemented): each whose answers were released counts once, under what most of those who
/// knew said.
pub async fn findings(db: &impl ConnectionTrait, claimed: &[i32]) -> Result<ClaimFindings, DbErr> {
    let released = tallies::released(db, claimed).await?;
    let mut findings = ClaimFindings {
        claimed: claimed.len() as u32,
        ..ClaimFindings::default()
    };
    for tally in released.values() {
        match tally.finding() {
            Some(Finding::Confirmed) => findings.confirmed += 1,
            Some(Finding::Partly) => findings.partly += 1,
            Some(Finding::Disputed) => findings.disputed += 1,
            None => {}
        }
    }
    Ok(findings)
}
