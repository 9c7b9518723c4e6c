//! A signed-in form's problems: a list at the top linking to each field, and the message
//! next to its field.
use leptos::prelude::*;

use crate::{
    i18n::{t, use_lang},
    views::ProblemList,
};

/// `prefix` is what the form puts before its field ids (`response-` for `response-choice`).
#[component]
pub fn FormProblems(
    problems: ProblemList,
    #[prop(optional)] prefix: &'static str,
) -> impl IntoView {
    let lang = use_lang();
    (!problems.is_empty()).then(|| {
        let items = problems
            .iter()
            .map(|(field, key)| view! { <li><a href=format!("#{prefix}{field}")>{t(lang, key)}</a></li> })
            .collect_view();
        view! {
            <div class="problems" role="alert">
                <h2>{t(lang, "form-problems-title")}</h2>
                <ul>{items}</ul>
            </div>
        }
    })
}

/// The message for one field, if it has a problem.
#[component]
pub fn ProblemFor(problems: ProblemList, field: &'static str) -> impl IntoView {
    let lang = use_lang();
    problems
        .iter()
        .find(|(f, _)| f == field)
        .map(|(_, key)| view! { <p class="field-problem">{t(lang, key)}</p> })
}
