//! The time, as the server sees it. Tests move it forward to prove expiries.
use std::sync::{
    Arc,
    atomic::{AtomicI64, Ordering},
};

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

#[derive(Clone, Debug, Default)]
pub struct Clock {
    offset_secs: Arc<AtomicI64>,
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + TimeDelta::seconds(self.offset_secs.load(Ordering::Relaxed))
    }

    /// Today in Cambodia (UTC+7): the only kind of date anonymous records carry.
    pub fn today(&self) -> NaiveDate {
        (self.now() + TimeDelta::hours(7)).date_naive()
    }

    /// How far this clock is ahead of the system's.
    pub fn offset(&self) -> TimeDelta {
        TimeDelta::seconds(self.offset_secs.load(Ordering::Relaxed))
    }

    /// Moves this clock (and every copy of it) forward.
    pub fn advance(&self, by: TimeDelta) {
        self.offset_secs
            .fetch_add(by.num_seconds(), Ordering::Relaxed);
    }
}
