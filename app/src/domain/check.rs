//! Survivors' word on a claim: once a body reports a recommendation implemented, or a
//! commitment's due date has passed, the people it was for are asked "Is this true where you
//! are?". Their answers are counted per recommendation and shown only as counts of at least K
//! people, released in steps of K (as the services figures are), so no figure moves because
//! of one answer.
use chrono::NaiveDate;

use super::{
    coded::coded_enum,
    status::Stage,
    submission::{FreeText, Problems, RawForm, check_honeypot, check_text, value},
};

coded_enum! {
    /// A survivor's answer to "Is this true where you are?".
    Verdict, "verdict" {
        Yes => "yes",
        Partly => "partly",
        No => "no",
        DontKnow => "dont-know",
    }
}

/// The field names of the check form.
pub const VERDICT_FIELD: &str = "verdict";
pub const COMMENT_FIELD: &str = "comment";
pub const CODE_FIELD: &str = "code";

/// What a body said about one recommendation, as far as asking goes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Claim {
    pub stage: Option<Stage>,
    pub due_on: Option<NaiveDate>,
}

/// Whether survivors are asked: some body reported it implemented, or some commitment's due
/// date has passed (a promise not kept is worth checking too).
pub fn asks(published: bool, claims: &[Claim], today: NaiveDate) -> bool {
    published
        && claims
            .iter()
            .any(|c| c.stage == Some(Stage::Implemented) || c.due_on.is_some_and(|due| due < today))
}

/// How many answered about one recommendation, and how (in `Verdict::ALL` order).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CheckTally {
    pub people: u32,
    pub counts: [u32; 4],
}

impl CheckTally {
    pub fn count(&self, verdict: Verdict) -> u32 {
        Verdict::ALL
            .iter()
            .position(|v| *v == verdict)
            .map(|i| self.counts[i])
            .unwrap_or(0)
    }

    /// What the answers say of the claim, from those who knew (yes, partly, no): confirmed
    /// when more than half said yes, disputed when more than half said no, partly otherwise.
    /// `None` when nobody who answered knew.
    pub fn finding(&self) -> Option<Finding> {
        let yes = self.count(Verdict::Yes);
        let no = self.count(Verdict::No);
        let knew = yes + no + self.count(Verdict::Partly);
        if knew == 0 {
            None
        } else if yes * 2 > knew {
            Some(Finding::Confirmed)
        } else if no * 2 > knew {
            Some(Finding::Disputed)
        } else {
            Some(Finding::Partly)
        }
    }
}

coded_enum! {
    /// What survivors' answers say of one claim, shown on a body's report card.
    Finding, "finding" {
        Confirmed => "confirmed",
        Partly => "partly",
        Disputed => "disputed",
    }
}

/// A check as sent: the answer, words for moderation, and the receipt code it came with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidCheck {
    pub verdict: Verdict,
    pub comment: Option<FreeText>,
    /// As typed; checked against the stored receipts by the handler.
    pub code: Option<String>,
}

/// Checks the form: an answer is needed, the words are optional and checked like feedback's.
pub fn check_claim(form: &RawForm) -> Result<ValidCheck, Problems> {
    let mut problems = Problems::default();
    check_honeypot(form, &mut problems);
    let verdict = Verdict::parse(value(form, VERDICT_FIELD));
    if verdict.is_none() {
        problems.add(VERDICT_FIELD, "check-error-verdict");
    }
    let comment = check_text(
        form.get(COMMENT_FIELD)
            .map(String::as_str)
            .unwrap_or_default(),
        COMMENT_FIELD,
        &mut problems,
    );
    let code = Some(value(form, CODE_FIELD).to_string()).filter(|c| !c.is_empty());
    match (verdict, problems.is_empty()) {
        (Some(verdict), true) => Ok(ValidCheck {
            verdict,
            comment,
            code,
        }),
        _ => Err(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap_or_default()
    }

    #[test]
    fn asked_once_implemented_or_overdue_and_never_before_publication() {
        let implemented = Claim {
            stage: Some(Stage::Implemented),
            due_on: None,
        };
        let overdue = Claim {
            stage: Some(Stage::InProgress),
            due_on: Some(day(1)),
        };
        let due_today = Claim {
            stage: None,
            due_on: Some(day(2)),
        };
        assert!(asks(true, &[implemented], day(2)));
        assert!(asks(true, &[due_today, overdue], day(2)));
        assert!(!asks(true, &[due_today], day(2)));
        assert!(!asks(true, &[], day(2)));
        assert!(!asks(false, &[implemented], day(2)));
    }

    fn tally(yes: u32, partly: u32, no: u32, dont_know: u32) -> CheckTally {
        CheckTally {
            people: yes + partly + no + dont_know,
            counts: [yes, partly, no, dont_know],
        }
    }

    #[test]
    fn findings_follow_those_who_knew() {
        assert_eq!(tally(4, 1, 0, 9).finding(), Some(Finding::Confirmed));
        assert_eq!(tally(1, 1, 3, 0).finding(), Some(Finding::Disputed));
        assert_eq!(tally(2, 1, 2, 0).finding(), Some(Finding::Partly));
        assert_eq!(tally(3, 0, 3, 0).finding(), Some(Finding::Partly));
        assert_eq!(tally(0, 0, 0, 5).finding(), None);
    }

    #[test]
    fn the_form_needs_an_answer_and_checks_the_words() {
        let mut form = RawForm::new();
        assert_eq!(
            check_claim(&form)
                .err()
                .and_then(|p| p.for_field(VERDICT_FIELD)),
            Some("check-error-verdict")
        );
        form.insert(VERDICT_FIELD.into(), "maybe".into());
        assert!(check_claim(&form).is_err());
        form.insert(VERDICT_FIELD.into(), "partly".into());
        form.insert(COMMENT_FIELD.into(), "\u{200b}\u{200b}".into());
        assert!(check_claim(&form).is_err());
        form.insert(COMMENT_FIELD.into(), "  The shelter opened  ".into());
        form.insert(CODE_FIELD.into(), " 1234 ".into());
        let Ok(valid) = check_claim(&form) else {
            panic!("a partly with words and a code is valid");
        };
        assert_eq!(valid.verdict, Verdict::Partly);
        assert_eq!(
            valid.comment.map(|c| c.text).as_deref(),
            Some("The shelter opened")
        );
        assert_eq!(valid.code.as_deref(), Some("1234"));
    }
}
