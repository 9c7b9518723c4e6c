//! The two anonymous forms, checked field by field. Every problem names its field and a
//! translated message, so the form comes back with the survivor's answers and the message
//! next to the right place.
use std::collections::HashMap;

use unicode_segmentation::UnicodeSegmentation;

use super::{
    feedback::{Answer, Question, ServiceType},
    lang::Lang,
    province::Province,
    theme::Theme,
};

/// Longest free text, in letters as a reader counts them (graphemes, not code points).
pub const MAX_TEXT_GRAPHEMES: usize = 3000;
/// Anything this many bytes or more is refused before it is looked at letter by letter.
pub const MAX_TEXT_BYTES: usize = 64_000;
/// Shortest useful proposal, in letters.
pub const MIN_PROPOSAL_GRAPHEMES: usize = 10;
/// The honeypot: a box people never see, that form-filling robots fill in.
pub const HONEYPOT_FIELD: &str = "website";
/// The organisation choice for "I don't know".
pub const UNKNOWN_ORGANISATION: &str = "unknown";

/// The form as typed: field name to value. Unknown fields are ignored.
pub type RawForm = HashMap<String, String>;

/// The field carrying a survivor form's one-time token (see the server's `once`).
pub const ONCE_FIELD: &str = "once";

/// The field carrying a venue link's token (see the server's `venues`).
pub const VENUE_FIELD: &str = "venue";
/// The form field of the pass a facilitator's page puts in feedback entered with her help
/// (`ssr::assisted`).
pub const ASSISTED_FIELD: &str = "assisted";
/// The code printed on a paper sheet, typed in with the sheet's answers (see `ssr::paper`).
pub const PAPER_CODE_FIELD: &str = "paper_code";

/// Which fields had problems, and the Fluent key of each message.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Problems(Vec<(String, &'static str)>);

impl Problems {
    /// A single problem.
    pub fn one(field: &str, key: &'static str) -> Self {
        Self(vec![(field.to_string(), key)])
    }

    pub fn add(&mut self, field: impl Into<String>, key: &'static str) {
        self.0.push((field.into(), key));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The message key for `field`, if it has a problem.
    pub fn for_field(&self, field: &str) -> Option<&'static str> {
        self.0.iter().find(|(f, _)| f == field).map(|(_, k)| *k)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &'static str)> {
        self.0.iter().map(|(f, k)| (f.as_str(), *k))
    }
}

/// Feedback on one service, ready to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidFeedback {
    pub service: ServiceType,
    pub province: Province,
    /// `None` when the survivor chose "I don't know" or left it empty.
    pub organisation_id: Option<i32>,
    /// In the order of `Question::ALL`.
    pub answers: [Answer; 6],
    pub text: Option<FreeText>,
}

/// A survivor's proposal, ready to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidProposal {
    pub theme: Theme,
    pub text: FreeText,
}

/// Free text with the language it is mostly written in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FreeText {
    pub text: String,
    pub lang: Lang,
}

/// The form field of a question's answer.
pub fn question_field(question: Question) -> String {
    format!("q-{}", question.code())
}

pub(crate) fn value<'a>(form: &'a RawForm, field: &str) -> &'a str {
    form.get(field).map(|v| v.trim()).unwrap_or_default()
}

pub(crate) fn check_honeypot(form: &RawForm, problems: &mut Problems) {
    if !value(form, HONEYPOT_FIELD).is_empty() {
        problems.add(HONEYPOT_FIELD, "form-error-honeypot");
    }
}

/// Free text, or `None` when empty. Overlong text is refused by its byte length first.
pub(crate) fn check_text(raw: &str, field: &str, problems: &mut Problems) -> Option<FreeText> {
    if raw.len() >= MAX_TEXT_BYTES {
        problems.add(field, "form-error-text-too-long");
        return None;
    }
    let text = raw.trim().replace("\r\n", "\n");
    if text.is_empty() {
        return None;
    }
    if text.graphemes(true).count() > MAX_TEXT_GRAPHEMES {
        problems.add(field, "form-error-text-too-long");
        return None;
    }
    // A letter may carry a few marks (Khmer stacks a vowel and a sign or two); thousands are
    // a way to draw over the page, not writing.
    if text
        .graphemes(true)
        .any(|g| g.chars().count() > MAX_CHARS_PER_LETTER)
    {
        problems.add(field, "form-error-text-marks");
        return None;
    }
    // Zero-width spaces, joiners and lone marks look like nothing: not something to read.
    // Letters are counted, not clusters: one Khmer cluster (ស្ត្រី) can hold a whole word.
    if text.chars().filter(|c| is_letter(*c)).count() < MIN_VISIBLE_LETTERS {
        problems.add(field, "form-error-text-invisible");
        return None;
    }
    let lang = if text.chars().any(is_khmer) {
        Lang::Km
    } else {
        Lang::En
    };
    Some(FreeText { text, lang })
}

