//! What an official types in answer to a recommendation: a response (position, text,
//! commitment, due date) or a progress update, checked field by field.
use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

use super::{
    curation::{MAX_TEXT, parse_day},
    lang::Lang,
    status::{Position, Stage},
    submission::Problems,
};

/// A response or progress update as typed; every field a string so nothing is lost.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerInput {
    /// `position` for a response, `stage` for progress.
    pub choice: String,
    pub text_km: String,
    pub text_en: String,
    pub original_lang: String,
    pub commitment_km: String,
    pub commitment_en: String,
    pub due_on: String,
    /// The id of the earlier entry this one corrects, or empty.
    pub corrects: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedResponse {
    pub position: Position,
    pub text_km: Option<String>,
    pub text_en: Option<String>,
    pub original_lang: Lang,
    pub commitment_km: Option<String>,
    pub commitment_en: Option<String>,
    pub due_on: Option<NaiveDate>,
    pub corrects: Option<i32>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedProgress {
    pub stage: Stage,
    pub note_km: Option<String>,
    pub note_en: Option<String>,
    pub original_lang: Lang,
    pub corrects: Option<i32>,
}

/// For each corrected entry, the entry that corrects it: given (id, the id it corrects) for
/// every entry of one kind. When an entry was corrected twice, the later correction (the
/// higher id) is the one that stands.
pub fn correctors(entries: impl IntoIterator<Item = (i32, Option<i32>)>) -> HashMap<i32, i32> {
    let mut by: HashMap<i32, i32> = HashMap::new();
    for (id, corrects) in entries {
        if let Some(earlier) = corrects {
            let newest = by.entry(earlier).or_insert(id);
            *newest = (*newest).max(id);
        }
    }
    by
}

fn text(raw: &str, field: &str, problems: &mut Problems) -> Option<String> {
    let t = raw.trim();
    if t.len() > MAX_TEXT * 8 || t.graphemes(true).count() > MAX_TEXT {
        problems.add(field, "answer-error-too-long");
        return None;
    }
    (!t.is_empty()).then(|| t.to_string())
}

fn corrects(raw: &str, problems: &mut Problems) -> Option<i32> {
    let t = raw.trim();
    if t.is_empty() {
        return None;
    }
    let id = t.parse::<i32>().ok().filter(|n| *n > 0);
    if id.is_none() {
        problems.add("corrects", "answer-error-corrects");
    }
    id
}

/// The language the official wrote in, and their text in it or in the other language.
fn original(input: &AnswerInput, problems: &mut Problems) -> Option<Lang> {
    let lang = Lang::parse(input.original_lang.trim());
    if lang.is_none() {
        problems.add("original_lang", "curate-error-original-lang");
    }
    lang
}

/// How far ahead a due date may be promised.
const MOST_YEARS_AHEAD: i32 = 10;

/// A response, checked on `today` (a due date must lie after it, and within ten years: a
/// promise already past, or for a century, is public forever and means nothing).
pub fn check_response(input: &AnswerInput, today: NaiveDate) -> Result<CheckedResponse, Problems> {
    let mut problems = Problems::default();
    let position = Position::parse(input.choice.trim());
    if position.is_none() {
        problems.add("choice", "answer-error-position");
    }
    let original_lang = original(input, &mut problems);
    let text_km = text(&input.text_km, "text_km", &mut problems);
    let text_en = text(&input.text_en, "text_en", &mut problems);
    if text_km.is_none() && text_en.is_none() {
        problems.add("text_km", "answer-error-text");
    }
    let commitment_km = text(&input.commitment_km, "commitment_km", &mut problems);
    let commitment_en = text(&input.commitment_en, "commitment_en", &mut problems);
    let due_on = match input.due_on.trim() {
        "" => None,
        raw => {
            let day = parse_day(raw);
            let latest = today
                .with_year(today.year() + MOST_YEARS_AHEAD)
                .unwrap_or(today);
            match day {
                None => problems.add("due_on", "curate-error-date"),
                Some(d) if d <= today => problems.add("due_on", "answer-error-due-past"),
                Some(d) if d > latest => problems.add("due_on", "answer-error-due-far"),
                Some(_) => {}
            }
            day
        }
    };
    // A due date is a promise about a commitment: it needs one.
    if due_on.is_some() && commitment_km.is_none() && commitment_en.is_none() {
        problems.add("commitment_km", "answer-error-commitment");
    }
    if position == Some(Position::Rejected) && due_on.is_some() {
        problems.add("due_on", "answer-error-rejected-due");
    }
    let corrects = corrects(&input.corrects, &mut problems);
    match (position, original_lang) {
        (Some(position), Some(original_lang)) if problems.is_empty() => Ok(CheckedResponse {
            position,
            text_km,
            text_en,
            original_lang,
            commitment_km,
            commitment_en,
            due_on,
            corrects,
        }),
        _ => Err(problems),
    }
}

pub fn check_progress(input: &AnswerInput) -> Result<CheckedProgress, Problems> {
    let mut problems = Problems::default();
    let stage = Stage::parse(input.choice.trim());
    if stage.is_none() {
        problems.add("choice", "answer-error-stage");
    }
    let original_lang = original(input, &mut problems);
    let note_km = text(&input.text_km, "text_km", &mut problems);
    let note_en = text(&input.text_en, "text_en", &mut problems);
    if note_km.is_none() && note_en.is_none() {
        problems.add("text_km", "answer-error-note");
    }
    let corrects = corrects(&input.corrects, &mut problems);
    match (stage, original_lang) {
        (Some(stage), Some(original_lang)) if problems.is_empty() => Ok(CheckedProgress {
            stage,
            note_km,
            note_en,
            original_lang,
            corrects,
        }),
        _ => Err(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default()
    }

    #[test]
    fn a_due_date_lies_after_today_and_within_ten_years() {
        for (due, problem) in [
            ("2020-01-01", Some("answer-error-due-past")),
            ("2026-12-01", Some("answer-error-due-past")),
            ("2026-12-02", None),
            ("2036-12-01", None),
            ("2036-12-02", Some("answer-error-due-far")),
        ] {
            let mut input = accepted();
            input.due_on = due.into();
            let found = check_response(&input, today()).err().unwrap_or_default();
            assert_eq!(found.for_field("due_on"), problem, "{due}");
        }
    }

    fn accepted() -> AnswerInput {
        AnswerInput {
            choice: "accepted".into(),
            text_en: "We agree.".into(),
            original_lang: "en".into(),
            commitment_en: "Train 200 officers".into(),
            due_on: "2027-06-30".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_response_with_a_commitment_passes() {
        let Ok(r) = check_response(&accepted(), today()) else {
            panic!("should pass")
        };
        assert_eq!(r.position, Position::Accepted);
        assert_eq!(
            r.due_on.map(|d| d.to_string()).as_deref(),
            Some("2027-06-30")
        );
        assert_eq!(r.text_km, None);
    }

    #[test]
    fn a_due_date_needs_a_commitment_and_never_comes_with_a_rejection() {
        let no_commitment = AnswerInput {
            commitment_en: String::new(),
            ..accepted()
        };
        let p = check_response(&no_commitment, today())
            .err()
            .unwrap_or_default();
        assert_eq!(
            p.for_field("commitment_km"),
            Some("answer-error-commitment")
        );
        let rejected = AnswerInput {
            choice: "rejected".into(),
            ..accepted()
        };
        let p = check_response(&rejected, today()).err().unwrap_or_default();
        assert_eq!(p.for_field("due_on"), Some("answer-error-rejected-due"));
    }

    #[test]
    fn progress_needs_a_stage_and_a_note() {
        let p = check_progress(&AnswerInput {
            choice: "done".into(),
            original_lang: "km".into(),
            corrects: "x".into(),
            ..Default::default()
        })
        .err()
        .unwrap_or_default();
        assert_eq!(p.for_field("choice"), Some("answer-error-stage"));
        assert_eq!(p.for_field("text_km"), Some("answer-error-note"));
        assert_eq!(p.for_field("corrects"), Some("answer-error-corrects"));
    }
}
