//! A search ranks every query as `Query::rank_by` says, through every page, with filters and
//! without: from the postings' sets in the server (`search_postings`), cut to the ids a
//! filter's SQL selects. Items are given words in random places, then moved and forgotten
//! through the same incremental writes a publication or a merge makes, so the sets are also
//! checked against the words they must stay in step with.
use std::collections::BTreeMap;

use app::{
    domain::search::{Query, Tier},
    ssr::{
        entities::search_item,
        store::{search_index, search_postings, search_rank},
    },
};
use sea_orm::{
    ColumnTrait, ConnectionTrait,
    sea_query::{Expr, Query as SqlQuery, SelectStatement},
};
use tests::apps;

const ITEMS: i32 = 90;
const PAGE: u64 = 7;

/// A small random number generator, so a failure can be replayed from its seed.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// About half the words, each in a random place.
fn random_places(rng: &mut Lcg, vocabulary: &[String]) -> BTreeMap<String, i16> {
    let mut places = BTreeMap::new();
    for word in vocabulary {
        if rng.below(2) == 0 {
            places.insert(word.clone(), 1 + rng.below(3) as i16);
        }
    }
    places
}

/// Gives item `id` the places `words`, as the index's writes do.
async fn place(
    db: &impl ConnectionTrait,
    kind: &'static str,
    id: i32,
    words: &BTreeMap<String, i16>,
) {
    let put = search_index::put_words(db, kind, id, words.clone()).await;
    assert!(put.is_ok(), "{put:?}");
}

/// Every page of a search, followed by its cursor: (id, rank) in order, and the counts seen.
async fn all_pages(
    db: &impl ConnectionTrait,
    kind: &'static str,
    query: &Query,
    among_ids: Option<SelectStatement>,
) -> (Vec<(i32, u32)>, Vec<u64>) {
    let among = |ids: SelectStatement| search_rank::Among::new(ids, search_item::Column::ObjectId);
    let mut items = Vec::new();
    let mut totals = Vec::new();
    let mut after = None;
    loop {
        let filter = among_ids.clone().map(among);
        let page = search_rank::page(db, kind, query, filter, after, PAGE).await;
        let page = page.unwrap_or_else(|e| panic!("{query:?}: {e}"));
        totals.push(page.total);
        items.extend(page.items.iter().copied());
        after = page.items.last().map(|(id, _)| *id);
        if !page.more || items.len() > ITEMS as usize * 2 {
            break;
        }
    }
    (items, totals)
}

