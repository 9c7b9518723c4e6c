//! The tracker's filter choices: forums, bodies and years. They change only when curators add a
//! forum, address a body or publish in a new year, yet reading them was most of a tracker
//! request on a national data set (700 rows each time). Each server keeps them until a write
//! through it, or `KEEP_AT_MOST`.
use std::{sync::Mutex, time::Instant};

use super::writes::{KEEP_AT_MOST, Seen};
use crate::views::tracker::{ForumRef, OrgRef};

#[derive(Clone, Debug, PartialEq)]
pub struct FilterChoices {
    pub forums: Vec<ForumRef>,
    pub bodies: Vec<OrgRef>,
    pub years: Vec<i32>,
}

#[derive(Default)]
pub struct ChoicesCache(Mutex<Option<Kept>>);

struct Kept {
    read_at: Instant,
    seen: Seen,
    choices: FilterChoices,
}

impl ChoicesCache {
    /// The kept choices, if read less than `KEEP_AT_MOST` before `now` and after every
    /// curation write counted in `seen`.
    pub fn fresh(&self, now: Instant, seen: Seen) -> Option<FilterChoices> {
        let kept = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        kept.as_ref()
            .filter(|k| now.saturating_duration_since(k.read_at) < KEEP_AT_MOST)
            .filter(|k| k.seen.covers_curation(seen))
            .map(|k| k.choices.clone())
    }

    /// Keeps `choices`, read at `read_at` after the writes counted in `seen`.
    pub fn keep(&self, read_at: Instant, seen: Seen, choices: FilterChoices) {
        let mut kept = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *kept = Some(Kept {
            read_at,
            seen,
            choices,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssr::writes::{Write, WriteCount};

    #[test]
    fn choices_are_kept_until_a_curation_write_or_for_a_while() {
        let cache = ChoicesCache::default();
        let writes = WriteCount::default();
        let start = Instant::now();
        assert_eq!(cache.fresh(start, writes.seen()), None, "nothing kept yet");
        let choices = FilterChoices {
            forums: Vec::new(),
            bodies: Vec::new(),
            years: vec![2025, 2024],
        };
        cache.keep(start, writes.seen(), choices.clone());
        let half = start + KEEP_AT_MOST / 2;
        assert_eq!(cache.fresh(half, writes.seen()), Some(choices.clone()));
        assert_eq!(
            cache.fresh(start + KEEP_AT_MOST, writes.seen()),
            None,
            "too old"
        );
        writes.record(Write::Feedback);
        assert_eq!(
            cache.fresh(half, writes.seen()),
            Some(choices),
            "not a curation"
        );
        writes.record(Write::Curation);
        assert_eq!(cache.fresh(half, writes.seen()), None, "a forum may be new");
    }
}
