use leptos::prelude::*;

use crate::components::page_title::PageTitle;

use crate::{
    api::admin::get_organisations,
    components::error_view::ErrorView,
    components::refusal_notice::RefusalNotice,
    domain::org::OrgKind,
    i18n::{t, use_lang},
    paths,
    refusal::groups,
    views::admin::{OrgRow, OrganisationsView},
};

/// Organisations: bilingual names and kind, added and edited by administrators.
#[component]
pub fn OrganisationsPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| get_organisations());
    view! {
        <PageTitle lang what=t(lang, "organisations-title")/>
        <h1>{t(lang, "organisations-title")}</h1>
        <Suspense fallback=move || view! { <p>{t(lang, "loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <Organisations view/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Organisations(view: OrganisationsView) -> impl IntoView {
    let lang = use_lang();
    let blank = OrgRow {
        id: 0,
        code: String::new(),
        name_km: String::new(),
        name_en: String::new(),
        kind: OrgKind::Government,
        answers_need_approval: false,
    };
    let rows = view
        .organisations
        .into_iter()
        .map(|org| view! { <li class="org"><OrgForm org csrf=view.csrf.clone()/></li> })
        .collect_view();
    view! {
        <RefusalNotice among=groups::ORGANISATIONS/>
        <h2>{t(lang, "organisations-add")}</h2>
        <OrgForm org=blank csrf=view.csrf.clone()/>
        <h2>{t(lang, "organisations-list")}</h2>
        <ul class="people">{rows}</ul>
    }
}

/// One organisation's form; id 0 adds a new one.
#[component]
fn OrgForm(org: OrgRow, csrf: String) -> impl IntoView {
    let lang = use_lang();
    let target = if org.id == 0 {
        "new".to_string()
    } else {
        org.id.to_string()
    };
    let id = |field: &str| format!("org-{target}-{field}");
    let kinds = OrgKind::ALL
        .iter()
        .map(|k| view! { <option value=k.code() selected=*k == org.kind>{t(lang, &k.label_key())}</option> })
        .collect_view();
    let submit = if org.id == 0 {
        "organisations-add"
    } else {
        "organisations-save"
    };
    view! {
        <form class="stacked" method="post" action=paths::admin::ORGANISATION.at(&[&lang.code(), &target])>
            <input type="hidden" name="csrf" value=csrf/>
            <label for=id("code")>{t(lang, "organisations-code")}</label>
            <input id=id("code") name="code" required maxlength="64" value=org.code/>
            <label for=id("km")>{t(lang, "organisations-name-km")}</label>
            <input id=id("km") name="name_km" lang="km" maxlength="300" value=org.name_km/>
            <label for=id("en")>{t(lang, "organisations-name-en")}</label>
            <input id=id("en") name="name_en" lang="en" maxlength="300" value=org.name_en/>
            <label for=id("kind")>{t(lang, "organisations-kind")}</label>
            <select id=id("kind") name="kind">{kinds}</select>
            <label class="choice">
                <input type="checkbox" name="answers_need_approval" value="on" checked=org.answers_need_approval/>
                " "{t(lang, "organisations-needs-approval")}
            </label>
            <button type="submit">{t(lang, submit)}</button>
        </form>
    }
}
