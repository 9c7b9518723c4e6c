use std::sync::LazyLock;

use leptos::prelude::*;

use crate::components::page_title::PageTitle;
use leptos_router::hooks::use_query_map;

use crate::{
    api::moderation::get_queue,
    components::error_view::ErrorView,
    components::kept_rows::{HOLE, KeptRows, joined},
    components::refusal_notice::RefusalNotice,
    domain::{
        feedback::{ModerationState, ServiceType},
        khmer,
        lang::Lang,
        province::Province,
    },
    i18n::{t, use_lang},
    paths,
    refusal::groups,
    views::moderation::{QueueFilter, QueuePage, QueueRow},
};

/// The queue's rows as rendered, without the survivors' words (see `kept_rows`).
static QUEUE_ROWS: LazyLock<KeptRows<(Lang, QueueRow)>> = LazyLock::new(KeptRows::new);

/// New feedback and proposals for facilitators, newest day first, with filters and a bulk
/// "mark as spam".
#[component]
pub fn ModerationPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        query.with(|q| {
            let text = |k: &str| {
                q.get(k)
                    .map(|v| v.trim().to_string())
                    .filter(|v| !v.is_empty())
            };
            QueueFilter {
                kind: text("kind"),
                state: text("state"),
                service: text("service"),
                province: text("province"),
                waiting: text("waiting").is_some(),
                page: text("page").and_then(|p| p.parse().ok()).unwrap_or(0),
            }
        })
    });
    let data = Resource::new(move || filter.get(), get_queue);
    let notice = move || {
        query.with(|q| {
            if let Some(n) = q.get("spam") {
                let text = format!(
                    "{} {}",
                    t(lang, "moderation-spam-done"),
                    khmer::number(n.parse().unwrap_or(0), lang)
                );
                return Some(view! { <p class="notice done" role="status">{text}</p> }.into_any());
            }
            None
        })
    };
    view! {
        <PageTitle lang what=t(lang, "moderation-title")/>
        <h1>{t(lang, "moderation-title")}</h1>
        {notice}
        <RefusalNotice among=groups::MODERATION_QUEUE/>
        <Suspense fallback=move || view! { <p>{t(lang, "loading")}</p> }>
            {move || Suspend::new(async move {
                let current = filter.get_untracked();
                match data.await {
                    Ok(page) => view! { <Filters filter=current.clone()/><Queue page filter=current/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The queue's filters as rendered, by language and filter (see `kept_rows`).
static FILTERS: LazyLock<KeptRows<(Lang, QueueFilter)>> = LazyLock::new(KeptRows::new);

/// The filter form: its fields rendered once per language and filter and kept (they are the
/// same for every facilitator; forty-odd options of translated names).
#[component]
fn Filters(filter: QueueFilter) -> impl IntoView {
    let lang = use_lang();
    // The page number is not among the fields.
    let key = (
        lang,
        QueueFilter {
            page: 0,
            ..filter.clone()
        },
    );
    let fields = joined([(
        FILTERS.html(key, move || view! { <FilterFields filter/> }),
        None,
    )]);
    view! {
        <form method="GET" action=format!("/{}/moderation", lang.code()) class="filters" inner_html=fields></form>
    }
}

#[component]
fn FilterFields(filter: QueueFilter) -> impl IntoView {
    let lang = use_lang();
    let option = move |value: String, label: String, chosen: bool| {
        view! { <option value=value selected=chosen>{label}</option> }
    };
    let kinds = [
        ("feedback", "moderation-kind-feedback"),
        ("proposal", "moderation-kind-proposal"),
        ("check", "moderation-kind-check"),
    ]
    .into_iter()
    .map(|(code, key)| {
        option(
            code.into(),
            t(lang, key),
            filter.kind.as_deref() == Some(code),
        )
    })
    .collect_view();
    let states = ModerationState::ALL
        .iter()
        .map(|s| {
            option(
                s.code().into(),
                t(lang, &s.label_key()),
                filter.state.as_deref() == Some(s.code()),
            )
        })
        .collect_view();
    let services = ServiceType::ALL
        .iter()
        .map(|s| {
            option(
                s.code().into(),
                t(lang, &s.label_key()),
                filter.service.as_deref() == Some(s.code()),
            )
        })
        .collect_view();
    let provinces = Province::ALL
        .iter()
        .map(|p| {
            option(
                p.code().into(),
                t(lang, &p.label_key()),
                filter.province.as_deref() == Some(p.code()),
            )
        })
        .collect_view();
    view! {
        <fieldset>
            <legend>{t(lang, "filter-title")}</legend>
            <label for="kind">{t(lang, "moderation-filter-kind")}</label>
            <select id="kind" name="kind"><option value="">{t(lang, "filter-any")}</option>{kinds}</select>
            <label for="state">{t(lang, "moderation-filter-state")}</label>
            <select id="state" name="state">
                <option value="">{t(lang, "moderation-filter-open")}</option>
                <option value="all" selected=filter.state.as_deref() == Some("all")>{t(lang, "filter-any")}</option>
                {states}
            </select>
            <label for="service">{t(lang, "moderation-filter-service")}</label>
            <select id="service" name="service"><option value="">{t(lang, "filter-any")}</option>{services}</select>
            <label for="province">{t(lang, "moderation-filter-province")}</label>
            <select id="province" name="province"><option value="">{t(lang, "filter-any")}</option>{provinces}</select>
            <label class="check">
                <input type="checkbox" name="waiting" value="1" checked=filter.waiting/>
                {t(lang, "moderation-filter-waiting")}
            </label>
            <div class="actions"><button type="submit">{t(lang, "filter-apply")}</button></div>
        </fieldset>
    }
}

#[component]
fn Queue(page: QueuePage, filter: QueueFilter) -> impl IntoView {
    let lang = use_lang();
    if page.rows.is_empty() {
        return view! { <p class="empty">{t(lang, "moderation-empty")}</p> }.into_any();
    }
    // Each row rendered once and kept; the survivor's words are put in for this view only.
    let rows = joined(page.rows.iter().map(|row| {
        let shown = QueueRow {
            excerpt: row.excerpt.as_ref().map(|_| HOLE.to_string()),
            ..row.clone()
        };
        let html = QUEUE_ROWS.html(
            (lang, shown.clone()),
            move || view! { <QueueItem row=shown/> },
        );
        (html, row.excerpt.as_deref())
    }));
    let next = page.has_more.then(|| {
        let mut params = vec![format!("page={}", filter.page + 1)];
        for (k, v) in [("kind", &filter.kind), ("state", &filter.state), ("service", &filter.service), ("province", &filter.province)] {
            if let Some(v) = v {
                params.push(format!("{k}={v}"));
            }
        }
        if filter.waiting {
            params.push("waiting=1".into());
        }
        view! { <p><a href=format!("/{}/moderation?{}", lang.code(), params.join("&"))>{t(lang, "tracker-next")}</a></p> }
    });
    view! {
        <form method="post" action=paths::moderation::SPAM.at(&[&lang.code()])>
            <input type="hidden" name="csrf" value=page.csrf.clone()/>
            <ul class="cards queue" inner_html=rows></ul>
            <button type="submit" class="secondary">{t(lang, "moderation-mark-spam")}</button>
        </form>
        {next}
    }
    .into_any()
}

/// One row of the queue; its excerpt is `kept_rows::HOLE` when kept (see `Queue`).
#[component]
fn QueueItem(row: QueueRow) -> impl IntoView {
    let lang = use_lang();
    let href = format!("/{}/moderation/{}/{}", lang.code(), row.kind.code(), row.id);
    let value = format!("{}:{}", row.kind.code(), row.id);
    let kind_key = match row.kind {
        crate::views::moderation::ItemKind::Feedback => "moderation-kind-feedback",
        crate::views::moderation::ItemKind::Proposal => "moderation-kind-proposal",
        crate::views::moderation::ItemKind::Check => "moderation-kind-check",
    };
    let province = row.province_key.as_ref().map(|k| t(lang, k));
    view! {
        <li class="card queue-item">
            <label class="check">
                <input type="checkbox" name="item" value=value/>
                <span class="visually-hidden">{t(lang, "moderation-choose")}</span>
            </label>
            <div>
                <p class="meta">
                    <span>{khmer::date(row.received_on, lang)}</span>
                    <span>{t(lang, kind_key)}</span>
                    <span class="badge">{t(lang, &row.state.label_key())}</span>
                    {row.survivor_waiting.then(|| view! { <span class="badge overdue">{t(lang, "moderation-waiting")}</span> })}
                </p>
                <h3><a href=href>{t(lang, &row.about_key)}{province.map(|p| format!(" · {p}"))}</a></h3>
                {row.excerpt.clone().map(|e| view! { <p class="excerpt">{e}</p> })}
            </div>
        </li>
    }
}
