//! A play control beside a text that has a recording in this language (see
//! `domain::prompts`): no script, and nothing downloaded until it is pressed.
use leptos::prelude::*;

use crate::{
    i18n::{t, use_lang},
    views::prompts::Prompts,
};

#[component]
pub fn Prompt(#[prop(into)] key: String) -> impl IntoView {
    let lang = use_lang();
    let src = use_context::<Prompts>().and_then(|p| p.url(&key, lang).map(str::to_string));
    src.map(|src| {
        view! {
            <audio class="prompt" controls preload="none" src=src aria-label=t(lang, "prompt-listen")></audio>
        }
    })
}
