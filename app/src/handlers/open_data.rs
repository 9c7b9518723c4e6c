//! Open data: the published tracker as JSON (`/api/v1/…`, keyset pages) and as CSV (UTF-8
//! with a byte order mark, so spreadsheet programs show Khmer). Only published content, and
//! nothing from survivors' feedback. Field names here are a public promise: add, never rename.
use std::collections::HashMap;

use axum::{
    Json,
    extract::{Path, Query, State},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use chrono::NaiveDate;
use sea_orm::{QueryOrder, QuerySelect, prelude::*};
use serde::Serialize;

use crate::ssr::{
    entities::{
        forum, organisation, progress_update, recommendation, recommendation_body, response,
    },
    state::AppState,
    store::tracker::{filtered, summaries},
};
use crate::{
    domain::{bilingual::Bilingual, lang::Lang},
    error::AppError,
    i18n::t,
    views::tracker::TrackerFilter,
};

/// Items per page unless `limit` asks for fewer or more (at most `MAX_LIMIT`).
pub const DEFAULT_LIMIT: u64 = 50;
pub const MAX_LIMIT: u64 = 200;

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

fn text(km: Option<String>, en: Option<String>, original: &str) -> Text {
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

#[derive(Serialize)]
struct ApiError {
    error: &'static str,
}

fn error(status: StatusCode, code: &'static str) -> Response {
    (status, Json(ApiError { error: code })).into_response()
}

fn internal(e: impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "open data query failed");
    error(StatusCode::INTERNAL_SERVER_ERROR, "internal")
}

/// `after` and `limit`, checked.
/// The error is the code a bad request answers with.
fn paging(q: &HashMap<String, String>) -> Result<(Option<i32>, u64), &'static str> {
    let after = match q.get("after").map(|s| s.trim()).filter(|s| !s.is_empty()) {
        None => None,
        Some(raw) => Some(raw.parse::<i32>().map_err(|_| "bad_after")?),
    };
    let limit = match q.get("limit").map(|s| s.trim()).filter(|s| !s.is_empty()) {
        None => DEFAULT_LIMIT,
        Some(raw) => raw
            .parse::<u64>()
            .ok()
            .filter(|n| (1..=MAX_LIMIT).contains(n))
            .ok_or("bad_limit")?,
    };
    Ok((after, limit))
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

fn filter_of(q: &HashMap<String, String>) -> Result<TrackerFilter, &'static str> {
    let (filter, bad) = TrackerFilter::from_query(|k| {
        if k == "after" {
            None
        } else {
            q.get(k).cloned()
        }
    });
    if bad {
        return Err("bad_filter");
    }
    Ok(filter)
}

/// What the tracker summary leaves out, kept per id while it is built.
struct Extra {
    source: String,
    forum_id: Option<i32>,
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
                source: r.source.clone(),
                forum_id: r.forum_id,
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
                forum_id: extra.forum_id,
                title: s.title.into(),
                text: extra.text,
                published_on: extra.published_on,
                addressed_to: s.bodies.iter().map(|b| b.id).collect(),
                merged_into: extra.merged_into,
            })
        })
        .collect())
}

/// `GET /api/v1/recommendations`: the tracker's filters, oldest first, `after` an id.
pub async fn recommendations(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let (after, limit) = match paging(&q) {
        Ok(p) => p,
        Err(code) => return error(StatusCode::BAD_REQUEST, code),
    };
    let filter = match filter_of(&q) {
        Ok(f) => f,
        Err(code) => return error(StatusCode::BAD_REQUEST, code),
    };
    let result = async {
        let mut query = filtered(&state, &filter).await?;
        if let Some(after) = after {
            query = query.filter(recommendation::Column::Id.gt(after));
        }
        let rows = query
            .order_by_asc(recommendation::Column::Id)
            .limit(limit + 1)
            .all(&state.db)
            .await?;
        let (rows, next_after) = page_of(rows, limit, |r| r.id);
        let data = items(&state, rows).await?;
        Ok::<_, AppError>(Page { data, next_after })
    }
    .await;
    match result {
        Ok(page) => Json(page).into_response(),
        Err(e) => internal(e),
    }
}

