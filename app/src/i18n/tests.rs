use std::{collections::BTreeSet, fs, path::Path};

use super::{LOCALES, Loader, PLAIN, has, id, lang_index, t};
use crate::domain::{
    lang::Lang,
    org::OrgKind,
    province::Province,
    status::{Position, Stage, Status},
    theme::Theme,
};

/// The message ids defined in one language's Fluent files.
fn keys(lang: &str) -> BTreeSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../locales")
        .join(lang);
    let mut keys = BTreeSet::new();
    for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
        let text = fs::read_to_string(entry.path()).unwrap_or_default();
        for line in text.lines() {
            if let Some((id, _)) = line.split_once(" =")
                && id.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && !id.contains(' ')
            {
                keys.insert(id.to_string());
            }
        }
    }
    keys
}

#[test]
fn every_key_exists_in_both_languages() {
    let (en, km) = (keys("en"), keys("km"));
    assert!(en.len() > 50, "found only {} English keys", en.len());
    let only_en: Vec<_> = en.difference(&km).collect();
    let only_km: Vec<_> = km.difference(&en).collect();
    assert!(only_en.is_empty(), "missing in Khmer: {only_en:?}");
    assert!(only_km.is_empty(), "missing in English: {only_km:?}");
}

#[test]
fn every_coded_value_has_a_label_in_both_languages() {
    let labels: Vec<String> = Theme::ALL
        .iter()
        .map(|v| v.label_key())
        .chain(Status::ALL.iter().map(|v| v.label_key()))
        .chain(Position::ALL.iter().map(|v| v.label_key()))
        .chain(Stage::ALL.iter().map(|v| v.label_key()))
        .chain(OrgKind::ALL.iter().map(|v| v.label_key()))
        .chain(Province::ALL.iter().map(|v| v.label_key()))
        .collect();
    let labels: Vec<String> = labels
        .into_iter()
        .chain(
            crate::views::admin::AUDITED_ACTIONS
                .iter()
                .map(|a| format!("audit-action-{a}")),
        )
        .chain(crate::domain::role::Role::ALL.iter().map(|r| r.label_key()))
        .chain(
            crate::domain::curation::TranslationState::ALL
                .iter()
                .map(|v| v.label_key()),
        )
        .chain(
            crate::domain::curation::Source::ALL
                .iter()
                .map(|v| v.label_key()),
        )
        .chain(
            crate::domain::feedback::ServiceType::ALL
                .iter()
                .map(|v| v.label_key()),
        )
        .chain(
            crate::domain::feedback::Question::ALL
                .iter()
                .map(|v| v.label_key()),
        )
        .chain(
            crate::domain::feedback::Answer::ALL
                .iter()
                .map(|v| v.label_key()),
        )
        .chain(
            crate::domain::feedback::ModerationState::ALL
                .iter()
                .flat_map(|v| [v.label_key(), v.survivor_label_key().to_string()]),
        )
        .chain(
            [
                crate::domain::redaction::Kind::Phone,
                crate::domain::redaction::Kind::Number,
                crate::domain::redaction::Kind::Date,
                crate::domain::redaction::Kind::Name,
                crate::domain::redaction::Kind::Place,
            ]
            .iter()
            .map(|k| k.label_key().to_string()),
        )
        .chain(
            [
                crate::domain::receipt::ReceiptProblem::Empty,
                crate::domain::receipt::ReceiptProblem::TooLong,
                crate::domain::receipt::ReceiptProblem::NotDigits,
                crate::domain::receipt::ReceiptProblem::WrongLength,
            ]
            .iter()
            .map(|p| p.message_key().to_string()),
        )
        .collect();
    for key in &labels {
        for lang in Lang::ALL {
            assert!(has(lang, key), "{key} missing in {lang:?}");
        }
    }
}

#[test]
fn plurals_and_arguments_resolve() {
    use super::{Arg, t_args};
    let one = t_args(
        Lang::En,
        "home-count",
        &[("count", Arg::Count(1)), ("shown", "1".to_string().into())],
    );
    assert_eq!(one, "1 recommendation so far.");
    let km = t_args(
        Lang::Km,
        "home-count",
        &[
            ("count", Arg::Count(37)),
            ("shown", "៣៧".to_string().into()),
        ],
    );
    assert_eq!(km, "អនុសាសន៍ចំនួន ៣៧ រហូតមកដល់ពេលនេះ។");
    assert_eq!(t(Lang::Km, "theme-prosecution"), "ការផ្ដន្ទាទោស");
}

/// Every key the code names literally (`t(lang, "…")`, `t_args(lang, "…"`, and the form
/// problems' `"form-error-…"`) exists in both languages: a typo would show a raw key.
#[test]
fn every_key_named_in_the_code_exists() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![root];
    let mut named = BTreeSet::new();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                for opener in ["t(lang, \"", "t_args(lang, \"", "\"form-error-"] {
                    for (at, _) in text.match_indices(opener) {
                        let start = if opener.starts_with('"') {
                            at + 1
                        } else {
                            at + opener.len()
                        };
                        if let Some(len) = text[start..].find('"')
                            && !text[start..start + len].ends_with(['-', '…'])
                        {
                            named.insert(text[start..start + len].to_string());
                        }
                    }
                }
            }
        }
    }
    assert!(named.len() > 100, "too few keys found: {}", named.len());
    let (en, km) = (keys("en"), keys("km"));
    let missing: Vec<&String> = named
        .iter()
        .filter(|key| !en.contains(*key) || !km.contains(*key))
        .collect();
    assert!(missing.is_empty(), "missing: {missing:?}");
}

#[test]
fn a_kept_message_reads_as_fluent_formats_it_and_unknown_keys_are_not_kept() {
    for lang in [Lang::Km, Lang::En] {
        for key in keys("en") {
            let fluent = LOCALES.lookup(id(lang), &key);
            assert_eq!(t(lang, &key), fluent, "{key} the first time");
            assert_eq!(t(lang, &key), fluent, "{key} when kept");
        }
        let unknown = "no-such-message-built-from-a-request";
        assert_eq!(t(lang, unknown), LOCALES.lookup(id(lang), unknown));
        let table = PLAIN[lang_index(lang)]
            .read()
            .unwrap_or_else(|e| e.into_inner());
        assert!(table.contains_key("nav-home") || !has(lang, "nav-home"));
        assert!(!table.contains_key(unknown), "an unknown key was kept");
    }
}
