use leptos::prelude::*;

use crate::components::{page_title::PageTitle, pager::Pager};
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    api::report_card::get_report_card,
    components::feed_link::FeedLink,
    components::{bilingual_text::BilingualText, error_view::ErrorView},
    domain::khmer,
    error::AppError,
    i18n::{t, t_args, use_lang},
    views::report_card::{CardRow, ClaimFindings, ReportCard},
};

/// An organisation's report card: everything addressed to it, how much it answered and how
/// fast, what it accepted and implemented, and what is overdue. Prints on one A4 page where
/// it fits; a long list goes on over pages of a hundred.
#[component]
pub fn BodyPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i32>().ok()));
    // `?page=N` for the rest of a long list; anything but a page number is not found.
    let page = move || {
        query.with(|q| match q.get("page") {
            None => Some(1),
            Some(v) => v.parse::<u32>().ok(),
        })
    };
    let data = Resource::new(
        move || (id(), page()),
        |(id, page)| async move {
            match (id, page) {
                (Some(id), Some(page)) => get_report_card(id, page).await,
                _ => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=move || view! { <p>{t(lang, "loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(card) => view! { <Card card/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Card(card: ReportCard) -> impl IntoView {
    let lang = use_lang();
    let name = card.organisation.name.show(lang).text.to_string();
    let n = |v: u64| khmer::number(v as i64, lang);
    let most = card
        .positions
        .iter()
        .map(|(_, c)| *c)
        .max()
        .unwrap_or(0)
        .max(1);
    // One bar per position, longest = most common; the numbers are written beside them.
    let bars = card
        .positions
        .iter()
        .enumerate()
        .map(|(i, (position, count))| {
            let class = position.map_or("bar-none".to_string(), |p| format!("bar-{}", p.code()));
            let width = (*count as f64 / most as f64 * 100.0).round();
            let y = i * 14;
            view! {
                <rect x="0" y=y.to_string() width=format!("{width}") height="10" class=class></rect>
            }
        })
        .collect_view();
    let legend = card
        .positions
        .iter()
        .map(|(position, count)| {
            let label = match position {
                Some(p) => t(lang, &p.label_key()),
                None => t(lang, "card-no-answer"),
            };
            view! { <li>{label}": "<strong>{n(*count)}</strong></li> }
        })
        .collect_view();
    let height = card.positions.len() * 14;
    let median = match card.median_days_to_first_response {
        Some(d) => t_args(
            lang,
            "card-days",
            &[("days", khmer::number(d, lang).into())],
        ),
        None => t(lang, "card-no-answer"),
    };
    let rows = card
        .rows
        .into_iter()
        .map(|row| view! { <Row row/> })
        .collect_view();
    let base = format!("/{}/bodies/{}", lang.code(), card.organisation.id);
    let href = move |page: u32| format!("{base}?page={page}");
    view! {
        <PageTitle lang what=name.clone()/>
        <article class="report-card">
            <h1><BilingualText text=card.organisation.name.clone()/></h1>
            <p class="print-hide">{t(lang, "card-print-hint")}</p>
            <FeedLink href=format!("/{}/bodies/{}/feed.atom", lang.code(), card.organisation.id) title=name.clone()/>
            <dl class="figures">
                <div><dt>{t(lang, "card-addressed")}</dt><dd>{n(card.addressed)}</dd></div>
                <div><dt>{t(lang, "card-response-rate")}</dt><dd>{format!("{}%", khmer::number(i64::from(card.response_rate), lang))}</dd></div>
                <div><dt>{t(lang, "card-median")}</dt><dd>{median}</dd></div>
                <div><dt>{t(lang, "card-accepted")}</dt><dd>{n(card.accepted)}</dd></div>
                <div><dt>{t(lang, "card-implemented")}</dt><dd>{n(card.implemented)}</dd></div>
                <div><dt>{t(lang, "card-overdue")}</dt><dd>{n(card.overdue)}</dd></div>
            </dl>
            <ClaimsChecked claims=card.claims/>
            <h2>{t(lang, "card-positions")}</h2>
            <div class="chart">
                <svg class="positions" viewBox=format!("0 0 100 {height}") preserveAspectRatio="none" role="img" aria-label=t(lang, "card-positions")>
                    {bars}
                </svg>
                <ul class="legend">{legend}</ul>
            </div>
            <h2>{t(lang, "card-items")}</h2>
            <table class="card-items">
                <thead><tr>
                    <th scope="col">{t(lang, "curate-reference")}</th>
                    <th scope="col">{t(lang, "curate-title-field")}</th>
                    <th scope="col">{t(lang, "card-answer")}</th>
                    <th scope="col">{t(lang, "card-due")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <Pager page=card.page pages=card.pages href/>
        </article>
    }
}

#[component]
fn Row(row: CardRow) -> impl IntoView {
    let lang = use_lang();
    let answer = match (row.position, row.stage) {
        (Some(p), Some(s)) => format!("{} · {}", t(lang, &p.label_key()), t(lang, &s.label_key())),
        (Some(p), None) => t(lang, &p.label_key()),
        _ => t(lang, "card-no-answer"),
    };
    view! {
        <tr class:overdue=row.overdue>
            <td><a href=format!("/{}/recommendations/{}", lang.code(), row.id)>{row.reference}</a></td>
            <td><BilingualText text=row.title/></td>
            <td>{answer}{row.overdue.then(|| view! { " · "<strong class="overdue">{t(lang, "rec-overdue")}</strong> })}</td>
            <td>{row.due_on.map(|d| khmer::date(d, lang))}</td>
        </tr>
    }
}

/// What survivors said of its "implemented" claims: confirmed, partly, disputed, and how many
/// have too few answers yet to say.
#[component]
fn ClaimsChecked(claims: ClaimFindings) -> impl IntoView {
    let lang = use_lang();
    (claims.claimed > 0).then(|| {
        let n = |v: u32| khmer::number(i64::from(v), lang);
        view! {
            <h2>{t(lang, "card-claims-title")}</h2>
            <p class="hint">{t(lang, "card-claims-hint")}</p>
            <dl class="figures claims">
                <div><dt>{t(lang, "finding-confirmed")}</dt><dd>{n(claims.confirmed)}</dd></div>
                <div><dt>{t(lang, "finding-partly")}</dt><dd>{n(claims.partly)}</dd></div>
                <div><dt>{t(lang, "finding-disputed")}</dt><dd>{n(claims.disputed)}</dd></div>
                <div><dt>{t(lang, "card-claims-unjudged")}</dt><dd>{n(claims.unjudged())}</dd></div>
            </dl>
        }
    })
}
