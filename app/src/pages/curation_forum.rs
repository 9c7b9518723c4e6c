use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::components::page_title::PageTitle;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    api::curation::get_forum_editor,
    components::refusal_notice::RefusalNotice,
    components::{
        error_view::ErrorView,
        form_problems::{FormProblems, ProblemFor},
        textarea_text::textarea_text,
    },
    domain::{
        forum::{ATTENDANCE_FIELDS, ForumKind},
        khmer,
        lang::Lang,
        province::Province,
    },
    i18n::{Arg, t, t_args, use_lang},
    paths,
    refusal::groups,
    views::curation::ForumEditor,
};

/// A forum's editor: its kind and series, title, province, dates, organisers, who came (counts
/// by group, the organisations present), summary and minutes, in both languages.
#[component]
pub fn CurateForumPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i32>().ok()));
    let data = Resource::new(id, get_forum_editor);
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

#[component]
fn Editor(editor: ForumEditor) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let saved = move || {
        let key = query.with(|q| {
            ["saved", "published", "withdrawn"]
                .into_iter()
                .find(|k| q.get(k).is_some())
        })?;
        Some(
            view! { <p class="notice" role="status">{t(lang, &format!("curate-forum-{key}"))}</p> },
        )
    };
    let publication = publication(editor.id, editor.published_at, editor.csrf.clone());
    let input = editor.input.clone();
    let problems = editor.problems.clone();
    let p = move |field: &'static str| view! { <ProblemFor problems=problems.clone() field/> };
    let target = editor
        .id
        .map_or_else(|| "new".to_string(), |i| i.to_string());
    let heading = if editor.id.is_some() {
        t(lang, "curate-edit-forum")
    } else {
        t(lang, "curate-new-forum")
    };
    let provinces = Province::ALL
        .iter()
        .map(|pr| view! { <option value=pr.code() selected=input.province == pr.code()>{t(lang, &pr.label_key())}</option> })
        .collect_view();
    let languages = Lang::ALL
        .iter()
        .map(|l| view! { <option value=l.code() selected=input.original_lang == l.code()>{t(lang, &format!("lang-name-{}", l.code()))}</option> })
        .collect_view();
    let text_field = {
        let p = p.clone();
        move |field: &'static str, key: &'static str, value: String, in_lang: &'static str| {
            view! {
                <label for=field>{t(lang, key)}</label>
                {p(field)}
                <input id=field name=field lang=in_lang maxlength="2400" value=value/>
            }
        }
    };
    let kinds = ForumKind::ALL
        .iter()
        .map(|k| view! { <option value=k.code() selected=input.kind == k.code() || (input.kind.is_empty() && *k == ForumKind::SurvivorForum)>{t(lang, &k.label_key())}</option> })
        .collect_view();
    let series = editor
        .series
        .iter()
        .map(|(id, name)| {
            let id = id.to_string();
            view! { <option selected=input.series == id value=id.clone()>{name.show(lang).text.to_string()}</option> }
        })
        .collect_view();
    let attendance = ATTENDANCE_FIELDS
        .iter()
        .zip(input.present.clone())
        .map(|(field, value)| {
            let p = p.clone();
            view! {
                <label for=*field>{t(lang, &format!("forum-{field}"))}</label>
                {p(field)}
                <input id=*field name=*field inputmode="numeric" maxlength="8" value=value/>
            }
        })
        .collect_view();
    let organisations = editor
        .organisations
        .iter()
        .map(|o| {
            let id = o.id.to_string();
            let checked = input.organisations.contains(&o.id);
            view! {
                <li>
                    <input type="checkbox" id=format!("present-{id}") name="organisations" value=id.clone() checked=checked/>
                    <label for=format!("present-{id}")>{o.name.show(lang).text.to_string()}</label>
                </li>
            }
        })
        .collect_view();
    view! {
        <PageTitle lang what=heading.clone()/>
        <h1>{heading.clone()}</h1>
        {saved}
        <RefusalNotice among=groups::CURATION/>
        {publication}
        <FormProblems problems=editor.problems.clone()/>
        <form class="stacked" method="post" action=paths::curation::FORUM.at(&[&lang.code(), &target])>
            <input type="hidden" name="csrf" value=editor.csrf.clone()/>
            <label for="kind">{t(lang, "forum-kind-field")}</label>
            {p("kind")}
            <select id="kind" name="kind">{kinds}</select>
            <label for="series">{t(lang, "forum-series-field")}</label>
            {p("series")}
            <select id="series" name="series">
                <option value="" selected=input.series.is_empty()>{t(lang, "forum-series-none")}</option>
                {series}
            </select>
            {text_field("new_series", "forum-new-series", input.new_series.clone(), "")}
            {text_field("title_km", "curate-title-km", input.title_km.clone(), "km")}
            {text_field("title_en", "curate-title-en", input.title_en.clone(), "en")}
            <label for="original_lang">{t(lang, "curate-original-lang")}</label>
            {p("original_lang")}
            <select id="original_lang" name="original_lang">{languages}</select>
            <label for="province">{t(lang, "forum-province")}</label>
            {p("province")}
            <select id="province" name="province">
                <option value="" selected=input.province.is_empty()>{t(lang, "filter-any")}</option>
                {provinces}
            </select>
            <label for="starts_on">{t(lang, "forum-starts-on")}</label>
            {p("starts_on")}
            <input id="starts_on" name="starts_on" type="date" required value=input.starts_on.clone()/>
            <label for="ends_on">{t(lang, "forum-ends-on")}</label>
            {p("ends_on")}
            <input id="ends_on" name="ends_on" type="date" value=input.ends_on.clone()/>
            {text_field("organisers_km", "forum-organisers-km", input.organisers_km.clone(), "km")}
            {text_field("organisers_en", "forum-organisers-en", input.organisers_en.clone(), "en")}
            <label for="participants">{t(lang, "forum-participants-field")}</label>
            {p("participants")}
            <input id="participants" name="participants" inputmode="numeric" maxlength="8" value=input.participants.clone()/>
            <fieldset>
                <legend>{t(lang, "forum-attendance")}</legend>
                <p class="hint">{t(lang, "forum-attendance-hint")}</p>
                {attendance}
            </fieldset>
            <fieldset>
                <legend>{t(lang, "forum-organisations-present")}</legend>
                <ul class="choices">{organisations}</ul>
            </fieldset>
            <label for="summary_km">{t(lang, "forum-summary-km")}</label>
            {p("summary_km")}
            <textarea id="summary_km" name="summary_km" lang="km" rows="4">{textarea_text(input.summary_km.clone())}</textarea>
            <label for="summary_en">{t(lang, "forum-summary-en")}</label>
            {p("summary_en")}
            <textarea id="summary_en" name="summary_en" lang="en" rows="4">{textarea_text(input.summary_en.clone())}</textarea>
            <label for="minutes_km">{t(lang, "forum-minutes-km")}</label>
            {p("minutes_km")}
            <textarea id="minutes_km" name="minutes_km" lang="km" rows="8">{textarea_text(input.minutes_km.clone())}</textarea>
            <label for="minutes_en">{t(lang, "forum-minutes-en")}</label>
            {p("minutes_en")}
            <textarea id="minutes_en" name="minutes_en" lang="en" rows="8">{textarea_text(input.minutes_en.clone())}</textarea>
            <button type="submit">{t(lang, "curate-save")}</button>
        </form>
    }
}

