//! The officials' area: the inbox of what is addressed to their organisation (`/inbox`), and
//! one recommendation with the forms to answer it (`/inbox/{id}`, posted to
//! `handlers::answers`). What an answer looks like before it is public is `answer_checks`.
use std::sync::LazyLock;

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    api::answers::{get_answer, get_inbox},
    components::refusal_notice::RefusalNotice,
    components::{
        bilingual_text::BilingualText,
        error_view::ErrorView,
        form_problems::{FormProblems, ProblemFor},
        kept_rows::{KeptRows, joined},
        page_title::PageTitle,
        pager::Pager,
        status_badge::StatusBadge,
        textarea_text::textarea_text,
    },
    domain::{
        answer::AnswerInput,
        khmer,
        lang::Lang,
        status::{Position, Stage},
    },
    error::AppError,
    i18n::{t, t_args, use_lang},
    pages::{
        answer_checks::{Drafts, Preview},
        recommendation::Timeline,
    },
    paths,
    refusal::groups,
    views::{
        ProblemList,
        answers::{AnswerView, InboxGroup, InboxRow, InboxSection, InboxView, OwnEntry},
    },
};

/// The inbox's rows as rendered, kept by what each is rendered from (see `kept_rows`).
static INBOX_ROWS: LazyLock<KeptRows<(Lang, InboxRow)>> = LazyLock::new(KeptRows::new);

/// The inbox's rows as a list's inner HTML, each rendered once and kept.
fn rows_html(lang: Lang, rows: Vec<InboxRow>) -> String {
    joined(rows.into_iter().map(|row| {
        let key = (lang, row.clone());
        (INBOX_ROWS.html(key, move || view! { <Row row/> }), None)
    }))
}

