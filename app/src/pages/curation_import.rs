use leptos::prelude::*;

use crate::components::page_title::PageTitle;

use crate::{
    api::curation::get_import,
    components::refusal_notice::RefusalNotice,
    components::textarea_text::textarea_text,
    components::{bilingual_text::BilingualText, error_view::ErrorView},
    domain::{khmer, lang::Lang, theme::Theme},
    i18n::{t, t_args, use_lang},
    paths,
    refusal::groups,
    views::curation::ImportView,
};

/// Importing a forum's recommendations from a CSV file: choose the forum and the file, see
/// every row with its problems, then import all of them (only when none has a problem).
#[component]
pub fn CurateImportPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| get_import());
    view! {
        <PageTitle lang what=t(lang, "import-title")/>
        <p><a href=format!("/{}/curate", lang.code())>{t(lang, "curate-back")}</a></p>
        <h1>{t(lang, "import-title")}</h1>
        <Suspense fallback=move || view! { <p>{t(lang, "loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <Import view/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Import(view: ImportView) -> impl IntoView {
    let lang = use_lang();
    let valid = view.is_valid();
    let forums = view
        .forums
        .iter()
        .map(|f| view! { <option value=f.id.to_string()>{f.title.show(lang).text.to_string()}</option> })
        .collect_view();
    let preview = (!view.rows.is_empty() || view.file_problem.is_some()).then(|| {
        let bad = view.rows.iter().filter(|r| !r.problems.is_empty()).count();
        let summary = match (&view.file_problem, bad) {
            (Some(key), _) => t(lang, key),
            (None, 0) => t_args(lang, "import-ready", &[("count", khmer::number(view.rows.len() as i64, lang).into())]),
            (None, n) => t_args(lang, "import-has-problems", &[("count", khmer::number(n as i64, lang).into())]),
        };
        let rows = view
            .rows
            .iter()
            .map(|r| {
                let problems = r
                    .problems
                    .iter()
                    .map(|(field, key)| view! { <li>{field.clone()}": "{t(lang, key)}</li> })
                    .collect_view();
                let bodies = r
                    .bodies
                    .iter()
                    .map(|b| b.name.show(lang).text.to_string())
                    .collect::<Vec<_>>()
                    .join("; ");
                let class = if r.problems.is_empty() { "row-ok" } else { "row-bad" };
                view! {
                    <tr class=class>
                        <td>{r.line}</td>
                        <td>{r.reference.clone()}</td>
                        <td><BilingualText text=r.title.clone()/></td>
                        <td>{bodies}</td>
                        <td><ul>{problems}</ul></td>
                    </tr>
                }
            })
            .collect_view();
        let forum = view.forum.as_ref().map(|f| {
            view! { <p>{t(lang, "curate-forum")}": "<BilingualText text=f.title.clone()/></p> }
        });
        view! {
            <h2>{t(lang, "import-preview")}</h2>
            {forum}
            <p class=if valid { "notice" } else { "notice problem" } role="status">{summary}</p>
            <table class="import">
                <thead><tr>
                    <th scope="col">{t(lang, "import-line")}</th>
                    <th scope="col">{t(lang, "curate-reference")}</th>
                    <th scope="col">{t(lang, "curate-title-field")}</th>
                    <th scope="col">{t(lang, "curate-bodies")}</th>
                    <th scope="col">{t(lang, "import-problems")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            {valid.then(|| view! {
                <form class="stacked" method="post" action=paths::curation::IMPORT_CONFIRM.at(&[&lang.code()])>
                    <input type="hidden" name="csrf" value=view.csrf.clone()/>
                    <p>
                        <input type="checkbox" id="publish" name="publish" value="1"/>
                        <label for="publish">{t(lang, "import-publish")}</label>
                    </p>
                    <button type="submit">{t(lang, "import-confirm")}</button>
                </form>
            })}
            <form method="post" action=paths::curation::IMPORT_CANCEL.at(&[&lang.code()])>
                <input type="hidden" name="csrf" value=view.csrf.clone()/>
                <button type="submit">{t(lang, "import-cancel")}</button>
            </form>
        }
    });
    view! {
        <RefusalNotice among=groups::IMPORT/>
        <p>{t(lang, "import-help")}</p>
        <pre class="csv-example">"reference,theme,original_lang,title_km,title_en,text_km,text_en,bodies"</pre>
        {preview}
        <h2>{t(lang, "import-send")}</h2>
        <form class="stacked" method="post" enctype="multipart/form-data" action=paths::curation::IMPORT.at(&[&lang.code()])>
            <input type="hidden" name="csrf" value=view.csrf.clone()/>
            <label for="forum">{t(lang, "curate-forum")}</label>
            <select id="forum" name="forum" required>{forums}</select>
            <label for="file">{t(lang, "import-file")}</label>
            <input id="file" name="file" type="file" accept=".csv,text/csv" required/>
            <button type="submit">{t(lang, "import-check")}</button>
        </form>
        <Outcome view=view.clone()/>
    }
}

/// A forum's outcome document, pasted: one draft per numbered item, shown above for review
/// exactly as a file's rows are, saved only with "import".
#[component]
fn Outcome(view: ImportView) -> impl IntoView {
    let lang = use_lang();
    let typed = view.outcome;
    let forums = view
        .forums
        .iter()
        .map(|f| {
            let id = f.id.to_string();
            let chosen = typed.forum == id;
            view! { <option value=id selected=chosen>{f.title.show(lang).text.to_string()}</option> }
        })
        .collect_view();
    let themes = Theme::ALL
        .iter()
        .map(|th| view! { <option value=th.code() selected=typed.theme == th.code()>{t(lang, &th.label_key())}</option> })
        .collect_view();
    let languages = Lang::ALL
        .iter()
        .map(|l| {
            let chosen = typed.original_lang == l.code() || (typed.original_lang.is_empty() && *l == Lang::Km);
            view! { <option value=l.code() selected=chosen>{t(lang, &format!("lang-name-{}", l.code()))}</option> }
        })
        .collect_view();
    view! {
        <h2 id="outcome">{t(lang, "outcome-title")}</h2>
        <p>{t(lang, "outcome-help")}</p>
        <form class="stacked" method="post" action=paths::curation::IMPORT_OUTCOME.at(&[&lang.code()])>
            <input type="hidden" name="csrf" value=view.csrf.clone()/>
            <label for="outcome-forum">{t(lang, "curate-forum")}</label>
            <select id="outcome-forum" name="forum" required>{forums}</select>
            <label for="outcome-document">{t(lang, "outcome-document")}</label>
            <textarea id="outcome-document" name="document" rows="12" required>{textarea_text(typed.document.clone())}</textarea>
            <label for="outcome-lang">{t(lang, "outcome-lang")}</label>
            <select id="outcome-lang" name="original_lang">{languages}</select>
            <label for="outcome-theme">{t(lang, "curate-theme")}</label>
            <select id="outcome-theme" name="theme">{themes}</select>
            <label for="outcome-prefix">{t(lang, "outcome-prefix")}</label>
            <input id="outcome-prefix" name="prefix" required maxlength="40" value=typed.prefix.clone() placeholder="SR-2026"/>
            <label for="outcome-bodies">{t(lang, "outcome-bodies")}</label>
            <input id="outcome-bodies" name="bodies" value=typed.bodies.clone() placeholder="moj; mosvy"/>
            <button type="submit">{t(lang, "outcome-split")}</button>
        </form>
    }
}