/// `GET /api/v1/recommendations/{id}`: one published recommendation with every response
/// and progress update (its merged duplicates' too), oldest first.
pub async fn recommendation(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let Ok(id) = id.parse::<i32>() else {
        return error(StatusCode::NOT_FOUND, "not_found");
    };
    let result = async {
        let db = &state.db;
        let Some(rec) = recommendation::Entity::find_by_id(id)
            .filter(recommendation::Column::PublishedOn.is_not_null())
            .filter(recommendation::Column::Status.ne("draft"))
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
            .await?
            .into_iter()
            .map(|r| ResponseItem {
                id: r.id,
                organisation_id: r.organisation_id,
                text: optional_text(r.text_km, r.text_en, &r.original_lang),
                commitment: optional_text(r.commitment_km, r.commitment_en, &r.original_lang),
                position: r.position,
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
            .await?
            .into_iter()
            .map(|p| ProgressItem {
                id: p.id,
                organisation_id: p.organisation_id,
                stage: p.stage,
                note: optional_text(p.note_km, p.note_en, &p.original_lang),
                reported_on: p.reported_on,
                corrects_id: p.corrects_id,
                recommendation_id: p.recommendation_id,
            })
            .collect();
        let item = items(&state, vec![rec]).await?.pop();
        Ok::<_, AppError>(item.map(|item| RecommendationFull {
            item,
            duplicates,
            responses,
            progress,
        }))
    }
    .await;
    match result {
        Ok(Some(full)) => Json(full).into_response(),
        Ok(None) => error(StatusCode::NOT_FOUND, "not_found"),
        Err(e) => internal(e),
    }
}

/// `GET /api/v1/organisations`: every organisation, by id.
pub async fn organisations(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let (after, limit) = match paging(&q) {
        Ok(p) => p,
        Err(code) => return error(StatusCode::BAD_REQUEST, code),
    };
    let mut query = organisation::Entity::find();
    if let Some(after) = after {
        query = query.filter(organisation::Column::Id.gt(after));
    }
    let rows = match query
        .order_by_asc(organisation::Column::Id)
        .limit(limit + 1)
        .all(&state.db)
        .await
    {
        Ok(rows) => rows,
        Err(e) => return internal(e),
    };
    let (rows, next_after) = page_of(rows, limit, |o| o.id);
    let data = rows
        .into_iter()
        .map(|o| OrganisationItem {
            id: o.id,
            name: text(o.name_km, o.name_en, &o.original_lang),
            code: o.code,
            kind: o.kind,
        })
        .collect();
    Json(Page { data, next_after }).into_response()
}

/// `GET /api/v1/forums`: every forum with how many published recommendations it gave.
pub async fn forums(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let (after, limit) = match paging(&q) {
        Ok(p) => p,
        Err(code) => return error(StatusCode::BAD_REQUEST, code),
    };
    let result = async {
        let mut query = forum::Entity::find();
        if let Some(after) = after {
            query = query.filter(forum::Column::Id.gt(after));
        }
        let rows = query
            .order_by_asc(forum::Column::Id)
            .limit(limit + 1)
            .all(&state.db)
            .await?;
        let (rows, next_after) = page_of(rows, limit, |f| f.id);
        let ids = rows.iter().map(|f| f.id).collect();
        let counts = crate::ssr::store::directory::public_by_forum(&state.db, Some(ids)).await?;
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
        Ok::<_, DbErr>(Page { data, next_after })
    }
    .await;
    match result {
        Ok(page) => Json(page).into_response(),
        Err(e) => internal(e),
    }
}

/// The columns of the CSV download. The first ones are also what the import reads, so a
/// downloaded file can be edited and imported into another instance.
pub const CSV_COLUMNS: [&str; 16] = [
    "reference",
    "theme",
    "original_lang",
    "translation_state",
    "title_km",
    "title_en",
    "text_km",
    "text_en",
    "bodies",
    "status",
    "overdue",
    "published_on",
    "forum_km",
    "forum_en",
    "bodies_km",
    "bodies_en",
];

/// `GET /{lang}/recommendations.csv`: the tracker as filtered, every page at once.
pub async fn tracker_csv(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let lang = Lang::parse(&lang).unwrap_or_default();
    let (filter, _) = TrackerFilter::from_query(|k| {
        if k == "after" {
            None
        } else {
            q.get(k).cloned()
        }
    });
    let result = async {
        let rows = filtered(&state, &filter)
            .await?
            .order_by_asc(recommendation::Column::Id)
            .all(&state.db)
            .await?;
        let models: HashMap<i32, recommendation::Model> =
            rows.iter().map(|r| (r.id, r.clone())).collect();
        let codes: HashMap<i32, String> = organisation::Entity::find()
            .all(&state.db)
            .await?
            .into_iter()
            .map(|o| (o.id, o.code))
            .collect();
        let links = recommendation_body::Entity::find()
            .filter(recommendation_body::Column::RecommendationId.is_in(models.keys().copied()))
            .all(&state.db)
            .await?;
        let summaries = summaries(&state, rows).await?;
        let mut out = csv::Writer::from_writer(Vec::from("\u{feff}".as_bytes()));
        // Every cell, header included, as a spreadsheet may safely open it.
        let write = |out: &mut csv::Writer<Vec<u8>>, record: Vec<String>| {
            let record = record
                .into_iter()
                .map(crate::domain::spreadsheet::safe_cell);
            out.write_record(record).map_err(|e| {
                tracing::error!(error = %e, "CSV");
                AppError::Internal
            })
        };
        write(
            &mut out,
            CSV_COLUMNS.iter().map(|c| String::from(*c)).collect(),
        )?;
        for s in summaries {
            let Some(r) = models.get(&s.id) else { continue };
            let mut body_codes: Vec<String> = links
                .iter()
                .filter(|l| l.recommendation_id == s.id)
                .filter_map(|l| codes.get(&l.organisation_id).cloned())
                .collect();
            body_codes.sort();
            let names = |lang: Lang| {
                s.bodies
                    .iter()
                    .map(|b| b.name.get(lang).unwrap_or_default().to_string())
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            let forum = |lang: Lang| {
                s.forum
                    .as_ref()
                    .and_then(|f| f.title.get(lang))
                    .unwrap_or_default()
                    .to_string()
            };
            write(
                &mut out,
                vec![
                    s.reference.clone(),
                    s.theme.code().to_string(),
                    r.original_lang.clone(),
                    r.translation_state.clone(),
                    r.title_km.clone().unwrap_or_default(),
                    r.title_en.clone().unwrap_or_default(),
                    r.body_km.clone().unwrap_or_default(),
                    r.body_en.clone().unwrap_or_default(),
                    body_codes.join("; "),
                    s.status.code().to_string(),
                    s.overdue.to_string(),
                    r.published_on.map(|d| d.to_string()).unwrap_or_default(),
                    forum(Lang::Km),
                    forum(Lang::En),
                    names(Lang::Km),
                    names(Lang::En),
                ],
            )?;
        }
        out.into_inner().map_err(|e| {
            tracing::error!(error = %e, "CSV");
            AppError::Internal
        })
    }
    .await;
    match result {
        Ok(bytes) => {
            let mut response = bytes.into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            );
            headers.insert(
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"samleng-recommendations.csv\""),
            );
            response
        }
        Err(e) => {
            tracing::error!(error = %e, "CSV download failed");
            (StatusCode::INTERNAL_SERVER_ERROR, t(lang, "error-internal")).into_response()
        }
    }
}
