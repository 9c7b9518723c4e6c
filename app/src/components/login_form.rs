use leptos::prelude::*;

use crate::i18n::{t, use_lang};
use crate::paths;

/// The sign-in form: a plain post, so it works without JavaScript.
#[component]
pub fn LoginForm() -> impl IntoView {
    let lang = use_lang();
    view! {
        <form class="stacked" method="post" action=paths::account::LOGIN.at(&[&lang.code()])>
            <label for="email">{t(lang, "login-email")}</label>
            <input id="email" name="email" type="email" autocomplete="username" required maxlength="254"/>
            <label for="password">{t(lang, "login-password")}</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="256"/>
            <button type="submit">{t(lang, "login-submit")}</button>
        </form>
        <p><a href=paths::account::FORGOT.at(&[&lang.code()])>{t(lang, "forgot-link")}</a></p>
    }
}
