use leptos::prelude::*;

use crate::components::page_title::PageTitle;
use leptos_router::hooks::use_query_map;

use crate::{
    api::curation::get_curation,
    components::{bilingual_text::BilingualText, error_view::ErrorView},
    domain::khmer,
    i18n::{t, t_args, use_lang},
    views::curation::CurationList,
};

/// Curation home for facilitators: every recommendation (drafts and merged too), the forums,
/// and the ways to add recommendations.
#[component]
pub fn CuratePage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let after = move || query.with(|q| q.get("after").and_then(|a| a.parse::<i32>().ok()));
    let data = Resource::new(after, get_curation);
    let imported = move || {
        let n = query.with(|q| q.get("imported"))?.parse::<i64>().ok()?;
        let count = khmer::number(n, lang);
        Some(
            view! { <p class="notice" role="status">{t_args(lang, "import-done", &[("count", count.into())])}</p> },
        )
    };
    view! {
        <PageTitle lang what=t(lang, "curate-title")/>
        <h1>{t(lang, "curate-title")}</h1>
        {imported}
        <ul class="screens">
            <li><a href=format!("/{}/curate/recommendations/new", lang.code())>{t(lang, "curate-new-recommendation")}</a></li>
            <li><a href=format!("/{}/curate/forums/new", lang.code())>{t(lang, "curate-new-forum")}</a></li>
            <li><a href=format!("/{}/curate/import", lang.code())>{t(lang, "import-title")}</a></li>
        </ul>
        <Suspense fallback=move || view! { <p>{t(lang, "loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(list) => view! { <List list/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn List(list: CurationList) -> impl IntoView {
    let lang = use_lang();
    let drafts = list.draft_forums.clone();
    let forums = list
        .forums
        .into_iter()
        .map(|f| {
            let draft = drafts.contains(&f.id).then(|| {
                view! { " · "<span class="badge draft">{t(lang, "curate-forum-draft-badge")}</span> }
            });
            view! {
                <li><a href=format!("/{}/curate/forums/{}", lang.code(), f.id)><BilingualText text=f.title/></a>{draft}</li>
            }
        })
        .collect_view();
    let rows = list
        .rows
        .into_iter()
        .map(|r| {
            let state = match &r.merged_into {
                Some(into) => t_args(lang, "curate-merged-into", &[("reference", into.clone().into())]),
                None => t(lang, &r.status.label_key()),
            };
            view! {
                <tr>
                    <td><a href=format!("/{}/curate/recommendations/{}", lang.code(), r.id)>{r.reference}</a></td>
                    <td><BilingualText text=r.title/></td>
                    <td class=format!("status status-{}", r.status.code())>{state}</td>
                </tr>
            }
        })
        .collect_view();
    let next = list.next_after.map(|after| {
        view! { <p><a href=format!("/{}/curate?after={after}", lang.code())>{t(lang, "tracker-next")}</a></p> }
    });
    view! {
        <h2>{t(lang, "curate-forums")}</h2>
        <ul>{forums}</ul>
        <h2>{t(lang, "curate-recommendations")}</h2>
        <table class="curation">
            <thead><tr>
                <th scope="col">{t(lang, "curate-reference")}</th>
                <th scope="col">{t(lang, "curate-title-field")}</th>
                <th scope="col">{t(lang, "curate-status")}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
        {next}
    }
}
