//! Hiding what could identify a survivor in their free text. A facilitator chooses the parts;
//! `suggest` points out likely ones (phone numbers, other long numbers, dates, common names
//! and place names) to speed this up. The original is kept elsewhere; this only makes the
//! copy others may read.

/// What replaces each hidden part. Language-neutral, so the same text serves both readers.
pub const MARKER: &str = "[…]";

/// Common given names and family names, in Khmer and Latin letters. Short Khmer family names
/// that are also everyday words (សុខ "well", ជា "is", រស់ "live") are left out: they would be
/// suggested in nearly every text.
const NAMES: &[&str] = &[
    "Sokha",
    "សុខា",
    "Dara",
    "ដារ៉ា",
    "Sophal",
    "សុផល",
    "Bopha",
    "បុប្ផា",
    "Vanna",
    "វណ្ណា",
    "Chantha",
    "ចន្ថា",
    "Kosal",
    "កុសល",
    "Pisey",
    "ពិសី",
    "Rithy",
    "រិទ្ធី",
    "Theary",
    "ធារី",
    "Vuthy",
    "វុទ្ធី",
    "Kunthea",
    "គន្ធា",
    "Sreyneang",
    "ស្រីនាង",
    "Srey Mom",
    "ស្រីមុំ",
    "Mony",
    "មុន្នី",
    "Nary",
    "ណារី",
    "Sopheak",
    "សុភ័ក្រ",
    "Piseth",
    "ពិសិដ្ឋ",
    "Sambath",
    "សម្បត្តិ",
    "Samnang",
    "សំណាង",
    "Veasna",
    "វាសនា",
    "Sothy",
    "សុធី",
    "Sophea",
    "សោភា",
    "Chanthou",
    "ចាន់ធូ",
    "Sok",
    "Chea",
    "Chan",
    "Meas",
    "Heng",
    "Keo",
    "Kim",
    "Ly",
    "Lim",
    "Nget",
    "Phan",
    "Pich",
    "Prak",
    "Ros",
    "Seng",
    "Sim",
    "Touch",
    "Uy",
    "Yim",
    "Hun",
    "Sam",
];

#[cfg(test)]
mod corpus;
mod cues;

/// Why a part is suggested.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Kind {
    Phone,
    Number,
    Date,
    Name,
    Place,
    Email,
    /// A link or handle that leads to a person (Facebook, Telegram, TikTok …).
    Link,
    /// A named workplace: a company, factory, restaurant, casino.
    Workplace,
}

impl Kind {
    pub fn label_key(self) -> &'static str {
        match self {
            Kind::Phone => "redact-kind-phone",
            Kind::Number => "redact-kind-number",
            Kind::Date => "redact-kind-date",
            Kind::Name => "redact-kind-name",
            Kind::Place => "redact-kind-place",
            Kind::Email => "redact-kind-email",
            Kind::Link => "redact-kind-link",
            Kind::Workplace => "redact-kind-workplace",
        }
    }
}

/// A part of the text that may identify someone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    pub text: String,
    pub kind: Kind,
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('០'..='៩').contains(&c)
}

/// Likely identifiers in `text`, each once, in the order they appear. `places` are place
/// names to look for (the provinces in both languages, say).
pub fn suggest(text: &str, places: &[&str]) -> Vec<Suggestion> {
    let mut found: Vec<(usize, Suggestion)> = Vec::new();
    let mut push = |at: usize, text: &str, kind: Kind| {
        if !found.iter().any(|(_, s)| s.text == text) {
            found.push((
                at,
                Suggestion {
                    text: text.to_string(),
                    kind,
                },
            ));
        }
    };
    for (at, run) in digit_runs(text) {
        let digits = run.chars().filter(|c| is_digit(*c)).count();
        let kind = if run.contains('/') || (run.contains('.') && digits <= 8) {
            Kind::Date
        } else if digits >= 8 {
            Kind::Phone
        } else if digits >= 4 {
            Kind::Number
        } else {
            continue;
        };
        push(at, run, kind);
    }
    for (at, part, kind) in cues::find(text) {
        push(at, &part, kind);
    }
    for (list, kind) in [(NAMES, Kind::Name), (places, Kind::Place)] {
        for word in list {
            for (at, _) in text.match_indices(word) {
                if is_whole_word(text, at, word.len()) {
                    push(at, word, kind);
                }
            }
        }
    }
    found.sort_by_key(|(at, _)| *at);
    found.into_iter().map(|(_, s)| s).collect()
}

