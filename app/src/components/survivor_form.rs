//! Pieces of the survivor forms: problems next to their field and in a list at the top, the
//! honeypot, and the pages every survivor form can end on.
use crate::components::prompt::Prompt;
use leptos::prelude::*;

use crate::{
    domain::{
        feedback::Question,
        khmer,
        submission::{ASSISTED_FIELD, HONEYPOT_FIELD, ONCE_FIELD, VENUE_FIELD},
    },
    i18n::{Arg, t, t_args, use_lang},
    paths,
    views::survivor::{Draft, SubmissionKind},
};

/// Every problem of the form, linking to its field, read out first by screen readers; or,
/// when the form was held back, when to send it again (everything typed is still there).
#[component]
pub fn ProblemSummary(draft: Draft) -> impl IntoView {
    let lang = use_lang();
    let busy = draft.busy_minutes.map(|minutes| {
        let minutes = i64::from(minutes.max(1));
        let text = t_args(
            lang,
            "busy-wait",
            &[
                ("minutes", Arg::Count(minutes)),
                ("shown", khmer::number(minutes, lang).into()),
            ],
        );
        view! {
            <div class="problems" role="alert" id="form">
                <h2>{t(lang, "busy-title")}</h2>
                <p>{text}</p>
            </div>
        }
    });
    let problems = (!draft.problems.is_empty()).then(|| {
        let items = draft
            .problems
            .iter()
            .map(|(field, key)| {
                // "Please choose an answer" five times says nothing: each line names its question.
                let text = match field.strip_prefix("q-").and_then(Question::parse) {
                    Some(question) => {
                        format!("{} {}", t(lang, &question.label_key()), t(lang, key))
                    }
                    None => t(lang, key),
                };
                view! { <li><a href=format!("#{field}")>{text}</a></li> }
            })
            .collect_view();
        view! {
            <div class="problems" role="alert" id="form">
                <h2>{t(lang, "form-problems-title")}</h2>
                <ul>{items}</ul>
            </div>
        }
    });
    view! { {busy} {problems} }
}

/// The message for one field, if it has a problem.
#[component]
pub fn FieldProblem(draft: Draft, field: &'static str) -> impl IntoView {
    let lang = use_lang();
    draft
        .problem(field)
        .map(|key| view! { <p class="field-problem">{t(lang, key)}</p> })
}

/// The same form sent twice (a reload of the "received" page): nothing was stored again.
/// The code is not shown twice; the first page showed it.
#[component]
pub fn AlreadyReceived(kind: SubmissionKind) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="received">
            <h1>{t(lang, received_title(kind))}</h1>
            <p class="notice" role="status">{t(lang, "already-received")}</p>
            <p>{t(lang, "already-received-code")}</p>
            <ComeBack/>
        </section>
    }
}

fn received_title(kind: SubmissionKind) -> &'static str {
    match kind {
        SubmissionKind::Feedback => "received-feedback-title",
        SubmissionKind::Proposal => "received-proposal-title",
    }
}

/// The way back to the thread: a full page load (survivor pages carry no script).
#[component]
fn ComeBack() -> impl IntoView {
    let lang = use_lang();
    view! {
        <p>
            <a class="button" rel="external" href=format!("/{}/receipt", lang.code())>
                {t(lang, "received-come-back")}
            </a>
        </p>
    }
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
        // The form's one-time token: the same form sent twice is stored once.
        <input type="hidden" name=ONCE_FIELD value=draft.value(ONCE_FIELD).to_string()/>
        // Entered with a facilitator's help: the day's pass (it names nobody).
        {(!draft.value(ASSISTED_FIELD).is_empty()).then(|| view! {
            <input type="hidden" name=ASSISTED_FIELD value=draft.value(ASSISTED_FIELD).to_string()/>
        })}
        {(!draft.value(VENUE_FIELD).is_empty()).then(|| view! {
            <input type="hidden" name=VENUE_FIELD value=draft.value(VENUE_FIELD).to_string()/>
        })}
    }
}

/// The receipt code, shown once, with plain advice.
#[component]
pub fn Received(kind: SubmissionKind, code_grouped: String, assisted: bool) -> impl IntoView {
    let lang = use_lang();
    // With a facilitator's help: the code goes to the survivor on a slip (printed, or copied
    // by hand); the print shows the slip alone.
    let slip = assisted.then(|| {
        view! {
            <p class="notice print-hide" role="status">{t(lang, "assisted-received")}</p>
            <div class="slip">
                <p>{t(lang, "assisted-slip-title")}</p>
                <p class="receipt-code slip-code" id="receipt-code">{code_grouped.clone()}</p>
                <p>{t(lang, "received-advice-back")}</p>
            </div>
        }
    });
    view! {
        <section class="received">
            <h1>{t(lang, received_title(kind))}</h1>
            {slip}
            // Shown once: on the slip, when there is one.
            {(!assisted).then(|| view! {
                <p>{t(lang, "received-code-intro")}</p>
                <Prompt key="received-code-intro"/>
                <p class="receipt-code" id="receipt-code">{code_grouped}</p>
            })}
            <ul class="advice">
                <li>{t(lang, "received-advice-write")}</li>
                <li>{t(lang, "received-advice-once")}</li>
                <li>{t(lang, "received-advice-private")}</li>
                <li>{t(lang, "received-advice-back")}</li>
            </ul>
            <Prompt key="received-advice-back"/>
            <ComeBack/>
        </section>
    }
}

/// A returned paper sheet was typed in: no code to show (the survivor has it on her slip).
#[component]
pub fn PaperEntered() -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="received">
            <h1>{t(lang, "paper-entered-title")}</h1>
            <p class="notice done" role="status">{t(lang, "paper-entered")}</p>
            <p>{t(lang, "paper-rule-shred")}</p>
            <p><a class="button" href=paths::paper::ENTER.at(&[&lang.code()])>{t(lang, "paper-enter-next")}</a></p>
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
