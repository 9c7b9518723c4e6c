use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::i18n::{t, use_lang};

/// Sign-in for facilitators, officials and admins. A plain form: it posts without JavaScript.
#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let error = move || {
        let code = query.with(|q| q.get("error"))?;
        let key = match code.as_str() {
            "missing" => "login-error-missing",
            "throttled" => "login-error-throttled",
            "expired" => "login-error-expired",
            "internal" => "error-internal",
            _ => "login-error-invalid",
        };
        Some(view! { <p class="notice" role="alert">{t(lang, key)}</p> })
    };
    let welcome = move || {
        query
            .with(|q| q.get("welcome"))
            .map(|_| view! { <p class="notice done" role="status">{t(lang, "invite-done")}</p> })
    };
    view! {
        <Title text=format!("{} · {}", t(lang, "login-title"), t(lang, "site-name"))/>
        <h1>{t(lang, "login-title")}</h1>
        <p class="lead">{t(lang, "login-intro")}</p>
        {welcome}
        {error}
        <form class="stacked" method="post" action=format!("/{}/login", lang.code())>
            <label for="email">{t(lang, "login-email")}</label>
            <input id="email" name="email" type="email" autocomplete="username" required maxlength="254"/>
            <label for="password">{t(lang, "login-password")}</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="256"/>
            <button type="submit">{t(lang, "login-submit")}</button>
        </form>
    }
}
