use leptos::prelude::*;

use crate::components::page_title::PageTitle;
use leptos_router::hooks::use_params_map;

use crate::{
    api::tracker::get_recommendation,
    components::feed_link::FeedLink,
    components::{
        bilingual_text::BilingualText,
        error_view::ErrorView,
        follow::FollowForm,
        status_badge::{DemoBadge, DemoBanner, StatusBadge},
        survivor_word::SurvivorWordSection,
    },
    domain::khmer,
    error::AppError,
    i18n::{t, t_args, use_lang},
    views::tracker::{BodyTimeline, EntryContext, RecommendationDetail, TimelineEntry},
};

/// One recommendation: its text, forum, addressed bodies, and each body's dated timeline.
#[component]
pub fn RecommendationPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i32>().ok()));
    let data = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_recommendation(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=move || view! { <p>{t(lang, "loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(detail) => view! { <Detail detail/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Detail(detail: RecommendationDetail) -> impl IntoView {
    let lang = use_lang();
    let s = detail.summary;
    let title = s.title.show(lang).text.to_string();
    let origin = match s.forum {
        Some(forum) => view! {
            <p>
                <span class="label">{t(lang, "rec-forum")}</span>" "
                <a href=format!("/{}/forums/{}", lang.code(), forum.id)><BilingualText text=forum.title/></a>
            </p>
        }
        .into_any(),
        None => view! { <p class="label">{t(lang, "rec-survivor-proposal")}</p> }.into_any(),
    };
    let published = detail.published_on.map(|d| {
        view! { <p class="date">{t_args(lang, "rec-published-on", &[("date", khmer::date(d, lang).into())])}</p> }
    });
    let timelines = detail
        .timelines
        .into_iter()
        .map(|timeline| view! { <Timeline timeline/> })
        .collect_view();
    view! {
        <PageTitle lang what=title.clone()/>
        <DemoBanner show=s.is_demo/>
        <FeedLink href=format!("/{}/recommendations/{}/feed.atom", lang.code(), s.id) title=title.clone()/>
        <p><a href=format!("/{}/recommendations", lang.code())>{t(lang, "rec-back")}</a></p>
        <article class="recommendation">
            <p class="meta">
                <span class="reference">{t_args(lang, "rec-reference", &[("reference", s.reference.clone().into())])}</span>
                <span class=format!("theme theme-{}", s.theme.code())>{t(lang, &s.theme.label_key())}</span>
                <DemoBadge is_demo=s.is_demo/>
            </p>
            <h1><BilingualText text=s.title/></h1>
            <p class="status-line"><StatusBadge status=s.status overdue=s.overdue/></p>
            <p class="text"><BilingualText text=detail.text/></p>
            {origin}
            {published}
        </article>
        {detail.merged_into.map(|(id, reference)| view! {
            <p class="notice">
                {t_args(lang, "rec-merged-into", &[("reference", reference.into())])}" "
                <a href=format!("/{}/recommendations/{id}", lang.code())>{t(lang, "curate-open")}</a>
            </p>
        })}
        {(!detail.duplicates.is_empty()).then(|| {
            let refs = detail.duplicates.iter().map(|(_, r)| r.clone()).collect::<Vec<_>>().join(", ");
            view! { <p class="duplicates">{t_args(lang, "rec-duplicates", &[("references", refs.into())])}</p> }
        })}
        <section class="timelines">
            <h2>{t(lang, "rec-timeline-title")}</h2>
            {timelines}
        </section>
        <SurvivorWordSection id=s.id word=detail.survivor_word/>
        <FollowForm id=s.id/>
    }
}

#[component]
pub fn Timeline(timeline: BodyTimeline) -> impl IntoView {
    let lang = use_lang();
    let entries = if timeline.entries.is_empty() {
        view! { <p class="empty">{t(lang, "rec-no-answer-yet")}</p> }.into_any()
    } else {
        view! {
            <ol class="timeline">
                {timeline.entries.into_iter().map(|entry| view! { <Entry entry/> }).collect_view()}
            </ol>
        }
        .into_any()
    };
    view! {
        <section class="body-timeline">
            <h3><a href=format!("/{}/bodies/{}", lang.code(), timeline.body.id)><BilingualText text=timeline.body.name/></a></h3>
            {entries}
        </section>
    }
}

#[component]
fn Entry(entry: TimelineEntry) -> impl IntoView {
    let lang = use_lang();
    let on = entry.on();
    let when = view! { <time datetime=on.to_string()>{khmer::date(on, lang)}</time> };
    match entry {
        TimelineEntry::Response {
            position,
            text,
            commitment,
            due_on,
            context,
            ..
        } => {
            let (anchor, class) = (
                context.anchor.clone(),
                format!(
                    "entry response position-{}{}",
                    position.code(),
                    superseded(&context)
                ),
            );
            view! {
            <li id=anchor class=class>
                {when}
                <Context context/>
                <p class="what">{t_args(lang, "rec-responded", &[("position", t(lang, &position.label_key()).into())])}</p>
                {text.map(|text| view! { <p><BilingualText text/></p> })}
                {commitment.map(|text| view! {
                    <p class="commitment"><span class="label">{t(lang, "rec-commitment")}</span>" "<BilingualText text/></p>
                })}
                {due_on.map(|d| view! { <p class="due">{t_args(lang, "rec-due", &[("date", khmer::date(d, lang).into())])}</p> })}
            </li>
            }
            .into_any()
        }
        TimelineEntry::Progress {
            stage,
            note,
            context,
            ..
        } => {
            let (anchor, class) = (
                context.anchor.clone(),
                format!(
                    "entry progress stage-{}{}",
                    stage.code(),
                    superseded(&context)
                ),
            );
            view! {
            <li id=anchor class=class>
                {when}
                <Context context/>
                <p class="what">{t_args(lang, "rec-progress", &[("stage", t(lang, &stage.label_key()).into())])}</p>
                {note.map(|text| view! { <p><BilingualText text/></p> })}
            </li>
            }
            .into_any()
        }
    }
}

/// The class of an entry a later one corrected: its words are struck through.
fn superseded(context: &EntryContext) -> &'static str {
    if context.corrected_by.is_some() {
        " superseded"
    } else {
        ""
    }
}

/// Says when an entry corrects an earlier one or was corrected by a later one (each linked
/// to the other), or was given on a merged duplicate.
#[component]
fn Context(context: EntryContext) -> impl IntoView {
    let lang = use_lang();
    let link = |key: &'static str,
                (anchor, day): (String, chrono::NaiveDate),
                class: &'static str| {
        view! {
            <p class=class><a href=format!("#{anchor}")>{t_args(lang, key, &[("date", khmer::date(day, lang).into())])}</a></p>
        }
    };
    view! {
        {context.corrected_by.map(|later| link("rec-corrected", later, "corrected"))}
        {context.corrects.map(|earlier| link("rec-corrects", earlier, "correction"))}
        {context.via.map(|reference| view! {
            <p class="via">{t_args(lang, "rec-via", &[("reference", reference.into())])}</p>
        })}
    }
}
