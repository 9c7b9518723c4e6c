//! The search postings (`search_postings`): for each word and place (title, text, answer),
//! the set of items that have it there, as a compressed bitmap of ids. A search without
//! filters reads the few sets of its words and intersects them in the server, which costs
//! microseconds where joining the rows of two common words in SQL cost a hundred
//! milliseconds. Written in step with each item's words (`search_items`), in the same
//! transaction.
use std::collections::{BTreeMap, BTreeSet, HashMap};

use roaring::RoaringBitmap;
use sea_orm::{
    ActiveValue::Set,
    QueryOrder, QuerySelect,
    prelude::*,
    sea_query::{Func, OnConflict},
};

use crate::ssr::entities::{search_item, search_posting};

/// A word's items in each place: title, text, answer. An item is in at most one of them (its
/// best place for that word).
pub type Places = [RoaringBitmap; 3];

/// The places of one item's words: word → tier (1 title, 2 text, 3 answer).
pub type WordPlaces = BTreeMap<String, i16>;

/// An item's words as stored: a line per word, its place's digit then the word. A word has
/// no line break in it (`domain::search` takes every space out of a word).
pub fn words_text(places: &WordPlaces) -> String {
    let mut text = String::with_capacity(places.keys().map(|w| w.len() + 2).sum());
    for (word, tier) in places {
        text.push_str(&tier.to_string());
        text.push_str(word);
        text.push('\n');
    }
    text
}

/// The words `words_text` wrote.
pub fn words_of(text: &str) -> Result<WordPlaces, DbErr> {
    text.lines()
        .map(|line| {
            let mut chars = line.chars();
            let tier = chars.next().and_then(|c| c.to_digit(10)).unwrap_or(0);
            match (i16::try_from(tier), chars.as_str()) {
                (Ok(tier @ 1..=3), word) if !word.is_empty() => Ok((word.to_string(), tier)),
                _ => Err(DbErr::Custom(format!(
                    "a stored search word is unreadable: {line}"
                ))),
            }
        })
        .collect()
}

/// Rows written in one statement.
const CHUNK: usize = 200;
/// Items read at once when rebuilding from their words.
const REBUILD_SPAN: i32 = 5_000;

/// The sets of `terms` for `kind`; a word nobody has is absent.
pub async fn load(
    db: &impl ConnectionTrait,
    kind: &str,
    terms: &BTreeSet<String>,
) -> Result<HashMap<String, Places>, DbErr> {
    let rows = search_posting::Entity::find()
        .filter(search_posting::Column::Kind.eq(kind))
        .filter(search_posting::Column::Term.is_in(terms.iter().cloned()))
        .all(db)
        .await?;
    let mut sets: HashMap<String, Places> = HashMap::new();
    for row in rows {
        let place = slot(row.tier)?;
        sets.entry(row.term).or_default()[place] = decode(&row.ids)?;
    }
    Ok(sets)
}

/// Whether no set is stored (a database indexed before the sets existed).
pub async fn is_empty(db: &impl ConnectionTrait) -> Result<bool, DbErr> {
    Ok(search_posting::Entity::find().one(db).await?.is_none())
}

