use leptos::prelude::*;

use crate::{
    domain::bilingual::Bilingual,
    i18n::{t, use_lang},
};

/// Content in the reader's language, or the original with a visible "not yet translated" mark.
#[component]
pub fn BilingualText(text: Bilingual) -> impl IntoView {
    let lang = use_lang();
    let shown = text.show(lang);
    let mark = shown.is_fallback.then(|| {
        view! {
            <span class="untranslated" title=t(lang, "rec-translation-missing")>
                {t(lang, "untranslated")}
            </span>
        }
    });
    view! {
        <span lang=shown.lang.code()>{shown.text.to_string()}</span>
        {mark}
    }
}
