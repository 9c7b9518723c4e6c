use leptos::prelude::*;

use crate::{
    api::directory::get_forum_list,
    components::{bilingual_text::BilingualText, error_view::ErrorView, page_title::PageTitle},
    domain::khmer,
    i18n::{Arg, t, t_args, use_lang},
    views::directory::ForumListItem,
};

/// Every forum: when, where, and how many of its recommendations are public.
#[component]
pub fn ForumsPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| get_forum_list());
    view! {
        <PageTitle lang what=t(lang, "forums-title")/>
        <h1>{t(lang, "forums-title")}</h1>
        <p class="lead">{t(lang, "forums-intro")}</p>
        <Suspense fallback=move || view! { <p>{t(lang, "loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(forums) if forums.is_empty() => {
                        view! { <p class="empty">{t(lang, "forums-none")}</p> }.into_any()
                    }
                    Ok(forums) => {
                        let rows = forums.into_iter().map(|forum| view! { <ForumRow forum/> }).collect_view();
                        view! { <ul class="directory">{rows}</ul> }.into_any()
                    }
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ForumRow(forum: ForumListItem) -> impl IntoView {
    let lang = use_lang();
    let n = i64::try_from(forum.recommendations).unwrap_or(i64::MAX);
    let count = t_args(
        lang,
        "forums-recommendations",
        &[
            ("count", Arg::Count(n)),
            ("shown", khmer::number(n, lang).into()),
        ],
    );
    let place = forum.province.map(|p| t(lang, &p.label_key()));
    view! {
        <li>
            <a href=format!("/{}/forums/{}", lang.code(), forum.id)><BilingualText text=forum.title/></a>
            <span class="meta">
                {t(lang, &forum.kind.label_key())}" · "
                {forum.series.map(|(id, name)| view! {
                    <a href=format!("/{}/series/{id}", lang.code())>{name.show(lang).text.to_string()}</a>" · "
                })}
                {khmer::date(forum.starts_on, lang)}
                {place.map(|p| view! { " · "{p} })}
                " · "{count}
            </span>
        </li>
    }
}
