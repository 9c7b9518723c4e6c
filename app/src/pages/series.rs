//! A series of forums (`/series/{id}`): its meetings, newest first, each with how its
//! recommendations fared, so a council's promises can be followed from meeting to meeting.
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::{
    api::directory::get_series,
    components::{bilingual_text::BilingualText, error_view::ErrorView, page_title::PageTitle},
    domain::khmer,
    error::AppError,
    i18n::{t, t_args, use_lang},
    views::directory::{SeriesMeeting, SeriesView},
};

#[component]
pub fn SeriesPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i32>().ok()));
    let data = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_series(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <p><a href=format!("/{}/forums", lang.code())>{t(lang, "series-back")}</a></p>
        <Suspense fallback=move || view! { <p>{t(lang, "loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(series) => view! { <Series series/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Series(series: SeriesView) -> impl IntoView {
    let lang = use_lang();
    let name = series.name.show(lang).text.to_string();
    let meetings = series
        .meetings
        .into_iter()
        .map(|meeting| view! { <Meeting meeting/> })
        .collect_view();
    view! {
        <PageTitle lang what=name/>
        <h1><BilingualText text=series.name/></h1>
        <p class="lead">{t(lang, "series-intro")}</p>
        <ol class="directory meetings" reversed>{meetings}</ol>
    }
}

#[component]
fn Meeting(meeting: SeriesMeeting) -> impl IntoView {
    let lang = use_lang();
    let total: u64 = meeting.status_counts.iter().map(|(_, n)| n).sum();
    let fared = meeting
        .status_counts
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(status, n)| {
            let n = i64::try_from(n).unwrap_or(i64::MAX);
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
    view! {
        <li>
            <a href=format!("/{}/forums/{}", lang.code(), meeting.id)><BilingualText text=meeting.title/></a>
            <span class="meta">{t(lang, &meeting.kind.label_key())}" · "{khmer::date(meeting.starts_on, lang)}</span>
            {if total == 0 {
                view! { <p class="empty">{t(lang, "series-no-recommendations")}</p> }.into_any()
            } else {
                view! { <ul class="status-summary">{fared}</ul> }.into_any()
            }}
        </li>
    }
}
