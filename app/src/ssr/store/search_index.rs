//! The search index: for each word and place, the set of public items that have it there
//! (`search_postings`, which every search reads), and each item's words (`search_items`, one
//! row per item: the sets it leaves when it changes). Kept in step with every write that
//! changes what is searched, in that write's transaction, and rebuilt whole by `samleng
//! reindex`.
//!
//! Only what the public may find is indexed: published recommendations that are not merged
//! into another (with their answers and their duplicates' answers), and forums. A search then
//! needs no other table unless filters are set, and a draft cannot be found by mistake.
//! Publishing and merging refresh the index in their transaction, so an item enters or leaves
//! it at the moment it becomes public or stops being. Survivors' words are never indexed.
use std::collections::BTreeMap;

use sea_orm::{ActiveValue::Set, QuerySelect, prelude::*, sea_query::OnConflict};

use crate::{
    domain::{
        search::{Query, Tier, index_terms},
        status::is_public,
    },
    ssr::{
        entities::{forum, progress_update, recommendation, response, search_item},
        store::{
            search_postings::{self, WordPlaces, words_of, words_text},
            search_rank,
        },
    },
    views::tracker::TrackerFilter,
};

pub const RECOMMENDATION: &str = "recommendation";
pub const FORUM: &str = "forum";

/// The texts of one item, each with the place it stands.
pub type Texts = Vec<(Option<String>, Tier)>;

/// Indexes one recommendation anew: its reference, titles and texts, and every answer to it;
/// or takes it out when it is not public. A duplicate's answers count for the one it was
/// merged into, which is indexed again instead.
pub async fn refresh_recommendation(db: &impl ConnectionTrait, id: i32) -> Result<(), DbErr> {
    recommendation_in(db, id, Postings::InStep).await
}

/// Indexes one forum anew: its titles and summaries.
pub async fn refresh_forum(db: &impl ConnectionTrait, id: i32) -> Result<(), DbErr> {
    forum_in(db, id, Postings::InStep).await
}

/// Whether a write moves the item between the postings' sets as it goes, or leaves the sets
/// to be made whole at the end (`rebuild`: a set per item written 100 000 times is slow).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Postings {
    InStep,
    MadeAfter,
}

async fn recommendation_in(
    db: &impl ConnectionTrait,
    id: i32,
    postings: Postings,
) -> Result<(), DbErr> {
    let Some(rec) = recommendation::Entity::find_by_id(id).one(db).await? else {
        return store_places(db, RECOMMENDATION, id, WordPlaces::new(), postings).await;
    };
    if !is_public(rec.status, rec.published_on, rec.canonical_id) {
        store_places(db, RECOMMENDATION, id, WordPlaces::new(), postings).await?;
        return match rec.canonical_id {
            Some(canonical) if canonical != id => {
                Box::pin(recommendation_in(db, canonical, postings)).await
            }
            _ => Ok(()),
        };
    }
    let mut texts: Texts = vec![
        (Some(rec.reference), Tier::Title),
        (rec.title_km, Tier::Title),
        (rec.title_en, Tier::Title),
        (rec.body_km, Tier::Text),
        (rec.body_en, Tier::Text),
    ];
    // Its own answers, and those of duplicates merged into it (shown on its page).
    let answered: Vec<i32> = recommendation::Entity::find()
        .select_only()
        .column(recommendation::Column::Id)
        .filter(recommendation::Column::CanonicalId.eq(id))
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .chain([id])
        .collect();
    let responses = response::Entity::find()
        .filter(response::Column::RecommendationId.is_in(answered.clone()))
        .all(db)
        .await?;
    for r in responses {
        texts.extend(
            [r.text_km, r.text_en, r.commitment_km, r.commitment_en].map(|t| (t, Tier::Answer)),
        );
    }
    let progress = progress_update::Entity::find()
        .filter(progress_update::Column::RecommendationId.is_in(answered))
        .all(db)
        .await?;
    for p in progress {
        texts.extend([p.note_km, p.note_en].map(|t| (t, Tier::Answer)));
    }
    store(db, RECOMMENDATION, id, texts, postings).await
}

async fn forum_in(db: &impl ConnectionTrait, id: i32, postings: Postings) -> Result<(), DbErr> {
    // A draft or withdrawn forum is found by no search.
    let found = forum::Entity::find_by_id(id).one(db).await?;
    let Some(f) = found.filter(|f| f.published_at.is_some()) else {
        return store_places(db, FORUM, id, WordPlaces::new(), postings).await;
    };
    let texts = vec![
        (f.title_km, Tier::Title),
        (f.title_en, Tier::Title),
        (f.summary_km, Tier::Text),
        (f.summary_en, Tier::Text),
    ];
    store(db, FORUM, id, texts, postings).await
}

