//! What Cambodians actually share that identifies them, found by its shape or by the words
//! around it: email addresses, links and handles (Facebook, Telegram, WhatsApp, Line, TikTok,
//! Instagram), ID, passport and plate numbers, names after "my name is", ឈ្មោះ, លោក, បង …,
//! places below a province after ភូមិ, ឃុំ, "village" …, and named workplaces. Khmer is written
//! without spaces between words, so a name after a cue runs to the next space or sign, or a
//! few letters at most: more is flagged rather than less, since a facilitator decides each one.
use unicode_segmentation::UnicodeSegmentation;

use super::Kind;

/// A part found: where it starts (byte offset), its text, why.
pub type Found = (usize, String, Kind);

/// Hosts whose links lead to a person.
const LINK_HOSTS: &[&str] = &[
    "facebook.com",
    "fb.com",
    "fb.me",
    "m.me",
    "t.me",
    "telegram.me",
    "wa.me",
    "whatsapp.com",
    "line.me",
    "instagram.com",
    "tiktok.com",
    "youtube.com",
    "twitter.com",
    "x.com",
];

/// Words after which a Latin name follows.
const LATIN_NAME_CUES: &[&str] = &[
    "my name is ",
    "My name is ",
    "name is ",
    "named ",
    "called ",
    "Mr. ",
    "Mr ",
    "Mrs. ",
    "Mrs ",
    "Ms. ",
    "Ms ",
    "Miss ",
    "Madam ",
    "Lok ",
    "Neak Srey ",
    "Bong ",
];

/// Khmer words after which a name follows. Short ones (បង "older sibling", លោក "Mr") are
/// cues only when they stand as a word of their own, followed by a space: otherwise បង would
/// find its way into បង្ការ ("prevention").
const KHMER_NAME_CUES: &[(&str, bool)] = &[
    ("ខ្ញុំឈ្មោះ", false),
    ("ឈ្មោះថា", false),
    ("ឈ្មោះ", false),
    ("លោកស្រី", true),
    ("អ្នកស្រី", true),
    ("កញ្ញា", true),
    ("លោក", true),
    ("ប្អូន", true),
    ("បង", true),
];

/// Khmer words for places below a province, and for workplaces; what follows is the name.
const KHMER_PLACE_CUES: &[(&str, Kind)] = &[
    ("ភូមិ", Kind::Place),
    ("ឃុំ", Kind::Place),
    ("សង្កាត់", Kind::Place),
    ("ស្រុក", Kind::Place),
    ("ខណ្ឌ", Kind::Place),
    ("ក្រុមហ៊ុន", Kind::Workplace),
    ("រោងចក្រ", Kind::Workplace),
    ("ភោជនីយដ្ឋាន", Kind::Workplace),
    ("សណ្ឋាគារ", Kind::Workplace),
    ("កាស៊ីណូ", Kind::Workplace),
];

/// Latin words that name a place or workplace with capitalised words before them
/// ("Ou Ta Ki village", "Golden Star Company").
const LATIN_PLACE_WORDS: &[(&str, Kind)] = &[
    ("village", Kind::Place),
    ("Village", Kind::Place),
    ("commune", Kind::Place),
    ("Commune", Kind::Place),
    ("district", Kind::Place),
    ("District", Kind::Place),
    ("company", Kind::Workplace),
    ("Company", Kind::Workplace),
    ("Co.", Kind::Workplace),
    ("factory", Kind::Workplace),
    ("Factory", Kind::Workplace),
    ("centre", Kind::Workplace),
    ("Centre", Kind::Workplace),
    ("center", Kind::Workplace),
    ("Center", Kind::Workplace),
    ("restaurant", Kind::Workplace),
    ("Restaurant", Kind::Workplace),
    ("casino", Kind::Workplace),
    ("Casino", Kind::Workplace),
    ("karaoke", Kind::Workplace),
    ("Karaoke", Kind::Workplace),
    ("hotel", Kind::Workplace),
    ("Hotel", Kind::Workplace),
];

/// Words that can follow a place word without being its name ("the village where …").
const NOT_NAMES: &[&str] = &[
    "The", "the", "A", "a", "My", "my", "Our", "our", "Their", "their", "His", "her", "Her", "In",
    "in", "At", "at", "This", "this", "That", "that", "Every", "every", "Each", "each", "I", "We",
    "They", "He", "She", "It", "And", "and", "From", "from", "To", "to", "Of", "of",
];

pub fn is_khmer(c: char) -> bool {
    ('\u{1780}'..='\u{17FF}').contains(&c) || ('\u{19E0}'..='\u{19FF}').contains(&c)
}

fn is_khmer_letter(c: char) -> bool {
    is_khmer(c) && !matches!(c, '។' | '៕' | '៖' | 'ៗ' | '៘' | '៙' | '៚' | '០'..='៩')
}

