use leptos::prelude::*;

use crate::components::page_title::PageTitle;
use leptos_router::hooks::use_query_map;

use crate::{
    i18n::{t, use_lang},
    paths,
};

/// The second sign-in step: the six-digit code from the person's app.
#[component]
pub fn LoginCodePage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let error = move || {
        query.with(|q| q.get("error")).map(|_| {
            view! { <p class="notice" role="alert">{t(lang, "two-step-error-invalid")}</p> }
        })
    };
    view! {
        <PageTitle lang what=t(lang, "two-step-code-title")/>
        <h1>{t(lang, "two-step-code-title")}</h1>
        <p class="lead">{t(lang, "two-step-code-intro")}</p>
        {error}
        <form class="stacked" method="post" action=paths::account::LOGIN_CODE.at(&[&lang.code()])>
            <label for="code">{t(lang, "two-step-code")}</label>
            <p class="hint">{t(lang, "two-step-code-or-recovery")}</p>
            // No numeric keyboard: a recovery code has letters.
            <input id="code" name="code" autocomplete="one-time-code" autocapitalize="none" spellcheck="false" required maxlength="16"/>
            <button type="submit">{t(lang, "login-submit")}</button>
        </form>
    }
}
