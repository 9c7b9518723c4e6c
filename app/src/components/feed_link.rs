//! A page's Atom feed: announced in the head (`<link rel="alternate">`, for feed readers and
//! browsers) and offered as a plain link, so anyone can follow the page without an account.
use leptos::prelude::*;
use leptos_meta::Link;

use crate::i18n::{t, use_lang};

#[component]
pub fn FeedLink(href: String, title: String) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Link rel="alternate" type_="application/atom+xml" href=href.clone() title=title/>
        <p class="feed print-hide"><a href=href type="application/atom+xml">{t(lang, "feed-follow")}</a></p>
    }
}