/// Rebuilds the whole index from what is stored. Returns how many items were indexed.
pub async fn rebuild(db: &impl ConnectionTrait) -> Result<usize, DbErr> {
    search_item::Entity::delete_many().exec(db).await?;
    let recs: Vec<i32> = recommendation::Entity::find()
        .select_only()
        .column(recommendation::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let forums: Vec<i32> = forum::Entity::find()
        .select_only()
        .column(forum::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    for id in &recs {
        recommendation_in(db, *id, Postings::MadeAfter).await?;
    }
    for id in &forums {
        forum_in(db, *id, Postings::MadeAfter).await?;
    }
    search_postings::rebuild(db).await?;
    Ok(recs.len() + forums.len())
}

/// The words of the tracker's `q`, when there are any to search for.
pub fn query_of(f: &TrackerFilter) -> Option<Query> {
    f.q.as_deref().map(Query::parse).filter(|q| !q.is_empty())
}

/// Whether the index holds nothing (a database made before search, or never indexed).
pub async fn is_empty(db: &impl ConnectionTrait) -> Result<bool, DbErr> {
    Ok(search_item::Entity::find().one(db).await?.is_none())
}

/// The condition "this item has every chunk of the query" (as `search_rank` finds them), for
/// a listing whose other filters are SQL: the CSV, the open data API, the feeds.
pub async fn matches(
    db: &impl ConnectionTrait,
    kind: &'static str,
    id: impl ColumnTrait,
    query: &Query,
) -> Result<Expr, DbErr> {
    let found = search_rank::matching(db, kind, query).await?;
    let column = search_rank::column_name(id);
    Ok(search_rank::id_in(
        db.get_database_backend(),
        &column,
        &found,
    ))
}

async fn store(
    db: &impl ConnectionTrait,
    kind: &'static str,
    id: i32,
    texts: Texts,
    postings: Postings,
) -> Result<(), DbErr> {
    store_places(db, kind, id, places_for(&texts), postings).await
}

/// Gives an item exactly these words in these places (none: takes it out), in its row and
/// in the postings' sets. The refreshes above work out the places from the item's texts.
pub async fn put_words(
    db: &impl ConnectionTrait,
    kind: &'static str,
    id: i32,
    places: WordPlaces,
) -> Result<(), DbErr> {
    store_places(db, kind, id, places, Postings::InStep).await
}

/// Replaces the item's words with `places` (none to forget it), and moves it between the
/// postings' sets in step.
async fn store_places(
    db: &impl ConnectionTrait,
    kind: &'static str,
    id: i32,
    places: WordPlaces,
    postings: Postings,
) -> Result<(), DbErr> {
    // Locked, so two writers changing one item on PostgreSQL take turns and the second
    // moves it from where the first left it.
    let stored = search_item::Entity::find_by_id((kind.to_string(), id))
        .lock_exclusive()
        .one(db)
        .await?;
    let before = match stored {
        Some(row) => words_of(&row.words)?,
        None => WordPlaces::new(),
    };
    if before == places {
        return Ok(());
    }
    if places.is_empty() {
        search_item::Entity::delete_by_id((kind.to_string(), id))
            .exec(db)
            .await?;
    } else {
        search_item::Entity::insert(item_row(kind, id, &places))
            .on_conflict(
                OnConflict::columns([search_item::Column::Kind, search_item::Column::ObjectId])
                    .update_column(search_item::Column::Words)
                    .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
    }
    match postings {
        Postings::InStep => search_postings::update(db, kind, id, &before, &places).await,
        Postings::MadeAfter => Ok(()),
    }
}

/// The words of one item: each once, with the best place it was found. Public for the scale
/// data set, which writes its rows in bulk.
pub fn places_for(texts: &[(Option<String>, Tier)]) -> WordPlaces {
    let mut best: BTreeMap<String, Tier> = BTreeMap::new();
    for (text, tier) in texts {
        for term in index_terms(text.as_deref().unwrap_or_default()) {
            let entry = best.entry(term).or_insert(*tier);
            *entry = (*entry).min(*tier);
        }
    }
    best.into_iter()
        .map(|(term, tier)| (term, tier as i16))
        .collect()
}

/// The stored row of an item's words.
pub fn item_row(kind: &str, id: i32, places: &WordPlaces) -> search_item::ActiveModel {
    search_item::ActiveModel {
        kind: Set(kind.to_string()),
        object_id: Set(id),
        words: Set(words_text(places)),
    }
}
