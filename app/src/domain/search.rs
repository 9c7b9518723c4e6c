//! Words for search, made the same way for stored text and for a query, so that a word is
//! found however it was typed.
//!
//! Khmer is written without spaces between words: text is cut into words by ICU4X's dictionary
//! segmenter (the one the redaction finder uses). A dictionary may cut a compound in running
//! text differently from the same compound typed alone, so the index also keeps each pair of
//! neighbouring Khmer words joined, and a query's Khmer run matches either as a whole or word
//! by word. Every word is normalised: NFC, no zero-width characters, Khmer digits as Latin,
//! Khmer vowel and sign marks in one order, lower case, English words stemmed ("scams" and
//! "scam" are one word).
use std::collections::{BTreeSet, HashMap};

use unicode_normalization::UnicodeNormalization;

use super::submission::is_invisible;

/// Where a word was found; a lower tier ranks higher.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    /// The reference or the title (a forum's title).
    Title = 1,
    /// The recommendation's text (a forum's summary).
    Text = 2,
    /// An answer: position, commitment, progress notes.
    Answer = 3,
}

/// Longest stored word, in characters; longer runs (a pasted address) are cut.
pub const MAX_TERM_CHARS: usize = 64;
/// Most words a query may have; the rest are ignored.
pub const MAX_QUERY_WORDS: usize = 8;

/// What a query asks: every chunk (a run between spaces) must be found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    chunks: Vec<Chunk>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Chunk {
    /// The chunk as one word.
    whole: String,
    /// The chunk cut into words (the same as `whole` for most Latin words).
    parts: Vec<String>,
}

impl Query {
    pub fn parse(typed: &str) -> Query {
        let chunks = typed
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '"' | '។' | '៕'))
            .filter_map(|chunk| {
                let parts = words(chunk);
                let whole = normal_word(chunk);
                (!parts.is_empty()).then(|| Chunk {
                    whole: if parts.len() > 1 {
                        whole
                    } else {
                        parts[0].clone()
                    },
                    parts,
                })
            })
            .take(MAX_QUERY_WORDS)
            .collect();
        Query { chunks }
    }

    pub fn is_empty(&self) -> bool {
        self.chunks.is_empty()
    }

    /// Each chunk: as one word, and word by word.
    pub fn chunks(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.chunks
            .iter()
            .map(|c| (c.whole.as_str(), c.parts.as_slice()))
    }

    /// Every word to look up in the index.
    pub fn terms(&self) -> BTreeSet<String> {
        self.chunks
            .iter()
            .flat_map(|c| std::iter::once(c.whole.clone()).chain(c.parts.iter().cloned()))
            .collect()
    }

    /// How well one item matches, given the best tier each of its words was found in: lower
    /// is better; `None` when some chunk is not found at all. The worst place any chunk was
    /// found decides first (all words in titles beat some only in answers), then the sum.
    pub fn rank(&self, found: &HashMap<String, Tier>) -> Option<u32> {
        self.rank_by(|word| found.get(word).copied())
    }

    /// `rank`, with the best tier of each word told by `found`.
    pub fn rank_by(&self, found: impl Fn(&str) -> Option<Tier>) -> Option<u32> {
        // Folded without collecting: a search ranks tens of thousands of items with this.
        let (mut worst, mut sum) = (0, 0);
        for chunk in &self.chunks {
            let whole = found(&chunk.whole);
            let parts = chunk
                .parts
                .iter()
                .try_fold(Tier::Title, |worst_part, p| Some(worst_part.max(found(p)?)))
                .filter(|_| !chunk.parts.is_empty());
            let tier = match (whole, parts) {
                (Some(a), Some(b)) => a.min(b),
                (a, b) => a.or(b)?,
            } as u32;
            worst = worst.max(tier);
            sum += tier;
        }
        Some(worst * 100 + sum)
    }

    /// Whether a piece of text (one word as the segmenter cut it) holds a word the query
    /// asks for, as the index would find it.
    fn finds_in(&self, piece: &str) -> bool {
        has_letters(piece)
            && index_terms(piece).iter().any(|word| {
                self.chunks
                    .iter()
                    .any(|c| &c.whole == word || c.parts.iter().any(|p| p == word))
            })
    }
}

