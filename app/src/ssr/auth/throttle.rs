//! Sign-in attempts per account: 5 a minute, 100 an hour. Keyed by account, never by
//! address, so throttling one account never locks out another. Kept in memory only.
use std::num::NonZeroU32;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

pub struct LoginThrottle {
    per_minute: DefaultKeyedRateLimiter<String>,
    per_hour: DefaultKeyedRateLimiter<String>,
}

impl std::fmt::Debug for LoginThrottle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LoginThrottle")
    }
}

impl Default for LoginThrottle {
    fn default() -> Self {
        let n = |v: u32| NonZeroU32::new(v).unwrap_or(NonZeroU32::MIN);
        Self {
            per_minute: RateLimiter::keyed(Quota::per_minute(n(5))),
            per_hour: RateLimiter::keyed(Quota::per_hour(n(100))),
        }
    }
}

impl LoginThrottle {
    /// Spends one attempt for `account`; false when it has none left.
    pub fn attempt(&self, account: &str) -> bool {
        if self.per_minute.len() > 10_000 {
            self.per_minute.retain_recent();
            self.per_hour.retain_recent();
        }
        let key = account.to_string();
        self.per_hour.check_key(&key).is_ok() && self.per_minute.check_key(&key).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_a_minute_per_account_and_accounts_are_apart() {
        let t = LoginThrottle::default();
        for _ in 0..5 {
            assert!(t.attempt("a@example.org"));
        }
        assert!(!t.attempt("a@example.org"));
        assert!(t.attempt("b@example.org"), "another account was locked out");
    }
}
