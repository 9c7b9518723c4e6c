//! Which groups of feedback may be shown. A group of fewer than K people is never shown, and
//! never derivable: the small groups of a breakdown are combined into one "others" row, and
//! when that row would itself be smaller than K the smallest shown groups join it until it
//! is not. Every figure shown then counts at least K people, and the shown rows add up to the
//! shown total, so nothing smaller can be had by subtracting.
use serde::{Deserialize, Serialize};

use super::feedback::{Answer, Question};

/// The setting's default and its floor: below 3, one person's answers could be read back.
pub const DEFAULT_THRESHOLD: u32 = 5;
pub const MIN_THRESHOLD: u32 = 3;

/// How many people gave feedback in a group, and how they answered each question.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub people: u32,
    /// `answers[q][a]`: how many gave answer `a` (in `Answer::ALL` order) to question `q`
    /// (in `Question::ALL` order).
    pub answers: [[u32; 4]; 6],
}

impl Tally {
    /// One person's answers.
    pub fn one(answers: &[Answer; 6]) -> Self {
        let mut tally = Tally {
            people: 1,
            ..Tally::default()
        };
        for (q, answer) in answers.iter().enumerate() {
            let a = Answer::ALL.iter().position(|x| x == answer).unwrap_or(3);
            tally.answers[q][a] = 1;
        }
        tally
    }

    pub fn add(&mut self, other: &Tally) {
        self.people += other.people;
        for (mine, theirs) in self.answers.iter_mut().zip(other.answers.iter()) {
            for (m, t) in mine.iter_mut().zip(theirs.iter()) {
                *m += t;
            }
        }
    }

    /// Whole-number percentages of each answer to `question`, in `Answer::ALL` order.
    pub fn shares(&self, question: Question) -> [u32; 4] {
        let q = Question::ALL
            .iter()
            .position(|x| *x == question)
            .unwrap_or(0);
        let mut shares = [0; 4];
        for (share, count) in shares.iter_mut().zip(self.answers[q]) {
            *share = (count * 100 + self.people / 2)
                .checked_div(self.people)
                .unwrap_or(0);
        }
        shares
    }
}

/// A row that may be shown: one group, or all the small ones together.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row<K> {
    /// `None` for the combined "others" row.
    pub key: Option<K>,
    pub tally: Tally,
}

/// The threshold as set, never below the floor.
pub fn threshold(setting: Option<u32>) -> u32 {
    setting.unwrap_or(DEFAULT_THRESHOLD).max(MIN_THRESHOLD)
}

/// The rows of one breakdown that may be shown, largest first, "others" last. Empty when
/// the whole breakdown counts fewer than `k` people.
pub fn showable<K: Clone>(groups: Vec<(K, Tally)>, k: u32) -> Vec<Row<K>> {
    let mut groups = groups;
    groups.retain(|(_, t)| t.people > 0);
    groups.sort_by_key(|(_, t)| std::cmp::Reverse(t.people));
    let total: u32 = groups.iter().map(|(_, t)| t.people).sum();
    if total < k {
        return Vec::new();
    }
    let mut split = groups.iter().take_while(|(_, t)| t.people >= k).count();
    let rest = |split: usize| -> u32 { groups[split..].iter().map(|(_, t)| t.people).sum() };
    while split > 0 && rest(split) > 0 && rest(split) < k {
        split -= 1;
    }
    let mut others = Tally::default();
    for (_, tally) in &groups[split..] {
        others.add(tally);
    }
    let mut rows: Vec<Row<K>> = groups[..split]
        .iter()
        .map(|(key, tally)| Row {
            key: Some(key.clone()),
            tally: tally.clone(),
        })
        .collect();
    if others.people > 0 {
        rows.push(Row {
            key: None,
            tally: others,
        });
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(n: u32) -> Tally {
        Tally {
            people: n,
            ..Tally::default()
        }
    }

    fn shown(groups: &[(&'static str, u32)], k: u32) -> Vec<(Option<&'static str>, u32)> {
        let groups = groups.iter().map(|(g, n)| (*g, people(*n))).collect();
        showable(groups, k)
            .into_iter()
            .map(|r| (r.key, r.tally.people))
            .collect()
    }

    #[test]
    fn a_group_of_k_minus_one_is_hidden_and_k_is_shown() {
        assert_eq!(shown(&[("a", 4)], 5), vec![]);
        assert_eq!(shown(&[("a", 5)], 5), vec![(Some("a"), 5)]);
    }

    #[test]
    fn small_groups_are_combined_when_together_they_reach_k() {
        assert_eq!(
            shown(&[("a", 9), ("b", 2), ("c", 3)], 5),
            vec![(Some("a"), 9), (None, 5)]
        );
    }

    #[test]
    fn a_small_remainder_takes_the_smallest_shown_group_with_it() {
        // Showing a (9), b (6) and the total (18) would give away c (3) by subtraction.
        assert_eq!(
            shown(&[("a", 9), ("b", 6), ("c", 3)], 5),
            vec![(Some("a"), 9), (None, 9)]
        );
    }

    #[test]
    fn no_figure_below_k_is_ever_shown_or_derivable() {
        // Every breakdown of up to four groups of up to 12 people.
        for k in 3..=6 {
            for code in 0..13u32.pow(4) {
                let sizes: Vec<u32> = (0..4).map(|i| code / 13u32.pow(i) % 13).collect();
                let groups: Vec<(u32, Tally)> = sizes
                    .iter()
                    .enumerate()
                    .map(|(i, n)| (i as u32, people(*n)))
                    .collect();
                let rows = showable(groups, k);
                let total: u32 = sizes.iter().sum();
                for row in &rows {
                    assert!(row.tally.people >= k, "{sizes:?} k={k}: {row:?}");
                }
                let shown_sum: u32 = rows.iter().map(|r| r.tally.people).sum();
                assert!(rows.is_empty() || shown_sum == total, "{sizes:?}");
            }
        }
    }

    #[test]
    fn shares_are_rounded_percentages() {
        let mut t = Tally::one(&[Answer::Yes; 6]);
        t.add(&Tally::one(&[Answer::No; 6]));
        t.add(&Tally::one(&[Answer::No; 6]));
        assert_eq!(t.shares(Question::Safe), [33, 0, 67, 0]);
    }

    #[test]
    fn the_threshold_never_goes_below_three() {
        assert_eq!(threshold(None), 5);
        assert_eq!(threshold(Some(1)), 3);
        assert_eq!(threshold(Some(8)), 8);
    }
}
