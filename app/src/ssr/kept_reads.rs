//! What pages read that changes only when someone curates, kept by each server for a while:
//! the tracker's pages, filter choices and count of matches, a recommendation, a forum, a
//! report card, the services summary, an organisation's inbox, the moderation queue's size
//! and pages, the organisations and the overdue setting, and the accounts of the people
//! signed in. Pages rendered for one person (a query not yet
//! kept, an official's inbox, the header's counts) read these instead of recounting a
//! national data set each time. A read is kept until a curation write through this server or
//! announced by another (so whoever changed something sees it at once), or `KEEP_AT_MOST`
//! (commands beside the server, survivors' counts, which move in steps of K anyway).
use std::{
    collections::HashMap,
    hash::Hash,
    sync::{Arc, Mutex, PoisonError},
    time::Instant,
};

use chrono::NaiveDate;

use super::{
    auth::account::Account,
    entities::organisation,
    writes::{KEEP_AT_MOST, Seen, WriteCount},
};
use crate::views::{
    account::Waiting,
    answers::InboxRow,
    moderation::{QueueFilter, QueueRow},
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
    /// A page of the moderation queue, by its filter and the survivors' writes seen (so
    /// whatever a survivor sends or answers is listed at the next view, as it was when each
    /// view read the database).
    pub queue_pages: KeptReads<(QueueFilter, u64), Arc<QueueListing>>,
    /// A body's report card: its id, the page, and the day (a commitment becomes overdue).
    pub report_cards: KeptReads<(i32, u32, NaiveDate), ReportCard>,
    /// Everyone's services summary, by day (quotes are never from the day they were sent).
    pub services: KeptReads<NaiveDate, ServicesSummary>,
    /// An organisation's inbox rows, by organisation and day (shared, not copied: an
    /// official's header counts them on every page).
    pub inboxes: KeptReads<(i32, NaiveDate), Arc<Vec<InboxRow>>>,
    /// The recommendations waiting for an official's approval of a colleague's draft, by
    /// organisation and official.
    pub drafts_to_approve: KeptReads<(i32, i32), Arc<Vec<i32>>>,
    /// Signed-in people's accounts, by user id (see `session::Account`).
    pub accounts: KeptReads<i32, Option<Account>>,
    /// Organisations by id: an official's every page names theirs.
    pub organisations: KeptReads<i32, Option<organisation::Model>>,
    /// The days a recommendation may wait for an answer (an admin's setting).
    pub overdue_after_days: KeptReads<(), u32>,
}

/// A page of the moderation queue as the database lists it, each survivor's words still
/// sealed: they are opened for each view and never kept open.
#[derive(Debug, PartialEq)]
pub struct QueueListing {
    pub rows: Vec<(QueueRow, Option<String>)>,
    pub has_more: bool,
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
    /// A turn per key to read what is missing: one request reads, the others wait and take
    /// its value. Without it, every request in a busy moment read at once after a curation
    /// write or at a cold start (measured: an official's inbox, p99 1.5 s while 32 requests
    /// each read the same thousand rows).
    turns: Mutex<HashMap<K, Arc<tokio::sync::Mutex<()>>>>,
}

struct Kept<V> {
    read_at: Instant,
    seen: Seen,
    value: V,
    /// Old, and one request reads it again: the others get it as it is meanwhile.
    reading_again: bool,
}

/// Whether a read older than `KEEP_AT_MOST` may be given out while another request reads it
/// again.
enum OldWillDo {
    Yes,
    No,
}

/// What is kept for a key, as one request finds it.
#[derive(Debug, PartialEq)]
enum Found<V> {
    Fresh(V),
    /// Old, and another request reads it again: this one takes it as it is.
    Old(V),
    /// Old, and this request is the one to read it again.
    ReadAgain,
    /// Nothing, or something a curation write has changed since: read it.
    Missing,
}

impl<K, V> Default for KeptReads<K, V> {
    fn default() -> Self {
        Self {
            kept: Mutex::new(HashMap::new()),
            turns: Mutex::new(HashMap::new()),
        }
    }
}

