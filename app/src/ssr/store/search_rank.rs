//! A search ranked from the postings' sets: one page of the matches, best first, and how
//! many match in all, without reading any item's row (a common word is in tens of thousands
//! of recommendations at national scale).
//!
//! The rank is the one `domain::search::Query::rank` defines: each chunk of the query is found
//! in its best place (as one word, or word by word, whichever is better), the worst place of
//! any chunk decides first, then the sum; ties newest first. It is computed here with that
//! very function. Filters (which are SQL) give the ids they select, and the matches are cut
//! to those.
use std::collections::BTreeMap;

use roaring::RoaringBitmap;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, DbErr,
    sea_query::{Expr, SelectStatement},
};

use super::search_postings::{self, Places};
use crate::domain::search::{Query, Tier};

/// The places in the order of `search_postings::Places`.
const TIERS: [Tier; 3] = [Tier::Title, Tier::Text, Tier::Answer];

/// One page of matches.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RankedPage {
    /// Each item's id with its rank (lower is better; `rank / 100` is the worst place).
    pub items: Vec<(i32, u32)>,
    /// How many items match in all.
    pub total: u64,
    /// Whether more follow this page.
    pub more: bool,
}

/// The ids the other filters select: their statement, and the id column it selects.
pub struct Among {
    ids: SelectStatement,
    column: String,
}

impl Among {
    pub fn new(ids: SelectStatement, id: impl ColumnTrait) -> Self {
        Self {
            ids,
            column: column_name(id),
        }
    }
}

/// The `size` best matches of `kind` after the item `after` (the last one shown), among the
/// ids `among` selects when filters are set (without filters, every indexed item is public).
pub async fn page(
    db: &impl ConnectionTrait,
    kind: &'static str,
    query: &Query,
    among: Option<Among>,
    after: Option<i32>,
    size: u64,
) -> Result<RankedPage, DbErr> {
    let terms = sets_of(db, kind, query).await?;
    let mut matches = found(query, &terms);
    if let Some(Among { mut ids, column }) = among
        && !matches.is_empty()
    {
        // Only the matches are looked up: the filters alone may select most of the table.
        ids.and_where(id_in(db.get_database_backend(), &column, &matches));
        matches &= ids_of(db, &ids).await?;
    }
    Ok(ranked(query, &terms, matches, after, size))
}

/// `column IN (the set)` with the whole set as one bound value (a JSON array on SQLite, an
/// array on PostgreSQL): a common word is in tens of thousands of items, past either
/// database's limit of bound values in one statement.
pub fn id_in(backend: DbBackend, column: &str, set: &RoaringBitmap) -> Expr {
    let list = set
        .iter()
        .map(|id| id.to_string())
        .collect::<Vec<_>>()
        .join(",");
    match backend {
        DbBackend::Postgres => Expr::cust_with_values(
            format!("{column} = ANY(CAST($1 AS integer[]))"),
            [format!("{{{list}}}")],
        ),
        _ => Expr::cust_with_values(
            format!("{column} IN (SELECT value FROM json_each(?))"),
            [format!("[{list}]")],
        ),
    }
}

/// A column as SQL names it, with its table.
pub fn column_name(id: impl ColumnTrait) -> String {
    format!("\"{}\".\"{}\"", id.entity_name(), id.as_str())
}

/// Every item of `kind` that has each chunk of the query somewhere.
pub async fn matching(
    db: &impl ConnectionTrait,
    kind: &'static str,
    query: &Query,
) -> Result<RoaringBitmap, DbErr> {
    let terms = sets_of(db, kind, query).await?;
    Ok(found(query, &terms))
}

/// The sets of each word of the query (empty for a word nobody has), in the query's order.
async fn sets_of(
    db: &impl ConnectionTrait,
    kind: &'static str,
    query: &Query,
) -> Result<Vec<(String, Places)>, DbErr> {
    let words = query.terms();
    let mut sets = search_postings::load(db, kind, &words).await?;
    Ok(words
        .into_iter()
        .map(|term| {
            let places = sets.remove(&term).unwrap_or_default();
            (term, places)
        })
        .collect())
}

