use leptos::prelude::*;

use crate::components::page_title::PageTitle;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    api::moderation::get_item,
    components::refusal_notice::RefusalNotice,
    components::{
        bilingual_text::BilingualText, error_view::ErrorView, textarea_text::textarea_text,
        thread_messages::ThreadMessages,
    },
    domain::{
        feedback::ModerationState,
        khmer,
        redaction::{self, Kind, MARKER},
        submission::MAX_TEXT_GRAPHEMES,
    },
    i18n::{t, t_args, use_lang},
    paths,
    refusal::groups,
    views::moderation::{ItemKind, ItemView},
};

/// One piece of feedback or one proposal: the survivor's words (facilitators only), the copy
/// others may read, suggestions of what to hide, translation, state, and the receipt thread.
#[component]
pub fn ModerationItemPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let key = move || {
        params.with(|p| {
            (
                p.get("kind").unwrap_or_default(),
                p.get("id").unwrap_or_default(),
            )
        })
    };
    let data = Resource::new(key, |(kind, id)| get_item(kind, id));
    view! {
        <PageTitle lang what=t(lang, "moderation-item-title")/>
        <p><a href=format!("/{}/moderation", lang.code())>{t(lang, "moderation-back")}</a></p>
        <Suspense fallback=move || view! { <p>{t(lang, "loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(item) => view! { <Item item/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Notice() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    move || {
        query.with(|q| {
            if let Some(done) = q.get("done") {
                let key = match done.as_str() {
                    "redacted" => "moderation-done-redacted",
                    "translated" => "moderation-done-translated",
                    "replied" => "moderation-done-replied",
                    "promoted" => "moderation-done-promoted",
                    _ => "moderation-done-state",
                };
                return Some(
                    view! { <p class="notice done" role="status">{t(lang, key)}</p> }.into_any(),
                );
            }
            None
        })
    }
}

#[component]
fn Item(item: ItemView) -> impl IntoView {
    let lang = use_lang();
    let at = {
        let (kind, id) = (item.kind.code(), item.id.clone());
        move |route: paths::Route| route.at(&[&lang.code(), &kind, &id])
    };
    let csrf = item.csrf.clone();
    let hidden_csrf = move || view! { <input type="hidden" name="csrf" value=csrf.clone()/> };
    let facts = view! {
        <dl class="thread-facts">
            <dt>{t(lang, "thread-received")}</dt>
            <dd>{khmer::date(item.received_on, lang)}</dd>
            <dt>{t(lang, "moderation-filter-state")}</dt>
            <dd><span class="badge">{t(lang, &item.state.label_key())}</span></dd>
            {item.province_key.clone().map(|k| view! { <dt>{t(lang, "feedback-province")}</dt><dd>{t(lang, &k)}</dd> })}
            {item.organisation.clone().map(|o| view! { <dt>{t(lang, "feedback-organisation")}</dt><dd><BilingualText text=o/></dd> })}
            {item.verdict.map(|v| view! { <dt>{t(lang, "moderation-check-said")}</dt><dd>{t(lang, &v.label_key())}</dd> })}
            {(item.kind == ItemKind::Check).then(|| item.recommendation_reference.clone()).flatten().map(|r| view! {
                <dt>{t(lang, "moderation-check-about")}</dt><dd>{r}</dd>
            })}
        </dl>
    };
    let answers = (!item.answers.is_empty()).then(|| {
        let rows = item
            .answers
            .iter()
            .map(|(q, a)| view! { <tr><th scope="row">{t(lang, q)}</th><td>{t(lang, &a.label_key())}</td></tr> })
            .collect_view();
        view! { <table class="answers-table"><tbody>{rows}</tbody></table> }
    });
    let suggestions = item
        .suggestions
        .iter()
        .map(|(text, kind)| {
            view! {
                <label class="check">
                    <input type="checkbox" name="part" value=text.clone() checked=true/>
                    <span><mark>{text.clone()}</mark>" · "{t(lang, kind.label_key())}</span>
                </label>
            }
        })
        .collect_view();
    let words = item.original.clone().map(|original| {
        let public = item.redacted.clone();
        view! {
            <h2>{t(lang, "moderation-original")}</h2>
            <p class="hint">{t(lang, "moderation-original-hint")}</p>
            <blockquote class="own-words">{original}</blockquote>
            <h2>{t(lang, "moderation-public-copy")}</h2>
            {match public {
                Some(copy) => view! { <blockquote class="own-words public-copy">{copy}</blockquote> }.into_any(),
                None => view! { <p class="empty">{t(lang, "moderation-no-public-copy")}</p> }.into_any(),
            }}
            <form class="stacked" method="post" action=at(paths::moderation::REDACT)>
                {hidden_csrf()}
                <fieldset>
                    <legend>{t(lang, "moderation-redact-title")}</legend>
                    <p class="hint">{t(lang, "moderation-redact-hint")}" "{MARKER}</p>
                    {suggestions}
                    <label for="other">{t(lang, "moderation-redact-other")}</label>
                    <textarea id="other" name="other" rows="3"></textarea>
                    <label class="check">
                        <input type="checkbox" name="restart" value="1"/>
                        {t(lang, "moderation-redact-restart")}
                    </label>
                    <button type="submit">{t(lang, "moderation-redact-button")}</button>
                </fieldset>
            </form>
            <form class="stacked" method="post" action=at(paths::moderation::TRANSLATE)>
                {hidden_csrf()}
                <label for="translated">{t(lang, "moderation-translation")}</label>
                <p class="hint">{t(lang, "moderation-translation-hint")}</p>
                <textarea id="translated" name="translated" rows="4">{textarea_text(item.translated.clone().unwrap_or_default())}</textarea>
                <button type="submit">{t(lang, "moderation-translation-button")}</button>
            </form>
        }
    });
    let gated = !item.undecided.is_empty();
    let gate = gated.then(|| {
        let copy = item.redacted.clone().or(item.original.clone()).unwrap_or_default();
        view! { <Gate action=at(paths::moderation::FLAGS) csrf=item.csrf.clone() copy undecided=item.undecided.clone()/> }
    });
    let state_buttons = [
        (ModerationState::Published, "moderation-publish"),
        (ModerationState::Withheld, "moderation-withhold"),
        (ModerationState::Spam, "moderation-mark-one-spam"),
    ]
    .into_iter()
    .filter(|(s, _)| *s != item.state)
    // While flags wait for a decision, publishing goes through the gate below.
    .filter(|(s, _)| !(gated && *s == ModerationState::Published))
    .map(|(s, key)| {
        view! {
            <form class="inline" method="post" action=at(paths::moderation::STATE)>
                {hidden_csrf()}
                <input type="hidden" name="state" value=s.code()/>
                <button type="submit">{t(lang, key)}</button>
            </form>
        }
    })
    .collect_view();
    let promote = (item.kind == ItemKind::Proposal).then(|| {
        match item.recommendation_reference.clone() {
        Some(reference) => view! {
            <p class="promoted">{t(lang, "moderation-promoted")}" "<strong>{reference}</strong></p>
        }
        .into_any(),
        None => view! {
            <form method="post" action=paths::moderation::PROMOTE.at(&[&lang.code(), &item.id])>
                {hidden_csrf()}
                <p class="hint">{t(lang, "moderation-promote-hint")}</p>
                <button type="submit">{t(lang, "moderation-promote")}</button>
            </form>
        }
        .into_any(),
    }
    });
    view! {
        <h1>{t(lang, &item.about_key)}</h1>
        <Notice/>
        <RefusalNotice among=groups::MODERATION_ITEM/>
        {facts}
        {answers}
        {words}
        <h2>{t(lang, "moderation-state-title")}</h2>
        {gate}
        <div class="state-actions">{state_buttons}</div>
        {promote}
        {(item.kind != ItemKind::Check).then(|| view! { <Conversation item=item.clone()/> })}
    }
}

/// The receipt thread and the reply form (a survivor's word on a claim has no thread).
#[component]
fn Conversation(item: ItemView) -> impl IntoView {
    let lang = use_lang();
    let action = paths::moderation::REPLY.at(&[&lang.code(), &item.kind.code(), &item.id]);
    let csrf = item.csrf.clone();
    let hidden_csrf = move || view! { <input type="hidden" name="csrf" value=csrf.clone()/> };
    view! {
        <h2>{t(lang, "thread-messages")}</h2>
        <ThreadMessages messages=item.messages.clone() survivor_key="moderation-from-survivor" empty_key="moderation-no-messages"/>
        <form class="stacked" method="post" action=action>
            {hidden_csrf()}
            <label for="body">{t(lang, "moderation-reply")}</label>
            <p class="hint">{t(lang, "moderation-reply-hint")}</p>
            {item.kept_reply.as_ref().and_then(|k| k.over).map(|over| view! {
                <p class="problem" role="alert">{t_args(lang, "moderation-reply-over", &[
                    ("over", khmer::number(i64::try_from(over).unwrap_or(i64::MAX), lang).into()),
                    ("most", khmer::number(i64::try_from(MAX_TEXT_GRAPHEMES).unwrap_or(i64::MAX), lang).into()),
                ])}</p>
            })}
            <textarea id="body" name="body" rows="4">{item.kept_reply.clone().map(|k| textarea_text(k.text))}</textarea>
            <button type="submit">{t(lang, "moderation-reply-send")}</button>
        </form>
    }
}

/// The publication gate: the copy that would be published with each flagged part marked,
/// and for each part the choice to hide it or keep it. Publishing waits for every choice.
#[component]
fn Gate(
    action: String,
    csrf: String,
    copy: String,
    undecided: Vec<(String, Kind)>,
) -> impl IntoView {
    let lang = use_lang();
    let flags: Vec<String> = undecided.iter().map(|(text, _)| text.clone()).collect();
    let pieces = redaction::marked(&copy, &flags)
        .into_iter()
        .map(|(text, flagged)| {
            if flagged {
                view! { <mark>{text}</mark> }.into_any()
            } else {
                text.into_any()
            }
        })
        .collect_view();
    let choices = undecided
        .into_iter()
        .enumerate()
        .map(|(n, (text, kind))| {
            view! {
                <fieldset class="flag">
                    <legend><mark>{text.clone()}</mark>" · "{t(lang, kind.label_key())}</legend>
                    <input type="hidden" name=format!("flag-{n}") value=text/>
                    <label class="check">
                        <input type="radio" name=format!("decide-{n}") value="hide" required/>
                        {t(lang, "gate-hide")}
                    </label>
                    <label class="check">
                        <input type="radio" name=format!("decide-{n}") value="keep"/>
                        {t(lang, "gate-keep")}
                    </label>
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <section id="gate" class="gate">
            <h3>{t(lang, "gate-title")}</h3>
            <p class="hint">{t(lang, "gate-intro")}</p>
            <blockquote class="own-words public-copy">{pieces}</blockquote>
            <form class="stacked" method="post" action=action>
                <input type="hidden" name="csrf" value=csrf/>
                {choices}
                <button type="submit" name="publish" value="1">{t(lang, "gate-publish")}</button>
                <button type="submit" name="publish" value="0" class="secondary">{t(lang, "gate-save")}</button>
            </form>
        </section>
    }
}
