//! Properties of what survivors type: receipt codes and Khmer digits, and the feedback form's
//! check, for any input (proptest; `fuzz/` runs the same for longer).
use std::collections::HashMap;

use app::{
    domain::{
        khmer::{to_ascii_digits, to_khmer_digits},
        lang::Lang,
        receipt::{DIGITS, MAX_INPUT_CHARS, ReceiptCode},
        submission::{check_feedback, check_proposal},
    },
    i18n,
};
use proptest::prelude::*;

fn separator() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(vec!["", " ", "-", "\u{200B}", "\u{00A0}"])
}

proptest! {
    #[test]
    fn a_code_typed_back_in_either_digits_with_any_separators_is_the_same_code(
        digits in "[0-9]{20}",
        khmer in any::<bool>(),
        seps in proptest::collection::vec(separator(), DIGITS),
    ) {
        let mut typed = String::new();
        for (digit, sep) in digits.chars().zip(seps) {
            typed.push(digit);
            typed.push_str(sep);
        }
        let typed = if khmer { to_khmer_digits(&typed) } else { typed };
        let code = ReceiptCode::parse(&typed);
        prop_assume!(typed.chars().count() <= MAX_INPUT_CHARS);
        prop_assert_eq!(code.as_ref().map(|c| c.expose().to_string()).ok(), Some(digits.clone()));
        // As shown, in either language, it reads back the same.
        if let Ok(code) = code {
            for lang in [Lang::Km, Lang::En] {
                let shown = ReceiptCode::parse(&code.grouped(lang));
                prop_assert_eq!(shown.map(|c| c.expose().to_string()).ok(), Some(digits.clone()));
            }
        }
    }

    #[test]
    fn anything_else_is_refused_with_a_translated_reason(input in any::<String>()) {
        match ReceiptCode::parse(&input) {
            Ok(code) => {
                prop_assert_eq!(code.expose().len(), DIGITS);
                prop_assert!(code.expose().bytes().all(|b| b.is_ascii_digit()));
            }
            Err(problem) => {
                let key = problem.message_key();
                prop_assert!(i18n::has(Lang::Km, key) && i18n::has(Lang::En, key));
            }
        }
    }

    #[test]
    fn khmer_digits_go_there_and_back_and_leave_the_rest(text in any::<String>()) {
        let khmer = to_khmer_digits(&text);
        prop_assert_eq!(khmer.chars().count(), text.chars().count());
        prop_assert!(!khmer.chars().any(|c| c.is_ascii_digit()));
        prop_assert_eq!(to_ascii_digits(&khmer), to_ascii_digits(&text));
        let ascii = to_ascii_digits(&text);
        prop_assert_eq!(to_ascii_digits(&ascii), ascii.clone());
        for (a, b) in text.chars().zip(ascii.chars()) {
            prop_assert!(a == b || a.is_numeric());
        }
    }

    #[test]
    fn any_form_is_either_valid_or_refused_with_translated_problems(
        pairs in proptest::collection::hash_map(
            prop_oneof![
                proptest::sample::select(vec![
                    "service", "province", "organisation", "text", "website", "theme",
                    "q-respect", "q-safe", "q-privacy", "q-rights", "q-choice", "q-helped",
                ]).prop_map(str::to_string),
                any::<String>(),
            ],
            prop_oneof![
                proptest::sample::select(vec!["shelter", "siem-reap", "unknown", "yes", "no", "prevention"])
                    .prop_map(str::to_string),
                any::<String>(),
                (1usize..20_000).prop_map(|n| "ស".repeat(n)),
            ],
            0..14,
        ),
    ) {
        let form: HashMap<String, String> = pairs;
        let problems = [
            check_feedback(&form).err(),
            check_proposal(&form).err(),
        ];
        for found in problems.into_iter().flatten() {
            prop_assert!(!found.is_empty());
            for (_, key) in found.iter() {
                prop_assert!(i18n::has(Lang::Km, key) && i18n::has(Lang::En, key), "{} untranslated", key);
            }
        }
    }
}
