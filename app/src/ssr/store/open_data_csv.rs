//! The tracker as the CSV download gives it: one row per public recommendation the filters
//! select, in `CSV_COLUMNS` order. The first columns are what the import reads, so a
//! downloaded file can be edited and imported into another instance.
use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{QueryOrder, QuerySelect, prelude::*};

use crate::{
    domain::lang::Lang,
    error::AppError,
    ssr::{
        entities::{organisation, recommendation, recommendation_body, response},
        state::AppState,
        store::{
            status::{OrgAnswer, answers_on},
            tracker::{filtered, summaries},
        },
    },
    views::tracker::TrackerFilter,
};

/// The columns after `bodies_en` hold one line per addressed body, in the order of `bodies`:
/// its latest position and the day of it, the commitment and due date of that latest
/// response, and its latest progress stage and the day of it (a line is empty where the
/// body has not said).
pub const CSV_COLUMNS: [&str; 23] = [
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
    "answer_positions",
    "answered_on",
    "commitments_km",
    "commitments_en",
    "due_on",
    "progress_stages",
    "progress_on",
];

/// A commitment in Khmer and in English.
type Commitment = (Option<String>, Option<String>);

/// Recommendations written per round: each round's lookups bind this many ids (SQLite takes
/// at most 32 766 bound values in one statement; the whole tracker is 100 000 at scale).
const ROUND: usize = 1_000;

/// Every public recommendation the filters select, oldest first, as rows of cells.
pub async fn tracker_rows(
    state: &AppState,
    filter: &TrackerFilter,
) -> Result<Vec<Vec<String>>, AppError> {
    let rows = filtered(state, filter)
        .await?
        .order_by_asc(recommendation::Column::Id)
        .all(&state.db)
        .await?;
    let codes: HashMap<i32, String> = organisation::Entity::find()
        .all(&state.db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.code))
        .collect();
    let mut out = Vec::with_capacity(rows.len());
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let round: Vec<recommendation::Model> = rows.by_ref().take(ROUND).collect();
        out.extend(rows_of(state, &codes, round).await?);
    }
    Ok(out)
}

/// The cells of these recommendations.
async fn rows_of(
    state: &AppState,
    codes: &HashMap<i32, String>,
    rows: Vec<recommendation::Model>,
) -> Result<Vec<Vec<String>>, AppError> {
    let models: HashMap<i32, recommendation::Model> =
        rows.iter().map(|r| (r.id, r.clone())).collect();
    let links = recommendation_body::Entity::find()
        .filter(recommendation_body::Column::RecommendationId.is_in(models.keys().copied()))
        .all(&state.db)
        .await?;
    let ids: Vec<i32> = models.keys().copied().collect();
    let said = answers_on(&state.db, &ids).await?;
    let promised = latest_commitments(&state.db, &ids).await?;
    let mut out = Vec::with_capacity(rows.len());
    for s in summaries(state, rows).await? {
        let Some(r) = models.get(&s.id) else { continue };
        let mut bodies: Vec<(String, i32)> = links
            .iter()
            .filter(|l| l.recommendation_id == s.id)
            .filter_map(|l| Some((codes.get(&l.organisation_id)?.clone(), l.organisation_id)))
            .collect();
        bodies.sort();
        let body_codes: Vec<String> = bodies.iter().map(|(code, _)| code.clone()).collect();
        // One line per body, in the order of `bodies`.
        let per_body = |cell: &dyn Fn(&OrgAnswer, Option<&Commitment>) -> String| {
            bodies
                .iter()
                .map(|(_, org)| {
                    let answer = said.get(&(s.id, *org)).copied().unwrap_or_default();
                    one_line(&cell(&answer, promised.get(&(s.id, *org))))
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
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
        out.push(vec![
            s.reference.clone(),
            s.theme.code().to_string(),
            r.original_lang.clone(),
            r.translation_state.code().to_string(),
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
            per_body(&|a, _| {
                a.answer
                    .position
                    .map(|p| p.code().to_string())
                    .unwrap_or_default()
            }),
            per_body(&|a, _| day(a.answered_on)),
            per_body(&|_, c| c.and_then(|(km, _)| km.clone()).unwrap_or_default()),
            per_body(&|_, c| c.and_then(|(_, en)| en.clone()).unwrap_or_default()),
            per_body(&|a, _| day(a.due_on)),
            per_body(&|a, _| {
                a.answer
                    .stage
                    .map(|p| p.code().to_string())
                    .unwrap_or_default()
            }),
            per_body(&|a, _| day(a.progress_on)),
        ]);
    }
    Ok(out)
}

/// The commitment (Khmer, English) of each body's latest response on these recommendations.
async fn latest_commitments(
    db: &impl ConnectionTrait,
    ids: &[i32],
) -> Result<HashMap<(i32, i32), Commitment>, DbErr> {
    let rows: Vec<(i32, i32, Option<String>, Option<String>)> = response::Entity::find()
        .select_only()
        .columns([
            response::Column::RecommendationId,
            response::Column::OrganisationId,
            response::Column::CommitmentKm,
            response::Column::CommitmentEn,
        ])
        .filter(response::Column::RecommendationId.is_in(ids.iter().copied()))
        .order_by_asc(response::Column::RespondedOn)
        .order_by_asc(response::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    // Oldest first: the latest response's commitment is the one left.
    Ok(rows
        .into_iter()
        .map(|(rec, org, km, en)| ((rec, org), (km, en)))
        .collect())
}

/// A text on one line of a cell: its own line breaks would shift the bodies' lines.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
