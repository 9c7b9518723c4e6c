use leptos::prelude::*;

use crate::components::page_title::PageTitle;
use leptos_router::hooks::use_params_map;

use crate::{
    api::tracker::get_forum,
    components::feed_link::FeedLink,
    components::{
        bilingual_text::BilingualText,
        error_view::ErrorView,
        recommendation_card::RecommendationCard,
        status_badge::{DemoBadge, DemoBanner},
    },
    domain::{
        forum::{Headcount, ShownAttendance},
        khmer,
    },
    error::AppError,
    i18n::{Arg, t, t_args, use_lang},
    views::tracker::{ForumDetail, OrgRef},
};

/// A forum, where its recommendations stand, and the recommendations themselves.
#[component]
pub fn ForumPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i32>().ok()));
    let data = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_forum(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=move || view! { <p>{t(lang, "loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(forum) => view! { <Forum forum/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Forum(forum: ForumDetail) -> impl IntoView {
    let lang = use_lang();
    let title = forum.title.show(lang).text.to_string();
    let counts = forum
        .status_counts
        .iter()
        .map(|(status, n)| {
            let n = i64::try_from(*n).unwrap_or(i64::MAX);
            view! {
                <li class=format!("status-{}", status.code())>
                    {t_args(lang, "forum-status-count", &[
                        ("status", t(lang, &status.label_key()).into()),
                        ("shown", khmer::number(n, lang).into()),
                    ])}
                </li>
            }
        })
        .collect_view();
    let has_recs = !forum.recommendations.is_empty();
    let recs = forum
        .recommendations
        .into_iter()
        .map(|rec| view! { <li><RecommendationCard rec/></li> })
        .collect_view();
    view! {
        <PageTitle lang what=title.clone()/>
        <FeedLink href=format!("/{}/forums/{}/feed.atom", lang.code(), forum.id) title=title.clone()/>
        <DemoBanner show=forum.is_demo/>
        <article class="forum">
            <p class="meta">
                <span class="kind">{t(lang, &forum.kind.label_key())}</span>
                {forum.series.clone().map(|(id, name)| view! {
                    " · "<a href=format!("/{}/series/{id}", lang.code())>{t_args(lang, "forum-in-series", &[("series", name.show(lang).text.to_string().into())])}</a>
                })}
                <DemoBadge is_demo=forum.is_demo/>
            </p>
            <h1><BilingualText text=forum.title/></h1>
            <dl>
                <dt>{t(lang, "forum-when")}</dt>
                <dd>{khmer::date_range(forum.starts_on, forum.ends_on, lang)}</dd>
                {forum.province.map(|p| view! {
                    <dt>{t(lang, "forum-where")}</dt>
                    <dd>{t(lang, &p.label_key())}</dd>
                })}
                {forum.organisers.map(|text| view! {
                    <dt>{t(lang, "forum-organisers")}</dt>
                    <dd><BilingualText text/></dd>
                })}
            </dl>
            <Attendance shown=forum.attendance present=forum.present.clone()/>
            {forum.summary.map(|text| view! { <p class="lead"><BilingualText text/></p> })}
            {forum.minutes.map(|text| view! {
                <section class="minutes">
                    <h2>{t(lang, "forum-minutes")}</h2>
                    <p class="kept-text"><BilingualText text/></p>
                </section>
            })}
        </article>
        {has_recs.then(|| view! {
            <p class="forum-day print-hide">
                <a href=format!("/{}/forums/{}/present/1", lang.code(), forum.id)>{t(lang, "present-open")}</a>
                " · "
                <a href=format!("/{}/forums/{}/handout", lang.code(), forum.id)>{t(lang, "handout-open")}</a>
            </p>
        })}
        <section>
            <h2>{t(lang, "forum-status-summary")}</h2>
            <ul class="status-summary">{counts}</ul>
        </section>
        <section>
            <h2>{t(lang, "forum-recommendations")}</h2>
            <ul class="cards">{recs}</ul>
        </section>
    }
}

/// Who came: the total, then each group (survivors only as "fewer than K" when they were
/// few), and the organisations present. Never names.
#[component]
fn Attendance(shown: ShownAttendance, present: Vec<OrgRef>) -> impl IntoView {
    let lang = use_lang();
    let count = move |n: i32| khmer::number(i64::from(n), lang);
    let group = move |key: &'static str, n: Option<i32>| {
        n.map(|n| view! { <li>{t_args(lang, key, &[("shown", count(n).into())])}</li> })
    };
    let survivors = shown.survivors.map(|h| match h {
        Headcount::Exactly(n) => view! { <li>{t_args(lang, "forum-attended-survivors", &[("shown", count(n).into())])}</li> },
        Headcount::FewerThan(k) => view! { <li>{t_args(lang, "forum-attended-survivors-few", &[("k", khmer::number(i64::from(k), lang).into())])}</li> },
    });
    let groups = (shown.survivors.is_some()
        || shown.government.is_some()
        || shown.ngos.is_some()
        || shown.donors.is_some())
    .then(|| {
        view! {
            <ul class="attendance">
                {survivors}
                {group("forum-attended-government", shown.government)}
                {group("forum-attended-ngos", shown.ngos)}
                {group("forum-attended-donors", shown.donors)}
            </ul>
        }
    });
    let names = present
        .iter()
        .map(|o| o.name.show(lang).text.to_string())
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        {shown.participants.map(|n| {
            let n = i64::from(n);
            view! { <p>{t_args(lang, "forum-participants", &[("count", Arg::Count(n)), ("shown", khmer::number(n, lang).into())])}</p> }
        })}
        {groups}
        {(!names.is_empty()).then(|| view! { <p>{t_args(lang, "forum-present", &[("names", names.into())])}</p> })}
    }
}