/// Moves item `id` from the places its words had (`before`) to the ones they have now
/// (`after`), touching only the sets that change.
pub async fn update(
    db: &impl ConnectionTrait,
    kind: &str,
    id: i32,
    before: &WordPlaces,
    after: &WordPlaces,
) -> Result<(), DbErr> {
    let item = item_id(id)?;
    // (word, tier) → whether the item joins (true) or leaves (false) that set.
    let mut changes: BTreeMap<(String, i16), bool> = BTreeMap::new();
    for (word, tier) in before {
        if after.get(word) != Some(tier) {
            changes.insert((word.clone(), *tier), false);
        }
    }
    for (word, tier) in after {
        if before.get(word) != Some(tier) {
            changes.insert((word.clone(), *tier), true);
        }
    }
    if changes.is_empty() {
        return Ok(());
    }
    // A set the item joins may not exist yet. Making it empty first, and doing nothing when
    // another writer made it meanwhile, means the locked read below sees that writer's set
    // (on PostgreSQL it waits for that writer to finish) and neither change is lost.
    let new_sets: Vec<search_posting::ActiveModel> = changes
        .iter()
        .filter(|(_, joins)| **joins)
        .map(|((word, tier), _)| row(kind, word, *tier, &RoaringBitmap::new()))
        .collect::<Result<_, _>>()?;
    for chunk in new_sets.chunks(CHUNK) {
        search_posting::Entity::insert_many(chunk.to_vec())
            .on_conflict_do_nothing()
            .exec_without_returning(db)
            .await?;
    }
    let words: BTreeSet<&String> = changes.keys().map(|(word, _)| word).collect();
    let mut sets: BTreeMap<(String, i16), RoaringBitmap> = BTreeMap::new();
    for chunk in words.into_iter().collect::<Vec<_>>().chunks(CHUNK) {
        // Locked in one order (word, tier) by every writer, so two cannot deadlock.
        let rows = search_posting::Entity::find()
            .filter(search_posting::Column::Kind.eq(kind))
            .filter(search_posting::Column::Term.is_in(chunk.iter().map(|w| (*w).clone())))
            .order_by_asc(search_posting::Column::Term)
            .order_by_asc(search_posting::Column::Tier)
            .lock_exclusive()
            .all(db)
            .await?;
        for r in rows {
            let key = (r.term, r.tier);
            if changes.contains_key(&key) {
                sets.insert(key, decode(&r.ids)?);
            }
        }
    }
    let mut written = Vec::with_capacity(changes.len());
    for ((word, tier), joins) in &changes {
        let mut set = sets.remove(&(word.clone(), *tier)).unwrap_or_default();
        if *joins {
            set.insert(item);
        } else {
            set.remove(item);
        }
        // An emptied set stays (a few bytes): deleting it could race a writer that just
        // found it existing. `rebuild` leaves empty sets out.
        written.push(row(kind, word, *tier, &set)?);
    }
    write(db, written).await
}

/// Makes every set again from each item's words. Returns how many sets were written.
pub async fn rebuild(db: &impl ConnectionTrait) -> Result<usize, DbErr> {
    search_posting::Entity::delete_many().exec(db).await?;
    let mut sets = Sets::default();
    for kind in kinds(db).await? {
        let last: Option<i32> = search_item::Entity::find()
            .select_only()
            .expr(Func::max(Expr::col(search_item::Column::ObjectId)))
            .filter(search_item::Column::Kind.eq(&kind))
            .into_tuple()
            .one(db)
            .await?
            .flatten();
        let mut from = 0;
        while let Some(last) = last.filter(|last| from <= *last) {
            let to = from.saturating_add(REBUILD_SPAN).min(last);
            let items: Vec<(i32, String)> = search_item::Entity::find()
                .select_only()
                .columns([search_item::Column::ObjectId, search_item::Column::Words])
                .filter(search_item::Column::Kind.eq(&kind))
                .filter(search_item::Column::ObjectId.between(from, to))
                .into_tuple()
                .all(db)
                .await?;
            for (id, words) in items {
                sets.add_item(&kind, id, &words_of(&words)?)?;
            }
            from = to.saturating_add(1);
            if to == i32::MAX {
                break;
            }
        }
    }
    let rows = sets.into_rows()?;
    let count = rows.len();
    write(db, rows).await?;
    Ok(count)
}

/// The sets of many items built in memory (the scale data set writes its rows in bulk).
#[derive(Default)]
pub struct Sets {
    /// kind → word → its items in each place. By word, so adding an item's word finds its
    /// sets without making a key (14 million adds for a national set).
    sets: HashMap<String, HashMap<String, Places>>,
}

impl Sets {
    /// Adds item `id`, with these words, to their sets.
    pub fn add_item(&mut self, kind: &str, id: i32, places: &WordPlaces) -> Result<(), DbErr> {
        let item = item_id(id)?;
        let words = match self.sets.get_mut(kind) {
            Some(words) => words,
            None => self.sets.entry(kind.to_string()).or_default(),
        };
        for (term, tier) in places {
            let slot = slot(*tier)?;
            match words.get_mut(term.as_str()) {
                Some(sets) => sets[slot].insert(item),
                None => words.entry(term.clone()).or_default()[slot].insert(item),
            };
        }
        Ok(())
    }

    /// The rows to write, in key order.
    pub fn into_rows(self) -> Result<Vec<search_posting::ActiveModel>, DbErr> {
        let mut sets: Vec<((String, String, i16), RoaringBitmap)> = Vec::new();
        for (kind, words) in self.sets {
            for (term, places) in words {
                for (tier, set) in (1..).zip(places) {
                    if !set.is_empty() {
                        sets.push(((kind.clone(), term.clone(), tier), set));
                    }
                }
            }
        }
        sets.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        sets.into_iter()
            .map(|((kind, term, tier), set)| row(&kind, &term, tier, &set))
            .collect()
    }
}

