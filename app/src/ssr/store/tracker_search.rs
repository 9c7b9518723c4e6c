//! The tracker when words are searched for: the filters' matches ranked by where the words
//! were found (`search_rank`), paged through that ranking, with a snippet for each and the
//! forums that match as a second list.
use sea_orm::{QuerySelect, QueryTrait, prelude::*};

use super::{
    convert::forum_ref,
    search_index::{FORUM, RECOMMENDATION},
    search_rank,
    tracker::{filtered, page_of, summaries},
};
use crate::{
    domain::search::{Query, Tier, snippet},
    error::AppError,
    ssr::{
        entities::{forum, recommendation},
        state::AppState,
    },
    views::tracker::{PAGE_SIZE, Snippet, TrackerFilter, TrackerPage},
};

/// Most forums listed beside the results.
const FORUMS_SHOWN: u64 = 10;
/// Words kept each side of the first match in a snippet (spaces count as words).
const SNIPPET_AROUND: usize = 16;

pub async fn page(state: &AppState, f: &TrackerFilter, q: &Query) -> Result<TrackerPage, AppError> {
    let db = &state.db;
    // The index holds only what is public: the filters are needed only when some are set.
    let filters = TrackerFilter {
        q: None,
        after: None,
        ..f.clone()
    };
    let among = if filters == TrackerFilter::default() {
        None
    } else {
        let ids = filtered(state, &filters)
            .await?
            .select_only()
            .column(recommendation::Column::Id)
            .into_query();
        Some(search_rank::Among::new(ids, recommendation::Column::Id))
    };
    let ranked = search_rank::page(db, RECOMMENDATION, q, among, f.after, PAGE_SIZE).await?;
    let ids: Vec<i32> = ranked.items.iter().map(|(id, _)| *id).collect();
    let next_after = ranked.more.then(|| ids.last().copied()).flatten();
    let mut rows = recommendation::Entity::find()
        .filter(recommendation::Column::Id.is_in(ids.clone()))
        .all(db)
        .await?;
    rows.sort_by_key(|r| ids.iter().position(|id| *id == r.id));
    // By id: a row deleted since it was ranked must not shift the others' ranks.
    let snippets = rows
        .iter()
        .filter_map(|r| {
            let (_, rank) = ranked.items.iter().find(|(id, _)| *id == r.id)?;
            Some(snippet_of(r, q, *rank))
        })
        .collect();
    let items = summaries(state, rows).await?;

    let forum_ids: Vec<i32> = search_rank::page(db, FORUM, q, None, None, FORUMS_SHOWN)
        .await?
        .items
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let mut found_forums = forum::Entity::find()
        .filter(forum::Column::Id.is_in(forum_ids.clone()))
        .filter(forum::public())
        .all(db)
        .await?;
    found_forums.sort_by_key(|f| forum_ids.iter().position(|id| *id == f.id));

    let mut page = page_of(state, items, ranked.total, next_after).await?;
    page.snippets = snippets;
    page.found_forums = found_forums.iter().map(forum_ref).collect();
    Ok(page)
}

/// The text around the match in each language; and whether some of the words are only in
/// what a body answered (the rank's worst place says so; the page tells the reader).
fn snippet_of(r: &recommendation::Model, q: &Query, rank: u32) -> Snippet {
    let around = |text: &Option<String>| snippet(text.as_deref()?, q, SNIPPET_AROUND);
    Snippet {
        id: r.id,
        in_answer: rank / 100 >= Tier::Answer as u32,
        km: around(&r.body_km),
        en: around(&r.body_en),
    }
}
