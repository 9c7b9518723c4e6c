//! Sign-in attempts. A password guesser is refused after 5 tries a minute (100 an hour) for
//! one account from one network; the owner, signing in from anywhere else, is never refused
//! because of them. Across every network, an account's attempts past 20 a minute wait their
//! turn (up to a few seconds): guessing from many addresses is slowed, the owner only delayed.
//! Kept in memory only; addresses are never written anywhere.
use std::{net::IpAddr, num::NonZeroU32, time::Duration};

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

/// The longest an attempt waits for the account's shared budget before it goes ahead anyway.
const MAX_WAIT: Duration = Duration::from_secs(3);

pub struct LoginThrottle {
    per_minute: DefaultKeyedRateLimiter<String>,
    per_hour: DefaultKeyedRateLimiter<String>,
    /// Per account, from every network together: slows, never refuses.
    account_pace: DefaultKeyedRateLimiter<String>,
    /// "Forgot password" emails, per address: a stranger cannot fill someone's inbox.
    reset_mail: DefaultKeyedRateLimiter<String>,
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
            // Five at once, then one more a minute: a guesser gets five tries, and the owner
            // who mistyped waits a minute, as the message says.
            per_minute: RateLimiter::keyed(
                Quota::with_period(Duration::from_secs(60))
                    .unwrap_or(Quota::per_minute(n(1)))
                    .allow_burst(n(5)),
            ),
            per_hour: RateLimiter::keyed(Quota::per_hour(n(100))),
            account_pace: RateLimiter::keyed(Quota::per_minute(n(20))),
            reset_mail: RateLimiter::keyed(Quota::per_hour(n(3))),
        }
    }
}

impl LoginThrottle {
    /// A password sign-in for `account` from `address`: false when this network has used up
    /// its tries for this account. Otherwise waits, if the account is being tried from many
    /// networks at once, then lets the attempt go ahead.
    pub async fn sign_in_attempt(&self, account: &str, address: IpAddr) -> bool {
        if !self.attempt(&format!("{account} from {}", network(address))) {
            return false;
        }
        let account = account.to_string();
        let _ = tokio::time::timeout(MAX_WAIT, self.account_pace.until_key_ready(&account)).await;
        true
    }

    /// Spends one attempt for `key` (a signed-in account's second step, say); false when it has
    /// none left.
    pub fn attempt(&self, key: &str) -> bool {
        if self.per_minute.len() > 10_000 {
            self.per_minute.retain_recent();
            self.per_hour.retain_recent();
            self.account_pace.retain_recent();
            self.reset_mail.retain_recent();
        }
        let key = key.to_string();
        self.per_hour.check_key(&key).is_ok() && self.per_minute.check_key(&key).is_ok()
    }
}

impl LoginThrottle {
    /// Whether another "forgot password" email may go to `email`, asked from `address`, now:
    /// three an hour to one address, and from one network as many as sign-in attempts.
    pub fn reset_mail(&self, email: &str, address: IpAddr) -> bool {
        if self.reset_mail.len() > 10_000 {
            self.reset_mail.retain_recent();
        }
        self.attempt(&format!("forgot from {}", network(address)))
            && self.reset_mail.check_key(&email.to_string()).is_ok()
    }
}

/// The network an address stands for: an IPv4 address itself; for IPv6, its /64, which one
/// household or phone is usually given whole.
fn network(address: IpAddr) -> String {
    match address {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_guesser_on_one_network_does_not_lock_out_the_owner_on_another() {
        let t = LoginThrottle::default();
        let guesser: IpAddr = [203, 0, 113, 7].into();
        let owner: IpAddr = [198, 51, 100, 2].into();
        for _ in 0..5 {
            assert!(t.sign_in_attempt("a@example.org", guesser).await);
        }
        assert!(!t.sign_in_attempt("a@example.org", guesser).await);
        assert!(t.sign_in_attempt("a@example.org", owner).await);
    }

    #[test]
    fn ipv6_addresses_count_by_their_64() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1"
            .parse()
            .unwrap_or(IpAddr::from([0; 4]));
        let b: IpAddr = "2001:db8:1:2:bbbb::9"
            .parse()
            .unwrap_or(IpAddr::from([0; 4]));
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap_or(IpAddr::from([0; 4]));
        assert_eq!(network(a), network(b));
        assert_ne!(network(a), network(c));
    }

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
