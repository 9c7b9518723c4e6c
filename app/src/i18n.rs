//! Every user-facing string comes from the Fluent files in `locales/`.
use std::{borrow::Cow, collections::HashMap};

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
    LOCALES.lookup(id(lang), key)
}

/// The message `key` in `lang` with named string arguments (numbers already formatted).
pub fn t_args(lang: Lang, key: &str, args: &[(&'static str, String)]) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(v.clone())))
        .collect();
    LOCALES.lookup_with_args(id(lang), key, &args)
}

/// Whether `key` exists in `lang` itself, without falling back.
pub fn has(lang: Lang, key: &str) -> bool {
    LOCALES
        .lookup_single_language::<&str>(id(lang), key, None)
        .is_ok()
}
