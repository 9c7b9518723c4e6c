use leptos::prelude::*;

use crate::components::page_title::PageTitle;

use crate::{
    components::{
        follow::FollowedList, survivor_form::Busy, textarea_text::textarea_text,
        thread_messages::ThreadMessages, verdict_choices::VerdictChoices,
    },
    domain::{
        check::CODE_FIELD,
        khmer,
        submission::{HONEYPOT_FIELD, ONCE_FIELD},
    },
    i18n::{Arg, t, t_args, use_lang},
    paths,
    views::survivor::{Became, ReceiptCheck, SubmissionKind, SurvivorView, ThreadView},
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
        <PageTitle lang what=t(lang, "receipt-title")/>
        {page}
    }
}

#[component]
fn AskCode(problem: Option<String>, typed: String) -> impl IntoView {
    let lang = use_lang();
    view! {
        <h1>{t(lang, "receipt-title")}</h1>
        <p class="lead">{t(lang, "receipt-intro")}</p>
        <form class="survivor" method="post" action=paths::receipts::LOOK_UP.at(&[&lang.code()])>
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
        {thread.expired.then(|| view! { <p class="notice" role="status">{t(lang, "thread-expired")}</p> })}
        {thread.own_text.clone().map(|text| view! {
            <h2>{t(lang, "thread-your-words")}</h2>
            <blockquote class="own-words">{text}</blockquote>
        })}
        {thread.public_text.clone().map(|text| view! {
            <h2>{t(lang, "thread-public-words")}</h2>
            <p class="hint">{t(lang, "thread-public-words-hint")}</p>
            <blockquote class="own-words public-copy">{text}</blockquote>
        })}
        {thread.became.clone().map(|became| view! { <BecameRecommendation became/> })}
        {thread.became.clone().zip(thread.check.clone()).map(|(became, check)| view! {
            <AskCheck id=became.id code=thread.code_grouped.clone() check/>
        })}
        <FollowedList follows=thread.follows.clone() code=thread.code_grouped.clone() problem=thread.follow_problem.clone()/>
        <h2>{t(lang, "thread-messages")}</h2>
        <ThreadMessages messages=thread.messages.clone() survivor_key="thread-from-you" empty_key="thread-no-messages"/>
        {thread.reply_saved.then(|| view! { <p class="notice done" role="status">{t(lang, "thread-reply-saved")}</p> })}
        <form class="survivor" method="post" action=paths::receipts::REPLY.at(&[&lang.code()])>
            <input type="hidden" name="code" value=thread.code_grouped.clone() aria-label=code_label/>
            <input type="hidden" name=ONCE_FIELD value=thread.once.clone()/>
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

/// What a survivor's proposal became: the public recommendation, where it stands, and what
/// each body it is addressed to has said.
#[component]
fn BecameRecommendation(became: Became) -> impl IntoView {
    let lang = use_lang();
    let answers = became
        .answers
        .into_iter()
        .map(|(body, position)| {
            let said = match position {
                Some(p) => t(lang, &p.label_key()),
                None => t(lang, "thread-body-not-answered"),
            };
            view! { <li>{body.show(lang).text.to_string()}" · "{said}</li> }
        })
        .collect_view();
    view! {
        <h2>{t(lang, "thread-became-title")}</h2>
        <p>
            {t(lang, "thread-became")}" "
            <a href=format!("/{}/recommendations/{}", lang.code(), became.id)>{became.reference}</a>
            " · "<span class="badge">{t(lang, &became.status.label_key())}</span>
        </p>
        <ul class="became-answers">{answers}</ul>
    }
}

/// "Is this true where you are?" about the recommendation her proposal became, asked right
/// here: the code rides in the form's body, so she answers once.
#[component]
fn AskCheck(id: i32, code: String, check: ReceiptCheck) -> impl IntoView {
    let lang = use_lang();
    let once = match check {
        ReceiptCheck::Answered => {
            return view! {
                <h2>{t(lang, "check-title")}</h2>
                <p class="notice done" role="status">{t(lang, "check-already")}</p>
            }
            .into_any();
        }
        ReceiptCheck::Ask { once } => once,
    };
    let code_label = t(lang, "receipt-code-label");
    view! {
        <h2>{t(lang, "check-title")}</h2>
        <p>{t(lang, "check-receipt-intro")}</p>
        <form class="survivor" method="post" action=paths::checks::FORM.at(&[&lang.code(), &id])>
            <input type="hidden" name=CODE_FIELD value=code aria-label=code_label/>
            <input type="hidden" name=ONCE_FIELD value=once/>
            <VerdictChoices chosen=String::new() comment=String::new() verdict_problem=None comment_problem=None/>
            <button type="submit" class="primary">{t(lang, "check-send")}</button>
        </form>
    }
    .into_any()
}
