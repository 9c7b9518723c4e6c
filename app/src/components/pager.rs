//! "Page 2 of 5" with links to the pages before and after, for a list shown a page at a time
//! (a report card's recommendations, a group of an official's inbox). Plain links: no script.
use leptos::prelude::*;

use crate::{
    domain::khmer,
    i18n::{t, t_args, use_lang},
};

/// Nothing when everything fits on one page. `href` gives the address of a page (from 1).
#[component]
pub fn Pager(page: u32, pages: u32, href: impl Fn(u32) -> String + 'static) -> impl IntoView {
    let lang = use_lang();
    (pages > 1).then(|| {
        let page_of = t_args(
            lang,
            "card-page",
            &[
                ("page", khmer::number(i64::from(page), lang).into()),
                ("pages", khmer::number(i64::from(pages), lang).into()),
            ],
        );
        let previous = (page > 1)
            .then(|| view! { <a rel="prev" href=href(page - 1)>{t(lang, "card-previous")}</a> });
        let next = (page < pages).then(
            || view! { <a class="next" rel="next" href=href(page + 1)>{t(lang, "tracker-next")}</a> },
        );
        view! { <nav class="pager"><span>{page_of}</span>{previous}{next}</nav> }
    })
}
