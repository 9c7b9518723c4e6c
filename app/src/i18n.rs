//! Every user-facing string comes from the Fluent files in `locales/`.
use std::{
    borrow::Cow,
    collections::HashMap,
    sync::{LazyLock, PoisonError, RwLock},
};

use fluent_templates::{LanguageIdentifier, Loader, fluent_bundle::FluentValue, langid};

use crate::domain::lang::Lang;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "../locales",
        fallback_language: "en",
        // Bidi isolation marks show as boxes on some cheap phones; our arguments are plain text.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static KM: LanguageIdentifier = langid!("km");
static EN: LanguageIdentifier = langid!("en");

fn id(lang: Lang) -> &'static LanguageIdentifier {
    match lang {
        Lang::Km => &KM,
        Lang::En => &EN,
    }
}

/// The message `key` in `lang`.
pub fn t(lang: Lang, key: &str) -> String {
    let table = &PLAIN[lang_index(lang)];
    if let Some(text) = table
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .get(key)
    {
        return text.clone();
    }
    let text = LOCALES.lookup(id(lang), key);
    // Only messages that exist are kept, and only so many: a key built from a request cannot
    // grow the table.
    if has(lang, key) || has(Lang::En, key) {
        let mut table = table.write().unwrap_or_else(PoisonError::into_inner);
        if table.len() < PLAIN_AT_MOST {
            table.insert(key.into(), text.clone());
        }
    }
    text
}

/// Messages without arguments, formatted once per language. A page asks for dozens of them,
/// and each Fluent lookup negotiates the language and formats the pattern again: about a
/// tenth of a signed-in list page's CPU before they were kept.
static PLAIN: LazyLock<[KeptMessages; 2]> =
    LazyLock::new(|| [RwLock::default(), RwLock::default()]);

/// One language's formatted messages, by id.
type KeptMessages = RwLock<HashMap<Box<str>, String>>;

/// More than every message in `locales/` (about 950 a language).
const PLAIN_AT_MOST: usize = 4096;

fn lang_index(lang: Lang) -> usize {
    match lang {
        Lang::Km => 0,
        Lang::En => 1,
    }
}

/// The message `key` in `lang` with named arguments. Pass numbers shown to readers already
/// formatted (Khmer digits); pass a raw number only where Fluent selects a plural form.
pub fn t_args(lang: Lang, key: &str, args: &[(&'static str, Arg)]) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(k, v)| {
            let value = match v {
                Arg::Text(s) => FluentValue::from(s.clone()),
                Arg::Count(n) => FluentValue::from(*n),
            };
            (Cow::Borrowed(*k), value)
        })
        .collect();
    LOCALES.lookup_with_args(id(lang), key, &args)
}

/// An argument of a Fluent message.
#[derive(Clone, Debug)]
pub enum Arg {
    Text(String),
    Count(i64),
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

/// Whether `key` exists in `lang` itself, without falling back.
pub fn has(lang: Lang, key: &str) -> bool {
    LOCALES
        .lookup_single_language::<&str>(id(lang), key, None)
        .is_ok()
}

/// The language of the page being rendered, provided by the layout from the URL.
pub fn use_lang() -> Lang {
    leptos::prelude::use_context::<Lang>().unwrap_or_default()
}

#[cfg(test)]
mod tests;
