//! Presentation day, for a published forum: the projector view (`/forums/{id}/present/{n}`),
//! one recommendation per screen in Khmer and English side by side, large, with next and
//! previous as plain links (arrow keys too once the page runs); and the handout
//! (`/forums/{id}/handout`), the whole set in both languages, to print on A4.
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::{
    api::presentation::get_presentation,
    components::{error_view::ErrorView, page_title::PageTitle, slide_keys::SlideKeys},
    domain::{bilingual::Bilingual, khmer, lang::Lang},
    error::AppError,
    i18n::{t, t_args, use_lang},
    views::presentation::{Presentation, Slide},
};

/// The route's forum id and (1-based) slide number; no number is the first.
fn params() -> (Option<i32>, Option<usize>) {
    let params = use_params_map();
    params.with_untracked(|p| {
        let id = p.get("id").and_then(|v| v.parse::<i32>().ok());
        let n = match p.get("n") {
            None => Some(1),
            Some(v) => v.parse::<usize>().ok().filter(|n| *n >= 1),
        };
        (id, n)
    })
}

#[component]
pub fn ProjectorPage() -> impl IntoView {
    let lang = use_lang();
    let (id, n) = params();
    let data = Resource::new(
        move || (id, n),
        |(id, n)| async move {
            match (id, n) {
                (Some(id), Some(n)) => get_presentation(id).await.map(|p| (p, n)),
                _ => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=move || view! { <p>{t(lang, "loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((p, n)) if n <= p.slides.len().max(1) => view! { <Projector p n/> }.into_any(),
                    Ok(_) => view! { <ErrorView error=AppError::NotFound/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Projector(p: Presentation, n: usize) -> impl IntoView {
    let lang = use_lang();
    let total = p.slides.len();
    let forum = format!("/{}/forums/{}", lang.code(), p.forum_id);
    let at = |i: usize| format!("{forum}/present/{i}");
    let title = p.title.show(lang).text.to_string();
    let count = move |i: usize| khmer::number(i as i64, lang);
    let slide = p.slides.get(n - 1).cloned();
    let previous = (n > 1).then(|| {
        view! { <a rel="prev" href=at(n - 1)>{t(lang, "present-previous")}</a> }
    });
    let next = (n < total).then(|| {
        view! { <a rel="next" href=at(n + 1)>{t(lang, "present-next")}</a> }
    });
    view! {
        <PageTitle lang what=format!("{} · {title}", t(lang, "present-title"))/>
        <SlideKeys>
            <div class="projector">
                <p class="slide-meta">
                    <span>{title.clone()}</span>
                    {(total > 0).then(|| view! {
                        <span class="slide-count">{t_args(lang, "present-of", &[("n", count(n).into()), ("total", count(total).into())])}</span>
                    })}
                </p>
                {match slide {
                    Some(slide) => view! { <SlideView slide heading=true/> }.into_any(),
                    None => view! { <p class="slide-empty">{t(lang, "present-none")}</p> }.into_any(),
                }}
                <nav class="slide-nav" aria-label=t(lang, "present-title")>
                    {previous}
                    <a href=forum.clone() class="leave">{t(lang, "present-leave")}</a>
                    {next}
                </nav>
            </div>
        </SlideKeys>
    }
}

/// One recommendation: its reference and theme, its title and text in Khmer beside English,
/// and whom it is addressed to.
#[component]
fn SlideView(slide: Slide, heading: bool) -> impl IntoView {
    let lang = use_lang();
    let side = move |l: Lang| {
        let title = shown(&slide.title, l);
        let text = shown(&slide.text, l);
        let missing = (title.is_none() && text.is_none())
            .then(|| view! { <p class="untranslated">{t(lang, "untranslated")}</p> });
        let title = title.map(|tt| {
            if heading {
                view! { <h1 class="slide-title">{tt}</h1> }.into_any()
            } else {
                view! { <h2 class="slide-title">{tt}</h2> }.into_any()
            }
        });
        view! {
            <section class="slide-side" lang=l.code()>
                {title}
                {text.map(|x| view! { <p class="slide-text">{x}</p> })}
                {missing}
            </section>
        }
    };
    let bodies = slide
        .bodies
        .iter()
        .map(|b| b.name.show(lang).text.to_string())
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        <article class="slide" id=format!("rec-{}", slide.id)>
            <p class="slide-reference">
                <span class="reference">{slide.reference.clone()}</span>" · "{t(lang, &slide.theme.label_key())}
            </p>
            <div class="side-by-side">
                {side(Lang::Km)}
                {side(Lang::En)}
            </div>
            {(!bodies.is_empty()).then(|| view! {
                <p class="slide-bodies">{t_args(lang, "present-addressed", &[("bodies", bodies.into())])}</p>
            })}
        </article>
    }
}

/// A text in one language exactly, or nothing (the other side shows it).
fn shown(text: &Bilingual, lang: Lang) -> Option<String> {
    text.get(lang).map(str::to_string)
}

#[component]
pub fn HandoutPage() -> impl IntoView {
    let lang = use_lang();
    let (id, _) = params();
    let data = Resource::new(
        move || id,
        |id| async move {
            match id {
                Some(id) => get_presentation(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=move || view! { <p>{t(lang, "loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(p) => view! { <Handout p/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Handout(p: Presentation) -> impl IntoView {
    let lang = use_lang();
    let forum = format!("/{}/forums/{}", lang.code(), p.forum_id);
    let total = p.slides.len();
    let items = p
        .slides
        .into_iter()
        .map(|slide| view! { <li><SlideView slide heading=false/></li> })
        .collect_view();
    let both = |l: Lang| shown(&p.title, l).map(|x| view! { <span lang=l.code()>{x}</span> });
    view! {
        <PageTitle lang what=format!("{} · {}", t(lang, "handout-title"), p.title.show(lang).text)/>
        <article class="handout">
            <p class="print-hide"><a href=forum>{t(lang, "present-leave")}</a></p>
            <h1 class="handout-title">{both(Lang::Km)}<br/>{both(Lang::En)}</h1>
            <p class="meta">
                {khmer::date_range(p.starts_on, p.ends_on, lang)}
                {p.province.map(|pr| view! { " · "{t(lang, &pr.label_key())} })}
                " · "{t_args(lang, "handout-count", &[("count", khmer::number(total as i64, lang).into())])}
            </p>
            <p class="hint print-hide">{t(lang, "handout-print-hint")}</p>
            {(total == 0).then(|| view! { <p>{t(lang, "present-none")}</p> })}
            <ol class="handout-items">{items}</ol>
        </article>
    }
}
