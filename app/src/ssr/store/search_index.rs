//! The search index (`search_terms`): kept in step with every write that changes what is
//! searched, in that write's transaction, and rebuilt whole by `samleng reindex`.
//!
//! Only what the public may find is indexed: published recommendations that are not merged
//! into another (with their answers and their duplicates' answers), and forums. A search then
//! needs no other table unless filters are set, and a draft cannot be found by mistake.
//! Publishing and merging refresh the index in their transaction, so an item enters or leaves
//! it at the moment it becomes public or stops being. Survivors' words are never indexed.
use std::collections::BTreeMap;

use sea_orm::{
    ActiveValue::Set,
    Condition, QuerySelect,
    prelude::*,
    sea_query::{Query as SqlQuery, SelectStatement},
};

use crate::{
    domain::{
        search::{Query, Tier, index_terms},
        status::is_public,
    },
    ssr::entities::{forum, progress_update, recommendation, response, search_term},
    views::tracker::TrackerFilter,
};

pub const RECOMMENDATION: &str = "recommendation";
pub const FORUM: &str = "forum";

/// The texts of one item, each with the place it stands.
pub type Texts = Vec<(Option<String>, Tier)>;

/// Rows written in one statement (SQLite allows a few thousand bound values).
const CHUNK: usize = 200;

/// Indexes one recommendation anew: its reference, titles and texts, and every answer to it;
/// or takes it out when it is not public. A duplicate's answers count for the one it was
/// merged into, which is indexed again instead.
pub async fn refresh_recommendation(db: &impl ConnectionTrait, id: i32) -> Result<(), DbErr> {
    let Some(rec) = recommendation::Entity::find_by_id(id).one(db).await? else {
        return forget(db, RECOMMENDATION, id).await;
    };
    if !is_public(rec.status, rec.published_on, rec.canonical_id) {
        forget(db, RECOMMENDATION, id).await?;
        return match rec.canonical_id {
            Some(canonical) if canonical != id => {
                Box::pin(refresh_recommendation(db, canonical)).await
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
    store(db, RECOMMENDATION, id, texts).await
}

/// Indexes one forum anew: its titles and summaries.
pub async fn refresh_forum(db: &impl ConnectionTrait, id: i32) -> Result<(), DbErr> {
    let Some(f) = forum::Entity::find_by_id(id).one(db).await? else {
        return forget(db, FORUM, id).await;
    };
    let texts = vec![
        (f.title_km, Tier::Title),
        (f.title_en, Tier::Title),
        (f.summary_km, Tier::Text),
        (f.summary_en, Tier::Text),
    ];
    store(db, FORUM, id, texts).await
}

/// Rebuilds the whole index from what is stored. Returns how many items were indexed.
pub async fn rebuild(db: &impl ConnectionTrait) -> Result<usize, DbErr> {
    search_term::Entity::delete_many().exec(db).await?;
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
        refresh_recommendation(db, *id).await?;
    }
    for id in &forums {
        refresh_forum(db, *id).await?;
    }
    Ok(recs.len() + forums.len())
}

/// The words of the tracker's `q`, when there are any to search for.
pub fn query_of(f: &TrackerFilter) -> Option<Query> {
    f.q.as_deref().map(Query::parse).filter(|q| !q.is_empty())
}

/// Whether the index holds nothing (a database made before search, or never indexed).
pub async fn is_empty(db: &impl ConnectionTrait) -> Result<bool, DbErr> {
    Ok(search_term::Entity::find().one(db).await?.is_none())
}

/// The condition "this item has every chunk of the query": each chunk is found as one word,
/// or word by word. Pure SQL, so it combines with every other filter and with paging.
pub fn matches(kind: &'static str, id: impl ColumnTrait, query: &Query) -> Condition {
    let has = |term: &str| id.in_subquery(ids_with(kind, term));
    query
        .chunks()
        .fold(Condition::all(), |all, (whole, parts)| {
            let word_by_word = parts
                .iter()
                .fold(Condition::all(), |c, part| c.add(has(part)));
            all.add(Condition::any().add(has(whole)).add(word_by_word))
        })
}

fn ids_with(kind: &'static str, term: &str) -> SelectStatement {
    SqlQuery::select()
        .column(search_term::Column::ObjectId)
        .from(search_term::Entity)
        .and_where(search_term::Column::Kind.eq(kind))
        .and_where(search_term::Column::Term.eq(term))
        .to_owned()
}

pub(super) async fn forget(
    db: &impl ConnectionTrait,
    kind: &'static str,
    id: i32,
) -> Result<(), DbErr> {
    search_term::Entity::delete_many()
        .filter(search_term::Column::Kind.eq(kind))
        .filter(search_term::Column::ObjectId.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

async fn store(
    db: &impl ConnectionTrait,
    kind: &'static str,
    id: i32,
    texts: Texts,
) -> Result<(), DbErr> {
    forget(db, kind, id).await?;
    let rows = rows_for(kind, id, texts);
    for chunk in rows.chunks(CHUNK) {
        search_term::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// The index rows of one item: each word once, with the best place it was found. Public for
/// the scale data set, which writes its rows in bulk.
pub fn rows_for(kind: &'static str, id: i32, texts: Texts) -> Vec<search_term::ActiveModel> {
    let mut best: BTreeMap<String, Tier> = BTreeMap::new();
    for (text, tier) in texts {
        for term in index_terms(text.as_deref().unwrap_or_default()) {
            let entry = best.entry(term).or_insert(tier);
            *entry = (*entry).min(tier);
        }
    }
    best.into_iter()
        .map(|(term, tier)| search_term::ActiveModel {
            kind: Set(kind.to_string()),
            object_id: Set(id),
            term: Set(term),
            tier: Set(tier as i16),
        })
        .collect()
}
