//! "Is this true where you are?": a survivor page about one recommendation a body reported
//! implemented (or whose commitment is overdue). Rendered by its handler, with no script.
use leptos::prelude::*;

use crate::{
    components::{
        page_title::PageTitle,
        survivor_form::{Busy, FieldProblem, Honeypot, ProblemSummary},
        verdict_choices::VerdictChoices,
    },
    domain::check::{CODE_FIELD, COMMENT_FIELD, VERDICT_FIELD},
    i18n::{t, use_lang},
    paths,
    views::survivor::{CheckAbout, Draft, SurvivorView},
};

#[component]
pub fn CheckPage() -> impl IntoView {
    let lang = use_lang();
    let page = match use_context::<SurvivorView>() {
        Some(SurvivorView::Check { about, draft }) => view! { <CheckForm about draft/> }.into_any(),
        Some(SurvivorView::Checked { about, already }) => {
            view! { <Checked about already/> }.into_any()
        }
        _ => view! { <Busy/> }.into_any(),
    };
    view! {
        <PageTitle lang what=t(lang, "check-title")/>
        {page}
    }
}

/// Which recommendation this is, with the way to its page (a full load: it has scripts).
#[component]
fn About(about: CheckAbout) -> impl IntoView {
    let lang = use_lang();
    let title = about.title.show(lang).text.to_string();
    view! {
        <p class="check-about">
            <a rel="external" href=format!("/{}/recommendations/{}", lang.code(), about.id)>
                {about.reference}
            </a>
            " · "{title}
        </p>
    }
}

#[component]
fn CheckForm(about: CheckAbout, draft: Draft) -> impl IntoView {
    let lang = use_lang();
    if !about.asks {
        return view! {
            <h1>{t(lang, "check-title")}</h1>
            <About about/>
            <p class="notice" role="status">{t(lang, "check-not-asked")}</p>
        }
        .into_any();
    }
    let action = paths::checks::FORM.at(&[&lang.code(), &about.id]);
    view! {
        <h1>{t(lang, "check-title")}</h1>
        <About about/>
        <p class="lead">{t(lang, "check-intro")}</p>
        <ProblemSummary draft=draft.clone()/>
        <form class="survivor" method="post" action=action>
            <VerdictChoices
                chosen=draft.value(VERDICT_FIELD).to_string()
                comment=draft.value(COMMENT_FIELD).to_string()
                verdict_problem=draft.problem(VERDICT_FIELD).map(str::to_string)
                comment_problem=draft.problem(COMMENT_FIELD).map(str::to_string)
            />
            <div class="field" id=CODE_FIELD>
                <label for="code-box">{t(lang, "check-code-label")}</label>
                <p class="hint">{t(lang, "check-code-hint")}</p>
                <FieldProblem draft=draft.clone() field=CODE_FIELD/>
                <input
                    id="code-box"
                    class="code-input"
                    name=CODE_FIELD
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    maxlength="64"
                    value=draft.value(CODE_FIELD).to_string()
                />
            </div>
            <Honeypot draft=draft.clone()/>
            <p class="privacy-note">{t(lang, "check-privacy-note")}</p>
            <button type="submit" class="primary">{t(lang, "check-send")}</button>
        </form>
    }
    .into_any()
}

#[component]
fn Checked(about: CheckAbout, already: bool) -> impl IntoView {
    let lang = use_lang();
    let said = if already {
        "check-already"
    } else {
        "check-thanks"
    };
    view! {
        <section class="received">
            <h1>{t(lang, "check-title")}</h1>
            <About about/>
            <p class="notice done" role="status">{t(lang, said)}</p>
            <p>{t(lang, "check-counted-how")}</p>
        </section>
    }
}
