//! Open data reads: the published tracker, organisations and forums as the JSON API and the
//! CSV download give them. Only published content, and nothing from survivors' feedback.
//! Field names here are a public promise: add, never rename.
use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{DatabaseConnection, DbErr, QueryOrder, QuerySelect, prelude::*};
use serde::Serialize;

use crate::{
    domain::{answer::correctors, bilingual::Bilingual, lang::Lang},
    error::AppError,
    ssr::{
        entities::{forum, organisation, progress_update, recommendation, response},
        state::AppState,
        store::tracker::{filtered, published, summaries},
    },
    views::tracker::TrackerFilter,
};

/// A text in both languages and the one it was written in.
#[derive(Serialize)]
pub struct Text {
    pub km: Option<String>,
    pub en: Option<String>,
    pub original_language: &'static str,
}

impl From<Bilingual> for Text {
    fn from(b: Bilingual) -> Self {
        Text {
            km: b.km,
            en: b.en,
            original_language: b.original.code(),
        }
    }
}

pub fn text(km: Option<String>, en: Option<String>, original: &str) -> Text {
    Bilingual::new(km, en, Lang::parse(original).unwrap_or_default()).into()
}

/// `None` when neither language has text.
fn optional_text(km: Option<String>, en: Option<String>, original: &str) -> Option<Text> {
    Some(text(km, en, original)).filter(|t| t.km.is_some() || t.en.is_some())
}

#[derive(Serialize)]
pub struct Page<T> {
    pub data: Vec<T>,
    /// Pass as `after` for the next page; `null` on the last page.
    pub next_after: Option<i32>,
}

#[derive(Serialize)]
pub struct RecommendationItem {
    pub id: i32,
    pub reference: String,
    pub theme: &'static str,
    pub status: &'static str,
    pub overdue: bool,
    pub source: String,
    pub forum_id: Option<i32>,
    pub title: Text,
    pub text: Text,
    pub published_on: Option<NaiveDate>,
    pub addressed_to: Vec<i32>,
    pub merged_into: Option<i32>,
}

#[derive(Serialize)]
pub struct ResponseItem {
    pub id: i32,
    pub organisation_id: i32,
    pub position: String,
    pub text: Option<Text>,
    pub commitment: Option<Text>,
    pub due_on: Option<NaiveDate>,
    pub responded_on: NaiveDate,
    pub corrects_id: Option<i32>,
    /// The later entry that corrects this one, which then no longer stands.
    pub corrected_by_id: Option<i32>,
    /// The recommendation it was given on (a merged duplicate's id, or this one's).
    pub recommendation_id: i32,
}

#[derive(Serialize)]
pub struct ProgressItem {
    pub id: i32,
    pub organisation_id: i32,
    pub stage: String,
    pub note: Option<Text>,
    pub reported_on: NaiveDate,
    pub corrects_id: Option<i32>,
    /// The later entry that corrects this one, which then no longer stands.
    pub corrected_by_id: Option<i32>,
    pub recommendation_id: i32,
}

#[derive(Serialize)]
pub struct RecommendationFull {
    #[serde(flatten)]
    pub item: RecommendationItem,
    pub duplicates: Vec<i32>,
    pub responses: Vec<ResponseItem>,
    pub progress: Vec<ProgressItem>,
}

#[derive(Serialize)]
pub struct OrganisationItem {
    pub id: i32,
    pub code: String,
    pub name: Text,
    pub kind: String,
}

#[derive(Serialize)]
pub struct ForumItem {
    pub id: i32,
    pub title: Text,
    pub province: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub participants: Option<i32>,
    pub organisers: Text,
    pub summary: Text,
    pub recommendations: u64,
}

/// Cuts a fetched `limit + 1` rows to a page and its cursor.
fn page_of<T>(mut rows: Vec<T>, limit: u64, id: impl Fn(&T) -> i32) -> (Vec<T>, Option<i32>) {
    if rows.len() as u64 > limit {
        rows.truncate(limit as usize);
        let next = rows.last().map(id);
        (rows, next)
    } else {
        (rows, None)
    }
}

/// What the tracker summary leaves out, kept per id while it is built.
struct Extra {
    source: String,
    text: Text,
    merged_into: Option<i32>,
    published_on: Option<NaiveDate>,
}

async fn items(
    state: &AppState,
    rows: Vec<recommendation::Model>,
) -> Result<Vec<RecommendationItem>, AppError> {
    let mut extra: HashMap<i32, Extra> = rows
        .iter()
        .map(|r| {
            let extra = Extra {
                source: r.source.code().to_string(),
                text: text(r.body_km.clone(), r.body_en.clone(), &r.original_lang),
                merged_into: r.canonical_id,
                published_on: r.published_on,
            };
            (r.id, extra)
        })
        .collect();
    Ok(summaries(state, rows)
        .await?
        .into_iter()
        .filter_map(|s| {
            let extra = extra.remove(&s.id)?;
            Some(RecommendationItem {
                id: s.id,
                reference: s.reference,
                theme: s.theme.code(),
                status: s.status.code(),
                overdue: s.overdue,
                source: extra.source,
                // Only a published forum: the API never points at a draft.
                forum_id: s.forum.as_ref().map(|f| f.id),
                title: s.title.into(),
                text: extra.text,
                published_on: extra.published_on,
                addressed_to: s.bodies.iter().map(|b| b.id).collect(),
                merged_into: extra.merged_into,
            })
        })
        .collect())
}

