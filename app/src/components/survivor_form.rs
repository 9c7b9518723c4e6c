//! Pieces of the survivor forms: problems next to their field and in a list at the top, the
//! honeypot, and the pages every survivor form can end on.
use leptos::prelude::*;

use crate::{
    api::survivor::{Draft, SubmissionKind},
    domain::submission::HONEYPOT_FIELD,
    i18n::{t, use_lang},
};

/// Every problem of the form, linking to its field, read out first by screen readers.
#[component]
pub fn ProblemSummary(draft: Draft) -> impl IntoView {
    let lang = use_lang();
    (!draft.problems.is_empty()).then(|| {
        let items = draft
            .problems
            .iter()
            .map(|(field, key)| {
                view! { <li><a href=format!("#{field}")>{t(lang, key)}</a></li> }
            })
            .collect_view();
        view! {
            <div class="problems" role="alert" id="form">
                <h2>{t(lang, "form-problems-title")}</h2>
                <ul>{items}</ul>
            </div>
        }
    })
}

/// The message for one field, if it has a problem.
#[component]
pub fn FieldProblem(draft: Draft, field: &'static str) -> impl IntoView {
    let lang = use_lang();
    draft
        .problem(field)
        .map(|key| view! { <p class="field-problem">{t(lang, key)}</p> })
}

/// A box people never see and robots fill in. Shown, with its message, only if a person's
/// browser filled it in by mistake, so they can empty it.
#[component]
pub fn Honeypot(draft: Draft) -> impl IntoView {
    let lang = use_lang();
    let problem = draft.problem(HONEYPOT_FIELD).is_some();
    let class = if problem {
        "honeypot-shown"
    } else {
        "honeypot"
    };
    view! {
        <div class=class id=HONEYPOT_FIELD>
            <label for="hp-website">{t(lang, "form-honeypot-label")}</label>
            {problem.then(|| view! { <p class="field-problem">{t(lang, "form-error-honeypot")}</p> })}
            <input
                id="hp-website"
                name=HONEYPOT_FIELD
                type="text"
                tabindex="-1"
                autocomplete="off"
                value=draft.value(HONEYPOT_FIELD).to_string()
            />
        </div>
    }
}

/// The receipt code, shown once, with plain advice.
#[component]
pub fn Received(kind: SubmissionKind, code_grouped: String) -> impl IntoView {
    let lang = use_lang();
    let title = match kind {
        SubmissionKind::Feedback => "received-feedback-title",
        SubmissionKind::Proposal => "received-proposal-title",
    };
    view! {
        <section class="received">
            <h1>{t(lang, title)}</h1>
            <p>{t(lang, "received-code-intro")}</p>
            <p class="receipt-code" id="receipt-code">{code_grouped}</p>
            <ul class="advice">
                <li>{t(lang, "received-advice-write")}</li>
                <li>{t(lang, "received-advice-once")}</li>
                <li>{t(lang, "received-advice-private")}</li>
                <li>{t(lang, "received-advice-back")}</li>
            </ul>
            <p>
                <a class="button" rel="external" href=format!("/{}/receipt", lang.code())>
                    {t(lang, "received-come-back")}
                </a>
            </p>
        </section>
    }
}

/// Too many submissions or tries from here for now.
#[component]
pub fn Busy() -> impl IntoView {
    let lang = use_lang();
    view! {
        <h1>{t(lang, "busy-title")}</h1>
        <p class="notice" role="alert">{t(lang, "busy-text")}</p>
    }
}