/// The most characters one cluster (grapheme) may hold: a base and its marks; Khmer stacks
/// a few consonants under one.
const MAX_CHARS_PER_LETTER: usize = 12;
/// The fewest letters one can see that make a text.
const MIN_VISIBLE_LETTERS: usize = 2;

/// Whether a character shows as a letter, digit or sign of its own: not a space, an invisible
/// format character or a mark that sits on another.
fn is_letter(c: char) -> bool {
    !c.is_whitespace() && !c.is_control() && !is_invisible(c) && !is_mark(c)
}

/// Characters that take no space: zero-width spaces and joiners, direction marks, the soft
/// hyphen, word joiners, the byte order mark, Khmer's two invisible inherent vowels.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{E0000}'..='\u{E007F}')
}

/// Marks that sit on a letter: alone they show nothing of their own.
fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}' | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}'
        | '\u{17B6}'..='\u{17D3}' | '\u{17DD}')
}

fn is_khmer(c: char) -> bool {
    ('\u{1780}'..='\u{17FF}').contains(&c) || ('\u{19E0}'..='\u{19FF}').contains(&c)
}

/// Checks the feedback form.
pub fn check_feedback(form: &RawForm) -> Result<ValidFeedback, Problems> {
    let mut problems = Problems::default();
    check_honeypot(form, &mut problems);
    let service = ServiceType::parse(value(form, "service"));
    if service.is_none() {
        problems.add("service", "form-error-service");
    }
    let province = Province::parse(value(form, "province"));
    if province.is_none() {
        problems.add("province", "form-error-province");
    }
    let organisation_id = match value(form, "organisation") {
        "" | UNKNOWN_ORGANISATION => None,
        id => match id.parse::<i32>() {
            Ok(id) if id > 0 => Some(id),
            _ => {
                problems.add("organisation", "form-error-organisation");
                None
            }
        },
    };
    let mut answers = [Answer::RatherNotSay; 6];
    for (slot, question) in answers.iter_mut().zip(Question::ALL) {
        let field = question_field(*question);
        match Answer::parse(value(form, &field)) {
            Some(answer) => *slot = answer,
            None => problems.add(field, "form-error-answer"),
        }
    }
    let text = check_text(
        form.get("text").map(String::as_str).unwrap_or_default(),
        "text",
        &mut problems,
    );
    match (service, province, problems.is_empty()) {
        (Some(service), Some(province), true) => Ok(ValidFeedback {
            service,
            province,
            organisation_id,
            answers,
            text,
        }),
        _ => Err(problems),
    }
}

/// Checks the proposal form.
pub fn check_proposal(form: &RawForm) -> Result<ValidProposal, Problems> {
    let mut problems = Problems::default();
    check_honeypot(form, &mut problems);
    let theme = Theme::parse(value(form, "theme"));
    if theme.is_none() {
        problems.add("theme", "form-error-theme");
    }
    let text = check_text(
        form.get("text").map(String::as_str).unwrap_or_default(),
        "text",
        &mut problems,
    );
    let text = match text {
        Some(t) if t.text.graphemes(true).count() >= MIN_PROPOSAL_GRAPHEMES => Some(t),
        Some(_) => {
            problems.add("text", "form-error-proposal-short");
            None
        }
        None if problems.for_field("text").is_none() => {
            problems.add("text", "form-error-proposal-empty");
            None
        }
        None => None,
    };
    match (theme, text, problems.is_empty()) {
        (Some(theme), Some(text), true) => Ok(ValidProposal { theme, text }),
        _ => Err(problems),
    }
}

/// A reply typed into a receipt thread: required, and no longer than free text may be.
/// How many letters a text has beyond the most a reply or a survivor's words may have, when
/// it has too many (a facilitator is told by how much, with their text kept).
pub fn letters_over(raw: &str) -> Option<usize> {
    let letters = raw.trim().graphemes(true).count();
    letters
        .checked_sub(MAX_TEXT_GRAPHEMES)
        .filter(|over| *over > 0)
}

