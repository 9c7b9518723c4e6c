//! A search ranked in the database: one page of the matches, best first, and how many match
//! in all, without reading every match into the server (a common word is in tens of
//! thousands of recommendations at national scale).
//!
//! The rank is the one `domain::search::Query::rank` defines: each chunk of the query is found
//! in its best place (as one word, or word by word, whichever is better), the worst place of
//! any chunk decides first, then the sum; ties newest first. Without filters it is computed
//! here from the postings' sets with that very function. With filters (which are SQL) it is
//! written as SQL, for both databases; a test holds the two to the same answers.
use std::collections::BTreeMap;

use roaring::RoaringBitmap;
use sea_orm::{
    ConnectionTrait, DbBackend, DbErr,
    prelude::*,
    sea_query::{Alias, Expr, Order, Query as SqlQuery, SelectStatement},
};

use super::search_postings::{self, Places};
use crate::{
    domain::search::{Query, Tier},
    ssr::entities::search_term,
};

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

/// The `size` best matches of `kind` after the item `after` (the last one shown), among the
/// ids `among` selects when filters are set (without filters, every indexed item is public).
pub async fn page(
    db: &impl ConnectionTrait,
    kind: &'static str,
    query: &Query,
    among: Option<SelectStatement>,
    after: Option<i32>,
    size: u64,
) -> Result<RankedPage, DbErr> {
    match among {
        None => unfiltered(db, kind, query, after, size).await,
        Some(among) => words(db, kind, query, Some(among), after, size).await,
    }
}

/// No filters, the usual search: the sets of the query's words (`search_postings`) are
/// intersected here. The matches fall into classes by where each word is found (title,
/// text, answer or nowhere); each class is ranked once with `Query::rank_by` itself, so the
/// cost follows the number of classes, not of matches, and the count is exact.
async fn unfiltered(
    db: &impl ConnectionTrait,
    kind: &'static str,
    query: &Query,
    after: Option<i32>,
    size: u64,
) -> Result<RankedPage, DbErr> {
    let words = query.terms();
    let mut sets = search_postings::load(db, kind, &words).await?;
    let terms: Vec<(String, Places)> = words
        .into_iter()
        .map(|term| {
            let places = sets.remove(&term).unwrap_or_default();
            (term, places)
        })
        .collect();
    let anywhere = |word: &str| -> RoaringBitmap {
        terms
            .iter()
            .find(|(term, _)| term == word)
            .map(|(_, [title, text, answer])| title | text | answer)
            .unwrap_or_default()
    };
    // Every chunk found somewhere: as one word, or all its parts.
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
    let matches = matches.unwrap_or_default();
    let total = matches.len();

    let mut by_rank: BTreeMap<u32, RoaringBitmap> = BTreeMap::new();
    let mut places = Vec::with_capacity(terms.len());
    classes(query, &terms, matches, &mut places, &mut by_rank);

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
    Ok(cut(items, total, size))
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

/// Any query: every match is ranked in one statement and only the page is read back.
async fn words(
    db: &impl ConnectionTrait,
    kind: &'static str,
    query: &Query,
    among: Option<SelectStatement>,
    after: Option<i32>,
    size: u64,
) -> Result<RankedPage, DbErr> {
    let backend = db.get_database_backend();
    // Where the page starts: after the last item shown, in rank order.
    let mut start = None;
    if let Some(id) = after {
        let only = ranked(backend, kind, query, among.clone(), Some(id));
        let row = db.query_one(&only).await?;
        if let Some(row) = row {
            start = Some((row.try_get::<i32>("", "ranking")?, id));
        }
    }
    let matches = ranked(backend, kind, query, among.clone(), None);
    let counted = SqlQuery::select()
        .column(Alias::new("object_id"))
        .column(Alias::new("ranking"))
        .expr_as(Expr::cust("COUNT(*) OVER ()"), Alias::new("total"))
        .from_subquery(matches, Alias::new("m"))
        .to_owned();
    let mut page = SqlQuery::select()
        .columns([
            Alias::new("object_id"),
            Alias::new("ranking"),
            Alias::new("total"),
        ])
        .from_subquery(counted, Alias::new("c"))
        .order_by(Alias::new("ranking"), Order::Asc)
        .order_by(Alias::new("object_id"), Order::Desc)
        .limit(size + 1)
        .to_owned();
    if let Some((ranking, id)) = start {
        let [a, b, c] = [1, 2, 3].map(|n| placeholder(backend, n));
        page.and_where(Expr::cust_with_values(
            format!("(ranking > {a} OR (ranking = {b} AND object_id < {c}))"),
            [ranking, ranking, id],
        ));
    }
    let rows = db.query_all(&page).await?;
    let mut total = 0;
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        let ranking: i32 = row.try_get("", "ranking")?;
        total = row.try_get::<i64>("", "total")?;
        items.push((row.try_get::<i32>("", "object_id")?, ranking.unsigned_abs()));
    }
    if items.is_empty() && start.is_some() {
        // Past the last page: the count still says how many match the same filters.
        let all = ranked(backend, kind, query, among, None);
        let count = SqlQuery::select()
            .expr_as(Expr::cust("COUNT(*)"), Alias::new("total"))
            .from_subquery(all, Alias::new("m"))
            .to_owned();
        if let Some(row) = db.query_one(&count).await? {
            total = row.try_get::<i64>("", "total")?;
        }
    }
    Ok(cut(items, total.unsigned_abs(), size))
}

