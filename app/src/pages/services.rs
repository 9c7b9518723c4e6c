use leptos::prelude::*;

use crate::components::page_title::PageTitle;
use leptos_router::hooks::use_query_map;

use crate::{
    api::services::{get_my_services_summary, get_services_summary},
    components::{bilingual_text::BilingualText, error_view::ErrorView, service_icon::ServiceIcon},
    domain::{
        anonymity::{Row, Tally},
        feedback::{Answer, Question},
        khmer,
    },
    i18n::{Arg, t, t_args, use_lang},
    views::services::{ServiceGroup, ServicesSummary},
};

/// What survivors said about services, for everyone: groups of at least K people only.
#[component]
pub fn ServicesPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    // `?service=shelter`: that service alone, with every organisation.
    let service = Memo::new(move |_| query.with(|q| q.get("service")).filter(|s| !s.is_empty()));
    let data = Resource::new(move || service.get(), get_services_summary);
    view! {
        <PageTitle lang what=t(lang, "services-title")/>
        <h1>{t(lang, "services-title")}</h1>
        {move || service.get().map(|_| view! {
            <p class="back"><a href=format!("/{}/services", lang.code())>{t(lang, "services-all")}</a></p>
        })}
        <Suspense fallback=move || view! { <p>{t(lang, "loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(summary) => view! { <Summary summary/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The same, for an official: their own organisation's services.
#[component]
pub fn MyServicesPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| get_my_services_summary());
    view! {
        <PageTitle lang what=t(lang, "services-mine-title")/>
        <h1>{t(lang, "services-mine-title")}</h1>
        <Suspense fallback=move || view! { <p>{t(lang, "loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(summary) => view! {
                        {summary.organisation.clone().map(|name| view! { <p class="lead"><BilingualText text=name/></p> })}
                        <Summary summary/>
                    }
                    .into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Summary(summary: ServicesSummary) -> impl IntoView {
    let lang = use_lang();
    let k = khmer::number(i64::from(summary.threshold), lang);
    let intro = t_args(lang, "services-intro", &[("k", Arg::Text(k))]);
    let total = summary.total.map(|n| {
        let shown = khmer::number(i64::from(n), lang);
        view! { <p class="count">{t_args(lang, "services-total", &[("count", Arg::Count(i64::from(n))), ("shown", shown.into())])}</p> }
    });
    let groups = if summary.services.is_empty() {
        view! { <p class="empty">{t(lang, "services-none")}</p> }.into_any()
    } else {
        summary
            .services
            .into_iter()
            .map(|group| view! { <Group group/> })
            .collect_view()
            .into_any()
    };
    let channels = (!summary.channels.is_empty()).then(|| {
        let rows = summary
            .channels
            .into_iter()
            .map(|row| {
                let label = match row.key {
                    Some(code) => t(lang, &format!("channel-{code}")),
                    None => t(lang, "channel-others"),
                };
                view! { <li>{label}" · "{people(lang, row.tally.people)}</li> }
            })
            .collect_view();
        view! {
            <section class="channels">
                <h2>{t(lang, "channels-title")}</h2>
                <ul>{rows}</ul>
            </section>
        }
    });
    view! {
        <p class="lead">{intro}</p>
        {total}
        {channels}
        <div class="service-groups">{groups}</div>
    }
}

fn people(lang: crate::domain::lang::Lang, n: u32) -> String {
    let shown = khmer::number(i64::from(n), lang);
    t_args(
        lang,
        "services-people",
        &[("count", Arg::Count(i64::from(n))), ("shown", shown.into())],
    )
}

#[component]
fn Group(group: ServiceGroup) -> impl IntoView {
    let lang = use_lang();
    let heading = match group.row.key {
        Some(service) => {
            view! { <ServiceIcon service/><span>{t(lang, &service.label_key())}</span> }.into_any()
        }
        None => view! { <span>{t(lang, "services-others")}</span> }.into_any(),
    };
    let provinces = breakdown(
        lang,
        "services-by-province",
        group
            .by_province
            .iter()
            .map(|r| {
                let name = match &r.key {
                    Some(code) => t(lang, &format!("province-{code}")),
                    None => t(lang, "services-other-provinces"),
                };
                (name, r.tally.clone())
            })
            .collect(),
    );
    // The summary of every service lists the largest organisations and links to the rest.
    let all_organisations = match (group.row.key, group.more_organisations) {
        (Some(service), more) if more > 0 => {
            let listed = i64::from(group.named_organisations);
            Some(view! {
                <p class="more">
                    <a href=format!("/{}/services?service={}", lang.code(), service.code())>
                        {t_args(lang, "services-all-organisations", &[("count", Arg::Count(listed)), ("shown", khmer::number(listed, lang).into())])}
                    </a>
                </p>
            })
        }
        _ => None,
    };
    let organisations = breakdown(
        lang,
        "services-by-organisation",
        group
            .by_organisation
            .iter()
            .map(|r: &Row<Option<crate::domain::bilingual::Bilingual>>| {
                let name = match &r.key {
                    Some(Some(name)) => name.show(lang).text.to_string(),
                    Some(None) => t(lang, "feedback-organisation-unknown"),
                    None => t(lang, "services-other-organisations"),
                };
                (name, r.tally.clone())
            })
            .collect(),
    );
    let quotes = (!group.quotes.is_empty()).then(|| {
        let items = group
            .quotes
            .into_iter()
            .map(|q| view! { <blockquote class="quote"><BilingualText text=q/></blockquote> })
            .collect_view();
        view! { <h3>{t(lang, "services-quotes")}</h3>{items} }
    });
    view! {
        <section class="card service-group">
            <h2 class="service-name">{heading}</h2>
            <p class="meta">{people(lang, group.row.tally.people)}</p>
            <Answers tally=group.row.tally.clone()/>
            {provinces}
            {organisations}
            {all_organisations}
            {quotes}
        </section>
    }
}

/// A breakdown (by province or organisation) as a short table: name, people, "it helped".
fn breakdown(
    lang: crate::domain::lang::Lang,
    title: &'static str,
    rows: Vec<(String, Tally)>,
) -> impl IntoView {
    (rows.len() > 1).then(|| {
        let body = rows
            .into_iter()
            .map(|(name, tally)| {
                let helped = tally.shares(Question::Helped)[0];
                view! {
                    <tr>
                        <th scope="row">{name}</th>
                        <td>{khmer::number(i64::from(tally.people), lang)}</td>
                        <td>{format!("{}%", khmer::number(i64::from(helped), lang))}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <details>
                <summary>{t(lang, title)}</summary>
                <table class="breakdown">
                    <thead><tr>
                        <th scope="col"></th>
                        <th scope="col">{t(lang, "services-people-column")}</th>
                        <th scope="col">{t(lang, "services-helped-column")}</th>
                    </tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </details>
        }
    })
}

/// Each question with its shares as a bar (drawn on the server, no script) and in words.
#[component]
fn Answers(tally: Tally) -> impl IntoView {
    let lang = use_lang();
    let rows = Question::ALL
        .iter()
        .map(|q| {
            let shares = tally.shares(*q);
            let mut x = 0u32;
            let bars = shares
                .iter()
                .zip(Answer::ALL)
                .map(|(share, answer)| {
                    let rect = view! { <rect x=format!("{x}") y="0" width=format!("{share}") height="10" class=format!("bar-{}", answer.code())></rect> };
                    x += share;
                    rect
                })
                .collect_view();
            let words = shares
                .iter()
                .zip(Answer::ALL)
                .map(|(share, answer)| format!("{} {}%", t(lang, &answer.label_key()), khmer::number(i64::from(*share), lang)))
                .collect::<Vec<_>>()
                .join(" · ");
            view! {
                <li>
                    <p class="question">{t(lang, &q.label_key())}</p>
                    <svg class="shares" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">{bars}</svg>
                    <p class="share-words">{words}</p>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="answer-shares">{rows}</ul> }
}
