//! Paper forms for outreach (see `ssr::paper`): print a batch of sheets, each with its own
//! receipt code on a slip; type in a sheet when it comes back.
use leptos::prelude::*;

use crate::{
    api::paper::{get_paper_entry_form, get_paper_page},
    components::{
        error_view::ErrorView, page_title::PageTitle, paper_sheet::PaperSheet,
        refusal_notice::RefusalNotice,
    },
    domain::{
        khmer,
        lang::Lang,
        paper::{MOST_SHEETS, USUAL_DAYS, VALID_DAYS},
    },
    i18n::{Arg, t, t_args, use_lang},
    pages::feedback::FeedbackForm,
    paths,
    refusal::groups,
    views::paper::{PaperBatch, PaperPage as Page},
};

#[component]
pub fn PaperPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| get_paper_page());
    view! {
        <PageTitle lang what=t(lang, "paper-title")/>
        <h1>{t(lang, "paper-title")}</h1>
        <p class="lead">{t(lang, "paper-intro")}</p>
        <Suspense fallback=move || view! { <p>{t(lang, "loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <Paper page/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Paper(page: Page) -> impl IntoView {
    let lang = use_lang();
    let waiting = t_args(
        lang,
        "paper-waiting",
        &[(
            "count",
            Arg::Text(khmer::number(
                i64::try_from(page.waiting).unwrap_or(i64::MAX),
                lang,
            )),
        )],
    );
    let day_options = VALID_DAYS
        .iter()
        .map(|d| {
            let shown = Arg::Text(khmer::number(i64::from(*d), lang));
            let label = t_args(lang, "paper-days", &[("days", shown)]);
            view! { <option value=d.to_string() selected=*d == USUAL_DAYS>{label}</option> }
        })
        .collect_view();
    let languages = [Lang::Km, Lang::En]
        .iter()
        .map(|l| {
            view! { <option value=l.code() selected=*l == lang>{t(lang, &format!("paper-lang-{}", l.code()))}</option> }
        })
        .collect_view();
    view! {
        <RefusalNotice among=groups::PAPER/>
        <p class="notice" role="status">{waiting}</p>
        <h2>{t(lang, "paper-print-title")}</h2>
        <form class="stacked" method="post" action=paths::paper::PRINT.at(&[&lang.code()])>
            <input type="hidden" name="csrf" value=page.csrf/>
            <label for="paper-sheets">{t(lang, "paper-sheets")}</label>
            <input id="paper-sheets" name="sheets" type="number" min="1" max=MOST_SHEETS.to_string() value="10" required/>
            <label for="paper-lang">{t(lang, "paper-sheet-lang")}</label>
            <select id="paper-lang" name="sheet_lang">{languages}</select>
            <label for="paper-days">{t(lang, "paper-back-within")}</label>
            <select id="paper-days" name="days">{day_options}</select>
            <p class="hint">{t(lang, "paper-print-hint")}</p>
            <button type="submit">{t(lang, "paper-print")}</button>
        </form>
        <h2>{t(lang, "paper-enter-title")}</h2>
        <p>{t(lang, "paper-enter-lead")}</p>
        <p><a class="button" href=paths::paper::ENTER.at(&[&lang.code()])>{t(lang, "paper-enter")}</a></p>
    }
}

/// Typing in a returned sheet: the survivors' own form, with the sheet's code.
#[component]
pub fn PaperEntryPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| get_paper_entry_form());
    view! {
        <PageTitle lang what=t(lang, "paper-enter-title")/>
        <Suspense fallback=move || view! { <p>{t(lang, "loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(form) => view! {
                        <ul class="advice">
                            <li>{t(lang, "paper-rule-copy")}</li>
                            <li>{t(lang, "paper-rule-shred")}</li>
                        </ul>
                        <FeedbackForm organisations=form.organisations draft=form.draft/>
                    }
                    .into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The sheets of a batch just printed; they exist only in the answer to "print".
#[component]
pub fn PaperSheetsPage() -> impl IntoView {
    let lang = use_lang();
    let body = match use_context::<PaperBatch>() {
        Some(batch) => {
            let count = t_args(
                lang,
                "paper-sheets-ready",
                &[(
                    "count",
                    Arg::Text(khmer::number(
                        i64::try_from(batch.codes_grouped.len()).unwrap_or(i64::MAX),
                        lang,
                    )),
                )],
            );
            let sheets = batch
                .codes_grouped
                .into_iter()
                .map(|code| {
                    view! {
                        <PaperSheet
                            code
                            expires_on=batch.expires_on
                            receipt_address=batch.receipt_address.clone()
                        />
                    }
                })
                .collect_view();
            view! {
                <div class="notice print-hide" role="status">
                    <p>{count}</p>
                    <p>{t(lang, "paper-sheets-once")}</p>
                    <p><a href=paths::paper::PRINT.at(&[&lang.code()])>{t(lang, "paper-back")}</a></p>
                </div>
                <div class="paper-batch">{sheets}</div>
            }
            .into_any()
        }
        None => view! {
            <h1>{t(lang, "paper-title")}</h1>
            <p>{t(lang, "paper-sheets-gone")}</p>
            <p><a href=paths::paper::PRINT.at(&[&lang.code()])>{t(lang, "paper-back")}</a></p>
        }
        .into_any(),
    };
    view! {
        <PageTitle lang what=t(lang, "paper-title")/>
        {body}
    }
}
