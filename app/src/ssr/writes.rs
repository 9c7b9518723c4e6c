//! Counts the writes made through this server, so that what it keeps for a while (public pages,
//! the tracker's filter choices) is dropped the moment a write could have changed it.
use std::{
    sync::atomic::{AtomicU64, Ordering},
    time::Duration,
};

/// How long something may be kept at most. Writes through this server drop it at once; this
/// bounds how late the rest shows: other servers on the same database, commands run beside
/// the server, and the turn of the day.
pub const KEEP_AT_MOST: Duration = Duration::from_secs(2);

/// What a write can change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Write {
    /// What survivors send (feedback, proposals, replies): of what everyone sees, it changes
    /// only the services summary's counts.
    Feedback,
    /// Any other write: curation, moderation, answers, settings (and, harmlessly, signing in).
    Curation,
}

/// Where the counts stood when something was read; compare with a later `WriteCount::seen`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Seen {
    pub feedback: u64,
    pub curation: u64,
}

impl Seen {
    /// Whether something read at `self` already includes every write counted by `earlier`.
    pub fn covers(self, earlier: Seen) -> bool {
        self.feedback >= earlier.feedback && self.curation >= earlier.curation
    }

    /// The same, for something that does not show feedback counts.
    pub fn covers_curation(self, earlier: Seen) -> bool {
        self.curation >= earlier.curation
    }
}

/// The writes answered so far, by kind.
#[derive(Debug, Default)]
pub struct WriteCount {
    feedback: AtomicU64,
    curation: AtomicU64,
}

impl WriteCount {
    /// Counts a write once it is committed.
    pub fn record(&self, write: Write) {
        let counter = match write {
            Write::Feedback => &self.feedback,
            Write::Curation => &self.curation,
        };
        counter.fetch_add(1, Ordering::Release);
    }

    /// The counts now: read before reading the data that will be kept.
    pub fn seen(&self) -> Seen {
        Seen {
            feedback: self.feedback.load(Ordering::Acquire),
            curation: self.curation.load(Ordering::Acquire),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_covers_only_the_writes_counted_before_it() {
        let count = WriteCount::default();
        let before = count.seen();
        count.record(Write::Feedback);
        let after_feedback = count.seen();
        assert!(after_feedback.covers(before));
        assert!(!before.covers(after_feedback), "misses the feedback");
        assert!(
            before.covers_curation(after_feedback),
            "feedback changes nothing curated"
        );
        count.record(Write::Curation);
        let after_curation = count.seen();
        assert!(!after_feedback.covers_curation(after_curation));
        assert!(after_curation.covers(after_feedback));
    }
}
