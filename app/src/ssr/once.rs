//! Nothing twice. Each survivor form carries a one-time token: random, kept only in this
//! server's memory, for a day, linked to nothing about the sender. Reloading the "received"
//! page posts the form again; the second post finds its token spent and stores no second copy.
use std::{collections::HashMap, sync::Mutex};

use chrono::NaiveDate;

use super::tokens::random_token;

/// The form field that carries the token.
pub const FIELD: &str = crate::domain::submission::ONCE_FIELD;

#[derive(Debug, Default)]
pub struct OnceTokens {
    spent: Mutex<Spent>,
}

#[derive(Debug, Default)]
struct Spent {
    /// Spent tokens and the day they were spent.
    tokens: HashMap<String, NaiveDate>,
    /// The day old tokens were last forgotten: once a day, not on every claim (each pass
    /// reads every token, and a busy day holds tens of thousands).
    pruned_on: Option<NaiveDate>,
}

impl OnceTokens {
    /// A token for a form about to be shown.
    pub fn issue(&self) -> String {
        random_token()
    }

    /// Spends `token`: false when it was spent already (the same form posted twice). A missing
    /// token (a form from before tokens, or a hand-made post) is never refused.
    pub fn claim(&self, token: &str, today: NaiveDate) -> bool {
        if token.is_empty() {
            return true;
        }
        let Ok(mut spent) = self.spent.lock() else {
            return true;
        };
        // A day is long enough to catch a reload; older tokens are forgotten.
        if spent.pruned_on != Some(today) {
            spent.tokens.retain(|_, day| (today - *day).num_days() < 1);
            spent.pruned_on = Some(today);
        }
        if spent.tokens.len() > 1_000_000 {
            spent.tokens.clear();
        }
        spent.tokens.insert(token.to_string(), today).is_none()
    }

    /// Gives a token back when nothing was saved under it, so the same form can be sent again.
    pub fn release(&self, token: &str) {
        if let Ok(mut spent) = self.spent.lock() {
            spent.tokens.remove(token);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_spent_once_and_forgotten_after_a_day() {
        let tokens = OnceTokens::default();
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();
        let token = tokens.issue();
        assert!(tokens.claim(&token, day));
        assert!(!tokens.claim(&token, day), "the same form twice");
        tokens.release(&token);
        assert!(tokens.claim(&token, day), "released after a failed save");
        assert!(
            tokens.claim("", day) && tokens.claim("", day),
            "no token, no refusal"
        );
        let next = day.succ_opt().unwrap_or(day);
        assert!(tokens.claim(&tokens.issue(), next));
        assert!(tokens.claim(&token, next), "forgotten after a day");
    }
}
