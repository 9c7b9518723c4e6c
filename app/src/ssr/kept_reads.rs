//! What a page reads that says the same to everyone, kept by each server for a while: the
//! tracker's pages, filter choices and count of matches, a recommendation, a forum, a report
//! card, the services summary, an organisation's inbox, the moderation queue's size. Signed-in staff see these pages rendered for them (never the kept
//! anonymous page), and recounting a national data set for each of their views took tens to
//! hundreds of milliseconds. A read is kept until a curation write through this server (so
//! whoever changed something sees it at once), or `KEEP_AT_MOST` (other servers, commands
//! beside the server, survivors' counts, which move in steps of K anyway).
use std::{
    collections::HashMap,
    hash::Hash,
    sync::{Mutex, PoisonError},
    time::Instant,
};

use chrono::NaiveDate;

use super::writes::{KEEP_AT_MOST, Seen, WriteCount};
use crate::views::{
    account::Waiting,
    answers::InboxRow,
    report_card::ReportCard,
    services::ServicesSummary,
    tracker::{ForumDetail, ForumRef, OrgRef, RecommendationDetail, TrackerPage},
};

/// Everything this server keeps for the pages, one kind of read each.
#[derive(Default)]
pub struct KeptForPages {
    /// The tracker's filter box: forums, bodies and years.
    pub filter_choices: KeptReads<(), FilterChoices>,
    /// A page of the tracker or of a search, by the filter's query string and the day.
    pub tracker_pages: KeptReads<(String, NaiveDate), TrackerPage>,
    /// How many public recommendations a filter matches, by the filter's query string.
    pub tracker_matches: KeptReads<String, u64>,
    /// A recommendation's public page, by id and day.
    pub recommendations: KeptReads<(i32, NaiveDate), RecommendationDetail>,
    /// A forum's public page, by id and day.
    pub forums: KeptReads<(i32, NaiveDate), ForumDetail>,
    /// How many items the moderation queue lists (the header's count).
    pub queue_waiting: KeptReads<(), Option<Waiting>>,
    /// A body's report card: its id, the page, and the day (a commitment becomes overdue).
    pub report_cards: KeptReads<(i32, u32, NaiveDate), ReportCard>,
    /// Everyone's services summary, by day (quotes are never from the day they were sent).
    pub services: KeptReads<NaiveDate, ServicesSummary>,
    /// An organisation's inbox rows, by organisation and day.
    pub inboxes: KeptReads<(i32, NaiveDate), Vec<InboxRow>>,
}

/// The tracker's filter choices. They change only when curators add a forum, address a body
/// or publish in a new year, yet reading them was most of a tracker request on a national
/// data set (700 rows each time).
#[derive(Clone, Debug, PartialEq)]
pub struct FilterChoices {
    pub forums: Vec<ForumRef>,
    pub bodies: Vec<OrgRef>,
    pub years: Vec<i32>,
}

/// At most this many reads of one kind are kept; past it the old ones go, then all.
const KEPT_AT_MOST: usize = 512;

pub struct KeptReads<K, V> {
    kept: Mutex<HashMap<K, Kept<V>>>,
}

struct Kept<V> {
    read_at: Instant,
    seen: Seen,
    value: V,
}

impl<K, V> Default for KeptReads<K, V> {
    fn default() -> Self {
        Self {
            kept: Mutex::new(HashMap::new()),
        }
    }
}

impl<K: Eq + Hash, V: Clone> KeptReads<K, V> {
    /// The kept read of `key`, if made less than `KEEP_AT_MOST` before `now` and after every
    /// curation write counted in `seen`.
    pub fn fresh(&self, key: &K, now: Instant, seen: Seen) -> Option<V> {
        let kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        kept.get(key)
            .filter(|k| now.saturating_duration_since(k.read_at) < KEEP_AT_MOST)
            .filter(|k| k.seen.covers_curation(seen))
            .map(|k| k.value.clone())
    }

    /// Keeps `value`, read at `read_at` after the writes counted in `seen`.
    pub fn keep(&self, key: K, read_at: Instant, seen: Seen, value: V) {
        let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        if kept.len() >= KEPT_AT_MOST {
            kept.retain(|_, k| read_at.saturating_duration_since(k.read_at) < KEEP_AT_MOST);
            if kept.len() >= KEPT_AT_MOST {
                kept.clear();
            }
        }
        kept.insert(
            key,
            Kept {
                read_at,
                seen,
                value,
            },
        );
    }

    /// The kept read of `key`, or `read`'s, kept for the next. Two at once may both read.
    pub async fn read<E>(
        &self,
        writes: &WriteCount,
        key: K,
        read: impl Future<Output = Result<V, E>>,
    ) -> Result<V, E> {
        let now = Instant::now();
        // Counted before reading: a write during the read leaves what is kept out of date.
        let seen = writes.seen();
        if let Some(value) = self.fresh(&key, now, seen) {
            return Ok(value);
        }
        let value = read.await?;
        self.keep(key, now, seen, value.clone());
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssr::writes::Write;

    #[test]
    fn reads_are_kept_until_a_curation_write_or_for_a_while() {
        let kept: KeptReads<u8, Vec<i32>> = KeptReads::default();
        let writes = WriteCount::default();
        let start = Instant::now();
        assert_eq!(
            kept.fresh(&1, start, writes.seen()),
            None,
            "nothing kept yet"
        );
        kept.keep(1, start, writes.seen(), vec![2025, 2024]);
        let half = start + KEEP_AT_MOST / 2;
        assert_eq!(kept.fresh(&1, half, writes.seen()), Some(vec![2025, 2024]));
        assert_eq!(kept.fresh(&2, half, writes.seen()), None, "another key");
        assert_eq!(
            kept.fresh(&1, start + KEEP_AT_MOST, writes.seen()),
            None,
            "too old"
        );
        writes.record(Write::Feedback);
        assert_eq!(
            kept.fresh(&1, half, writes.seen()),
            Some(vec![2025, 2024]),
            "survivors' counts show within KEEP_AT_MOST"
        );
        writes.record(Write::Curation);
        assert_eq!(
            kept.fresh(&1, half, writes.seen()),
            None,
            "a forum may be new"
        );
    }

    #[test]
    fn old_reads_go_first_when_too_many_are_kept() {
        let kept: KeptReads<usize, usize> = KeptReads::default();
        let writes = WriteCount::default();
        let start = Instant::now();
        for n in 0..KEPT_AT_MOST {
            kept.keep(n, start, writes.seen(), n);
        }
        let later = start + KEEP_AT_MOST;
        kept.keep(KEPT_AT_MOST, later, writes.seen(), 7);
        assert_eq!(kept.fresh(&KEPT_AT_MOST, later, writes.seen()), Some(7));
        let count = kept.kept.lock().map(|k| k.len()).unwrap_or_default();
        assert_eq!(count, 1, "the old ones went");
    }
}
