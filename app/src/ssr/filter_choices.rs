//! The tracker's filter choices: forums, bodies and years. They change only when curators add a
//! forum, address a body or publish in a new year, yet reading them was most of a tracker
//! request on a national data set (700 rows each time). Each server keeps them a short while.
use std::{
    sync::Mutex,
    time::{Duration, Instant},
};

use crate::api::tracker::{ForumRef, OrgRef};

/// How long choices are kept: a new forum appears in the filters within this time.
pub const KEEP_FOR: Duration = Duration::from_secs(30);

#[derive(Clone, Debug, PartialEq)]
pub struct FilterChoices {
    pub forums: Vec<ForumRef>,
    pub bodies: Vec<OrgRef>,
    pub years: Vec<i32>,
}

#[derive(Default)]
pub struct ChoicesCache(Mutex<Option<(Instant, FilterChoices)>>);

impl ChoicesCache {
    /// The kept choices, if read less than `KEEP_FOR` before `now`.
    pub fn fresh(&self, now: Instant) -> Option<FilterChoices> {
        let kept = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        kept.as_ref()
            .filter(|(read_at, _)| now.saturating_duration_since(*read_at) < KEEP_FOR)
            .map(|(_, choices)| choices.clone())
    }

    /// Keeps `choices`, read at `read_at`.
    pub fn keep(&self, read_at: Instant, choices: FilterChoices) {
        let mut kept = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *kept = Some((read_at, choices));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_are_kept_for_a_while_then_read_again() {
        let cache = ChoicesCache::default();
        let start = Instant::now();
        assert_eq!(cache.fresh(start), None, "nothing kept yet");
        let choices = FilterChoices {
            forums: Vec::new(),
            bodies: Vec::new(),
            years: vec![2025, 2024],
        };
        cache.keep(start, choices.clone());
        assert_eq!(cache.fresh(start + KEEP_FOR / 2), Some(choices));
        assert_eq!(cache.fresh(start + KEEP_FOR), None, "too old");
    }
}
