//! A ballot of a forum's drafts on its day, opened by the forum's venue link: on each
//! participant's phone, or on one phone passed round ("next person" gives an empty ballot).
//! Rendered by its handler, with no script.
use leptos::prelude::*;

use crate::{
    components::{
        bilingual_text::BilingualText,
        page_title::PageTitle,
        survivor_form::{Honeypot, ProblemSummary},
    },
    domain::{
        khmer,
        vote::{CHOICE_FIELD, MOST_CHOICES},
    },
    i18n::{t, t_args, use_lang},
    paths,
    views::survivor::{Ballot, Draft, SurvivorView},
};

#[component]
pub fn VotePage() -> impl IntoView {
    let lang = use_lang();
    let page = match use_context::<SurvivorView>() {
        Some(SurvivorView::Ballot { ballot, draft }) => {
            view! { <BallotForm ballot draft/> }.into_any()
        }
        Some(SurvivorView::Voted { venue }) => view! { <Voted venue/> }.into_any(),
        _ => view! {
            <h1>{t(lang, "vote-title")}</h1>
            <p class="notice" role="status">{t(lang, "vote-no-ballot")}</p>
        }
        .into_any(),
    };
    view! {
        <PageTitle lang what=t(lang, "vote-title")/>
        {page}
    }
}

#[component]
fn BallotForm(ballot: Ballot, draft: Draft) -> impl IntoView {
    let lang = use_lang();
    let chosen: Vec<String> = draft
        .value(CHOICE_FIELD)
        .split(',')
        .map(str::to_string)
        .collect();
    let most = khmer::number(MOST_CHOICES as i64, lang);
    let rows = ballot
        .drafts
        .into_iter()
        .enumerate()
        .map(|(n, (id, title, text))| {
            let checked = chosen.contains(&id.to_string());
            let number = khmer::number(n as i64 + 1, lang);
            view! {
                <li>
                    <label class="ballot-choice">
                        <input type="checkbox" name=CHOICE_FIELD value=id.to_string() checked=checked/>
                        <span class="number">{number}"."</span>
                        <span>
                            <strong><BilingualText text=title/></strong>
                            <span class="ballot-text"><BilingualText text/></span>
                        </span>
                    </label>
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>{t(lang, "vote-title")}</h1>
        <p class="lead"><BilingualText text=ballot.forum_title/></p>
        <p>{t_args(lang, "vote-intro", &[("most", most.into())])}</p>
        <ProblemSummary draft=draft.clone()/>
        <form class="survivor" method="post" action=paths::votes::BALLOT.at(&[&lang.code()])>
            <fieldset class="ballot" id=CHOICE_FIELD>
                <legend>{t(lang, "vote-choose")}</legend>
                <ol class="ballot-list">{rows}</ol>
            </fieldset>
            <Honeypot draft=draft.clone()/>
            <p class="privacy-note">{t(lang, "vote-privacy-note")}</p>
            <button type="submit" class="primary">{t(lang, "vote-send")}</button>
        </form>
    }
}

/// Counted: and an empty ballot for whoever holds the phone next.
#[component]
fn Voted(venue: String) -> impl IntoView {
    let lang = use_lang();
    let next = format!("{}?venue={venue}", paths::votes::BALLOT.at(&[&lang.code()]));
    view! {
        <section class="received">
            <h1>{t(lang, "vote-title")}</h1>
            <p class="notice done" role="status">{t(lang, "vote-counted")}</p>
            <p>{t(lang, "vote-next-hint")}</p>
            <p><a class="button" rel="external" href=next>{t(lang, "vote-next")}</a></p>
        </section>
    }
}