/// Runs of digits, with the separators people write inside numbers and dates.
fn digit_runs(text: &str) -> Vec<(usize, &str)> {
    let mut runs = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_digit_end = 0;
    for (i, c) in text.char_indices() {
        if is_digit(c) || (c == '+' && start.is_none()) {
            start.get_or_insert(i);
            if is_digit(c) {
                last_digit_end = i + c.len_utf8();
            }
        } else if start.is_some() && matches!(c, ' ' | '-' | '.' | '/') {
            continue;
        } else if let Some(s) = start.take()
            && last_digit_end > s
        {
            runs.push((s, &text[s..last_digit_end]));
        }
    }
    if let Some(s) = start
        && last_digit_end > s
    {
        runs.push((s, &text[s..last_digit_end]));
    }
    runs
}

/// The byte offsets where words begin and end in `text` (ICU4X's dictionary segmenter, which
/// knows Khmer words). Only the server hides words; in the browser every offset counts.
#[cfg(feature = "ssr")]
fn word_boundaries(text: &str) -> Vec<usize> {
    // One segmenter a thread: it is not shared between threads, and cheap to keep.
    thread_local! {
        static SEGMENTER: icu_segmenter::WordSegmenter =
            icu_segmenter::WordSegmenter::new_dictionary();
    }
    SEGMENTER.with(|segmenter| segmenter.segment_str(text).collect())
}

#[cfg(not(feature = "ssr"))]
fn word_boundaries(text: &str) -> Vec<usize> {
    (0..=text.len()).collect()
}

