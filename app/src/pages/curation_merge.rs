use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    api::curation::get_merge_preview,
    components::{
        bilingual_text::BilingualText, error_view::ErrorView, page_title::PageTitle,
        status_badge::StatusBadge,
    },
    domain::khmer,
    i18n::{Arg, t, t_args, use_lang},
    paths,
    views::curation::{MergePreview, MergeSide},
};

/// Before a merge: both recommendations side by side, what the merge will do, and the one
/// button that does it (or why it cannot be done).
#[component]
pub fn CurateMergePage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i32>().ok()));
    let asked = move || {
        (
            id().unwrap_or_default(),
            query.with(|q| q.get("canonical").unwrap_or_default()),
        )
    };
    let data = Resource::new(asked, |(id, canonical)| get_merge_preview(id, canonical));
    view! {
        <PageTitle lang what=t(lang, "curate-merge-confirm-title")/>
        <h1>{t(lang, "curate-merge-confirm-title")}</h1>
        <Suspense fallback=move || view! { <p>{t(lang, "loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(preview) => view! { <Preview preview/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Preview(preview: MergePreview) -> impl IntoView {
    let lang = use_lang();
    let dup = preview.duplicate.clone();
    let editor = paths::curation::RECOMMENDATION.at(&[&lang.code(), &dup.id]);
    let Some(canon) = preview.canonical.clone().filter(|_| preview.allowed) else {
        // Not found, a draft, already merged, or the same one: said, with the way back.
        return view! {
            <p class="notice error" role="alert">
                {t_args(lang, "curate-merge-cannot", &[("reference", Arg::Text(preview.typed.clone()))])}
            </p>
            <p>{t(lang, "curate-error-merge")}</p>
            <p><a href=editor>{t(lang, "curate-merge-back")}</a></p>
        }
        .into_any();
    };
    let what = t_args(
        lang,
        "curate-merge-what",
        &[
            ("duplicate", Arg::Text(dup.reference.clone())),
            ("canonical", Arg::Text(canon.reference.clone())),
            ("answers", Arg::Count(dup.answers as i64)),
            ("n", Arg::Text(khmer::number(dup.answers as i64, lang))),
        ],
    );
    let action = paths::curation::MERGE.at(&[&lang.code(), &dup.id]);
    view! {
        <div class="merge-sides">
            <Side side=dup.clone() heading="curate-merge-this"/>
            <Side side=canon.clone() heading="curate-merge-kept"/>
        </div>
        <p>{what}</p>
        <form class="stacked" method="post" action=action>
            <input type="hidden" name="csrf" value=preview.csrf.clone()/>
            <input type="hidden" name="canonical" value=canon.reference.clone()/>
            <input type="hidden" name="confirmed" value="1"/>
            <button type="submit">
                {t_args(lang, "curate-merge-do", &[
                    ("duplicate", Arg::Text(dup.reference.clone())),
                    ("canonical", Arg::Text(canon.reference.clone())),
                ])}
            </button>
        </form>
        <p><a href=editor>{t(lang, "curate-merge-cancel")}</a></p>
    }
    .into_any()
}

#[component]
fn Side(side: MergeSide, heading: &'static str) -> impl IntoView {
    let lang = use_lang();
    let bodies = side
        .bodies
        .iter()
        .map(|b| b.name.show(lang).text.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <section class="merge-side">
            <h2>{t(lang, heading)}</h2>
            <p><strong>{side.reference.clone()}</strong>" "<StatusBadge status=side.status/></p>
            <p><BilingualText text=side.title.clone()/></p>
            <p>{t(lang, "curate-merge-bodies")}" "{bodies}</p>
            <p>{t_args(lang, "curate-merge-answers", &[
                ("answers", Arg::Count(side.answers as i64)),
                ("n", Arg::Text(khmer::number(side.answers as i64, lang))),
            ])}</p>
        </section>
    }
}
