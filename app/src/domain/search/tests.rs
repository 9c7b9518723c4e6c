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
fn a_single_word_is_told_apart_from_words_and_compounds() {
    assert_eq!(Query::parse("  Shelters ").single_word(), Some("shelter"));
    assert_eq!(Query::parse("shelter compensation").single_word(), None);
    // A Khmer phrase typed without spaces is several words, found whole or word by word.
    assert_eq!(Query::parse("ការងារផ្លូវភេទ").single_word(), None);
    assert_eq!(Query::parse("").single_word(), None);
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
