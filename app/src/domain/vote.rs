//! A ballot on a forum's day: each participant picks up to `MOST_CHOICES` of the day's
//! drafts. Only the counts are kept.
use std::collections::BTreeSet;

/// How many drafts one ballot may choose.
pub const MOST_CHOICES: usize = 3;

/// The form field a chosen draft's id comes in (repeated).
pub const CHOICE_FIELD: &str = "draft";

/// The drafts a ballot chose, each once, if it is valid: at least one, at most
/// `MOST_CHOICES`, every one among `drafts`. `Err` is the message key of what is wrong.
pub fn check_ballot(chosen: &[&str], drafts: &[i32]) -> Result<Vec<i32>, &'static str> {
    let mut ids = BTreeSet::new();
    for raw in chosen {
        match raw.trim().parse::<i32>() {
            Ok(id) if drafts.contains(&id) => {
                ids.insert(id);
            }
            _ => return Err("vote-error-unknown"),
        }
    }
    match ids.len() {
        0 => Err("vote-error-none"),
        n if n > MOST_CHOICES => Err("vote-error-too-many"),
        _ => Ok(ids.into_iter().collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ballot_chooses_one_to_three_of_the_days_drafts() {
        let drafts = [4, 5, 6, 7];
        assert_eq!(check_ballot(&["5", "4"], &drafts), Ok(vec![4, 5]));
        assert_eq!(
            check_ballot(&["5", "5"], &drafts),
            Ok(vec![5]),
            "twice is once"
        );
        assert_eq!(check_ballot(&[], &drafts), Err("vote-error-none"));
        assert_eq!(
            check_ballot(&["4", "5", "6", "7"], &drafts),
            Err("vote-error-too-many")
        );
        assert_eq!(check_ballot(&["9"], &drafts), Err("vote-error-unknown"));
        assert_eq!(check_ballot(&["=1+1"], &drafts), Err("vote-error-unknown"));
    }
}
