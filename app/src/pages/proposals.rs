use leptos::prelude::*;

use crate::components::page_title::PageTitle;

use crate::{
    components::{
        survivor_form::{AlreadyReceived, Busy, FieldProblem, Honeypot, ProblemSummary, Received},
        textarea_text::textarea_text,
    },
    domain::theme::Theme,
    i18n::{t, use_lang},
    paths,
    views::survivor::{Draft, SurvivorView},
};

/// A survivor proposes a recommendation: a theme and their words. Anonymous, no JavaScript.
#[component]
pub fn ProposePage() -> impl IntoView {
    let lang = use_lang();
    let page = match use_context::<SurvivorView>() {
        Some(SurvivorView::Received {
            kind,
            code_grouped,
            assisted,
        }) => view! { <Received kind code_grouped assisted/> }.into_any(),
        Some(SurvivorView::Busy) => view! { <Busy/> }.into_any(),
        Some(SurvivorView::AlreadyReceived { kind }) => {
            view! { <AlreadyReceived kind/> }.into_any()
        }
        Some(SurvivorView::Propose { draft }) => view! { <ProposeForm draft/> }.into_any(),
        _ => view! { <ProposeForm draft=Draft::default()/> }.into_any(),
    };
    view! {
        <PageTitle lang what=t(lang, "propose-title")/>
        {page}
    }
}

#[component]
fn ProposeForm(draft: Draft) -> impl IntoView {
    let lang = use_lang();
    let themes = Theme::ALL
        .iter()
        .map(|theme| {
            let checked = draft.value("theme") == theme.code();
            view! {
                <label class="choice">
                    <input type="radio" name="theme" value=theme.code() checked=checked/>
                    <span>
                        <strong>{t(lang, &theme.label_key())}</strong>
                        <small>{t(lang, &format!("propose-{}-hint", theme.code()))}</small>
                    </span>
                </label>
            }
        })
        .collect_view();
    let text = draft.value("text").to_string();
    view! {
        <h1>{t(lang, "propose-title")}</h1>
        <p class="lead">{t(lang, "propose-intro")}</p>
        <ProblemSummary draft=draft.clone()/>
        <form class="survivor" method="post" action=paths::proposals::FORM.at(&[&lang.code()])>
            <fieldset class="choices" id="theme">
                <legend>{t(lang, "propose-which-theme")}</legend>
                <FieldProblem draft=draft.clone() field="theme"/>
                <div class="choice-list">{themes}</div>
            </fieldset>
            <div class="field" id="text">
                <label for="text-box">{t(lang, "propose-text-label")}</label>
                <p class="hint">{t(lang, "propose-text-hint")}</p>
                <FieldProblem draft=draft.clone() field="text"/>
                <textarea id="text-box" name="text" rows="6">{textarea_text(text)}</textarea>
            </div>
            <Honeypot draft=draft.clone()/>
            <p class="privacy-note">{t(lang, "survivor-privacy-note")}</p>
            <button type="submit" class="primary">{t(lang, "propose-send")}</button>
        </form>
    }
}