/// An official's inbox: what is addressed to their organisation, overdue first, then
/// awaiting an answer, then answered (with the due dates of commitments).
#[component]
pub fn InboxPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    // `?answered=2` and the like: the page of each group (from 1; anything else is the first).
    let pages = move || {
        query.with(|q| {
            InboxGroup::ALL.map(|g| {
                q.get(g.code())
                    .and_then(|v| v.parse::<u32>().ok())
                    .unwrap_or(1)
            })
        })
    };
    let data = Resource::new(pages, |[overdue, awaiting, answered]| {
        get_inbox(overdue, awaiting, answered)
    });
    view! {
        <PageTitle lang what=t(lang, "inbox-title")/>
        <h1>{t(lang, "inbox-title")}</h1>
        <Suspense fallback=move || view! { <p>{t(lang, "loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <Inbox view/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Inbox(view: InboxView) -> impl IntoView {
    let lang = use_lang();
    let at: Vec<u32> = view.sections.iter().map(|s| s.page).collect();
    let sections = view
        .sections
        .into_iter()
        .map(|section| view! { <Section section at=at.clone()/> })
        .collect_view();
    view! {
        <p><BilingualText text=view.organisation.name.clone()/></p>
        <p>{t_args(lang, "inbox-overdue-rule", &[("days", khmer::number(i64::from(view.overdue_after_days), lang).into())])}</p>
        {(!view.to_approve.is_empty()).then(|| {
            let count = view.to_approve.len() as i64;
            let items = rows_html(lang, view.to_approve.clone());
            view! {
                <section class="inbox-group inbox-to-approve">
                    <h2>{t_args(lang, "inbox-to-approve", &[("count", khmer::number(count, lang).into())])}</h2>
                    <ul class="inbox" inner_html=items></ul>
                </section>
            }
        })}
        {sections}
    }
}

/// One group of the inbox, a page of it at a time; `at` is the page every group is at, so
/// turning one group's page leaves the others where they were.
#[component]
fn Section(section: InboxSection, at: Vec<u32>) -> impl IntoView {
    let lang = use_lang();
    let code = section.group.code();
    let key = format!("inbox-{code}");
    let count = khmer::number(i64::from(section.total), lang);
    let to_page = move |page: u32| {
        let query: Vec<String> = InboxGroup::ALL
            .iter()
            .zip(&at)
            .map(|(g, &p)| (g, if *g == section.group { page } else { p }))
            .filter(|(_, p)| *p > 1)
            .map(|(g, p)| format!("{}={p}", g.code()))
            .collect();
        let query = if query.is_empty() {
            String::new()
        } else {
            format!("?{}", query.join("&"))
        };
        format!("/{}/inbox{query}#inbox-{code}", lang.code())
    };
    let items = rows_html(lang, section.rows);
    view! {
        <section class=format!("inbox-group inbox-{code}") id=format!("inbox-{code}")>
            <h2>{t_args(lang, &key, &[("count", count.into())])}</h2>
            {if section.total == 0 {
                view! { <p class="empty">{t(lang, "inbox-none")}</p> }.into_any()
            } else {
                view! { <ul class="inbox" inner_html=items></ul> }.into_any()
            }}
            <Pager page=section.page pages=section.pages href=to_page/>
        </section>
    }
}

#[component]
fn Row(row: InboxRow) -> impl IntoView {
    let lang = use_lang();
    let answer = match (row.position, row.stage) {
        (Some(p), Some(s)) => format!("{} · {}", t(lang, &p.label_key()), t(lang, &s.label_key())),
        (Some(p), None) => t(lang, &p.label_key()),
        _ => t(lang, "inbox-no-answer"),
    };
    view! {
        <li>
            <a href=format!("/{}/inbox/{}", lang.code(), row.id)>
                <span class="reference">{row.reference}</span>" "
                <BilingualText text=row.title/>
            </a>
            <p class="meta">
                {answer}
                {row.published_on.map(|d| view! { " · "{t_args(lang, "rec-published-on", &[("date", khmer::date(d, lang).into())])} })}
                {row.due_on.map(|d| view! { " · "{t_args(lang, "rec-due", &[("date", khmer::date(d, lang).into())])} })}
            </p>
        </li>
    }
}

/// One recommendation addressed to the official's organisation: what it asks, what the
/// organisation said so far, and forms for a response and a progress update.
#[component]
pub fn AnswerPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i32>().ok()));
    let data = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_answer(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <p><a href=format!("/{}/inbox", lang.code())>{t(lang, "inbox-back")}</a></p>
        <Suspense fallback=move || view! { <p>{t(lang, "loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <Answer view/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Answer(view: AnswerView) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let notice = move || {
        query.with(|q| {
            let key = match q.get("saved")?.as_str() {
                "response" => "answer-saved-response",
                "drafted" => "answer-saved-drafted",
                "approved" => "answer-saved-approved",
                "discarded" => "answer-saved-discarded",
                _ => "answer-saved-progress",
            };
            Some(view! { <p class="notice" role="status">{t(lang, key)}</p> })
        })
    };
    // A form whose entry waits to be checked before it is published.
    let previewing =
        move |kind: &str| query.with_untracked(|q| q.get("preview")).as_deref() == Some(kind);
    let s = view.detail.summary.clone();
    let id = s.id;
    let title = s.title.show(lang).text.to_string();
    let own = view
        .detail
        .timelines
        .iter()
        .find(|tl| tl.body.id == view.organisation.id)
        .cloned();
    let positions: Vec<(&'static str, String)> = Position::ALL
        .iter()
        .map(|p| (p.code(), p.label_key()))
        .collect();
    let stages: Vec<(&'static str, String)> = Stage::ALL
        .iter()
        .map(|st| (st.code(), st.label_key()))
        .collect();
    view! {
        <PageTitle lang what=title.clone()/>
        <article class="recommendation">
            <p class="meta"><span class="reference">{s.reference.clone()}</span></p>
            <h1><BilingualText text=s.title.clone()/></h1>
            <p class="status-line"><StatusBadge status=s.status overdue=s.overdue/></p>
            <p class="text"><BilingualText text=view.detail.text.clone()/></p>
            <p><a href=format!("/{}/recommendations/{id}", lang.code())>{t(lang, "curate-public-page")}</a></p>
        </article>
        {notice}
        <RefusalNotice among=groups::ANSWER/>
        <h2>{t(lang, "answer-so-far")}</h2>
        {own.map(|timeline| view! { <Timeline timeline/> })}
        {view.needs_approval.then(|| view! { <p class="hint">{t(lang, "answer-approval-rule")}</p> })}
        <Drafts id drafts=view.drafts.clone() csrf=view.csrf.clone()/>
        <AnswerForm
            id
            approval=view.needs_approval
            preview=previewing("response")
            kind="response"
            heading="answer-response-title"
            choices=positions
            input=view.response.clone()
            problems=view.response_problems.clone()
            earlier=view.own_responses.clone()
            csrf=view.csrf.clone()
        />
        <AnswerForm
            id
            approval=view.needs_approval
            preview=previewing("progress")
            kind="progress"
            heading="answer-progress-title"
            choices=stages
            input=view.progress.clone()
            problems=view.progress_problems.clone()
            earlier=view.own_progress.clone()
            csrf=view.csrf.clone()
        />
    }
}

/// The response form or the progress form: both are a choice, a text in one or both
/// languages, and perhaps the earlier entry being corrected.
#[component]
fn AnswerForm(
    id: i32,
    /// The organisation's answers wait for a second official's approval.
    approval: bool,
    preview: bool,
    kind: &'static str,
    heading: &'static str,
    choices: Vec<(&'static str, String)>,
    input: AnswerInput,
    problems: ProblemList,
    earlier: Vec<OwnEntry>,
    csrf: String,
) -> impl IntoView {
    let lang = use_lang();
    let is_response = kind == "response";
    let field = move |name: &str| format!("{kind}-{name}");
    let p = {
        let problems = problems.clone();
        move |f: &'static str| view! { <ProblemFor problems=problems.clone() field=f/> }
    };
    let action = if is_response {
        paths::answers::RESPONSE
    } else {
        paths::answers::PROGRESS
    }
    .at(&[&lang.code(), &id]);
    let preview = (preview && problems.is_empty()).then(|| {
        view! { <Preview kind approval input=input.clone() choices=choices.clone() earlier=earlier.clone() action=action.clone() csrf=csrf.clone()/> }
    });
    let options = choices
        .into_iter()
        .map(|(code, key)| view! { <option value=code selected=input.choice == code>{t(lang, &key)}</option> })
        .collect_view();
    let languages = Lang::ALL
        .iter()
        .map(|l| view! { <option value=l.code() selected=input.original_lang == l.code()>{t(lang, &format!("lang-name-{}", l.code()))}</option> })
        .collect_view();
    let corrections = (!earlier.is_empty()).then(|| {
        let options = earlier
            .iter()
            .map(|e| {
                let mut label = format!("{} · {}", khmer::date(e.on, lang), t(lang, &e.label_key));
                if let Some(words) = &e.first_words {
                    label.push_str(&format!(" · “{words}”"));
                }
                view! { <option value=e.id.to_string() selected=input.corrects == e.id.to_string()>{label}</option> }
            })
            .collect_view();
        view! {
            <label for=field("corrects")>{t(lang, "answer-corrects")}</label>
            {p("corrects")}
            <select id=field("corrects") name="corrects">
                <option value="">{t(lang, "answer-corrects-none")}</option>
                {options}
            </select>
        }
    });
    let (text_km, text_en) = if is_response {
        ("answer-text-km", "answer-text-en")
    } else {
        ("answer-note-km", "answer-note-en")
    };
    let commitment = is_response.then(|| {
        view! {
            <label for=field("commitment_km")>{t(lang, "answer-commitment-km")}</label>
            {p("commitment_km")}
            <textarea id=field("commitment_km") name="commitment_km" lang="km" rows="3">{textarea_text(input.commitment_km.clone())}</textarea>
            <label for=field("commitment_en")>{t(lang, "answer-commitment-en")}</label>
            {p("commitment_en")}
            <textarea id=field("commitment_en") name="commitment_en" lang="en" rows="3">{textarea_text(input.commitment_en.clone())}</textarea>
            <label for=field("due_on")>{t(lang, "answer-due-on")}</label>
            {p("due_on")}
            <input id=field("due_on") name="due_on" type="date" value=input.due_on.clone()/>
        }
    });
    let choice_label = if is_response {
        "answer-position"
    } else {
        "answer-stage"
    };
    view! {
        <section class=format!("answer-form answer-{kind}")>
            <h2>{t(lang, heading)}</h2>
            <FormProblems problems=problems.clone() prefix=if is_response { "response-" } else { "progress-" }/>
            {preview}
            <form class="stacked" method="post" action=action>
                <input type="hidden" name="csrf" value=csrf/>
                <label for=field("choice")>{t(lang, choice_label)}</label>
                {p("choice")}
                <select id=field("choice") name="choice" required>
                    <option value="">{t(lang, "answer-choose")}</option>
                    {options}
                </select>
                <label for=field("original_lang")>{t(lang, "answer-written-in")}</label>
                {p("original_lang")}
                <select id=field("original_lang") name="original_lang">{languages}</select>
                <label for=field("text_km")>{t(lang, text_km)}</label>
                {p("text_km")}
                <textarea id=field("text_km") name="text_km" lang="km" rows="4">{textarea_text(input.text_km.clone())}</textarea>
                <label for=field("text_en")>{t(lang, text_en)}</label>
                {p("text_en")}
                <textarea id=field("text_en") name="text_en" lang="en" rows="4">{textarea_text(input.text_en.clone())}</textarea>
                {commitment}
                {corrections}
                <p class="hint">{t(lang, "answer-append-only")}</p>
                <button type="submit" name="step" value="preview">{t(lang, "answer-submit")}</button>
            </form>
        </section>
    }
}
