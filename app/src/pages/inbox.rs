use leptos::prelude::*;

use crate::components::page_title::PageTitle;

use crate::{
    api::answers::get_inbox,
    components::{bilingual_text::BilingualText, error_view::ErrorView},
    domain::khmer,
    i18n::{t, t_args, use_lang},
    views::answers::{InboxGroup, InboxRow, InboxView},
};

/// An official's inbox: what is addressed to their organisation, overdue first, then
/// awaiting an answer, then answered (with the due dates of commitments).
#[component]
pub fn InboxPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| get_inbox());
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
    let section = |group: InboxGroup, key: &'static str, rows: &[InboxRow]| {
        let rows: Vec<InboxRow> = rows.iter().filter(|r| r.group == group).cloned().collect();
        let count = rows.len();
        let items = rows
            .into_iter()
            .map(|r| view! { <Row row=r/> })
            .collect_view();
        view! {
            <section class=format!("inbox-group inbox-{key}")>
                <h2>{t_args(lang, key, &[("count", khmer::number(count as i64, lang).into())])}</h2>
                {if count == 0 {
                    view! { <p class="empty">{t(lang, "inbox-none")}</p> }.into_any()
                } else {
                    view! { <ul class="inbox">{items}</ul> }.into_any()
                }}
            </section>
        }
    };
    view! {
        <p><BilingualText text=view.organisation.name.clone()/></p>
        <p>{t_args(lang, "inbox-overdue-rule", &[("days", khmer::number(i64::from(view.overdue_after_days), lang).into())])}</p>
        {section(InboxGroup::Overdue, "inbox-overdue", &view.rows)}
        {section(InboxGroup::Awaiting, "inbox-awaiting", &view.rows)}
        {section(InboxGroup::Answered, "inbox-answered", &view.rows)}
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
