//! A forum's outcome document, pasted as text: its numbered list of recommendations split
//! into one item per number. Numbers may be Latin (`12.`) or Khmer (`១២.`), followed by a
//! full stop, a bracket, a Khmer full stop, a colon or a dash; a line that does not start
//! with one continues the item above. Lines before the first number (a title, a preamble)
//! are not items.
use unicode_segmentation::UnicodeSegmentation;

use super::khmer::to_ascii_digits;

/// The highest item number read as one: "2026." at the start of a line is a year, not item
/// two thousand and twenty-six.
const MOST_ITEMS: u32 = 999;

/// One numbered item: its number as written in the document, and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub number: u32,
    pub text: String,
}

/// The item number a line starts with, and the rest of the line.
fn numbered(line: &str) -> Option<(u32, &str)> {
    let line = line.trim_start();
    let line = line.strip_prefix('(').unwrap_or(line);
    let digits_end = line
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || ('០'..='៩').contains(c)))
        .map(|(i, _)| i)?;
    if digits_end == 0 {
        return None;
    }
    let number: u32 = to_ascii_digits(&line[..digits_end]).parse().ok()?;
    let rest = &line[digits_end..];
    let mark = rest.chars().next()?;
    if !matches!(mark, '.' | ')' | '។' | ':' | '៖' | '-' | '–' | '/') {
        return None;
    }
    let rest = &rest[mark.len_utf8()..];
    // "1.5 million" is a figure, not item one.
    if rest.chars().next().is_some_and(|c| !c.is_whitespace()) {
        return None;
    }
    (1..=MOST_ITEMS)
        .contains(&number)
        .then_some((number, rest.trim()))
}

/// Splits the document into its numbered items, in the order written.
pub fn split(document: &str) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    for line in document.lines() {
        match numbered(line) {
            Some((number, rest)) => items.push(Item {
                number,
                text: rest.to_string(),
            }),
            None => {
                let line = line.trim();
                if let (Some(item), false) = (items.last_mut(), line.is_empty()) {
                    if !item.text.is_empty() {
                        item.text.push(' ');
                    }
                    item.text.push_str(line);
                }
            }
        }
    }
    items.retain(|i| !i.text.is_empty());
    items
}

/// A title for an item: its first sentence, at most `max` characters (as people count them).
pub fn title_of(text: &str, max: usize) -> String {
    let first = text
        .split_inclusive(['។', '?', '!', '៕'])
        .next()
        .unwrap_or(text);
    // An English sentence ends at ". "; a number like 1.5 does not end one.
    let first = match first.find(". ") {
        Some(at) => &first[..=at],
        None => first,
    };
    let first = first.trim();
    let graphemes: Vec<&str> = first.graphemes(true).collect();
    if graphemes.len() <= max {
        first.to_string()
    } else {
        format!("{}…", graphemes[..max - 1].concat().trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_numbers_split_and_lines_continue_their_item() {
        let doc = "Siem Reap survivor forum: recommendations\n\n\
                   1. Train police on\n   victim-centred interviews.\n\
                   2) Open a shelter in every province.\n\
                   (3) Pay for 1.5 years of schooling.\n\
                   2026. was the year";
        let items = split(doc);
        assert_eq!(items.len(), 3, "{items:?}");
        assert_eq!(items[0].number, 1);
        assert_eq!(items[0].text, "Train police on victim-centred interviews.");
        assert_eq!(items[1].text, "Open a shelter in every province.");
        // A year at the start of a line is not item 2026: it continues item 3.
        assert_eq!(items[2].number, 3);
        assert!(items[2].text.ends_with("2026. was the year"));
    }

    #[test]
    fn khmer_numbers_split_too() {
        let doc = "អនុសាសន៍\n១. បណ្ដុះបណ្ដាលប៉ូលិស។\n២។ បើកទីជម្រក\nនៅគ្រប់ខេត្ត។\n១០- ផ្ដល់អាហារូបករណ៍។";
        let items = split(doc);
        let numbers: Vec<u32> = items.iter().map(|i| i.number).collect();
        assert_eq!(numbers, [1, 2, 10]);
        assert_eq!(items[1].text, "បើកទីជម្រក នៅគ្រប់ខេត្ត។");
    }

    #[test]
    fn a_figure_or_nothing_is_not_an_item() {
        assert!(split("1.5 million people\n12\nno numbers here").is_empty());
        assert!(split("").is_empty());
        assert!(
            split("1.\n2.   ").is_empty(),
            "numbers with no words are not items"
        );
    }

    #[test]
    fn a_title_is_the_first_sentence_cut_to_size() {
        assert_eq!(
            title_of("Open shelters. Fund them for 1.5 years.", 300),
            "Open shelters."
        );
        assert_eq!(title_of("បើកទីជម្រក។ ផ្ដល់ថវិកា។", 300), "បើកទីជម្រក។");
        assert_eq!(title_of("abcdefghij", 5), "abcd…");
        // Khmer letters with their marks are not cut apart.
        assert_eq!(title_of("ក្រសួង", 2).chars().last(), Some('…'));
    }
}
