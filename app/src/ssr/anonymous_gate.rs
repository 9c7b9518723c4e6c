//! Flood protection for the anonymous forms, kept in memory only. Each address is known only
//! by a keyed hash under a key that is made at random each day and never stored, so neither
//! the limiter nor a memory dump can say which address sent what, and yesterday's keys are
//! gone. A global limit holds when a flood comes from many addresses.
//!
//! Many survivors share one address (a phone carrier's NAT, a drop-in centre's wifi, a forum
//! venue), so only what is saved spends an address's budget: the forms ask the gate after
//! checking a submission, and a form refused for a missing answer costs nothing. IPv6 is
//! counted per /64 (what one household or phone is given), and the day turns at midnight in
//! Cambodia.
//!
//! Several servers on one database each keep their own counts, so each lets in its share: the
//! limits divided by the number of servers running (`share_among`, told by
//! `server/src/fellow_servers.rs`). A flood spread over the servers then meets the same limits
//! as one server, and nothing about an address leaves a server's memory.
use std::{
    net::IpAddr,
    num::NonZeroU32,
    sync::{
        Mutex,
        atomic::{AtomicU32, Ordering},
    },
    time::Duration,
};

use chrono::{NaiveDate, TimeDelta, Utc};
use governor::{
    DefaultDirectRateLimiter, DefaultKeyedRateLimiter, Quota, RateLimiter,
    clock::{Clock, DefaultClock},
};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

/// How much the anonymous forms accept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AnonymousLimits {
    /// Submissions (feedback, proposals, replies) from one address in an hour.
    pub submissions_per_address_hour: u32,
    /// Receipt code look-ups from one address in an hour (wrong codes cost the same as right
    /// ones, so guessing is slow).
    pub lookups_per_address_hour: u32,
    /// Anonymous submissions and look-ups from everyone together in a minute.
    pub global_per_minute: u32,
}

impl Default for AnonymousLimits {
    fn default() -> Self {
        Self {
            submissions_per_address_hour: 20,
            lookups_per_address_hour: 30,
            global_per_minute: 6000,
        }
    }
}

/// Which budget a request spends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Door {
    Submit,
    LookUp,
}

type AddressKey = [u8; 16];

struct Day {
    date: NaiveDate,
    key: [u8; 32],
    submissions: DefaultKeyedRateLimiter<AddressKey>,
    lookups: DefaultKeyedRateLimiter<AddressKey>,
    global: DefaultDirectRateLimiter,
}

pub struct AnonymousGate {
    limits: AnonymousLimits,
    day: Mutex<Day>,
    /// Servers sharing the limits (at least one).
    servers: AtomicU32,
}

impl std::fmt::Debug for AnonymousGate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AnonymousGate")
    }
}

fn nonzero(v: u32) -> NonZeroU32 {
    NonZeroU32::new(v).unwrap_or(NonZeroU32::MIN)
}

impl Day {
    /// A day's counts for one of `servers` servers: its share of each limit, at least one.
    fn new(date: NaiveDate, limits: &AnonymousLimits, servers: u32) -> Self {
        let mut key = [0u8; 32];
        rand::rng().fill_bytes(&mut key);
        let share = |limit: u32| nonzero(limit / servers.max(1));
        Self {
            date,
            key,
            submissions: RateLimiter::keyed(Quota::per_hour(share(
                limits.submissions_per_address_hour,
            ))),
            lookups: RateLimiter::keyed(Quota::per_hour(share(limits.lookups_per_address_hour))),
            global: RateLimiter::direct(Quota::per_minute(share(limits.global_per_minute))),
        }
    }

    fn address_key(&self, addr: IpAddr) -> AddressKey {
        let mut out = [0u8; 16];
        if let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.key) {
            match addr {
                IpAddr::V4(v4) => mac.update(&v4.octets()),
                IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                    Some(v4) => mac.update(&v4.octets()),
                    // The /64: the rest of an IPv6 address is the device's own choice.
                    None => mac.update(&v6.octets()[..8]),
                },
            }
            out.copy_from_slice(&mac.finalize().into_bytes()[..16]);
        }
        out
    }
}

/// Today in Cambodia (UTC+7), where the day's key and counts turn over at midnight.
fn cambodian_today() -> NaiveDate {
    (Utc::now() + TimeDelta::hours(7)).date_naive()
}

impl AnonymousGate {
    pub fn new(limits: AnonymousLimits) -> Self {
        Self {
            limits,
            day: Mutex::new(Day::new(cambodian_today(), &limits, 1)),
            servers: AtomicU32::new(1),
        }
    }

