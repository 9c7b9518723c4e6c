//! Before an official's answer joins the public record: the preview of what they typed
//! (`?preview=` on `/inbox/{id}`), and the drafts waiting for a second official's approval.
use leptos::prelude::*;

use crate::{
    domain::{
        answer::AnswerInput,
        khmer,
        status::{Position, Stage},
    },
    i18n::{t, t_args, use_lang},
    paths,
    views::answers::{DraftView, OwnEntry},
};

/// An entry as it will be public, before it is: the words the public will read, that it is
/// for good (it can be corrected, never removed), and the one button that publishes it. The
/// form below keeps the same text for a change.
#[component]
pub fn Preview(
    kind: &'static str,
    approval: bool,
    input: AnswerInput,
    choices: Vec<(&'static str, String)>,
    earlier: Vec<OwnEntry>,
    action: String,
    csrf: String,
) -> impl IntoView {
    let lang = use_lang();
    let choice = choices
        .iter()
        .find(|(code, _)| *code == input.choice)
        .map(|(_, key)| t(lang, key))
        .unwrap_or_default();
    let due = chrono::NaiveDate::parse_from_str(&input.due_on, "%Y-%m-%d")
        .ok()
        .map(|d| khmer::date(d, lang));
    let corrects = earlier
        .iter()
        .find(|e| e.id.to_string() == input.corrects)
        .map(|e| format!("{} · {}", khmer::date(e.on, lang), t(lang, &e.label_key)));
    let line = |key: &'static str, text: String| {
        (!text.trim().is_empty()).then(|| {
            view! { <dt>{t(lang, key)}</dt><dd class="kept-text">{text}</dd> }
        })
    };
    let hidden = [
        ("choice", input.choice.clone()),
        ("original_lang", input.original_lang.clone()),
        ("text_km", input.text_km.clone()),
        ("text_en", input.text_en.clone()),
        ("commitment_km", input.commitment_km.clone()),
        ("commitment_en", input.commitment_en.clone()),
        ("due_on", input.due_on.clone()),
        ("corrects", input.corrects.clone()),
    ]
    .into_iter()
    .map(|(name, value)| view! { <input type="hidden" name=name value=value/> })
    .collect_view();
    let (text_km, text_en) = if kind == "response" {
        ("answer-text-km", "answer-text-en")
    } else {
        ("answer-note-km", "answer-note-en")
    };
    view! {
        <div class="preview" id=format!("{kind}-preview")>
            <h3>{t(lang, "answer-preview-title")}</h3>
            <p class="notice" role="status">{t(lang, if approval { "answer-preview-approval" } else { "answer-preview-permanent" })}</p>
            <dl>
                {line(if kind == "response" { "answer-position" } else { "answer-stage" }, choice)}
                {line(text_km, input.text_km.clone())}
                {line(text_en, input.text_en.clone())}
                {line("answer-commitment-km", input.commitment_km.clone())}
                {line("answer-commitment-en", input.commitment_en.clone())}
                {line("answer-due-on", due.unwrap_or_default())}
                {line("answer-corrects", corrects.unwrap_or_default())}
            </dl>
            <form method="post" action=action>
                <input type="hidden" name="csrf" value=csrf/>
                {hidden}
                <input type="hidden" name="step" value="confirm"/>
                <button type="submit">{t(lang, if approval { "answer-send-for-approval" } else { "answer-publish" })}</button>
            </form>
            <p class="hint">{t(lang, "answer-preview-change")}</p>
        </div>
    }
}

/// Answers waiting for a second official: what each will say, who wrote it and when; another
/// official may approve (publish) it, and anyone of the organisation may take it back.
#[component]
pub fn Drafts(id: i32, drafts: Vec<DraftView>, csrf: String) -> impl IntoView {
    let lang = use_lang();
    if drafts.is_empty() {
        return None;
    }
    let items = drafts
        .into_iter()
        .map(|d| {
            let choice = if d.is_response {
                Position::parse(&d.input.choice).map(|p| p.label_key())
            } else {
                Stage::parse(&d.input.choice).map(|s| s.label_key())
            }
            .map(|key| t(lang, &key))
            .unwrap_or_default();
            let kind = t(lang, if d.is_response { "answer-response-title" } else { "answer-progress-title" });
            let due = chrono::NaiveDate::parse_from_str(&d.input.due_on, "%Y-%m-%d")
                .ok()
                .map(|due| t_args(lang, "rec-due", &[("date", khmer::date(due, lang).into())]));
            let texts = [
                &d.input.text_km,
                &d.input.text_en,
                &d.input.commitment_km,
                &d.input.commitment_en,
            ]
            .into_iter()
            .filter(|s| !s.trim().is_empty())
            .map(|s| view! { <p class="kept-text">{s.clone()}</p> })
            .collect_view();
            let draft = d.id.to_string();
            let approve = (!d.mine).then(|| view! {
                <form method="post" action=paths::answers::APPROVE.at(&[&lang.code(), &id, &draft])>
                    <input type="hidden" name="csrf" value=csrf.clone()/>
                    <button type="submit">{t(lang, "answer-approve")}</button>
                </form>
            });
            let by = t_args(
                lang,
                "answer-draft-by",
                &[("who", d.author.clone().into()), ("when", khmer::moment(d.at, lang).into())],
            );
            view! {
                <li class="draft">
                    <p><strong>{kind}" · "{choice}</strong>{due.map(|d| view! { " · "{d} })}</p>
                    {texts}
                    <p class="meta">{by}</p>
                    {d.mine.then(|| view! { <p class="hint">{t(lang, "answer-draft-mine")}</p> })}
                    <div class="actions">
                        {approve}
                        <form method="post" action=paths::answers::DISCARD.at(&[&lang.code(), &id, &draft])>
                            <input type="hidden" name="csrf" value=csrf.clone()/>
                            <button type="submit" class="secondary">{t(lang, if d.mine { "answer-draft-take-back" } else { "answer-draft-decline" })}</button>
                        </form>
                    </div>
                </li>
            }
        })
        .collect_view();
    Some(view! {
        <section class="drafts" id="drafts">
            <h2>{t(lang, "answer-drafts-title")}</h2>
            <ul class="drafts">{items}</ul>
        </section>
    })
}