/// Whether the forum is public, and the one button that changes it. A new forum is a draft.
fn publication(
    id: Option<i32>,
    published_at: Option<DateTime<Utc>>,
    csrf: String,
) -> impl IntoView {
    let lang = use_lang();
    let Some(id) = id else {
        return view! { <p class="notice">{t(lang, "curate-forum-new-is-draft")}</p> }.into_any();
    };
    let action = paths::curation::FORUM_PUBLICATION.at(&[&lang.code(), &id]);
    let (state, publish, button) = match published_at {
        Some(at) => (
            t_args(
                lang,
                "curate-forum-public-since",
                &[("since", Arg::Text(khmer::moment(at, lang)))],
            ),
            "false",
            "curate-forum-withdraw",
        ),
        None => (
            t(lang, "curate-forum-draft"),
            "true",
            "curate-forum-publish",
        ),
    };
    view! {
        <div class="notice publication">
            <p class="state">{state}</p>
            {published_at.map(|_| view! {
                <p><a href=format!("/{}/forums/{id}", lang.code())>{t(lang, "curate-public-page")}</a></p>
            })}
            <p><a href=format!("/{}/curate/forums/{id}/day", lang.code())>{t(lang, "day-open")}</a></p>
            <form method="post" action=action>
                <input type="hidden" name="csrf" value=csrf/>
                <input type="hidden" name="publish" value=publish/>
                <button type="submit">{t(lang, button)}</button>
            </form>
        </div>
    }
    .into_any()
}