/// Everything this module finds in `text`.
pub fn find(text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    emails(text, &mut found);
    links(text, &mut found);
    handles(text, &mut found);
    ids(text, &mut found);
    latin_names(text, &mut found);
    quoted_names(text, &mut found);
    khmer_after_cues(text, &mut found);
    latin_places(text, &mut found);
    found
}

/// Whitespace-separated pieces, trimmed of the punctuation sentences put around them: what
/// may be an address, a link, a handle or an ID.
fn tokens(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let part_of = !c.is_whitespace()
            && !matches!(c, '។' | '៖' | ',' | '(' | ')' | '"' | '“' | '”' | '«' | '»');
        match (part_of, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let piece = text[s..i].trim_end_matches(['.', '!', '?', ';', ':']);
                if !piece.is_empty() {
                    out.push((s, piece));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

fn emails(text: &str, found: &mut Vec<Found>) {
    for (at, piece) in tokens(text) {
        let Some((user, host)) = piece.split_once('@') else {
            continue;
        };
        let user_ok = !user.is_empty()
            && user
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '+'));
        let host_ok = host.contains('.')
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'));
        if user_ok && host_ok {
            found.push((at, piece.to_string(), Kind::Email));
        }
    }
}

fn links(text: &str, found: &mut Vec<Found>) {
    for (at, piece) in tokens(text) {
        let lower = piece.to_ascii_lowercase();
        let bare = lower
            .trim_start_matches("https://")
            .trim_start_matches("http://")
            .trim_start_matches("www.");
        let to_person = LINK_HOSTS
            .iter()
            .any(|h| bare.starts_with(&format!("{h}/")) || bare.starts_with(&format!("m.{h}/")));
        let any_link = lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("www.");
        if (to_person || any_link) && !piece.contains('@') || bare.starts_with("tiktok.com/@") {
            found.push((at, piece.to_string(), Kind::Link));
        }
    }
}

/// `@name` alone (Telegram, TikTok, Instagram): not an email address.
fn handles(text: &str, found: &mut Vec<Found>) {
    for (at, piece) in tokens(text) {
        if let Some(name) = piece.strip_prefix('@')
            && name.len() >= 3
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.'))
        {
            found.push((at, piece.to_string(), Kind::Link));
        }
    }
}

/// Letters and digits together, with at least four digits: ID cards, passports (N0123456),
/// plates (2A-1234, ភ្នំពេញ 2AB-3456), work permits.
fn ids(text: &str, found: &mut Vec<Found>) {
    for (at, piece) in tokens(text) {
        let digits = piece.chars().filter(|c| c.is_ascii_digit()).count();
        let letters = piece.chars().filter(|c| c.is_ascii_alphabetic()).count();
        let shape = piece
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '/');
        if shape && digits >= 4 && (1..=4).contains(&letters) {
            found.push((at, piece.to_string(), Kind::Number));
        }
    }
}

/// One or two capitalised words starting at `at`.
fn capitalised_words(text: &str, at: usize, most: usize) -> Option<(usize, usize)> {
    let mut end = at;
    let mut words = 0;
    let rest = &text[at..];
    let mut offset = 0;
    for word in rest.split(' ') {
        let clean = word.trim_end_matches(['.', ',', '!', '?', ';', ':', '\'', '"', '’', ')']);
        let starts_upper = clean.chars().next().is_some_and(char::is_uppercase);
        let lettered = clean
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'');
        if clean.is_empty() || !starts_upper || !lettered || NOT_NAMES.contains(&clean) {
            break;
        }
        end = at + offset + clean.len();
        words += 1;
        offset += word.len() + 1;
        if words == most || clean.len() < word.len() {
            break;
        }
    }
    (words > 0).then_some((at, end))
}