/// The ids a filter's statement selects (its first column).
async fn ids_of(
    db: &impl ConnectionTrait,
    among: &SelectStatement,
) -> Result<RoaringBitmap, DbErr> {
    let rows = db.query_all(among).await?;
    let mut ids = RoaringBitmap::new();
    for row in rows {
        let id: i32 = row.try_get_by_index(0)?;
        if let Ok(id) = u32::try_from(id) {
            ids.insert(id);
        }
    }
    Ok(ids)
}

/// The items where every chunk is found: as one word, or all its parts.
fn found(query: &Query, terms: &[(String, Places)]) -> RoaringBitmap {
    let anywhere = |word: &str| -> RoaringBitmap {
        terms
            .iter()
            .find(|(term, _)| term == word)
            .map(|(_, [title, text, answer])| title | text | answer)
            .unwrap_or_default()
    };
    let mut matches: Option<RoaringBitmap> = None;
    for (whole, parts) in query.chunks() {
        let mut found = anywhere(whole);
        if parts.len() > 1 {
            found |= parts
                .iter()
                .map(|p| anywhere(p))
                .reduce(|a, b| a & b)
                .unwrap_or_default();
        }
        matches = Some(match matches {
            Some(m) => m & found,
            None => found,
        });
    }
    matches.unwrap_or_default()
}

/// The page of `matches` after `after`, in rank order. The matches fall into classes by
/// where each word is found (title, text, answer or nowhere); each class is ranked once with
/// `Query::rank_by` itself, so the cost follows the number of classes, not of matches, and
/// the count is exact.
fn ranked(
    query: &Query,
    terms: &[(String, Places)],
    matches: RoaringBitmap,
    after: Option<i32>,
    size: u64,
) -> RankedPage {
    let total = matches.len();

    let mut by_rank: BTreeMap<u32, RoaringBitmap> = BTreeMap::new();
    let mut places = Vec::with_capacity(terms.len());
    classes(query, terms, matches, &mut places, &mut by_rank);

    // Rank order: best rank first, then newest (highest id) first; after the item shown
    // last when there is one (from the start when it no longer matches).
    let start = after.and_then(|id| u32::try_from(id).ok()).and_then(|id| {
        let rank = by_rank.iter().find(|(_, ids)| ids.contains(id))?.0;
        Some((*rank, id))
    });
    let keep = usize::try_from(size + 1).unwrap_or(usize::MAX);
    let mut items = Vec::with_capacity(keep.min(1_000));
    for (rank, ids) in &by_rank {
        if items.len() >= keep {
            break;
        }
        let newest_first = ids.iter().rev();
        let left = keep - items.len();
        let page: Vec<u32> = match start {
            Some((seen, _)) if *rank < seen => continue,
            Some((seen, last)) if *rank == seen => newest_first
                .skip_while(|id| *id >= last)
                .take(left)
                .collect(),
            _ => newest_first.take(left).collect(),
        };
        items.extend(
            page.into_iter()
                .filter_map(|id| Some((i32::try_from(id).ok()?, *rank))),
        );
    }
    cut(items, total, size)
}

/// Splits `among` by the place of each word in turn (title, text, answer, or not there),
/// and ranks each non-empty class once: its items join `by_rank`.
fn classes(
    query: &Query,
    terms: &[(String, Places)],
    among: RoaringBitmap,
    places: &mut Vec<Option<Tier>>,
    by_rank: &mut BTreeMap<u32, RoaringBitmap>,
) {
    if among.is_empty() {
        return;
    }
    let Some((_, sets)) = terms.get(places.len()) else {
        let rank = query.rank_by(|word| {
            let at = terms.iter().position(|(term, _)| term == word)?;
            places.get(at).copied().flatten()
        });
        if let Some(rank) = rank {
            *by_rank.entry(rank).or_default() |= among;
        }
        return;
    };
    let mut nowhere = among.clone();
    for (tier, set) in TIERS.iter().zip(sets) {
        nowhere -= set;
        places.push(Some(*tier));
        classes(query, terms, &among & set, places, by_rank);
        places.pop();
    }
    places.push(None);
    classes(query, terms, nowhere, places, by_rank);
    places.pop();
}

fn cut(mut items: Vec<(i32, u32)>, total: u64, size: u64) -> RankedPage {
    let more = items.len() as u64 > size;
    items.truncate(usize::try_from(size).unwrap_or(usize::MAX));
    RankedPage { items, total, more }
}