/// The words of `text` to store in the index: each word, each pair of neighbouring Khmer
/// words joined, and the beginnings and ends of each Khmer word (two letter clusters or
/// more), because the dictionary keeps a compound such as ប្រាក់សំណង whole while a reader
/// looks for សំណង.
pub fn index_terms(text: &str) -> BTreeSet<String> {
    let words = words(text);
    let mut terms: BTreeSet<String> = words.iter().cloned().collect();
    for word in words.iter().filter(|w| w.chars().any(is_khmer)) {
        let clusters = khmer_clusters(word);
        for n in 2..clusters.len() {
            terms.insert(clusters[..n].concat());
            terms.insert(clusters[clusters.len() - n..].concat());
        }
    }
    for pair in words.windows(2) {
        if pair.iter().all(|w| w.chars().any(is_khmer)) {
            terms.insert(cut(format!("{}{}", pair[0], pair[1])));
        }
    }
    terms
}

/// `text` in pieces, each marked when it is a word the query asks for: for showing a
/// result with its matching words highlighted (the page escapes every piece).
pub fn mark(text: &str, query: &Query) -> Vec<(String, bool)> {
    let mut pieces: Vec<(String, bool)> = Vec::new();
    for piece in segments(text) {
        let hit = query.finds_in(piece);
        match pieces.last_mut() {
            Some((last, marked)) if *marked == hit && !hit => last.push_str(piece),
            _ => pieces.push((piece.to_string(), hit)),
        }
    }
    pieces
}

/// A short part of `text` around its first marked word (about `around` pieces each side),
/// with "…" where it was cut; `None` when no word of the query is in it.
pub fn snippet(text: &str, query: &Query, around: usize) -> Option<Vec<(String, bool)>> {
    let pieces: Vec<(String, bool)> = segments(text)
        .map(|p| (p.to_string(), query.finds_in(p)))
        .collect();
    let first = pieces.iter().position(|(_, hit)| *hit)?;
    let start = first.saturating_sub(around);
    let end = (first + around + 1).min(pieces.len());
    let mut out: Vec<(String, bool)> = Vec::new();
    if start > 0 {
        out.push(("…".to_string(), false));
    }
    for (text, hit) in &pieces[start..end] {
        match out.last_mut() {
            Some((last, false)) if !hit => last.push_str(text),
            _ => out.push((text.clone(), *hit)),
        }
    }
    if end < pieces.len() {
        out.push(("…".to_string(), false));
    }
    Some(out)
}

/// The normalised words of `text`, in order.
fn words(text: &str) -> Vec<String> {
    let visible: String = text.chars().filter(|c| !is_invisible(*c)).collect();
    segments(&visible)
        .filter(|s| has_letters(s))
        .map(normal_word)
        .filter(|w| !w.is_empty())
        .collect()
}

/// `text` cut at every word boundary (spaces and punctuation are pieces too).
fn segments(text: &str) -> impl Iterator<Item = &str> {
    let bounds = word_boundaries(text);
    bounds
        .windows(2)
        .map(|w| &text[w[0]..w[1]])
        .collect::<Vec<_>>()
        .into_iter()
}

thread_local! {
    /// ICU4X's dictionary segmenter: on the glossary's words in running text it finds more
    /// than the LSTM model does (`tests::the_dictionary_cuts_khmer_better_than_the_lstm`).
    static SEGMENTER: std::cell::RefCell<icu_segmenter::WordSegmenter> =
        std::cell::RefCell::new(icu_segmenter::WordSegmenter::new_dictionary());
}

fn word_boundaries(text: &str) -> Vec<usize> {
    SEGMENTER.with(|segmenter| segmenter.borrow().segment_str(text).collect())
}

