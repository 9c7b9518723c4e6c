use leptos::prelude::*;

use crate::components::page_title::PageTitle;

use crate::{
    api::account::get_totp_setup,
    components::error_view::ErrorView,
    components::refusal_notice::RefusalNotice,
    i18n::{t, use_lang},
    paths,
    refusal::groups,
    views::account::TotpSetup,
};

/// Setting up two-step sign-in: add the secret to an app, then prove it with a code.
#[component]
pub fn TwoStepPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| get_totp_setup());
    view! {
        <PageTitle lang what=t(lang, "two-step-title")/>
        <h1>{t(lang, "two-step-title")}</h1>
        <Suspense fallback=move || view! { <p>{t(lang, "loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(setup) => view! { <Setup setup/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Setup(setup: TotpSetup) -> impl IntoView {
    let lang = use_lang();
    if setup.already_on {
        return view! { <p>{t(lang, "two-step-already-on")}</p> }.into_any();
    }
    view! {
        <p class="lead">{t(lang, "two-step-intro")}</p>
        <ol>
            <li>{t(lang, "two-step-step-app")}</li>
            <li>
                {t(lang, "two-step-step-scan")}
                <img class="qr" src=setup.qr_code.clone() width="220" height="220" alt=t(lang, "two-step-qr-alt")/>
            </li>
            <li>
                {t(lang, "two-step-step-key")}
                <code class="secret" data-secret=setup.secret_grouped.replace(' ', "")>{setup.secret_grouped.clone()}</code>
                " "<a href=setup.otpauth_url>{t(lang, "two-step-open-app")}</a>
            </li>
            <li>{t(lang, "two-step-step-code")}</li>
        </ol>
        <RefusalNotice among=groups::ONE_TIME_CODE/>
        <form class="stacked" method="post" action=paths::account::TWO_STEP.at(&[&lang.code()])>
            <input type="hidden" name="csrf" value=setup.csrf/>
            <label for="code">{t(lang, "two-step-code")}</label>
            <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required maxlength="16"/>
            <button type="submit">{t(lang, "two-step-turn-on")}</button>
        </form>
    }
    .into_any()
}
