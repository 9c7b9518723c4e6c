use leptos::prelude::*;

use crate::components::page_title::PageTitle;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    api::curation::get_recommendation_editor,
    components::refusal_notice::RefusalNotice,
    components::{
        error_view::ErrorView,
        form_problems::{FormProblems, ProblemFor},
        textarea_text::textarea_text,
    },
    domain::{curation::TranslationState, khmer, lang::Lang, theme::Theme},
    i18n::{t, t_args, use_lang},
    paths,
    refusal::groups,
    views::curation::RecommendationEditor,
};

/// A recommendation's editor: bilingual title and text, theme, forum, addressed bodies,
/// translation state; publish, merge into another, and every earlier edit.
#[component]
pub fn CurateRecommendationPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i32>().ok()));
    let data = Resource::new(id, get_recommendation_editor);
    view! {
        <p><a href=format!("/{}/curate", lang.code())>{t(lang, "curate-back")}</a></p>
        <Suspense fallback=move || view! { <p>{t(lang, "loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(editor) => view! { <Editor editor/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The message key for a `?saved` / `?published` / `?merged` outcome.
fn notice(code: &str) -> Option<&'static str> {
    match code {
        "saved" => Some("curate-saved"),
        "published" => Some("curate-published-notice"),
        "merged" => Some("curate-merged-notice"),
        "unmerged" => Some("curate-unmerged-notice"),
        _ => None,
    }
}

#[component]
fn Editor(editor: RecommendationEditor) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let status = move || {
        query.with(|q| {
            ["saved", "published", "merged", "unmerged"]
                .into_iter()
                .find(|k| q.get(k).is_some())
                .and_then(notice)
                .map(|key| view! { <p class="notice" role="status">{t(lang, key)}</p> })
        })
    };
    let input = editor.input.clone();
    let problems = editor.problems.clone();
    let target = editor
        .id
        .map_or_else(|| "new".to_string(), |i| i.to_string());
    let heading = match editor.id {
        Some(_) => t_args(
            lang,
            "curate-edit-title",
            &[("reference", input.reference.clone().into())],
        ),
        None => t(lang, "curate-new-recommendation"),
    };
    let forums = editor
        .forums
        .iter()
        .map(|f| {
            let selected = input.forum == f.id.to_string();
            view! { <option value=f.id.to_string() selected=selected>{f.title.show(lang).text.to_string()}</option> }
        })
        .collect_view();
    let themes = Theme::ALL
        .iter()
        .map(|th| view! { <option value=th.code() selected=input.theme == th.code()>{t(lang, &th.label_key())}</option> })
        .collect_view();
    let languages = Lang::ALL
        .iter()
        .map(|l| view! { <option value=l.code() selected=input.original_lang == l.code()>{t(lang, &format!("lang-name-{}", l.code()))}</option> })
        .collect_view();
    let states = TranslationState::ALL
        .iter()
        .map(|s| view! { <option value=s.code() selected=input.translation_state == s.code()>{t(lang, &s.label_key())}</option> })
        .collect_view();
    let bodies = editor
        .organisations
        .iter()
        .map(|o| {
            let id = format!("body-{}", o.id);
            let checked = input.bodies.contains(&o.id);
            view! {
                <li>
                    <input type="checkbox" id=id.clone() name="bodies" value=o.id.to_string() checked=checked/>
                    <label for=id>{o.name.show(lang).text.to_string()}</label>
                </li>
            }
        })
        .collect_view();
    let p = move |field: &'static str| view! { <ProblemFor problems=problems.clone() field/> };
    let publish_button = (!editor.published).then(|| {
        view! { <button type="submit" name="publish" value="1">{t(lang, "curate-save-publish")}</button> }
    });
    let state_line = match &editor.merged_into {
        Some((id, reference)) => view! {
            <p class="notice">
                {t_args(lang, "curate-merged-into", &[("reference", reference.clone().into())])}" "
                <a href=format!("/{}/curate/recommendations/{id}", lang.code())>{t(lang, "curate-open")}</a>
            </p>
            <form class="inline" method="post" action=paths::curation::UNMERGE.at(&[&lang.code(), &editor.id.unwrap_or_default()])>
                <input type="hidden" name="csrf" value=editor.csrf.clone()/>
                <button type="submit">{t(lang, "curate-unmerge")}</button>
            </form>
        }
        .into_any(),
        None => view! { <p class="status-line">{t(lang, &editor.status.label_key())}</p> }.into_any(),
    };
    let public_link = (editor.published && editor.id.is_some()).then(|| {
        let id = editor.id.unwrap_or_default();
        view! { <p><a href=format!("/{}/recommendations/{id}", lang.code())>{t(lang, "curate-public-page")}</a></p> }
    });
    let duplicates = (!editor.duplicates.is_empty()).then(|| {
        let items = editor
            .duplicates
            .iter()
            .map(|(id, reference)| view! { <li><a href=format!("/{}/curate/recommendations/{id}", lang.code())>{reference.clone()}</a></li> })
            .collect_view();
        view! { <h2>{t(lang, "curate-duplicates")}</h2><ul>{items}</ul> }
    });
    let merge = (editor.id.is_some() && editor.merged_into.is_none()).then(|| {
        let id = editor.id.unwrap_or_default();
        view! {
            <h2>{t(lang, "curate-merge-title")}</h2>
            <p>{t(lang, "curate-merge-help")}</p>
            <form class="stacked" method="get" action=paths::curation::MERGE.at(&[&lang.code(), &id])>
                <label for="canonical">{t(lang, "curate-merge-into")}</label>
                <input id="canonical" name="canonical" required maxlength="32"/>
                <button type="submit">{t(lang, "curate-merge-submit")}</button>
            </form>
        }
    });
    let history = editor
        .history
        .iter()
        .map(|h| {
            let fields = h
                .changed
                .iter()
                .map(|k| t(lang, k))
                .collect::<Vec<_>>()
                .join(", ");
            view! {
                <li>
                    // Cambodia time, as the facilitators lived it.
                    <time datetime=h.at.to_rfc3339()>{khmer::moment(h.at, lang)}</time>" · "
                    {h.editor.clone().unwrap_or_default()}" · "
                    {fields}
                </li>
            }
        })
        .collect_view();
    view! {
        <PageTitle lang what=heading.clone()/>
        <h1>{heading.clone()}</h1>
        {status}
        <RefusalNotice among=groups::CURATION/>
        {state_line}
        {public_link}
        <FormProblems problems=editor.problems.clone()/>
        <form class="stacked" method="post" action=paths::curation::RECOMMENDATION.at(&[&lang.code(), &target])>
            <input type="hidden" name="csrf" value=editor.csrf.clone()/>
            <label for="reference">{t(lang, "curate-reference")}</label>
            {p("reference")}
            <input id="reference" name="reference" required maxlength="32" value=input.reference.clone()/>
            <label for="forum">{t(lang, "curate-forum")}</label>
            {p("forum")}
            <select id="forum" name="forum">
                <option value="" selected=input.forum.is_empty()>{t(lang, "source-survivor_proposal")}</option>
                {forums}
            </select>
            <label for="theme">{t(lang, "curate-theme")}</label>
            {p("theme")}
            <select id="theme" name="theme">{themes}</select>
            <label for="original_lang">{t(lang, "curate-original-lang")}</label>
            {p("original_lang")}
            <select id="original_lang" name="original_lang">{languages}</select>
            <label for="title_km">{t(lang, "curate-title-km")}</label>
            {p("title_km")}
            <input id="title_km" name="title_km" lang="km" maxlength="2400" value=input.title_km.clone()/>
            <label for="title_en">{t(lang, "curate-title-en")}</label>
            {p("title_en")}
            <input id="title_en" name="title_en" lang="en" maxlength="2400" value=input.title_en.clone()/>
            <label for="body_km">{t(lang, "curate-body-km")}</label>
            {p("body_km")}
            <textarea id="body_km" name="body_km" lang="km" rows="5">{textarea_text(input.body_km.clone())}</textarea>
            <label for="body_en">{t(lang, "curate-body-en")}</label>
            {p("body_en")}
            <textarea id="body_en" name="body_en" lang="en" rows="5">{textarea_text(input.body_en.clone())}</textarea>
            <label for="translation_state">{t(lang, "curate-translation-state")}</label>
            {p("translation_state")}
            <select id="translation_state" name="translation_state">{states}</select>
            <fieldset id="bodies">
                <legend>{t(lang, "curate-bodies")}</legend>
                {p("bodies")}
                <ul class="choices">{bodies}</ul>
            </fieldset>
            <button type="submit">{t(lang, "curate-save")}</button>
            {publish_button}
        </form>
        {duplicates}
        {merge}
        <h2>{t(lang, "curate-history")}</h2>
        <ol class="history">{history}</ol>
    }
}
