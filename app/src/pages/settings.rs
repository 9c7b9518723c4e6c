use leptos::prelude::*;

use crate::components::page_title::PageTitle;
use leptos_router::hooks::use_query_map;

use crate::{
    api::admin::get_settings,
    components::error_view::ErrorView,
    components::refusal_notice::RefusalNotice,
    i18n::{t, use_lang},
    paths,
    refusal::groups,
    views::admin::SettingsView,
};

/// Platform settings for administrators.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| get_settings());
    view! {
        <PageTitle lang what=t(lang, "settings-title")/>
        <h1>{t(lang, "settings-title")}</h1>
        <Suspense fallback=move || view! { <p>{t(lang, "loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(settings) => view! { <Settings settings/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Settings(settings: SettingsView) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let saved = move || {
        query
            .with(|q| q.get("saved"))
            .map(|_| view! { <p class="notice done" role="status">{t(lang, "settings-saved")}</p> })
    };
    view! {
        {saved}
        <RefusalNotice among=groups::SETTINGS/>
        <form class="stacked" method="post" action=paths::admin::SETTINGS.at(&[&lang.code()])>
            <input type="hidden" name="csrf" value=settings.csrf/>
            <label class="check">
                <input type="checkbox" name="require_totp_for_all" value="on" checked=settings.require_totp_for_all/>
                {t(lang, "settings-require-totp")}
            </label>
            <label for="anonymity_threshold">{t(lang, "settings-threshold")}</label>
            <p class="hint">{t(lang, "settings-threshold-hint")}</p>
            <input
                id="anonymity_threshold"
                name="anonymity_threshold"
                type="number"
                min="3"
                max="1000"
                value=settings.anonymity_threshold.to_string()
            />
            <label for="overdue_after_days">{t(lang, "settings-overdue")}</label>
            <p class="hint">{t(lang, "settings-overdue-hint")}</p>
            <input
                id="overdue_after_days"
                name="overdue_after_days"
                type="number"
                min="1"
                max="3650"
                value=settings.overdue_after_days.to_string()
            />
            <label for="retention_days">{t(lang, "settings-retention")}</label>
            <p class="hint">{t(lang, "settings-retention-hint")}</p>
            <input
                id="retention_days"
                name="retention_days"
                type="number"
                min="30"
                max="3650"
                value=settings.retention_days.to_string()
            />
            <button type="submit">{t(lang, "settings-save")}</button>
        </form>
    }
}
