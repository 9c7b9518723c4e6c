//! The tracker when words are searched for: the filters' matches ranked by where the words
//! were found (`search_index::ranked`), paged through that ranking, with a snippet for each
//! and the forums that match as a second list.
use std::collections::HashMap;

use sea_orm::{QuerySelect, QueryTrait, prelude::*};

use super::{
    convert::forum_ref,
    search_index::{self, FORUM, RECOMMENDATION},
    tracker::{filtered, page_of, summaries},
};
use crate::{
    domain::search::{Query, Tier, index_terms, snippet},
    error::AppError,
    ssr::{
        entities::{forum, recommendation},
        state::AppState,
    },
    views::tracker::{PAGE_SIZE, Snippet, TrackerFilter, TrackerPage},
};

/// Most forums listed beside the results.
const FORUMS_SHOWN: usize = 10;
/// Words kept each side of the first match in a snippet (spaces count as words).
const SNIPPET_AROUND: usize = 16;

pub async fn page(state: &AppState, f: &TrackerFilter, q: &Query) -> Result<TrackerPage, AppError> {
    let db = &state.db;
    let among = filtered(state, f)
        .await?
        .select_only()
        .column(recommendation::Column::Id)
        .into_query();
    let ranked = search_index::ranked(db, RECOMMENDATION, q, among).await?;
    // The cursor is the last item shown: the next page starts after it in the ranking.
    let start = f
        .after
        .and_then(|after| ranked.iter().position(|(id, _)| *id == after))
        .map_or(0, |at| at + 1);
    let end = (start + PAGE_SIZE as usize).min(ranked.len());
    let ids: Vec<i32> = ranked[start..end].iter().map(|(id, _)| *id).collect();
    let next_after = (end < ranked.len()).then(|| ids.last().copied()).flatten();
    let mut rows = recommendation::Entity::find()
        .filter(recommendation::Column::Id.is_in(ids.clone()))
        .all(db)
        .await?;
    rows.sort_by_key(|r| ids.iter().position(|id| *id == r.id));
    let snippets = rows.iter().map(|r| snippet_of(r, q)).collect();
    let items = summaries(state, rows).await?;

    let all_forums = forum::Entity::find()
        .select_only()
        .column(forum::Column::Id)
        .into_query();
    let forum_ids: Vec<i32> = search_index::ranked(db, FORUM, q, all_forums)
        .await?
        .into_iter()
        .take(FORUMS_SHOWN)
        .map(|(id, _)| id)
        .collect();
    let mut found_forums = forum::Entity::find()
        .filter(forum::Column::Id.is_in(forum_ids.clone()))
        .all(db)
        .await?;
    found_forums.sort_by_key(|f| forum_ids.iter().position(|id| *id == f.id));

    let mut page = page_of(state, items, ranked.len() as u64, next_after).await?;
    page.snippets = snippets;
    page.found_forums = found_forums.iter().map(forum_ref).collect();
    Ok(page)
}

/// The text around the match in each language; and whether some of the words are only in
/// what a body answered (the page says so).
fn snippet_of(r: &recommendation::Model, q: &Query) -> Snippet {
    let around = |text: &Option<String>| snippet(text.as_deref()?, q, SNIPPET_AROUND);
    let own: HashMap<String, Tier> = [&r.title_km, &r.title_en, &r.body_km, &r.body_en]
        .into_iter()
        .flatten()
        .chain([&r.reference])
        .flat_map(|text| index_terms(text))
        .map(|term| (term, Tier::Text))
        .collect();
    Snippet {
        id: r.id,
        in_answer: q.rank(&own).is_none(),
        km: around(&r.body_km),
        en: around(&r.body_en),
    }
}
