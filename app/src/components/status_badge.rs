use leptos::prelude::*;

use crate::{
    domain::status::Status,
    i18n::{t, use_lang},
};

/// A recommendation's status, and whether it is overdue, in words (colour only helps).
#[component]
pub fn StatusBadge(status: Status, #[prop(optional)] overdue: bool) -> impl IntoView {
    let lang = use_lang();
    view! {
        <span class=format!("badge status-{}", status.code())>{t(lang, &status.label_key())}</span>
        {overdue.then(|| view! { <span class="badge overdue">{t(lang, "rec-overdue")}</span> })}
    }
}

/// Marks demo content as demo.
#[component]
pub fn DemoBadge(is_demo: bool) -> impl IntoView {
    let lang = use_lang();
    is_demo.then(|| view! { <span class="badge demo">{t(lang, "demo-badge")}</span> })
}

/// The page-wide note that what follows is demo data.
#[component]
pub fn DemoBanner(show: bool) -> impl IntoView {
    let lang = use_lang();
    show.then(|| view! { <p class="demo-banner" role="note">{t(lang, "demo-banner")}</p> })
}
