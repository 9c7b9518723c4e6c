//! What facilitators type about recommendations, checked field by field. The recommendation
//! form and every CSV import row go through the same checks. Forums: `domain::forum`.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

use super::{
    coded::coded_enum, khmer::to_ascii_digits, lang::Lang, submission::Problems, theme::Theme,
};

coded_enum! {
    /// Whether the second language of a text exists and who vouches for it.
    TranslationState, "translation" {
        Missing => "missing",
        Human => "human",
        Reviewed => "reviewed",
    }
}

coded_enum! {
    /// Where a recommendation came from.
    Source, "source" {
        Forum => "forum",
        SurvivorProposal => "survivor_proposal",
    }
}

/// Longest title, in letters.
pub const MAX_TITLE: usize = 300;
/// Longest recommendation or forum text, in letters.
pub const MAX_TEXT: usize = 5000;
/// Longest reference code, in bytes (codes are Latin letters, digits and dashes).
pub const MAX_REFERENCE: usize = 32;

/// A recommendation's curated fields, as typed (every field a string, so nothing is lost
/// when the form comes back with a message).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecommendationInput {
    pub reference: String,
    /// A forum id, or empty for a survivor proposal.
    pub forum: String,
    pub theme: String,
    pub title_km: String,
    pub title_en: String,
    pub body_km: String,
    pub body_en: String,
    pub original_lang: String,
    pub translation_state: String,
    /// Addressed bodies: organisation ids (the form) or codes and names (CSV), resolved by
    /// the caller into `bodies`.
    pub bodies: Vec<i32>,
}

/// A recommendation that passed its checks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckedRecommendation {
    pub reference: String,
    pub forum_id: Option<i32>,
    pub source: Source,
    pub theme: Theme,
    pub title_km: Option<String>,
    pub title_en: Option<String>,
    pub body_km: Option<String>,
    pub body_en: Option<String>,
    pub original_lang: Lang,
    pub translation_state: TranslationState,
    pub bodies: Vec<i32>,
}

pub(super) fn trimmed(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

pub(super) fn too_long(text: &Option<String>, max: usize) -> bool {
    text.as_ref()
        .is_some_and(|t| t.len() > max * 8 || t.graphemes(true).count() > max)
}

/// A reference as stored: trimmed, Latin digits, capitals (`sr-១២` is `SR-12`).
pub fn normal_reference(typed: &str) -> String {
    to_ascii_digits(typed.trim()).to_uppercase()
}

/// A reference code: Latin letters, digits, dashes and dots, like `SR-12` or `SP-2026-3`.
pub fn valid_reference(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= MAX_REFERENCE
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
}

/// Checks a recommendation. `forum_exists` answers whether a forum id is real.
pub fn check_recommendation(
    input: &RecommendationInput,
    forum_exists: impl Fn(i32) -> bool,
) -> Result<CheckedRecommendation, Problems> {
    let mut problems = Problems::default();
    let reference = normal_reference(&input.reference);
    if !valid_reference(&reference) {
        problems.add("reference", "curate-error-reference");
    }
    let forum_id = match trimmed(&input.forum) {
        None => None,
        Some(raw) => match to_ascii_digits(&raw).parse::<i32>() {
            Ok(id) if forum_exists(id) => Some(id),
            _ => {
                problems.add("forum", "curate-error-forum");
                None
            }
        },
    };
    let theme = Theme::parse(input.theme.trim());
    if theme.is_none() {
        problems.add("theme", "curate-error-theme");
    }
    let original_lang = Lang::parse(input.original_lang.trim());
    if original_lang.is_none() {
        problems.add("original_lang", "curate-error-original-lang");
    }
    let translation_state = TranslationState::parse(input.translation_state.trim());
    if translation_state.is_none() {
        problems.add("translation_state", "curate-error-translation-state");
    }
    let (title_km, title_en) = (trimmed(&input.title_km), trimmed(&input.title_en));
    let (body_km, body_en) = (trimmed(&input.body_km), trimmed(&input.body_en));
    for (field, text, max) in [
        ("title_km", &title_km, MAX_TITLE),
        ("title_en", &title_en, MAX_TITLE),
        ("body_km", &body_km, MAX_TEXT),
        ("body_en", &body_en, MAX_TEXT),
    ] {
        if too_long(text, max) {
            problems.add(field, "curate-error-too-long");
        }
    }
    // The original language must have a title; the other may come later.
    if let Some(lang) = original_lang {
        let (title, field) = match lang {
            Lang::Km => (&title_km, "title_km"),
            Lang::En => (&title_en, "title_en"),
        };
        if title.is_none() {
            problems.add(field, "curate-error-title");
        }
    }
    if translation_state.is_some_and(|s| s != TranslationState::Missing)
        && (title_km.is_none() || title_en.is_none())
    {
        problems.add("translation_state", "curate-error-translation-missing");
    }
    if input.bodies.is_empty() {
        problems.add("bodies", "curate-error-bodies");
    }
    match (theme, original_lang, translation_state) {
        (Some(theme), Some(original_lang), Some(translation_state)) if problems.is_empty() => {
            let mut bodies = input.bodies.clone();
            bodies.sort_unstable();
            bodies.dedup();
            Ok(CheckedRecommendation {
                reference,
                source: if forum_id.is_some() {
                    Source::Forum
                } else {
                    Source::SurvivorProposal
                },
                forum_id,
                theme,
                title_km,
                title_en,
                body_km,
                body_en,
                original_lang,
                translation_state,
                bodies,
            })
        }
        _ => Err(problems),
    }
}

/// A day typed as `YYYY-MM-DD`, in Latin or Khmer digits.
pub fn parse_day(raw: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(to_ascii_digits(raw.trim()).as_str(), "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> RecommendationInput {
        RecommendationInput {
            reference: " sr-40 ".into(),
            forum: "១".into(),
            theme: "prevention".into(),
            title_km: "បង្កើនការយល់ដឹង".into(),
            title_en: String::new(),
            body_km: String::new(),
            body_en: String::new(),
            original_lang: "km".into(),
            translation_state: "missing".into(),
            bodies: vec![3, 1, 3],
        }
    }

    #[test]
    fn a_good_recommendation_is_normalised() {
        let Ok(checked) = check_recommendation(&input(), |id| id == 1) else {
            panic!("should pass")
        };
        assert_eq!(checked.reference, "SR-40");
        assert_eq!(checked.forum_id, Some(1));
        assert_eq!(checked.source, Source::Forum);
        assert_eq!(checked.bodies, vec![1, 3]);
        assert_eq!(checked.title_en, None);
    }

    #[test]
    fn every_problem_names_its_field() {
        let bad = RecommendationInput {
            reference: "SR 40; DROP".into(),
            forum: "9".into(),
            theme: "<b>".into(),
            title_km: String::new(),
            translation_state: "human".into(),
            bodies: vec![],
            ..input()
        };
        let Err(problems) = check_recommendation(&bad, |_| false) else {
            panic!("should fail")
        };
        for field in ["reference", "forum", "theme", "title_km", "bodies"] {
            assert!(problems.for_field(field).is_some(), "{field}");
        }
        assert_eq!(
            problems.for_field("translation_state"),
            Some("curate-error-translation-missing")
        );
    }

    #[test]
    fn no_forum_means_a_survivor_proposal() {
        let rec = RecommendationInput {
            forum: " ".into(),
            ..input()
        };
        let checked = check_recommendation(&rec, |_| false).map(|c| (c.source, c.forum_id));
        assert_eq!(checked, Ok((Source::SurvivorProposal, None)));
    }
}