impl<K: Eq + Hash, V> KeptReads<K, V> {
    /// The read of `key` ended without a new value: the next request tries again.
    fn not_read_again(&self, key: &K) {
        let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(k) = kept.get_mut(key) {
            k.reading_again = false;
        }
    }
}

/// One request reading a kept value again; see `KeptReads::read`.
struct ReadingAgain<'a, K: Eq + Hash, V> {
    kept: &'a KeptReads<K, V>,
    key: K,
}

impl<K: Eq + Hash, V> Drop for ReadingAgain<'_, K, V> {
    fn drop(&mut self) {
        self.kept.not_read_again(&self.key);
    }
}

impl<K: Eq + Hash + Clone, V: Clone> KeptReads<K, V> {
    /// The turn to read `key` when nothing is kept for it.
    fn turn(&self, key: &K) -> Arc<tokio::sync::Mutex<()>> {
        let mut turns = self.turns.lock().unwrap_or_else(PoisonError::into_inner);
        if turns.len() >= KEPT_AT_MOST {
            // Turns nobody holds or waits for.
            turns.retain(|_, turn| Arc::strong_count(turn) > 1);
        }
        turns.entry(key.clone()).or_default().clone()
    }

    /// The kept read of `key`, if made less than `KEEP_AT_MOST` before `now` and after every
    /// curation write counted in `seen`.
    pub fn fresh(&self, key: &K, now: Instant, seen: Seen) -> Option<V> {
        let kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        kept.get(key)
            .filter(|k| now.saturating_duration_since(k.read_at) < KEEP_AT_MOST)
            .filter(|k| k.seen.covers_curation(seen))
            .map(|k| k.value.clone())
    }