pub fn check_reply(raw: &str) -> Result<String, &'static str> {
    let mut problems = Problems::default();
    match check_text(raw, "reply", &mut problems) {
        Some(text) => Ok(text.text),
        None => Err(problems
            .for_field("reply")
            .unwrap_or("form-error-reply-empty")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete() -> RawForm {
        let mut form = RawForm::new();
        form.insert("service".into(), "shelter".into());
        form.insert("province".into(), "siem-reap".into());
        form.insert("organisation".into(), "unknown".into());
        for q in Question::ALL {
            form.insert(question_field(*q), "yes".into());
        }
        form
    }

    #[test]
    fn complete_feedback_is_accepted_without_text() {
        let valid = check_feedback(&complete()).unwrap_or_else(|p| panic!("{p:?}"));
        assert_eq!(valid.service, ServiceType::Shelter);
        assert_eq!(valid.organisation_id, None);
        assert_eq!(valid.text, None);
    }

    #[test]
    fn each_missing_answer_is_named() {
        let mut form = complete();
        form.remove("q-safe");
        form.insert("q-helped".into(), "maybe".into());
        form.insert("service".into(), "spa".into());
        let problems = check_feedback(&form).err().unwrap_or_default();
        assert_eq!(problems.for_field("q-safe"), Some("form-error-answer"));
        assert_eq!(problems.for_field("q-helped"), Some("form-error-answer"));
        assert_eq!(problems.for_field("service"), Some("form-error-service"));
        assert_eq!(problems.for_field("q-respect"), None);
    }

    #[test]
    fn khmer_text_is_recognised_and_counted_in_letters() {
        let mut form = complete();
        // ស្ត្រី is six code points but one letter on screen.
        form.insert("text".into(), "ស្ត្រី".repeat(MAX_TEXT_GRAPHEMES / 2));
        let valid = check_feedback(&form).unwrap_or_else(|p| panic!("{p:?}"));
        assert_eq!(valid.text.map(|t| t.lang), Some(Lang::Km));
    }

    #[test]
    fn overlong_text_and_a_filled_honeypot_are_refused() {
        let mut form = complete();
        form.insert("text".into(), "a".repeat(MAX_TEXT_BYTES));
        form.insert(HONEYPOT_FIELD.into(), "http://spam.example".into());
        let problems = check_feedback(&form).err().unwrap_or_default();
        assert_eq!(problems.for_field("text"), Some("form-error-text-too-long"));
        assert_eq!(
            problems.for_field(HONEYPOT_FIELD),
            Some("form-error-honeypot")
        );
    }

    #[test]
    fn a_proposal_needs_a_theme_and_some_words() {
        let mut form = RawForm::new();
        form.insert("text".into(), "short".into());
        let problems = check_proposal(&form).err().unwrap_or_default();
        assert_eq!(problems.for_field("theme"), Some("form-error-theme"));
        assert_eq!(
            problems.for_field("text"),
            Some("form-error-proposal-short")
        );
        form.insert("theme".into(), "protection".into());
        form.insert(
            "text".into(),
            "Shelters should let us call our families.".into(),
        );
        assert!(check_proposal(&form).is_ok());
    }

    #[test]
    fn invisible_text_and_piles_of_marks_are_refused() {
        let mut problems = Problems::default();
        assert!(check_text(&"\u{200b}".repeat(12), "text", &mut problems).is_none());
        assert_eq!(
            problems.for_field("text"),
            Some("form-error-text-invisible")
        );
        let mut problems = Problems::default();
        let piled = format!("ក{}", "\u{17CB}".repeat(20_000));
        assert!(check_text(&piled, "text", &mut problems).is_none());
        assert_eq!(problems.for_field("text"), Some("form-error-text-marks"));
        let mut problems = Problems::default();
        let lone = "\u{0301}\u{200d}\u{0301}";
        assert!(check_text(lone, "text", &mut problems).is_none());
        for real in ["ស្ត្រី", "ការងារ", "ok", "Thank you \u{200b}"] {
            let mut problems = Problems::default();
            assert!(check_text(real, "text", &mut problems).is_some(), "{real}");
        }
    }

    #[test]
    fn a_reply_must_say_something() {
        assert_eq!(check_reply("   "), Err("form-error-reply-empty"));
        assert_eq!(check_reply(" Thank you "), Ok("Thank you".to_string()));
    }
}
