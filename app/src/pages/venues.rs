use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::{
    api::venues::get_venues,
    components::refusal_notice::RefusalNotice,
    components::{error_view::ErrorView, page_title::PageTitle},
    domain::khmer,
    i18n::{t, use_lang},
    paths,
    refusal::groups,
    views::venues::{VenueRow, VenuesPage},
};

/// Venue links: for a forum day or a drop-in centre where everyone shares one connection.
#[component]
pub fn VenuesPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| get_venues());
    view! {
        <PageTitle lang what=t(lang, "venues-title")/>
        <h1>{t(lang, "venues-title")}</h1>
        <p class="lead">{t(lang, "venues-intro")}</p>
        <Suspense fallback=move || view! { <p>{t(lang, "loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <Venues page/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Venues(page: VenuesPage) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let notice = move || {
        query.with(|q| q.get("closed")).map(
            |_| view! { <p class="notice done" role="status">{t(lang, "venues-closed-done")}</p> },
        )
    };
    let fresh = (!page.new_links.is_empty()).then(|| {
        let links = page
            .new_links
            .iter()
            .map(|(link, qr)| {
                view! {
                    <li>
                        <a class="new-link" rel="external" href=link.clone()>{link.clone()}</a>
                        <img class="qr" src=qr.clone() width="220" height="220" alt=t(lang, "venues-qr-alt")/>
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class="notice done" role="status">
                <p>{t(lang, "venues-made")}</p>
                <ul>{links}</ul>
            </div>
        }
    });
    let wanted = query.with_untracked(|q| q.get("forum")).unwrap_or_default();
    let forums = page
        .forums
        .into_iter()
        .map(|(id, title)| {
            let selected = wanted == id.to_string();
            let title = title.show(lang).text.to_string();
            view! { <option value=id.to_string() selected=selected>{title}</option> }
        })
        .collect_view();
    let csrf = page.csrf.clone();
    let rows = page
        .links
        .into_iter()
        .map(|link| view! { <Row link csrf=csrf.clone()/> })
        .collect_view();
    view! {
        {notice}
        <RefusalNotice among=groups::VENUES/>
        {fresh}
        <form class="stacked" method="post" action=paths::venues::OPEN.at(&[&lang.code()])>
            <input type="hidden" name="csrf" value=page.csrf/>
            <label for="venue-label">{t(lang, "venues-label")}</label>
            <input id="venue-label" name="label" required maxlength="200"/>
            <label for="venue-hours">{t(lang, "venues-hours")}</label>
            <input id="venue-hours" name="hours" type="number" min="1" max="72" value="10" required/>
            <label for="venue-forum">{t(lang, "venues-forum")}</label>
            <p class="hint">{t(lang, "venues-forum-hint")}</p>
            <select id="venue-forum" name="forum">
                <option value="">{t(lang, "venues-forum-none")}</option>
                {forums}
            </select>
            <label for="venue-submissions">{t(lang, "venues-submissions")}</label>
            <input id="venue-submissions" name="submissions" type="number" min="1" max="2000" value="100" required/>
            <button type="submit">{t(lang, "venues-open")}</button>
        </form>
        <ul class="directory">{rows}</ul>
    }
}

#[component]
fn Row(link: VenueRow, csrf: String) -> impl IntoView {
    let lang = use_lang();
    let state = if link.open {
        "venues-state-open"
    } else {
        "venues-state-closed"
    };
    let used = format!(
        "{} / {}",
        khmer::number(i64::from(link.used), lang),
        khmer::number(i64::from(link.max_submissions), lang)
    );
    view! {
        <li>
            <strong>{link.label}</strong>
            <span class="meta">{t(lang, state)}" · "{t(lang, "venues-until")}" "{link.until}" · "{used}</span>
            {link.open.then(|| view! {
                <form class="inline" method="post" action=paths::venues::CLOSE.at(&[&lang.code(), &link.id])>
                    <input type="hidden" name="csrf" value=csrf/>
                    <button type="submit">{t(lang, "venues-close")}</button>
                </form>
            })}
        </li>
    }
}
