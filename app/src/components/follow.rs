//! Following recommendations with a receipt code: the form on a recommendation's page, and
//! the list on the receipt page with what changed since her last visit. Plain forms, no
//! script; the code travels only in form bodies.
use leptos::prelude::*;

use crate::{
    components::bilingual_text::BilingualText,
    domain::khmer,
    i18n::{t, use_lang},
    paths,
    views::survivor::FollowedRecommendation,
};

/// On a recommendation's public page: follow it with a receipt code.
#[component]
pub fn FollowForm(id: i32) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="follow" id="follow">
            <h2>{t(lang, "follow-title")}</h2>
            <p class="hint">{t(lang, "follow-intro")}</p>
            <form class="stacked" method="post" action=paths::receipts::FOLLOW.at(&[&lang.code()])>
                <input type="hidden" name="recommendation" value=id.to_string()/>
                <label for="follow-code">{t(lang, "receipt-code-label")}</label>
                <input id="follow-code" class="code-input" name="code" type="text" inputmode="numeric" autocomplete="off" maxlength="64"/>
                <button type="submit">{t(lang, "follow-send")}</button>
            </form>
        </section>
    }
}

/// On the receipt page: what she follows, what is new on each, and the way to stop.
#[component]
pub fn FollowedList(
    follows: Vec<FollowedRecommendation>,
    code: String,
    problem: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    if follows.is_empty() && problem.is_none() {
        return None;
    }
    let code_label = t(lang, "receipt-code-label");
    let items = follows
        .into_iter()
        .map(|f| {
            let news = if f.news.is_empty() {
                view! { <p class="empty">{t(lang, "follow-nothing-new")}</p> }.into_any()
            } else {
                let rows = f
                    .news
                    .into_iter()
                    .map(|(on, body, said)| view! {
                        <li>{khmer::date(on, lang)}" · "<BilingualText text=body/>" · "{t(lang, &said)}</li>
                    })
                    .collect_view();
                view! {
                    <p>{t(lang, "follow-new")}</p>
                    <ul class="news">{rows}</ul>
                }
                .into_any()
            };
            view! {
                <li class="card">
                    <p>
                        <a rel="external" href=format!("/{}/recommendations/{}", lang.code(), f.id)>{f.reference}</a>
                        " · "<BilingualText text=f.title/>
                        " · "<span class="badge">{t(lang, &f.status.label_key())}</span>
                    </p>
                    {news}
                    <form class="inline" method="post" action=paths::receipts::FOLLOW.at(&[&lang.code()])>
                        <input type="hidden" name="code" value=code.clone() aria-label=code_label.clone()/>
                        <input type="hidden" name="recommendation" value=f.id.to_string()/>
                        <input type="hidden" name="stop" value="1"/>
                        <button type="submit" class="secondary">{t(lang, "follow-stop")}</button>
                    </form>
                </li>
            }
        })
        .collect_view();
    Some(view! {
        <h2 id="follows">{t(lang, "follow-list-title")}</h2>
        {problem.map(|key| view! { <p class="field-problem" role="alert">{t(lang, &key)}</p> })}
        <ul class="directory">{items}</ul>
    })
}