#[tokio::test]
async fn every_query_is_ranked_by_the_rule_through_every_page_with_filters_and_without() {
    let khmer_compound = "ការងារផ្លូវភេទ";
    let queries = [
        "cat",
        "cat dog",
        "dog cat fish",
        "bird",
        "cow pig",
        khmer_compound,
        "cat ការងារផ្លូវភេទ",
    ];
    // The vocabulary: every word these queries look up, the compound's parts included.
    let mut vocabulary: Vec<String> = queries
        .iter()
        .flat_map(|q| Query::parse(q).terms())
        .collect();
    vocabulary.sort();
    vocabulary.dedup();
    assert!(
        vocabulary.len() > 7,
        "the compound is cut into parts: {vocabulary:?}"
    );

    for app in apps() {
        let db = app.db().await;
        let seed = chrono::Utc::now().timestamp_micros().unsigned_abs();
        let kind: &'static str = Box::leak(format!("t{}", seed % 1_000_000_000).into_boxed_str());
        let mut rng = Lcg(seed);
        let mut placed: BTreeMap<i32, BTreeMap<String, i16>> = BTreeMap::new();
        for id in 1..=ITEMS {
            let words = random_places(&mut rng, &vocabulary);
            place(&db, kind, id, &words).await;
            placed.insert(id, words);
        }
        // Some items change places, some are forgotten (unpublished, merged away).
        for id in 1..=ITEMS {
            if rng.below(3) != 0 {
                continue;
            }
            let after = if rng.below(2) == 0 {
                BTreeMap::new()
            } else {
                random_places(&mut rng, &vocabulary)
            };
            place(&db, kind, id, &after).await;
            placed.insert(id, after);
        }

        for typed in queries {
            let query = Query::parse(typed);
            // A filter selecting every third item.
            let filtered = SqlQuery::select()
                .column(search_item::Column::ObjectId)
                .from(search_item::Entity)
                .and_where(search_item::Column::Kind.eq(kind))
                .and_where(Expr::cust("object_id % 3 = 0"))
                .to_owned();
            let (by_sets, set_totals) = all_pages(&db, kind, &query, None).await;
            let (by_filter, filter_totals) = all_pages(&db, kind, &query, Some(filtered)).await;
            // What the rule in Rust says, item by item, from what was placed.
            let mut expected: Vec<(i32, u32)> = placed
                .iter()
                .filter_map(|(id, words)| {
                    let rank = query.rank_by(|w| {
                        words.get(w).map(|tier| match tier {
                            1 => Tier::Title,
                            2 => Tier::Text,
                            _ => Tier::Answer,
                        })
                    })?;
                    Some((*id, rank))
                })
                .collect();
            expected.sort_by_key(|(id, rank)| (*rank, std::cmp::Reverse(*id)));
            assert_eq!(by_sets, expected, "{typed} (seed {seed})");
            let expected_filtered: Vec<(i32, u32)> = expected
                .iter()
                .copied()
                .filter(|(id, _)| id % 3 == 0)
                .collect();
            assert_eq!(by_filter, expected_filtered, "{typed} (seed {seed})");
            let (count, filtered_count) = (expected.len() as u64, expected_filtered.len() as u64);
            assert!(
                set_totals.iter().all(|t| *t == count)
                    && filter_totals.iter().all(|t| *t == filtered_count),
                "{typed}: counts {set_totals:?} and {filter_totals:?}, {count} and \
                 {filtered_count} match (seed {seed})"
            );
            // The same matches as the SQL condition a CSV or the open data API filters with.
            let condition = search_index::matches(&db, kind, search_item::Column::ObjectId, &query);
            let condition = condition.await.unwrap_or_else(|e| panic!("{e}"));
            let selected = SqlQuery::select()
                .column(search_item::Column::ObjectId)
                .from(search_item::Entity)
                .and_where(search_item::Column::Kind.eq(kind))
                .and_where(condition)
                .to_owned();
            let rows = db.query_all(&selected).await;
            let mut selected: Vec<i32> = rows
                .unwrap_or_else(|e| panic!("{typed}: {e}"))
                .iter()
                .filter_map(|row| row.try_get_by_index::<i32>(0).ok())
                .collect();
            selected.sort_unstable();
            let mut matching: Vec<i32> = expected.iter().map(|(id, _)| *id).collect();
            matching.sort_unstable();
            assert_eq!(selected, matching, "{typed} (seed {seed})");
        }
        // The sets hold exactly what was placed last.
        let words = vocabulary.iter().cloned().collect();
        let sets = search_postings::load(&db, kind, &words).await;
        let sets = sets.unwrap_or_else(|e| panic!("{e}"));
        for word in &vocabulary {
            for tier in 1..=3_i16 {
                let stored: Vec<i32> = sets
                    .get(word)
                    .map(|places| places[usize::from(tier.unsigned_abs()) - 1].iter())
                    .into_iter()
                    .flatten()
                    .filter_map(|id| i32::try_from(id).ok())
                    .collect();
                let placed_there: Vec<i32> = placed
                    .iter()
                    .filter(|(_, words)| words.get(word) == Some(&tier))
                    .map(|(id, _)| *id)
                    .collect();
                assert_eq!(stored, placed_there, "{word} in place {tier} (seed {seed})");
            }
        }
        // A word nobody has, asked for past its last page: nothing, and a count of none.
        let nobody = Query::parse("zqxv");
        let past = search_rank::page(&db, kind, &nobody, None, Some(1), PAGE).await;
        let past = past.unwrap_or_else(|e| panic!("{e}"));
        assert!(
            past.items.is_empty() && past.total == 0 && !past.more,
            "{past:?}"
        );
    }
}
