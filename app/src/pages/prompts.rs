//! Voice prompts: a recording beside each survivor-facing text, per language. Upload a file,
//! or on a phone record one with its own recorder (the file field offers it); no script.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::{
    api::prompts::get_prompts_page,
    components::{error_view::ErrorView, page_title::PageTitle, refusal_notice::RefusalNotice},
    domain::lang::Lang,
    i18n::{t, use_lang},
    paths,
    refusal::groups,
    views::prompts::{Prompts, PromptsPage as Page},
};

#[component]
pub fn PromptsPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| get_prompts_page());
    view! {
        <PageTitle lang what=t(lang, "prompts-title")/>
        <h1>{t(lang, "prompts-title")}</h1>
        <p class="lead">{t(lang, "prompts-intro")}</p>
        <Suspense fallback=move || view! { <p>{t(lang, "loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <Texts page/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Texts(page: Page) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let saved = query
        .with_untracked(|q| q.get("saved"))
        .map(|_| view! { <p class="notice done" role="status">{t(lang, "prompts-saved")}</p> });
    let rows = page
        .keys
        .into_iter()
        .map(|key| {
            let recorded = page.recorded.clone();
            let csrf = page.csrf.clone();
            view! {
                <li id=key.clone()>
                    <ul class="prompt-langs">
                        <OneLanguage key=key.clone() in_lang=Lang::Km recorded=recorded.clone() csrf=csrf.clone()/>
                        <OneLanguage key=key.clone() in_lang=Lang::En recorded csrf/>
                    </ul>
                </li>
            }
        })
        .collect_view();
    view! {
        <RefusalNotice among=groups::PROMPTS/>
        {saved}
        <ol class="prompts">{rows}</ol>
    }
}

/// One text in one language: the words, the recording if there is one, and the forms.
#[component]
fn OneLanguage(key: String, in_lang: Lang, recorded: Prompts, csrf: String) -> impl IntoView {
    let lang = use_lang();
    let upload = paths::prompts::UPLOAD.at(&[&lang.code()]);
    let remove = paths::prompts::REMOVE.at(&[&lang.code()]);
    let field = format!("file-{key}-{}", in_lang.code());
    let now = recorded.url(&key, in_lang).map(|src| {
        let src = src.to_string();
        view! {
            <audio controls preload="none" src=src aria-label=t(lang, "prompt-listen")></audio>
            <form class="inline" method="post" action=remove>
                <input type="hidden" name="csrf" value=csrf.clone()/>
                <input type="hidden" name="key" value=key.clone()/>
                <input type="hidden" name="prompt_lang" value=in_lang.code()/>
                <button type="submit" class="secondary">{t(lang, "prompts-remove")}</button>
            </form>
        }
    });
    view! {
        <li lang=in_lang.code()>
            <p class="prompt-text">{t(in_lang, &key)}</p>
            {now}
            <form class="inline" method="post" action=upload enctype="multipart/form-data">
                <input type="hidden" name="csrf" value=csrf/>
                <input type="hidden" name="key" value=key.clone()/>
                <input type="hidden" name="prompt_lang" value=in_lang.code()/>
                <label for=field.clone()>{t(lang, &format!("prompts-file-{}", in_lang.code()))}</label>
                <input id=field name="file" type="file" accept="audio/ogg,audio/mpeg,audio/mp4,.ogg,.opus,.mp3,.m4a" capture="user"/>
                <button type="submit">{t(lang, "prompts-upload")}</button>
            </form>
        </li>
    }
}
