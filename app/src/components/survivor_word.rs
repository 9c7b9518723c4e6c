//! "What survivors say about this", beside a body's claim on a recommendation's page: the
//! counts as released (none until K answered), a few published words, and the way to answer.
use leptos::prelude::*;

use crate::{
    components::{bilingual_text::BilingualText, service_icon::VerdictIcon},
    domain::{check::Verdict, khmer},
    i18n::{Arg, t, t_args, use_lang},
    paths,
    views::tracker::SurvivorWord,
};

#[component]
pub fn SurvivorWordSection(id: i32, word: SurvivorWord) -> impl IntoView {
    let lang = use_lang();
    if !word.asks && word.tally.is_none() && word.comments.is_empty() {
        return None;
    }
    let shown = |n: u32| {
        let n = i64::from(n);
        vec![
            ("count", Arg::Count(n)),
            ("shown", Arg::Text(khmer::number(n, lang))),
        ]
    };
    let counts = match word.tally {
        Some(tally) => {
            let rows = Verdict::ALL
                .iter()
                .map(|v| {
                    view! {
                        <li>
                            <VerdictIcon verdict=*v/>
                            <span class="verdict">{t(lang, &v.label_key())}</span>
                            <span class="count">{khmer::number(i64::from(tally.count(*v)), lang)}</span>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <p>{t_args(lang, "word-answered", &shown(tally.people))}</p>
                <ul class="verdict-counts">{rows}</ul>
            }
            .into_any()
        }
        None => view! {
            <p class="hint">{t_args(lang, "word-too-few", &shown(word.threshold))}</p>
        }
        .into_any(),
    };
    let comments = (!word.comments.is_empty()).then(|| {
        let quotes = word
            .comments
            .into_iter()
            .map(|text| view! { <blockquote><BilingualText text/></blockquote> })
            .collect_view();
        view! {
            <h3>{t(lang, "word-comments")}</h3>
            {quotes}
        }
    });
    let ask = word.asks.then(|| {
        view! {
            <p>
                <a class="button" rel="external" href=paths::checks::FORM.at(&[&lang.code(), &id])>
                    {t(lang, "word-ask")}
                </a>
            </p>
        }
    });
    Some(view! {
        <section class="survivor-word" id="survivor-word">
            <h2>{t(lang, "word-title")}</h2>
            <p class="lead">{t(lang, "word-intro")}</p>
            {counts}
            {comments}
            {ask}
        </section>
    })
}