/// One page of the public recommendations the filters select, oldest first, after `after`.
pub async fn recommendations(
    state: &AppState,
    filter: &TrackerFilter,
    after: Option<i32>,
    limit: u64,
) -> Result<Page<RecommendationItem>, AppError> {
    let mut query = filtered(state, filter).await?;
    if let Some(after) = after {
        query = query.filter(recommendation::Column::Id.gt(after));
    }
    let rows = query
        .order_by_asc(recommendation::Column::Id)
        .limit(limit + 1)
        .all(&state.db)
        .await?;
    let (rows, next_after) = page_of(rows, limit, |r| r.id);
    let data = items(state, rows).await?;
    Ok(Page { data, next_after })
}

/// One published recommendation with every response and progress update (its merged
/// duplicates' too), oldest first; `None` when the public may not read it.
pub async fn recommendation(
    state: &AppState,
    id: i32,
) -> Result<Option<RecommendationFull>, AppError> {
    let db = &state.db;
    let Some(rec) = recommendation::Entity::find_by_id(id)
        .filter(published())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let duplicates: Vec<i32> = recommendation::Entity::find()
        .filter(recommendation::Column::CanonicalId.eq(id))
        .order_by_asc(recommendation::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.id)
        .collect();
    let ids: Vec<i32> = std::iter::once(id)
        .chain(duplicates.iter().copied())
        .collect();
    let responses = response::Entity::find()
        .filter(response::Column::RecommendationId.is_in(ids.clone()))
        .order_by_asc(response::Column::Id)
        .all(db)
        .await?;
    let corrected = correctors(responses.iter().map(|r| (r.id, r.corrects_id)));
    let responses = responses
        .into_iter()
        .map(|r| ResponseItem {
            corrected_by_id: corrected.get(&r.id).copied(),
            id: r.id,
            organisation_id: r.organisation_id,
            text: optional_text(r.text_km, r.text_en, &r.original_lang),
            commitment: optional_text(r.commitment_km, r.commitment_en, &r.original_lang),
            position: r.position.code().to_string(),
            due_on: r.due_on,
            responded_on: r.responded_on,
            corrects_id: r.corrects_id,
            recommendation_id: r.recommendation_id,
        })
        .collect();
    let progress = progress_update::Entity::find()
        .filter(progress_update::Column::RecommendationId.is_in(ids))
        .order_by_asc(progress_update::Column::Id)
        .all(db)
        .await?;
    let corrected = correctors(progress.iter().map(|p| (p.id, p.corrects_id)));
    let progress = progress
        .into_iter()
        .map(|p| ProgressItem {
            corrected_by_id: corrected.get(&p.id).copied(),
            id: p.id,
            organisation_id: p.organisation_id,
            stage: p.stage.code().to_string(),
            note: optional_text(p.note_km, p.note_en, &p.original_lang),
            reported_on: p.reported_on,
            corrects_id: p.corrects_id,
            recommendation_id: p.recommendation_id,
        })
        .collect();
    let item = items(state, vec![rec]).await?.pop();
    Ok(item.map(|item| RecommendationFull {
        item,
        duplicates,
        responses,
        progress,
    }))
}

/// One page of organisations, by id.
pub async fn organisations(
    db: &DatabaseConnection,
    after: Option<i32>,
    limit: u64,
) -> Result<Page<OrganisationItem>, DbErr> {
    let mut query = organisation::Entity::find();
    if let Some(after) = after {
        query = query.filter(organisation::Column::Id.gt(after));
    }
    let rows = query
        .order_by_asc(organisation::Column::Id)
        .limit(limit + 1)
        .all(db)
        .await?;
    let (rows, next_after) = page_of(rows, limit, |o| o.id);
    let data = rows
        .into_iter()
        .map(|o| OrganisationItem {
            id: o.id,
            name: text(o.name_km, o.name_en, &o.original_lang),
            code: o.code,
            kind: o.kind.code().to_string(),
        })
        .collect();
    Ok(Page { data, next_after })
}

/// One page of forums, by id, with how many published recommendations each gave.
pub async fn forums(
    db: &DatabaseConnection,
    after: Option<i32>,
    limit: u64,
) -> Result<Page<ForumItem>, DbErr> {
    let mut query = forum::Entity::find().filter(forum::public());
    if let Some(after) = after {
        query = query.filter(forum::Column::Id.gt(after));
    }
    let rows = query
        .order_by_asc(forum::Column::Id)
        .limit(limit + 1)
        .all(db)
        .await?;
    let (rows, next_after) = page_of(rows, limit, |f| f.id);
    let ids = rows.iter().map(|f| f.id).collect();
    let counts = super::directory::public_by_forum(db, Some(ids)).await?;
    let data = rows
        .into_iter()
        .map(|f| ForumItem {
            id: f.id,
            recommendations: counts.get(&f.id).copied().unwrap_or(0).max(0) as u64,
            title: text(f.title_km, f.title_en, &f.original_lang),
            organisers: text(f.organisers_km, f.organisers_en, &f.original_lang),
            summary: text(f.summary_km, f.summary_en, &f.original_lang),
            province: f.province,
            starts_on: f.starts_on,
            ends_on: f.ends_on,
            participants: f.participants,
        })
        .collect();
    Ok(Page { data, next_after })
}