/// Latin names must stand alone ("Sam" is not in "Samnang"); Khmer is written without
/// spaces between words, so a Khmer name counts wherever it appears.
fn is_whole_word(text: &str, at: usize, len: usize) -> bool {
    let latin = text[at..at + len].is_ascii();
    if !latin {
        return true;
    }
    let before = text[..at].chars().next_back();
    let after = text[at + len..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// The finder's flags in a public copy that nobody has decided yet: neither hidden (a hidden
/// part is the marker now) nor kept as not identifying. Publishing waits until this is empty.
pub fn undecided(copy: &str, kept: &[String], places: &[&str]) -> Vec<Suggestion> {
    suggest(copy, places)
        .into_iter()
        .filter(|s| !s.text.contains(MARKER) && !kept.contains(&s.text))
        .collect()
}

/// `copy` cut into pieces, each flagged (one of `flags`) or not, in order: for showing a
/// facilitator where each flag stands.
pub fn marked(copy: &str, flags: &[String]) -> Vec<(String, bool)> {
    let mut pieces = Vec::new();
    let mut rest = copy;
    loop {
        let next = flags
            .iter()
            .filter(|f| !f.is_empty())
            .filter_map(|f| rest.find(f.as_str()).map(|at| (at, f.len())))
            .min_by_key(|(at, len)| (*at, std::cmp::Reverse(*len)));
        let Some((at, len)) = next else {
            break;
        };
        if at > 0 {
            pieces.push((rest[..at].to_string(), false));
        }
        pieces.push((rest[at..at + len].to_string(), true));
        rest = &rest[at + len..];
    }
    if !rest.is_empty() {
        pieces.push((rest.to_string(), false));
    }
    pieces
}

/// The kept flags as stored: one per line.
pub fn kept_list(stored: Option<&str>) -> Vec<String> {
    stored
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// `text` with every occurrence of each part replaced by the marker, longest parts first so
/// that a name inside a longer chosen part goes with it. A Latin part is hidden only where it
/// stands as a whole word: hiding "Sok" leaves "Sokha" whole. Returns the text and how many
/// places were hidden.
pub fn redact(text: &str, parts: &[String]) -> (String, usize) {
    let mut parts: Vec<&str> = parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty() && *p != MARKER)
        .collect();
    parts.sort_by_key(|p| std::cmp::Reverse(p.len()));
    parts.dedup();
    let mut out = text.to_string();
    let mut hidden = 0;
    for part in parts {
        let (replaced, n) = replace_whole(&out, part);
        hidden += n;
        out = replaced;
    }
    (out, hidden)
}

/// `text` with a part the finder flagged, and a facilitator chose to hide, replaced: where it
/// stands as a whole word, or, when no word boundary frames it anywhere (a name the word
/// list does not know, run into the next word), exactly where it was found.
pub fn hide_flagged(text: &str, flagged: &[String]) -> String {
    let mut out = text.to_string();
    for part in flagged {
        let (hidden, n) = redact(&out, std::slice::from_ref(part));
        out = if n > 0 {
            hidden
        } else {
            out.replace(part.as_str(), MARKER)
        };
    }
    out
}

/// `text` with each whole-word occurrence of `part` replaced by the marker. Khmer has no
/// spaces between words, so a Khmer part is hidden only where a word segmenter finds a word
/// boundary at both its ends: hiding សុខ never cuts សុខភាព ("health").
fn replace_whole(text: &str, part: &str) -> (String, usize) {
    let khmer_bounds = (!part.is_ascii()).then(|| word_boundaries(text));
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut n = 0;
    for (at, _) in text.match_indices(part) {
        let whole = match &khmer_bounds {
            Some(bounds) => {
                bounds.binary_search(&at).is_ok()
                    && bounds.binary_search(&(at + part.len())).is_ok()
            }
            None => is_whole_word(text, at, part.len()),
        };
        if at < last || !whole {
            continue;
        }
        out.push_str(&text[last..at]);
        out.push_str(MARKER);
        last = at + part.len();
        n += 1;
    }
    out.push_str(&text[last..]);
    (out, n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_in_latin_and_khmer_digits_are_suggested() {
        let text = "Call me on 012 345 678 or ០៩៧-៧៧៧-៨៨៨៨, room 12.";
        let found = suggest(text, &[]);
        assert_eq!(found[0].text, "012 345 678");
        assert_eq!(found[0].kind, Kind::Phone);
        assert_eq!(found[1].text, "០៩៧-៧៧៧-៨៨៨៨");
        assert_eq!(found[1].kind, Kind::Phone);
        assert_eq!(found.len(), 2, "a two-digit room number is not suggested");
    }

    #[test]
    fn dates_names_and_places_are_suggested_as_such() {
        let text = "On 3/5/2024 Sokha met the police in Battambang; Samnang helped.";
        let found = suggest(text, &["Battambang"]);
        let kinds: Vec<(&str, Kind)> = found.iter().map(|s| (s.text.as_str(), s.kind)).collect();
        assert_eq!(
            kinds,
            vec![
                ("3/5/2024", Kind::Date),
                ("Sokha", Kind::Name),
                ("Battambang", Kind::Place),
                ("Samnang", Kind::Name),
            ]
        );
    }

    #[test]
    fn khmer_names_are_found_inside_unspaced_text() {
        let found = suggest("ខ្ញុំឈ្មោះសុខានៅបាត់ដំបង", &["បាត់ដំបង"]);
        let texts: Vec<&str> = found.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, vec!["សុខា", "បាត់ដំបង"]);
    }

    #[test]
    fn redaction_hides_every_occurrence_longest_first() {
        let (out, hidden) = redact(
            "Sokha Chea told Sokha's boss at 012345678.",
            &[
                "Sokha".into(),
                "Sokha Chea".into(),
                "012345678".into(),
                " ".into(),
            ],
        );
        assert_eq!(out, "[…] told […]'s boss at […].");
        assert_eq!(hidden, 3);
    }

    #[test]
    fn flagged_parts_are_marked_in_place() {
        let pieces = marked(
            "Call 012 345 678, Sokha.",
            &["Sokha".into(), "012 345 678".into()],
        );
        assert_eq!(
            pieces,
            vec![
                ("Call ".to_string(), false),
                ("012 345 678".to_string(), true),
                (", ".to_string(), false),
                ("Sokha".to_string(), true),
                (".".to_string(), false),
            ]
        );
    }

    #[test]
    fn hiding_a_latin_name_never_cuts_into_a_longer_word() {
        let (out, hidden) = redact("Sok met Sokha and Sok.", &["Sok".into()]);
        assert_eq!(out, "[…] met Sokha and […].");
        assert_eq!(hidden, 2);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn hiding_a_khmer_name_never_cuts_into_a_longer_word() {
        // សុខ (a name) and សុខភាព ("health"): only the name goes.
        let (out, hidden) = redact("ខ្ញុំឈ្មោះ សុខ។ សុខភាពខ្ញុំល្អ", &["សុខ".into()]);
        assert_eq!(out, "ខ្ញុំឈ្មោះ […]។ សុខភាពខ្ញុំល្អ");
        assert_eq!(hidden, 1);
        // A flagged span that no word boundary frames is still hidden where it was found.
        let out = hide_flagged("ភូមិអូរតាគីនៅជិតព្រំដែន", &["ភូមិអូរតាគី".into()]);
        assert!(!out.contains("អូរតាគី"), "{out}");
    }

    #[test]
    fn flags_are_undecided_until_hidden_or_kept() {
        let copy = "Sokha called 012 345 678 from Battambang.";
        let places = ["Battambang"];
        let all: Vec<String> = undecided(copy, &[], &places)
            .into_iter()
            .map(|s| s.text)
            .collect();
        assert_eq!(all, vec!["Sokha", "012 345 678", "Battambang"]);
        let (hidden, _) = redact(copy, &["012 345 678".into(), "Sokha".into()]);
        let kept = kept_list(Some("Battambang\n"));
        assert!(undecided(&hidden, &kept, &places).is_empty());
        assert_eq!(undecided(&hidden, &[], &places).len(), 1);
    }
}