/// Runs `work` with ICU4X's LSTM segmenter instead, on this thread: the comparison behind
/// the choice of the dictionary.
#[cfg(test)]
fn with_lstm<T>(work: impl FnOnce() -> T) -> T {
    let lstm = icu_segmenter::WordSegmenter::new_lstm();
    let dictionary = SEGMENTER.with(|segmenter| segmenter.replace(lstm));
    let result = work();
    SEGMENTER.with(|segmenter| segmenter.replace(dictionary));
    result
}

fn has_letters(piece: &str) -> bool {
    piece.chars().any(char::is_alphanumeric)
}

/// One word as stored and looked up.
fn normal_word(word: &str) -> String {
    let composed: String = word
        .nfc()
        .filter(|c| !is_invisible(*c) && !c.is_whitespace())
        .map(latin_digit)
        .flat_map(char::to_lowercase)
        .collect();
    let ordered = order_khmer_marks(&composed);
    let stemmed = if ordered.chars().all(|c| c.is_ascii_alphabetic()) {
        stem(&ordered)
    } else {
        ordered
    };
    cut(stemmed)
}

fn cut(word: String) -> String {
    if word.chars().count() <= MAX_TERM_CHARS {
        word
    } else {
        word.chars().take(MAX_TERM_CHARS).collect()
    }
}

fn stem(word: &str) -> String {
    thread_local! {
        static STEMMER: rust_stemmers::Stemmer =
            rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    }
    STEMMER.with(|s| s.stem(word).into_owned())
}

fn latin_digit(c: char) -> char {
    match c {
        '០'..='៩' => char::from(b'0' + (c as u32 - '០' as u32) as u8),
        _ => c,
    }
}

/// A Khmer word cut into letter clusters: a letter with its marks and the letters written
/// under it (after a coeng).
fn khmer_clusters(word: &str) -> Vec<&str> {
    let mut starts: Vec<usize> = Vec::new();
    let mut after_coeng = false;
    for (at, c) in word.char_indices() {
        let base = !after_coeng && mark_order(c).is_none() && c != '\u{17D2}';
        if base {
            starts.push(at);
        }
        after_coeng = c == '\u{17D2}';
    }
    starts.push(word.len());
    starts.windows(2).map(|w| &word[w[0]..w[1]]).collect()
}

fn is_khmer(c: char) -> bool {
    ('\u{1780}'..='\u{17FF}').contains(&c) || ('\u{19E0}'..='\u{19FF}').contains(&c)
}

/// The place of a Khmer mark after its letter: subscript consonants (a coeng and the letter
/// it carries) first, then the register shifters, the vowels, and the other signs. A word
/// typed with its marks in another order (the keyboard allows it, and it looks the same)
/// becomes the same word.
fn mark_order(c: char) -> Option<u8> {
    match c {
        '\u{17C9}' | '\u{17CA}' => Some(1),
        '\u{17B6}'..='\u{17C5}' => Some(2),
        '\u{17C6}'..='\u{17C8}' | '\u{17CB}'..='\u{17D1}' | '\u{17D3}' | '\u{17DD}' => Some(3),
        _ => None,
    }
}

fn order_khmer_marks(word: &str) -> String {
    if !word.chars().any(is_khmer) {
        return word.to_string();
    }
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len());
    let mut i = 0;
    while i < chars.len() {
        out.push(chars[i]);
        i += 1;
        // The marks after this letter: coeng pairs keep their order, the rest are sorted.
        let mut subscripts: Vec<char> = Vec::new();
        let mut marks: Vec<(u8, char)> = Vec::new();
        while i < chars.len() {
            if chars[i] == '\u{17D2}' && i + 1 < chars.len() {
                subscripts.extend([chars[i], chars[i + 1]]);
                i += 2;
            } else if let Some(order) = mark_order(chars[i]) {
                marks.push((order, chars[i]));
                i += 1;
            } else {
                break;
            }
        }
        marks.sort_by_key(|(order, _)| *order);
        out.extend(subscripts);
        out.extend(marks.into_iter().map(|(_, c)| c));
    }
    out
}

#[cfg(test)]
mod tests;