fn latin_names(text: &str, found: &mut Vec<Found>) {
    for cue in LATIN_NAME_CUES {
        for (at, _) in text.match_indices(cue) {
            let before_ok = text[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            if !before_ok {
                continue;
            }
            if let Some((s, e)) = capitalised_words(text, at + cue.len(), 3) {
                found.push((s, text[s..e].to_string(), Kind::Name));
            }
        }
    }
}

/// A short capitalised name in quotes: "Srey Pov", «ស្រីពៅ».
fn quoted_names(text: &str, found: &mut Vec<Found>) {
    for (open, close) in [('"', '"'), ('“', '”'), ('«', '»')] {
        let mut rest = 0;
        while let Some(s) = text[rest..].find(open).map(|i| rest + i + open.len_utf8()) {
            let Some(e) = text[s..].find(close).map(|i| s + i) else {
                break;
            };
            let inner = text[s..e].trim();
            let words = inner.split_whitespace().count();
            let khmer = inner.chars().any(is_khmer) && inner.graphemes(true).count() <= 12;
            let latin = inner.split_whitespace().all(|w| {
                w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars().all(char::is_alphabetic)
            });
            if !inner.is_empty() && words <= 3 && (khmer || latin) {
                found.push((
                    s + text[s..e].find(inner).unwrap_or(0),
                    inner.to_string(),
                    Kind::Name,
                ));
            }
            rest = e + close.len_utf8();
        }
    }
}

/// The Khmer name after a cue: the letters up to the next space or sign; when a space comes
/// straight after the cue, the next one or two words (a family name and a given name).
fn khmer_name_after(text: &str, at: usize) -> Option<(usize, usize)> {
    let rest = &text[at..];
    let skipped = rest.len() - rest.trim_start_matches(' ').len();
    let start = at + skipped;
    // A name we know, written straight after the cue: exactly that name.
    if skipped == 0
        && let Some(known) = super::NAMES
            .iter()
            .filter(|n| !n.is_ascii() && text[start..].starts_with(**n))
            .max_by_key(|n| n.len())
    {
        return Some((start, start + known.len()));
    }
    let mut end = start;
    let mut words = 0;
    let mut letters = 0;
    let mut chars = text[start..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_khmer_letter(c) {
            letters += 1;
            end = start + i + c.len_utf8();
            if letters >= 16 {
                break;
            }
        } else if c == ' '
            && skipped > 0
            && words == 0
            && chars.peek().is_some_and(|(_, n)| is_khmer_letter(*n))
        {
            // "ឈ្មោះ សុខ ចាន់ថា": a family name, a space, a given name.
            words += 1;
        } else {
            break;
        }
    }
    (end > start).then_some((start, end))
}

/// Filler between a cue and the name: "ឈ្មោះរបស់ខ្ញុំគឺ" ("my name is").
const KHMER_FILLERS: &[&str] = &["របស់ខ្ញុំគឺ", "របស់ខ្ញុំ", "គឺ", "ថា"];

fn khmer_after_cues(text: &str, found: &mut Vec<Found>) {
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for (cue, standalone) in KHMER_NAME_CUES {
        for (at, _) in text.match_indices(cue) {
            let end_of_cue = at + cue.len();
            if taken.iter().any(|(s, e)| at >= *s && at < *e) {
                continue;
            }
            let before = text[..at].chars().next_back();
            let after = text[end_of_cue..].chars().next();
            if *standalone && (before.is_some_and(is_khmer_letter) || after != Some(' ')) {
                continue;
            }
            // A cue inside a longer word ("ឈ្មោះ" is not inside others; short cues were checked).
            if after.is_some_and(|c| ('\u{17B6}'..='\u{17D3}').contains(&c)) {
                continue;
            }
            let mut from = end_of_cue;
            for filler in KHMER_FILLERS {
                if text[from..].trim_start().starts_with(filler) {
                    from = text.len() - text[from..].trim_start().len() + filler.len();
                    break;
                }
            }
            if let Some((s, e)) = khmer_name_after(text, from) {
                taken.push((at, e));
                found.push((s, text[s..e].to_string(), Kind::Name));
            }
        }
    }
    for (cue, kind) in KHMER_PLACE_CUES {
        for (at, _) in text.match_indices(cue) {
            let end_of_cue = at + cue.len();
            if text[end_of_cue..]
                .chars()
                .next()
                .is_some_and(|c| ('\u{17B6}'..='\u{17D3}').contains(&c))
            {
                continue;
            }
            if let Some((_, e)) = khmer_name_after(text, end_of_cue) {
                found.push((at, text[at..e].to_string(), *kind));
            }
        }
    }
}

fn latin_places(text: &str, found: &mut Vec<Found>) {
    for (word, kind) in LATIN_PLACE_WORDS {
        for (at, _) in text.match_indices(word) {
            let end = at + word.len();
            let whole = !text[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
                && !text[end..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
            if !whole {
                continue;
            }
            // Capitalised words before it: "Ou Ta Ki village", "Golden Star Company".
            let trimmed = text[..at].trim_end();
            let mut start = at;
            let mut cursor = trimmed.len();
            let mut count = 0;
            while count < 4 && cursor > 0 {
                let word_start = trimmed[..cursor].rfind(' ').map_or(0, |i| i + 1);
                let w = &trimmed[word_start..cursor];
                let upper = w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '&');
                if !upper || NOT_NAMES.contains(&w) {
                    break;
                }
                start = word_start;
                count += 1;
                if word_start == 0 {
                    break;
                }
                cursor = word_start - 1;
            }
            if count > 0 {
                found.push((start, text[start..end].to_string(), *kind));
                continue;
            }
            // Or after it: "the village of Ou Ta Ki", "Commune Kampong Svay".
            let after = text[end..]
                .strip_prefix(" of ")
                .map(|_| end + 4)
                .or_else(|| text[end..].strip_prefix(' ').map(|_| end + 1));
            if let Some(from) = after
                && let Some((s, e)) = capitalised_words(text, from, 3)
            {
                found.push((s, text[s..e].to_string(), *kind));
            }
        }
    }
}
