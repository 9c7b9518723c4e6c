use leptos::prelude::*;

use crate::components::page_title::PageTitle;

use crate::{
    components::refusal_notice::RefusalNotice,
    i18n::{t, use_lang},
    paths,
    refusal::groups,
};

/// The second sign-in step: the six-digit code from the person's app.
#[component]
pub fn LoginCodePage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <PageTitle lang what=t(lang, "two-step-code-title")/>
        <h1>{t(lang, "two-step-code-title")}</h1>
        <p class="lead">{t(lang, "two-step-code-intro")}</p>
        <RefusalNotice among=groups::ONE_TIME_CODE/>
        <form class="stacked" method="post" action=paths::account::LOGIN_CODE.at(&[&lang.code()])>
            <label for="code">{t(lang, "two-step-code")}</label>
            <p class="hint">{t(lang, "two-step-code-or-recovery")}</p>
            // No numeric keyboard: a recovery code has letters.
            <input id="code" name="code" autocomplete="one-time-code" autocapitalize="none" spellcheck="false" required maxlength="16"/>
            <button type="submit">{t(lang, "login-submit")}</button>
        </form>
    }
}
