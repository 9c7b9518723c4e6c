use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::survivor::{SubmissionKind, SurvivorView, ThreadView},
    components::textarea_text::textarea_text,
    components::{survivor_form::Busy, thread_messages::ThreadMessages},
    domain::{khmer, submission::HONEYPOT_FIELD},
    i18n::{Arg, t, t_args, use_lang},
};

/// Coming back with a receipt code: the code is typed, posted, and the thread shown in the
/// answer. The address never changes and nothing is remembered between visits.
#[component]
pub fn ReceiptPage() -> impl IntoView {
    let lang = use_lang();
    let page = match use_context::<SurvivorView>() {
        Some(SurvivorView::Thread(thread)) => view! { <Thread thread/> }.into_any(),
        Some(SurvivorView::Busy) => view! { <Busy/> }.into_any(),
        Some(SurvivorView::AskCode { problem, typed }) => {
            view! { <AskCode problem typed/> }.into_any()
        }
        _ => view! { <AskCode problem=None typed=String::new()/> }.into_any(),
    };
    view! {
        <Title text=format!("{} · {}", t(lang, "receipt-title"), t(lang, "site-name"))/>
        {page}
    }
}

#[component]
fn AskCode(problem: Option<String>, typed: String) -> impl IntoView {
    let lang = use_lang();
    view! {
        <h1>{t(lang, "receipt-title")}</h1>
        <p class="lead">{t(lang, "receipt-intro")}</p>
        <form class="survivor" method="post" action=format!("/{}/receipt", lang.code())>
            <div class="field" id="code">
                <label for="code-box">{t(lang, "receipt-code-label")}</label>
                <p class="hint">{t(lang, "receipt-code-hint")}</p>
                {problem.map(|key| view! { <p class="field-problem" role="alert">{t(lang, &key)}</p> })}
                <input
                    id="code-box"
                    class="code-input"
                    name="code"
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    maxlength="64"
                    value=typed
                />
            </div>
            <button type="submit" class="primary">{t(lang, "receipt-open")}</button>
        </form>
    }
}

#[component]
fn Thread(thread: ThreadView) -> impl IntoView {
    let lang = use_lang();
    let about = t(lang, &thread.about_key);
    let heading = match thread.kind {
        SubmissionKind::Feedback => t_args(
            lang,
            "thread-feedback-title",
            &[("about", Arg::Text(about))],
        ),
        SubmissionKind::Proposal => t_args(
            lang,
            "thread-proposal-title",
            &[("about", Arg::Text(about))],
        ),
    };
    let received = t_args(
        lang,
        "thread-received-on",
        &[("date", Arg::Text(khmer::date(thread.received_on, lang)))],
    );
    let code_label = t(lang, "receipt-code-label");
    view! {
        <h1>{heading}</h1>
        <dl class="thread-facts">
            <dt>{t(lang, "thread-received")}</dt>
            <dd>{received}</dd>
            <dt>{t(lang, "thread-state")}</dt>
            <dd class="state">{t(lang, &thread.state_key)}</dd>
        </dl>
        {thread.own_text.clone().map(|text| view! {
            <h2>{t(lang, "thread-your-words")}</h2>
            <blockquote class="own-words">{text}</blockquote>
        })}
        <h2>{t(lang, "thread-messages")}</h2>
        <ThreadMessages messages=thread.messages.clone() survivor_key="thread-from-you" empty_key="thread-no-messages"/>
        {thread.reply_saved.then(|| view! { <p class="notice done" role="status">{t(lang, "thread-reply-saved")}</p> })}
        <form class="survivor" method="post" action=format!("/{}/receipt/reply", lang.code())>
            <input type="hidden" name="code" value=thread.code_grouped.clone() aria-label=code_label/>
            <div class="field" id="reply">
                <label for="reply-box">{t(lang, "thread-reply-label")}</label>
                {thread.reply_problem.clone().map(|key| view! { <p class="field-problem" role="alert">{t(lang, &key)}</p> })}
                <textarea id="reply-box" name="reply" rows="4">{textarea_text(thread.reply_typed.clone())}</textarea>
            </div>
            <div class="honeypot">
                <label for="hp-website">{t(lang, "form-honeypot-label")}</label>
                <input id="hp-website" name=HONEYPOT_FIELD type="text" tabindex="-1" autocomplete="off"/>
            </div>
            <button type="submit" class="primary">{t(lang, "thread-reply-send")}</button>
        </form>
        <p class="privacy-note">{t(lang, "thread-leave-note")}</p>
    }
}