    /// Shares the limits among `servers` servers from now on (counts start again when the
    /// number changes: a server starting or stopping is rare, a flood is not).
    pub fn share_among(&self, servers: u32) {
        let servers = servers.max(1);
        if self.servers.swap(servers, Ordering::AcqRel) == servers {
            return;
        }
        if let Ok(mut day) = self.day.lock() {
            *day = Day::new(day.date, &self.limits, servers);
        }
    }

    /// Spends one request of `addr` at `door`; false when the address or everyone together
    /// has used up the budget.
    pub fn allow(&self, addr: IpAddr, door: Door) -> bool {
        self.admit(addr, door).is_ok()
    }

    /// Spends one request from everyone's shared budget only (a venue link's submissions).
    pub fn allow_global(&self) -> bool {
        self.day.lock().is_ok_and(|day| day.global.check().is_ok())
    }

    /// Spends one request of `addr` at `door`, or says how long until the next one is let in.
    pub fn admit(&self, addr: IpAddr, door: Door) -> Result<(), Duration> {
        let Ok(mut day) = self.day.lock() else {
            return Err(Duration::from_secs(60));
        };
        let today = cambodian_today();
        if day.date != today {
            // A new key, and the old counts and hashes dropped with the old one.
            *day = Day::new(today, &self.limits, self.servers.load(Ordering::Acquire));
        }
        let key = day.address_key(addr);
        let limiter = match door {
            Door::Submit => &day.submissions,
            Door::LookUp => &day.lookups,
        };
        if limiter.len() > 100_000 {
            limiter.retain_recent();
        }
        let now = DefaultClock::default().now();
        limiter
            .check_key(&key)
            .map_err(|not_until| not_until.wait_time_from(now))?;
        day.global
            .check()
            .map_err(|not_until| not_until.wait_time_from(now))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gate(per_address: u32, global: u32) -> AnonymousGate {
        AnonymousGate::new(AnonymousLimits {
            submissions_per_address_hour: per_address,
            lookups_per_address_hour: per_address,
            global_per_minute: global,
        })
    }

    #[test]
    fn two_servers_each_let_in_half() {
        let g = gate(6, 100);
        g.share_among(2);
        let a: IpAddr = [192, 0, 2, 1].into();
        for _ in 0..3 {
            assert!(g.allow(a, Door::Submit));
        }
        assert!(!g.allow(a, Door::Submit), "more than this server's share");
        g.share_among(1);
        assert!(g.allow(a, Door::Submit), "alone again: the whole limit");
        let few = gate(100, 3);
        few.share_among(4);
        assert!(few.allow_global(), "a share is never below one");
        assert!(!few.allow_global());
    }

    #[test]
    fn one_address_is_held_back_without_holding_back_another() {
        let g = gate(3, 100);
        let a: IpAddr = [192, 0, 2, 1].into();
        let b: IpAddr = [192, 0, 2, 2].into();
        for _ in 0..3 {
            assert!(g.allow(a, Door::Submit));
        }
        assert!(!g.allow(a, Door::Submit));
        assert!(g.allow(b, Door::Submit));
        assert!(g.allow(a, Door::LookUp), "look-ups have their own budget");
    }

    #[test]
    fn an_ipv6_address_counts_by_its_64_and_says_how_long_to_wait() {
        let g = gate(2, 100);
        let a: IpAddr = "2001:db8:aa:bb:1::1"
            .parse()
            .unwrap_or(IpAddr::from([0; 4]));
        let b: IpAddr = "2001:db8:aa:bb:2::9"
            .parse()
            .unwrap_or(IpAddr::from([0; 4]));
        let c: IpAddr = "2001:db8:aa:cc::1".parse().unwrap_or(IpAddr::from([0; 4]));
        assert!(g.admit(a, Door::Submit).is_ok());
        assert!(g.admit(b, Door::Submit).is_ok());
        let wait = g.admit(a, Door::Submit).err().unwrap_or_default();
        assert!(wait > Duration::from_secs(60 * 20), "{wait:?}");
        assert!(g.admit(c, Door::Submit).is_ok(), "another /64");
    }

    #[test]
    fn the_global_limit_holds_across_addresses() {
        let g = gate(100, 5);
        let allowed = (0..10u8)
            .filter(|i| g.allow(IpAddr::from([198, 51, 100, *i]), Door::Submit))
            .count();
        assert_eq!(allowed, 5);
    }

    #[test]
    fn the_address_key_is_keyed_and_changes_with_the_day() {
        let limits = AnonymousLimits::default();
        let addr: IpAddr = [203, 0, 113, 9].into();
        let today = Day::new(Utc::now().date_naive(), &limits, 1);
        let tomorrow = Day::new(Utc::now().date_naive(), &limits, 1);
        assert_eq!(today.address_key(addr), today.address_key(addr));
        assert_ne!(today.address_key(addr), tomorrow.address_key(addr));
    }
}