/// The `n`th value of a custom expression, as sea-query expects it for the backend.
fn placeholder(backend: DbBackend, n: usize) -> String {
    match backend {
        DbBackend::Postgres => format!("${n}"),
        _ => "?".to_string(),
    }
}

fn cut(mut items: Vec<(i32, u32)>, total: u64, size: u64) -> RankedPage {
    let more = items.len() as u64 > size;
    items.truncate(usize::try_from(size).unwrap_or(usize::MAX));
    RankedPage { items, total, more }
}

/// Every match of `kind` as (object_id, ranking), unordered; only `only` when given.
///
/// Three layers: the best place of each word for each item (one row per item), then each
/// chunk's place (as one word, or all its parts found, whichever is better), then the rank
/// of the items where every chunk was found.
fn ranked(
    backend: DbBackend,
    kind: &'static str,
    query: &Query,
    among: Option<SelectStatement>,
    only: Option<i32>,
) -> SelectStatement {
    let terms: Vec<String> = query.terms().into_iter().collect();
    let column = |term: &str| {
        let at = terms.iter().position(|t| t == term).unwrap_or_default();
        format!("t{at}")
    };
    let mut places = SqlQuery::select();
    places
        .column(search_term::Column::ObjectId)
        .from(search_term::Entity)
        .and_where(search_term::Column::Kind.eq(kind))
        .and_where(search_term::Column::Term.is_in(terms.clone()))
        .group_by_col(search_term::Column::ObjectId);
    for (at, term) in terms.iter().enumerate() {
        places.expr_as(
            Expr::cust_with_values(
                format!(
                    "MIN(CASE WHEN term = {} THEN tier END)",
                    placeholder(backend, 1)
                ),
                [term.clone()],
            ),
            Alias::new(format!("t{at}")),
        );
    }
    if let Some(among) = among {
        places.and_where(search_term::Column::ObjectId.in_subquery(among));
    }
    if let Some(id) = only {
        places.and_where(search_term::Column::ObjectId.eq(id));
    }

    // SQLite's many-argument MAX is PostgreSQL's GREATEST; both are NULL-free here.
    let greatest = match backend {
        DbBackend::Postgres => "GREATEST",
        _ => "MAX",
    };
    let mut chunks = SqlQuery::select();
    chunks
        .column(Alias::new("object_id"))
        .from_subquery(places, Alias::new("p"));
    let chunk_count = query.chunks().count();
    for (at, (whole, parts)) in query.chunks().enumerate() {
        let whole = column(whole);
        let place = if parts.len() > 1 {
            let parts: Vec<String> = parts.iter().map(|p| column(p)).collect();
            let all_found = parts
                .iter()
                .map(|p| format!("{p} IS NOT NULL"))
                .collect::<Vec<_>>()
                .join(" AND ");
            let by_parts = format!(
                "(CASE WHEN {all_found} THEN {greatest}({}) END)",
                parts.join(", ")
            );
            format!(
                "(CASE WHEN {whole} IS NULL THEN {by_parts} WHEN {by_parts} IS NULL THEN {whole} \
                 WHEN {whole} < {by_parts} THEN {whole} ELSE {by_parts} END)"
            )
        } else {
            whole
        };
        chunks.expr_as(Expr::cust(place), Alias::new(format!("c{at}")));
    }

    let places: Vec<String> = (0..chunk_count).map(|at| format!("c{at}")).collect();
    let worst = if places.len() > 1 {
        format!("{greatest}({})", places.join(", "))
    } else {
        places.join("")
    };
    let ranking = format!("CAST({worst} * 100 + {} AS INTEGER)", places.join(" + "));
    let mut ranked = SqlQuery::select();
    ranked
        .column(Alias::new("object_id"))
        .expr_as(Expr::cust(ranking), Alias::new("ranking"))
        .from_subquery(chunks, Alias::new("c"));
    for place in &places {
        ranked.and_where(Expr::cust(format!("{place} IS NOT NULL")));
    }
    ranked
}
