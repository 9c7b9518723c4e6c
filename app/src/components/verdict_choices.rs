//! The answers to "Is this true where you are?", each with its face, as large radio buttons;
//! and the box for words. Shared by the check page and the receipt page.
use leptos::prelude::*;

use crate::{
    components::{service_icon::VerdictIcon, textarea_text::textarea_text},
    domain::check::{COMMENT_FIELD, VERDICT_FIELD, Verdict},
    i18n::{t, use_lang},
};

#[component]
pub fn VerdictChoices(
    /// The answer chosen before, if the form came back.
    chosen: String,
    /// The words typed before.
    comment: String,
    /// Message keys of the answer's and the words' problems.
    verdict_problem: Option<String>,
    comment_problem: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let answers = Verdict::ALL
        .iter()
        .map(|v| {
            let checked = chosen == v.code();
            view! {
                <label class="answer">
                    <input type="radio" name=VERDICT_FIELD value=v.code() checked=checked/>
                    <VerdictIcon verdict=*v/>
                    <span>{t(lang, &v.label_key())}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="answers" id=VERDICT_FIELD>
            <legend>{t(lang, "check-question")}</legend>
            {verdict_problem.map(|key| view! { <p class="field-problem">{t(lang, &key)}</p> })}
            <div class="answer-row">{answers}</div>
        </fieldset>
        <div class="field" id=COMMENT_FIELD>
            <label for="comment-box">{t(lang, "check-comment-label")}</label>
            <p class="hint">{t(lang, "check-comment-hint")}</p>
            {comment_problem.map(|key| view! { <p class="field-problem">{t(lang, &key)}</p> })}
            <textarea id="comment-box" name=COMMENT_FIELD rows="4">{textarea_text(comment)}</textarea>
        </div>
    }
}
