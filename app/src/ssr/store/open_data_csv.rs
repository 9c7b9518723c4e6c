//! The tracker as the CSV download gives it: one row per public recommendation the filters
//! select, in `CSV_COLUMNS` order. The first columns are what the import reads, so a
//! downloaded file can be edited and imported into another instance.
use std::collections::HashMap;

use sea_orm::{QueryOrder, prelude::*};

use crate::{
    domain::lang::Lang,
    error::AppError,
    ssr::{
        entities::{organisation, recommendation, recommendation_body},
        state::AppState,
        store::tracker::{filtered, summaries},
    },
    views::tracker::TrackerFilter,
};

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
    let mut out = Vec::with_capacity(rows.len());
    for s in summaries(state, rows).await? {
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
        ]);
    }
    Ok(out)
}
