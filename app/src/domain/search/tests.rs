//! The words rule on phrases people type and write.
use super::*;

fn found(terms: &BTreeSet<String>, tier: Tier) -> HashMap<String, Tier> {
    terms.iter().map(|t| (t.clone(), tier)).collect()
}

#[test]
fn a_khmer_word_in_running_text_is_found() {
    let text = "ជនរងគ្រោះត្រូវការការងារនិងការបណ្តុះបណ្តាលវិជ្ជាជីវៈ";
    let stored = index_terms(text);
    for typed in ["ការងារ", "ការ\u{200B}ងារ", " ការងារ  ", "វិជ្ជាជីវៈ"]
    {
        let q = Query::parse(typed);
        assert!(
            q.rank(&found(&stored, Tier::Text)).is_some(),
            "{typed}: {stored:?}"
        );
    }
    assert!(
        Query::parse("ផ្ទះ")
            .rank(&found(&stored, Tier::Text))
            .is_none()
    );
}

#[test]
fn english_word_forms_are_one_word() {
    let stored = index_terms("Villagers were warned about online scams.");
    for typed in ["scam", "SCAMS", "villager", "warning"] {
        assert!(
            Query::parse(typed)
                .rank(&found(&stored, Tier::Text))
                .is_some(),
            "{typed}"
        );
    }
}

#[test]
fn khmer_digits_and_mark_order_do_not_matter() {
    let stored = index_terms("ឆ្នាំ២០២៥");
    assert!(
        Query::parse("2025")
            .rank(&found(&stored, Tier::Text))
            .is_some()
    );
    // ុ then ំ, and ំ then ុ, look the same.
    assert_eq!(normal_word("ជុំ"), normal_word("ជំុ"));
}

#[test]
fn every_chunk_must_be_found_and_titles_rank_first() {
    let q = Query::parse("shelter compensation");
    let title = found(&index_terms("Shelters for victims"), Tier::Title);
    assert_eq!(q.rank(&title), None);
    let mut both = title.clone();
    both.extend(found(&index_terms("compensation"), Tier::Answer));
    assert_eq!(q.rank(&both), Some(300 + 1 + 3));
    let text_only = found(&index_terms("shelter compensation"), Tier::Text);
    assert!(q.rank(&text_only) < q.rank(&both));
}

#[test]
fn marks_the_words_asked_for() {
    let q = Query::parse("shelters");
    let pieces = mark("A shelter in every province.", &q);
    assert!(pieces.contains(&("shelter".to_string(), true)));
    assert_eq!(
        pieces.iter().map(|p| p.0.as_str()).collect::<String>(),
        "A shelter in every province."
    );
    let long = "word ".repeat(40) + "shelter" + &" more".repeat(40);
    let cut = snippet(&long, &q, 6).unwrap_or_default();
    assert!(cut.first().is_some_and(|p| p.0.starts_with('…')));
    assert!(cut.last().is_some_and(|p| p.0.ends_with('…')));
    assert!(cut.iter().any(|p| p.1));
    assert_eq!(snippet("nothing here", &q, 6), None);
}

/// The glossary's words (../shared/GLOSSARY.md), as people would type them into the box.
const GLOSSARY: [&str; 30] = [
    "ការជួញដូរមនុស្ស",
    "អ្នករស់រានមានជីវិត",
    "មតិយោបល់",
    "អនុសាសន៍",
    "វេទិកា",
    "ការឆ្លើយតប",
    "លេខកូដ",
    "អ្នកសម្របសម្រួល",
    "មន្ត្រី",
    "អង្គការ",
    "ស្ថាប័ន",
    "ក្រសួង",
    "ការបង្ការ",
    "ការការពារ",
    "ការផ្ដន្ទាទោស",
    "ភាពជាដៃគូ",
    "មណ្ឌលស្នាក់នៅបណ្ដោះអាសន្ន",
    "ជំនួយផ្នែកច្បាប់",
    "នគរបាល",
    "តុលាការ",
    "សេវាសុខាភិបាល",
    "ការប្រឹក្សាផ្លូវចិត្ត",
    "ការបណ្ដុះបណ្ដាលជំនាញ",
    "ការធ្វើមាតុភូមិនិវត្តន៍",
    "ហួសកាលកំណត់",
    "ខេត្ត",
    "ទូរស័ព្ទ",
    "ចម្លើយ",
    "សំណង",
    "ការងារ",
];

/// Running text around a word: "we need … in our community", "… helped me a lot", "about
/// the government's …".
const FRAMES: [(&str, &str); 3] = [
    ("យើងត្រូវការ", "នៅក្នុងសហគមន៍របស់យើង"),
    ("", "បានជួយខ្ញុំច្រើនណាស់"),
    ("អំពី", "របស់រដ្ឋាភិបាល"),
];

/// How many of the glossary's words, each in every frame, a search for the word finds.
fn glossary_found() -> usize {
    GLOSSARY
        .iter()
        .flat_map(|word| {
            FRAMES
                .iter()
                .map(move |(before, after)| (word, before, after))
        })
        .filter(|(word, before, after)| {
            let stored = index_terms(&format!("{before}{word}{after}"));
            Query::parse(word)
                .rank(&found(&stored, Tier::Text))
                .is_some()
        })
        .count()
}

#[test]
fn the_dictionary_cuts_khmer_better_than_the_lstm() {
    let dictionary = glossary_found();
    let lstm = with_lstm(glossary_found);
    let all = GLOSSARY.len() * FRAMES.len();
    assert_eq!(
        dictionary, all,
        "every glossary word is found in running text"
    );
    assert!(
        dictionary >= lstm,
        "the LSTM finds {lstm} of {all}, the dictionary {dictionary}: use the better one"
    );
}
