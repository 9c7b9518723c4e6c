use leptos::prelude::*;

use crate::components::page_title::PageTitle;
use leptos_router::{components::Form, hooks::use_query_map};

use crate::{
    api::admin::get_audit,
    components::error_view::ErrorView,
    domain::{khmer::to_khmer_digits, lang::Lang},
    i18n::{t, use_lang},
    views::admin::{AUDITED_ACTIONS, AuditFilter, AuditPage as Page},
};

/// The audit log for administrators, filtered by actor, action and dates.
#[component]
pub fn AuditPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        query.with(|q| {
            let text = |k: &str| {
                q.get(k)
                    .map(|v| v.trim().to_string())
                    .filter(|v| !v.is_empty())
            };
            AuditFilter {
                actor: text("actor"),
                action: text("action").filter(|a| AUDITED_ACTIONS.contains(&a.as_str())),
                from: text("from").and_then(|d| d.parse().ok()),
                to: text("to").and_then(|d| d.parse().ok()),
                before: text("before").and_then(|d| d.parse().ok()),
            }
        })
    });
    let data = Resource::new(move || filter.get(), get_audit);
    view! {
        <PageTitle lang what=t(lang, "audit-title")/>
        <h1>{t(lang, "audit-title")}</h1>
        <Suspense fallback=move || view! { <p>{t(lang, "loading")}</p> }>
            {move || Suspend::new(async move {
                let current = filter.get_untracked();
                match data.await {
                    Ok(page) => view! { <Filters filter=current.clone()/><Rows page filter=current/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Filters(filter: AuditFilter) -> impl IntoView {
    let lang = use_lang();
    let action = format!("/{}/audit", lang.code());
    let actions = AUDITED_ACTIONS
        .iter()
        .map(|a| {
            let selected = filter.action.as_deref() == Some(*a);
            view! { <option value=*a selected=selected>{t(lang, &format!("audit-action-{a}"))}</option> }
        })
        .collect_view();
    view! {
        <Form method="GET" action=action.clone() attr:class="stacked">
            <label for="actor">{t(lang, "audit-actor")}</label>
            <input id="actor" name="actor" type="email" value=filter.actor.clone().unwrap_or_default()/>
            <label for="action">{t(lang, "audit-action")}</label>
            <select id="action" name="action">
                <option value="">{t(lang, "filter-any")}</option>
                {actions}
            </select>
            <label for="from">{t(lang, "audit-from")}</label>
            <input id="from" name="from" type="date" value=filter.from.map(|d| d.to_string()).unwrap_or_default()/>
            <label for="to">{t(lang, "audit-to")}</label>
            <input id="to" name="to" type="date" value=filter.to.map(|d| d.to_string()).unwrap_or_default()/>
            <button type="submit">{t(lang, "filter-apply")}</button>
        </Form>
    }
}

#[component]
fn Rows(page: Page, filter: AuditFilter) -> impl IntoView {
    let lang = use_lang();
    let shown = |s: String| {
        if lang == Lang::Km {
            to_khmer_digits(&s)
        } else {
            s
        }
    };
    let next = page.next_before.map(|before| {
        let mut parts = vec![format!("before={before}")];
        if let Some(a) = &filter.actor {
            parts.push(format!("actor={a}"));
        }
        if let Some(a) = &filter.action {
            parts.push(format!("action={a}"));
        }
        if let Some(d) = filter.from {
            parts.push(format!("from={d}"));
        }
        if let Some(d) = filter.to {
            parts.push(format!("to={d}"));
        }
        format!("/{}/audit?{}", lang.code(), parts.join("&"))
    });
    let rows = page
        .rows
        .into_iter()
        .map(|r| {
            view! {
                <tr class="audit-row" data-action=r.action.clone()>
                    <td>{shown(r.at)}</td>
                    <td>{r.actor.unwrap_or_else(|| "—".to_string())}</td>
                    <td>{t(lang, &format!("audit-action-{}", r.action))}</td>
                    <td>{shown(r.object)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="audit">
                <thead>
                    <tr>
                        <th>{t(lang, "audit-when")}</th>
                        <th>{t(lang, "audit-actor")}</th>
                        <th>{t(lang, "audit-action")}</th>
                        <th>{t(lang, "audit-object")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {next.map(|href| view! { <p class="pager"><a rel="next" href=href>{t(lang, "tracker-next")}</a></p> })}
    }
}
