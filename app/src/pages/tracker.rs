use leptos::prelude::*;

use crate::components::page_title::PageTitle;
use leptos_router::{components::Form, hooks::use_query_map};

use crate::{
    api::tracker::get_tracker,
    components::feed_link::FeedLink,
    components::{
        auto_apply::AutoApply, error_view::ErrorView, recommendation_card::RecommendationCard,
        status_badge::DemoBanner,
    },
    domain::{khmer, lang::Lang, status::Status, theme::Theme},
    i18n::{Arg, t, t_args, use_lang},
    views::tracker::{ForumRef, OrgRef, Snippet, TrackerFilter, TrackerPage as Page},
};

/// The public tracker: every published recommendation, filtered by links and a GET form.
#[component]
pub fn TrackerPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let parsed = Memo::new(move |_| query.with(|q| TrackerFilter::from_query(|k| q.get(k))));
    let data = Resource::new(move || parsed.get().0, get_tracker);
    // A value not understood answers 400, as the API does, but the page still shows what
    // the rest of the address asks for, with a notice: a mistyped link loses nothing.
    // Unknown names are not refused: sites add their own (`fbclid`) to links shared there.
    #[cfg(feature = "ssr")]
    if parsed.get_untracked().1
        && let Some(response) = use_context::<leptos_axum::ResponseOptions>()
    {
        response.set_status(axum::http::StatusCode::BAD_REQUEST);
    }
    view! {
        <PageTitle lang what=t(lang, "tracker-title")/>
        <h1>{t(lang, "tracker-title")}</h1>
        <p class="lead">{t(lang, "tracker-intro")}</p>
        {move || parsed.get().1.then(|| view! { <p class="notice" role="status">{t(lang, "filter-bad")}</p> })}
        <Suspense fallback=move || view! { <p>{t(lang, "loading")}</p> }>
            {move || Suspend::new(async move {
                let filter = parsed.get_untracked().0;
                match data.await {
                    Ok(page) => view! { <TrackerResults page filter/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn TrackerResults(page: Page, filter: TrackerFilter) -> impl IntoView {
    let lang = use_lang();
    let any_demo = page.items.iter().any(|r| r.is_demo);
    let shown = page.items.len() as i64;
    let base = format!("/{}/recommendations", lang.code());
    let next = page
        .next_after
        .map(|after| format!("{base}{}", filter.to_query(Some(after))));
    let first = filter
        .after
        .map(|_| format!("{base}{}", filter.to_query(None)));
    let searching = filter.q.is_some();
    let items = if page.items.is_empty() {
        view! { <NothingFound filter=filter.clone()/> }.into_any()
    } else {
        let snippets = page.snippets;
        page.items
            .into_iter()
            .map(|rec| {
                let found = snippets.iter().find(|s| s.id == rec.id).cloned();
                view! { <li><RecommendationCard rec/>{found.map(|snippet| view! { <Found snippet/> })}</li> }
            })
            .collect_view()
            .into_any()
    };
    let found_forums = (!page.found_forums.is_empty()).then(|| {
        let links = page
            .found_forums
            .into_iter()
            .map(|f| view! { <li><a href=format!("/{}/forums/{}", lang.code(), f.id)>{name(&f.title, lang)}</a></li> })
            .collect_view();
        view! { <section class="found-forums"><h2>{t(lang, "search-forums")}</h2><ul>{links}</ul></section> }
    });
    let matching = i64::try_from(page.matching).unwrap_or(i64::MAX);
    view! {
        <DemoBanner show=any_demo/>
        <SearchBox filter=filter.clone()/>
        <Filters filter=filter.clone() forums=page.forums bodies=page.bodies years=page.years/>
        <p class="download">
            <a rel="external" href=format!("/{}/recommendations.csv{}", lang.code(), filter.to_query(None))>{t(lang, "tracker-download-csv")}</a>
        </p>
        <FeedLink href=format!("/{}/recommendations.atom{}", lang.code(), filter.to_query(None)) title=t(lang, "tracker-title")/>
        // When nothing is shown, the message in the list says why; a count of 0 would only
        // repeat it.
        {(shown > 0).then(|| view! {
            // The list's heading (the cards below are h3): how many match.
            <h2 class="count" aria-live="polite">
                {t_args(lang, "tracker-matching", &[("count", Arg::Count(matching)), ("shown", khmer::number(matching, lang).into())])}
                " "
                <span class="on-page">{t_args(lang, "tracker-count-on-page", &[("shown", khmer::number(shown, lang).into())])}</span>
            </h2>
        })}
        <ul class="cards" class:results=searching>{items}</ul>
        {found_forums}
        <nav class="pager">
            {first.map(|href| view! { <a href=href>{t(lang, "tracker-first")}</a> })}
            {next.map(|href| view! { <a class="next" rel="next" href=href>{t(lang, "tracker-next")}</a> })}
        </nav>
    }
}

/// The search: a GET form that keeps the filters in use, so a search and its filters share
/// one address.
#[component]
fn SearchBox(filter: TrackerFilter) -> impl IntoView {
    let lang = use_lang();
    let kept = TrackerFilter {
        q: None,
        after: None,
        ..filter.clone()
    };
    let hidden = hidden_fields(&TrackerFilter {
        q: None,
        ..kept.clone()
    });
    let clear = filter
        .q
        .is_some()
        .then(|| view! { <a href=format!("/{}/recommendations{}", lang.code(), kept.to_query(None))>{t(lang, "search-clear")}</a> });
    view! {
        <form method="get" action=format!("/{}/recommendations", lang.code()) class="search" role="search">
            <label for="search-q">{t(lang, "search-label")}</label>
            <p class="hint" id="search-hint">{t(lang, "search-hint")}</p>
            <div class="search-row">
                <input id="search-q" type="search" name="q" maxlength="200" value=filter.q.clone() aria-describedby="search-hint"/>
                <button type="submit">{t(lang, "search-submit")}</button>
            </div>
            {hidden}
            {clear}
        </form>
    }
}

/// The filters as hidden fields, for a form that changes something else.
fn hidden_fields(filter: &TrackerFilter) -> impl IntoView + use<> {
    filter
        .pairs()
        .into_iter()
        .map(|(name, value)| view! { <input type="hidden" name=name value=value/> })
        .collect_view()
}

/// Where the words were found, with them marked.
#[component]
fn Found(snippet: Snippet) -> impl IntoView {
    let lang = use_lang();
    let preferred = match lang {
        Lang::Km => snippet.km.or(snippet.en),
        Lang::En => snippet.en.or(snippet.km),
    };
    let pieces = preferred.map(|pieces| {
        let pieces = pieces
            .into_iter()
            .map(|(text, hit)| {
                if hit {
                    view! { <mark>{text}</mark> }.into_any()
                } else {
                    text.into_any()
                }
            })
            .collect_view();
        view! { <p class="snippet">{pieces}</p> }
    });
    let in_answer = snippet
        .in_answer
        .then(|| view! { <p class="snippet">{t(lang, "search-in-answer")}</p> });
    view! { {pieces}{in_answer} }
}

/// No result: said plainly, with the same search over everything when filters narrowed it.
#[component]
fn NothingFound(filter: TrackerFilter) -> impl IntoView {
    let lang = use_lang();
    let Some(words) = filter.q.clone() else {
        return view! { <p class="empty">{t(lang, "tracker-empty")}</p> }.into_any();
    };
    let only_words = TrackerFilter {
        q: Some(words.clone()),
        ..TrackerFilter::default()
    };
    let wider = (TrackerFilter {
        after: None,
        ..filter
    } != only_words)
        .then(|| {
            let href = format!(
                "/{}/recommendations{}",
                lang.code(),
                only_words.to_query(None)
            );
            view! { <p><a href=href>{t(lang, "search-without-filters")}</a></p> }
        });
    view! {
        <p class="empty">{t_args(lang, "search-none", &[("words", Arg::Text(words))])}</p>
        {wider}
    }
    .into_any()
}

/// A GET form: a plain form without JavaScript; with it, each choice applies at once.
#[component]
fn Filters(
    filter: TrackerFilter,
    forums: Vec<ForumRef>,
    bodies: Vec<OrgRef>,
    years: Vec<i32>,
) -> impl IntoView {
    let lang = use_lang();
    let action = format!("/{}/recommendations", lang.code());
    let themes = Theme::ALL
        .iter()
        .map(|th| {
            (
                th.code().to_string(),
                t(lang, &th.label_key()),
                filter.theme == Some(*th),
            )
        })
        .collect();
    let statuses = Status::PUBLIC
        .iter()
        .map(|s| {
            (
                s.code().to_string(),
                t(lang, &s.label_key()),
                filter.status == Some(*s),
            )
        })
        .collect();
    let forums = forums
        .into_iter()
        .map(|f| {
            (
                f.id.to_string(),
                name(&f.title, lang),
                filter.forum == Some(f.id),
            )
        })
        .collect();
    let bodies = bodies
        .into_iter()
        .map(|b| {
            (
                b.id.to_string(),
                name(&b.name, lang),
                filter.body == Some(b.id),
            )
        })
        .collect();
    let years = years
        .into_iter()
        .map(|y| {
            (
                y.to_string(),
                khmer::number(i64::from(y), lang),
                filter.year == Some(y),
            )
        })
        .collect();
    let active = TrackerFilter {
        q: None,
        after: None,
        ..filter.clone()
    } != TrackerFilter::default();
    // Folded on a phone so results come first; open when a filter is in use.
    view! {
        <details class="filters-box" open=active>
        <summary>{t(lang, "filter-title")}</summary>
        <AutoApply>
        <Form method="GET" action=action.clone() attr:class="filters">
            <fieldset>
                <legend>{t(lang, "filter-title")}</legend>
                <Choice name="theme" label=t(lang, "filter-theme") options=themes/>
                <Choice name="status" label=t(lang, "filter-status") options=statuses/>
                <Choice name="forum" label=t(lang, "filter-forum") options=forums/>
                <Choice name="body" label=t(lang, "filter-body") options=bodies/>
                <Choice name="year" label=t(lang, "filter-year") options=years/>
                <label class="check">
                    <input type="checkbox" name="overdue" value="1" checked=filter.overdue/>
                    {t(lang, "filter-overdue")}
                </label>
                {filter.q.clone().map(|q| view! { <input type="hidden" name="q" value=q/> })}
                <div class="actions">
                    <button type="submit">{t(lang, "filter-apply")}</button>
                    <a href=action>{t(lang, "filter-clear")}</a>
                </div>
            </fieldset>
        </Form>
        </AutoApply>
        </details>
    }
}

fn name(text: &crate::domain::bilingual::Bilingual, lang: Lang) -> String {
    text.show(lang).text.to_string()
}

/// A labelled select whose first option means "any".
#[component]
fn Choice(
    name: &'static str,
    label: String,
    options: Vec<(String, String, bool)>,
) -> impl IntoView {
    let lang = use_lang();
    let id = format!("filter-{name}");
    view! {
        <label for=id.clone()>{label}</label>
        <select id=id name=name>
            <option value="">{t(lang, "filter-any")}</option>
            {options
                .into_iter()
                .map(|(value, text, selected)| view! { <option value=value selected=selected>{text}</option> })
                .collect_view()}
        </select>
    }
}