    /// What is kept for `key` at `now`, the writes counted in `seen`. When it is merely old,
    /// the first request to find it reads it again and the others take the old value while it
    /// does: every request in a busy moment would otherwise read at once (measured: signed-in
    /// tracker p99 from 600 ms to 1.9 s every time the kept count ran out).
    fn find(&self, key: &K, now: Instant, seen: Seen) -> Found<V> {
        let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(k) = kept.get_mut(key).filter(|k| k.seen.covers_curation(seen)) else {
            return Found::Missing;
        };
        if now.saturating_duration_since(k.read_at) < KEEP_AT_MOST {
            Found::Fresh(k.value.clone())
        } else if k.reading_again {
            Found::Old(k.value.clone())
        } else {
            k.reading_again = true;
            Found::ReadAgain
        }
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
                reading_again: false,
            },
        );
    }

    /// The kept read of `key`, or `read`'s, kept for the next (see `find`: an old read is
    /// still given out while one request reads it again). After a curation write every request
    /// reads until one has kept the new value.
    pub async fn read<E>(
        &self,
        writes: &WriteCount,
        key: K,
        read: impl Future<Output = Result<V, E>>,
    ) -> Result<V, E> {
        self.read_with(writes, key, read, OldWillDo::Yes).await
    }

    /// Like `read`, but never gives out a read older than `KEEP_AT_MOST`, even while another
    /// request reads it again: for what decides access (an account disabled beside the
    /// server must not open one more page to a request that came at the wrong moment).
    pub async fn read_fresh<E>(
        &self,
        writes: &WriteCount,
        key: K,
        read: impl Future<Output = Result<V, E>>,
    ) -> Result<V, E> {
        self.read_with(writes, key, read, OldWillDo::No).await
    }

    async fn read_with<E>(
        &self,
        writes: &WriteCount,
        key: K,
        read: impl Future<Output = Result<V, E>>,
        old: OldWillDo,
    ) -> Result<V, E> {
        let mut now = Instant::now();
        // Counted before reading: a write during the read leaves what is kept out of date.
        let seen = writes.seen();
        let found = match old {
            OldWillDo::Yes => self.find(&key, now, seen),
            OldWillDo::No => self
                .fresh(&key, now, seen)
                .map_or(Found::Missing, Found::Fresh),
        };
        if let Found::Fresh(value) | Found::Old(value) = found {
            return Ok(value);
        }
        let _turn = if matches!(found, Found::Missing) {
            let mine = self.turn(&key).lock_owned().await;
            // The request before this one may have read it meanwhile.
            now = Instant::now();
            if let Some(value) = self.fresh(&key, now, seen) {
                return Ok(value);
            }
            Some(mine)
        } else {
            None
        };
        // However the read ends (failed, or dropped with its request), the next request may
        // read again: otherwise an old value would be given out for good.
        let _reading = ReadingAgain {
            kept: self,
            key: key.clone(),
        };
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
    fn an_old_read_is_read_again_by_one_request_while_the_others_take_it() {
        let kept: KeptReads<u8, u32> = KeptReads::default();
        let writes = WriteCount::default();
        let start = Instant::now();
        kept.keep(1, start, writes.seen(), 7);
        assert_eq!(kept.find(&1, start, writes.seen()), Found::Fresh(7));
        let old = start + KEEP_AT_MOST;
        assert_eq!(
            kept.find(&1, old, writes.seen()),
            Found::ReadAgain,
            "the first"
        );
        assert_eq!(
            kept.find(&1, old, writes.seen()),
            Found::Old(7),
            "the others"
        );
        // Its read failed: the next request reads.
        kept.not_read_again(&1);
        assert_eq!(kept.find(&1, old, writes.seen()), Found::ReadAgain);
        kept.keep(1, old, writes.seen(), 8);
        assert_eq!(kept.find(&1, old, writes.seen()), Found::Fresh(8));
        // A curation write: nobody takes the old value.
        writes.record(Write::Curation);
        assert_eq!(kept.find(&1, old, writes.seen()), Found::Missing);
        assert_eq!(kept.find(&2, old, writes.seen()), Found::Missing);
    }

    #[tokio::test]
    async fn a_read_dropped_with_its_request_leaves_the_next_to_read_again() {
        let kept: KeptReads<u8, u32> = KeptReads::default();
        let writes = WriteCount::default();
        let Some(long_ago) = Instant::now().checked_sub(KEEP_AT_MOST * 2) else {
            return; // a machine up for less than four seconds
        };
        kept.keep(1, long_ago, writes.seen(), 7);
        let never = kept.read(&writes, 1, std::future::pending::<Result<u32, ()>>());
        let dropped = tokio::time::timeout(std::time::Duration::from_millis(10), never).await;
        assert!(dropped.is_err(), "the read never ends");
        let next: Result<u32, ()> = kept.read(&writes, 1, async { Ok(9) }).await;
        assert_eq!(next, Ok(9), "not the old value for good");
    }

    #[tokio::test]
    async fn requests_finding_nothing_kept_read_once_and_share_it() {
        let kept: KeptReads<u8, u32> = KeptReads::default();
        let writes = WriteCount::default();
        let reads = std::sync::atomic::AtomicU32::new(0);
        let read = || async {
            reads.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            Ok::<u32, ()>(3)
        };
        let (a, b, c) = tokio::join!(
            kept.read(&writes, 1, read()),
            kept.read(&writes, 1, read()),
            kept.read_fresh(&writes, 1, read()),
        );
        assert_eq!((a, b, c), (Ok(3), Ok(3), Ok(3)));
        assert_eq!(
            reads.load(std::sync::atomic::Ordering::SeqCst),
            1,
            "read once"
        );
    }

    #[tokio::test]
    async fn a_failed_read_is_not_kept_and_the_next_reads_again() {
        let kept: KeptReads<u8, u32> = KeptReads::default();
        let writes = WriteCount::default();
        let failed: Result<u32, &str> = kept.read(&writes, 1, async { Err("down") }).await;
        assert_eq!(failed, Err("down"));
        let read: Result<u32, &str> = kept.read(&writes, 1, async { Ok(5) }).await;
        assert_eq!(read, Ok(5));
        let kept_value: Result<u32, &str> = kept.read(&writes, 1, async { Ok(6) }).await;
        assert_eq!(kept_value, Ok(5), "kept, not read again");
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
