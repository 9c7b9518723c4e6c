use leptos::prelude::*;

use super::{
    bilingual_text::BilingualText,
    status_badge::{DemoBadge, StatusBadge},
};
use crate::{
    i18n::{t, t_args, use_lang},
    views::tracker::RecommendationSummary,
};

/// One recommendation in a list: what it asks, its status and who must answer.
#[component]
pub fn RecommendationCard(rec: RecommendationSummary) -> impl IntoView {
    let lang = use_lang();
    let href = format!("/{}/recommendations/{}", lang.code(), rec.id);
    let bodies = rec
        .bodies
        .into_iter()
        .map(|b| view! { <li><BilingualText text=b.name/></li> })
        .collect_view();
    view! {
        <article class="card" data-reference=rec.reference.clone()>
            <p class="meta">
                <span class="reference">{t_args(lang, "rec-reference", &[("reference", rec.reference.clone().into())])}</span>
                <span class=format!("theme theme-{}", rec.theme.code())>{t(lang, &rec.theme.label_key())}</span>
                <DemoBadge is_demo=rec.is_demo/>
            </p>
            <h3><a href=href><BilingualText text=rec.title/></a></h3>
            <p class="status-line"><StatusBadge status=rec.status overdue=rec.overdue/></p>
            <div class="addressed">
                <span class="label">{t(lang, "rec-addressed-to")}</span>
                <ul class="bodies">{bodies}</ul>
            </div>
        </article>
    }
}
