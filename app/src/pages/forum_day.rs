//! A forum on its day (`/curate/forums/{id}/day`), for a facilitator's phone on a slow line
//! with JavaScript off: add each draft as a group speaks, put the drafts in order, merge two
//! that say the same, mark the day's priorities, and publish the whole set at the end.
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::{
    api::curation::get_forum_day,
    components::{
        bilingual_text::BilingualText, error_view::ErrorView, page_title::PageTitle,
        refusal_notice::RefusalNotice, textarea_text::textarea_text,
    },
    domain::{khmer, lang::Lang, theme::Theme},
    error::AppError,
    i18n::{t, t_args, use_lang},
    paths,
    refusal::groups,
    views::forum_day::{DayDraft, ForumDayView},
};

#[component]
pub fn ForumDayPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i32>().ok()));
    let data = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_forum_day(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=move || view! { <p>{t(lang, "loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(day) => view! { <Day day/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Day(day: ForumDayView) -> impl IntoView {
    let lang = use_lang();
    let code = lang.code();
    let forum = day.forum_id;
    let title = day.title.show(lang).text.to_string();
    let typed = day.typed.clone();
    let themes = Theme::ALL
        .iter()
        .map(|th| view! { <option value=th.code() selected=typed.theme == th.code()>{t(lang, &th.label_key())}</option> })
        .collect_view();
    let languages = Lang::ALL
        .iter()
        .map(|l| view! { <option value=l.code() selected=typed.lang == l.code()>{t(lang, &format!("lang-name-{}", l.code()))}</option> })
        .collect_view();
    let count = day.drafts.len();
    let last = count.saturating_sub(1);
    let drafts = day
        .drafts
        .iter()
        .cloned()
        .enumerate()
        .map(|(i, draft)| view! { <Draft draft forum first=i == 0 last=i == last csrf=day.csrf.clone()/> })
        .collect_view();
    let unaddressed = day.drafts.iter().filter(|d| !d.addressed).count();
    let bodies = day
        .organisations
        .iter()
        .map(|o| {
            let id = o.id.to_string();
            view! {
                <li>
                    <input type="checkbox" id=format!("body-{id}") name="bodies" value=id.clone()/>
                    <label for=format!("body-{id}")>{o.name.show(lang).text.to_string()}</label>
                </li>
            }
        })
        .collect_view();
    view! {
        <PageTitle lang what=format!("{} · {title}", t(lang, "day-title"))/>
        <p><a href=format!("/{code}/curate/forums/{forum}")>{t(lang, "day-back")}</a></p>
        <h1>{t_args(lang, "day-heading", &[("forum", title.clone().into())])}</h1>
        <RefusalNotice among=groups::FORUM_DAY/>
        <p class="hint">{t(lang, if day.published { "day-forum-public" } else { "day-nothing-public" })}</p>
        <section id="capture">
            <h2>{t(lang, "day-add")}</h2>
            <form class="stacked" method="post" action=paths::curation::DAY.at(&[&code, &forum])>
                <input type="hidden" name="csrf" value=day.csrf.clone()/>
                <label for="text">{t(lang, "day-text")}</label>
                <textarea id="text" name="text" rows="4" required>{textarea_text(typed.text.clone())}</textarea>
                <label for="lang">{t(lang, "day-lang")}</label>
                <select id="lang" name="lang">{languages}</select>
                <label for="theme">{t(lang, "curate-theme")}</label>
                <select id="theme" name="theme">{themes}</select>
                <label for="group">{t(lang, "day-group")}</label>
                <input id="group" name="group" maxlength="60" value=typed.group.clone()/>
                <button type="submit">{t(lang, "day-add-button")}</button>
            </form>
        </section>
        <section id="drafts">
            <h2>{t_args(lang, "day-drafts", &[("count", khmer::number(count as i64, lang).into())])}</h2>
            {(count == 0).then(|| view! { <p class="empty">{t(lang, "day-none")}</p> })}
            <ol class="day-drafts">{drafts}</ol>
        </section>
        {(count > 0).then(|| view! { <Tallies drafts=day.drafts.clone() forum csrf=day.csrf.clone()/> })}
        {(count > 0).then(|| view! {
            <section id="publish-set">
                <h2>{t(lang, "day-publish-title")}</h2>
                <p>{t_args(lang, "day-publish-hint", &[("count", khmer::number(count as i64, lang).into())])}</p>
                <form class="stacked" method="post" action=paths::curation::DAY_PUBLISH.at(&[&code, &forum])>
                    <input type="hidden" name="csrf" value=day.csrf.clone()/>
                    {(unaddressed > 0).then(|| view! {
                        <fieldset>
                            <legend>{t_args(lang, "day-address-unaddressed", &[("count", khmer::number(unaddressed as i64, lang).into())])}</legend>
                            <ul class="choices">{bodies}</ul>
                        </fieldset>
                    })}
                    <button type="submit">{t(lang, "day-publish-button")}</button>
                </form>
            </section>
        })}
    }
}

/// One draft: its words, group and place, and the buttons that move, mark or merge it.
#[component]
fn Draft(draft: DayDraft, forum: i32, first: bool, last: bool, csrf: String) -> impl IntoView {
    let lang = use_lang();
    let action = paths::curation::DAY_STEP.at(&[&lang.code(), &forum, &draft.id]);
    let button = {
        let (action, csrf) = (action.clone(), csrf.clone());
        move |step: &'static str, key: &'static str| {
            view! {
                <form method="post" action=action.clone()>
                    <input type="hidden" name="csrf" value=csrf.clone()/>
                    <input type="hidden" name="step" value=step/>
                    <button type="submit" class="secondary">{t(lang, key)}</button>
                </form>
            }
        }
    };
    view! {
        <li id=format!("draft-{}", draft.id) class:priority=draft.is_priority>
            <p class="meta">
                <span class="reference">{draft.reference.clone()}</span>
                " · "{t(lang, &draft.theme.label_key())}
                {draft.group.clone().map(|g| view! { " · "{t_args(lang, "day-from-group", &[("group", g.into())])} })}
                {draft.is_priority.then(|| view! { " · "<strong>{t(lang, "day-priority")}</strong> })}
                {(draft.votes > 0).then(|| view! { " · "{t_args(lang, "day-votes", &[("count", khmer::number(i64::from(draft.votes), lang).into())])} })}
                {(draft.phone_votes > 0).then(|| view! { " · "{t_args(lang, "day-phone-votes", &[("count", khmer::number(i64::from(draft.phone_votes), lang).into())])} })}
            </p>
            <p class="kept-text"><BilingualText text=draft.text.clone()/></p>
            <div class="actions">
                {(!first).then(|| button("up", "day-up"))}
                {(!last).then(|| button("down", "day-down"))}
                {button("priority", if draft.is_priority { "day-unmark" } else { "day-mark" })}
                <a href=format!("/{}/curate/recommendations/{}", lang.code(), draft.id)>{t(lang, "day-edit")}</a>
            </div>
            {(!last).then(|| view! {
                <form class="merge" method="post" action=action.clone()>
                    <input type="hidden" name="csrf" value=csrf.clone()/>
                    <input type="hidden" name="step" value="merge"/>
                    <input type="checkbox" id=format!("merge-{}", draft.id) name="confirmed" value="1"/>
                    <label for=format!("merge-{}", draft.id)>{t(lang, "day-merge-confirm")}</label>
                    <button type="submit" class="secondary">{t(lang, "day-merge")}</button>
                </form>
            })}
        </li>
    }
}

/// Votes counted on paper ballots: a number per draft (counts only, never who), and the
/// choice to put the drafts in order of votes.
#[component]
fn Tallies(drafts: Vec<DayDraft>, forum: i32, csrf: String) -> impl IntoView {
    let lang = use_lang();
    let rows = drafts
        .into_iter()
        .map(|d| {
            let field = format!("votes-{}", d.id);
            view! {
                <label for=field.clone()>{d.reference}" · "{d.title.show(lang).text.to_string()}</label>
                <input id=field.clone() name=field inputmode="numeric" maxlength="6" value=khmer::number(i64::from(d.votes), lang)/>
            }
        })
        .collect_view();
    view! {
        <section id="tallies">
            <h2>{t(lang, "day-tallies-title")}</h2>
            <p class="hint">{t(lang, "day-phones-hint")}" "
                <a href=format!("/{}/venues?forum={forum}", lang.code())>{t(lang, "day-phones-link")}</a>
            </p>
            <p class="hint">{t(lang, "day-tallies-hint")}</p>
            <form class="stacked" method="post" action=paths::curation::DAY_TALLIES.at(&[&lang.code(), &forum])>
                <input type="hidden" name="csrf" value=csrf/>
                {rows}
                <p>
                    <input type="checkbox" id="by_votes" name="by_votes" value="1"/>
                    <label for="by_votes">{t(lang, "day-tallies-order")}</label>
                </p>
                <button type="submit">{t(lang, "day-tallies-save")}</button>
            </form>
        </section>
    }
}
