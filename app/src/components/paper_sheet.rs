//! One printed feedback sheet (A4): the online form's questions and pictures with boxes to
//! tick, and at the foot a slip to cut off, carrying the sheet's own receipt code.
use leptos::prelude::*;

use crate::{
    components::service_icon::{AnswerIcon, ServiceIcon},
    domain::{
        feedback::{Answer, Question, ServiceType},
        khmer,
    },
    i18n::{Arg, t, t_args, use_lang},
};

#[component]
pub fn PaperSheet(
    code: String,
    expires_on: chrono::NaiveDate,
    receipt_address: String,
) -> impl IntoView {
    let lang = use_lang();
    let services = ServiceType::ALL
        .iter()
        .map(|s| {
            view! {
                <li><span class="box" aria-hidden="true"></span><ServiceIcon service=*s/><span>{t(lang, &s.label_key())}</span></li>
            }
        })
        .collect_view();
    let questions = Question::ALL
        .iter()
        .map(|q| {
            let answers = Answer::ALL
                .iter()
                .map(|a| {
                    view! {
                        <li><span class="box" aria-hidden="true"></span><AnswerIcon answer=*a/><span>{t(lang, &a.label_key())}</span></li>
                    }
                })
                .collect_view();
            view! {
                <li>
                    <p>{t(lang, &q.label_key())}</p>
                    <ul class="paper-answers">{answers}</ul>
                </li>
            }
        })
        .collect_view();
    let back_by = t_args(
        lang,
        "paper-sheet-back-by",
        &[("date", Arg::Text(khmer::date(expires_on, lang)))],
    );
    view! {
        <article class="paper-sheet">
            <p class="paper-code">{t(lang, "paper-sheet-code")}" "<strong>{code.clone()}</strong></p>
            <h2>{t(lang, "feedback-title")}</h2>
            <p>{t(lang, "paper-sheet-intro")}</p>
            <h3>{t(lang, "feedback-which-service")}</h3>
            <ul class="paper-services">{services}</ul>
            <p class="write-in">{t(lang, "feedback-province")}</p>
            <p class="write-in">{t(lang, "feedback-organisation")}</p>
            <h3>{t(lang, "feedback-questions-title")}</h3>
            <ol class="paper-questions">{questions}</ol>
            <h3>{t(lang, "feedback-text-label")}</h3>
            <div class="paper-lines" aria-hidden="true"></div>
            <p class="paper-back">{back_by}</p>
            <div class="paper-slip">
                <p class="cut">{t(lang, "paper-slip-cut")}</p>
                <p>{t(lang, "assisted-slip-title")}</p>
                <p class="receipt-code">{code}</p>
                <p>{t(lang, "paper-slip-where")}" "<strong>{receipt_address}</strong></p>
            </div>
        </article>
    }
}
