//! The message a form's page shows when the browser was sent back with `?error=<code>`.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::{
    i18n::{t, use_lang},
    refusal::Refusal,
};

/// `among` is the group of refusals this page's forms can meet (`refusal::groups`).
#[component]
pub fn RefusalNotice(among: &'static [Refusal]) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    move || {
        let code = query.with(|q| q.get("error"))?;
        let refusal = Refusal::among(among, &code);
        // Field problems are listed by `FormProblems`, with links to each field.
        (refusal != Refusal::SeeFields)
            .then(|| view! { <p class="notice" role="alert">{t(lang, refusal.message_key())}</p> })
    }
}