/// Writes whole sets, replacing those stored.
async fn write(
    db: &impl ConnectionTrait,
    rows: Vec<search_posting::ActiveModel>,
) -> Result<(), DbErr> {
    for chunk in rows.chunks(CHUNK) {
        search_posting::Entity::insert_many(chunk.to_vec())
            .on_conflict(
                OnConflict::columns(key_columns())
                    .update_column(search_posting::Column::Ids)
                    .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

async fn kinds(db: &impl ConnectionTrait) -> Result<Vec<String>, DbErr> {
    search_item::Entity::find()
        .select_only()
        .column(search_item::Column::Kind)
        .distinct()
        .into_tuple()
        .all(db)
        .await
}

fn key_columns() -> [search_posting::Column; 3] {
    [
        search_posting::Column::Kind,
        search_posting::Column::Term,
        search_posting::Column::Tier,
    ]
}

fn row(
    kind: &str,
    term: &str,
    tier: i16,
    set: &RoaringBitmap,
) -> Result<search_posting::ActiveModel, DbErr> {
    let mut ids = Vec::with_capacity(set.serialized_size());
    set.serialize_into(&mut ids)
        .map_err(|e| DbErr::Custom(format!("search set of {term}: {e}")))?;
    Ok(search_posting::ActiveModel {
        kind: Set(kind.to_string()),
        term: Set(term.to_string()),
        tier: Set(tier),
        ids: Set(ids),
    })
}

fn decode(bytes: &[u8]) -> Result<RoaringBitmap, DbErr> {
    RoaringBitmap::deserialize_from(bytes)
        .map_err(|e| DbErr::Custom(format!("a stored search set is unreadable: {e}")))
}

/// The index of a tier in `Places`.
fn slot(tier: i16) -> Result<usize, DbErr> {
    match tier {
        1..=3 => Ok(usize::from(tier.unsigned_abs()) - 1),
        _ => Err(DbErr::Custom(format!("search tier {tier} is unknown"))),
    }
}

/// Ids are positive, so they fit the bitmap's u32.
fn item_id(id: i32) -> Result<u32, DbErr> {
    u32::try_from(id).map_err(|_| DbErr::Custom(format!("item id {id} cannot be indexed")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places(words: &[(&str, i16)]) -> WordPlaces {
        words.iter().map(|(w, t)| (String::from(*w), *t)).collect()
    }

    #[test]
    fn sets_made_in_memory_hold_each_item_under_its_words_places() {
        let mut sets = Sets::default();
        let added = [
            sets.add_item("r", 1, &places(&[("cat", 1), ("dog", 2)])),
            sets.add_item("r", 2, &places(&[("cat", 3)])),
            sets.add_item("f", 1, &places(&[("cat", 1)])),
            sets.add_item("r", 3, &places(&[("cat", 1)])),
        ];
        assert!(added.iter().all(Result::is_ok), "{added:?}");
        assert!(sets.add_item("r", 4, &places(&[("cat", 4)])).is_err());
        let rows = sets.into_rows().unwrap_or_default();
        let read: Vec<(String, String, i16, Vec<u32>)> = rows
            .into_iter()
            .map(|r| {
                let ids = decode(r.ids.as_ref()).unwrap_or_default();
                (
                    r.kind.as_ref().clone(),
                    r.term.as_ref().clone(),
                    *r.tier.as_ref(),
                    ids.iter().collect(),
                )
            })
            .collect();
        let expected = [
            ("f", "cat", 1, vec![1]),
            ("r", "cat", 1, vec![1, 3]),
            ("r", "cat", 3, vec![2]),
            ("r", "dog", 2, vec![1]),
        ]
        .map(|(k, w, t, ids)| (String::from(k), String::from(w), t, ids));
        assert_eq!(read, expected);
    }

    #[test]
    fn words_are_read_back_as_written_and_a_damaged_line_is_refused() {
        let written = places(&[("ការងារ", 1), ("lawyer", 3), ("x", 2)]);
        assert_eq!(words_of(&words_text(&written)).ok(), Some(written));
        assert_eq!(words_of("").ok(), Some(WordPlaces::new()));
        for damaged in ["4cat\n", "cat\n", "1\n", "1cat\n9dog\n"] {
            assert!(words_of(damaged).is_err(), "{damaged:?}");
        }
    }
}
