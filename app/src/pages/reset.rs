use leptos::prelude::*;

use crate::components::page_title::PageTitle;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    api::account::check_reset,
    components::error_view::ErrorView,
    components::refusal_notice::RefusalNotice,
    i18n::{t, use_lang},
    paths,
    refusal::groups,
};

/// Choosing a new password through a one-time link (an administrator's, or one emailed).
#[component]
pub fn ResetPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let data = Resource::new(token, check_reset);
    view! {
        <PageTitle lang what=t(lang, "reset-title")/>
        <Suspense fallback=move || view! { <p>{t(lang, "loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(()) => view! {
                        <h1>{t(lang, "reset-title")}</h1>
                        <RefusalNotice among=groups::RESET/>
                        <form class="stacked" method="post" action=paths::account::RESET.at(&[&lang.code(), &token()])>
                            <label for="password">{t(lang, "password-new")}</label>
                            <input id="password" name="password" type="password" autocomplete="new-password" required minlength="12" maxlength="256"/>
                            <button type="submit">{t(lang, "reset-submit")}</button>
                        </form>
                    }
                    .into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// "Forgot password": an address in, a link out by email. It says the same whoever asks.
#[component]
pub fn ForgotPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let sent = move || {
        query.with(|q| q.get("sent")).map(|_| {
            view! { <p class="notice done" role="status">{t(lang, "forgot-sent")}</p> }
        })
    };
    view! {
        <PageTitle lang what=t(lang, "forgot-title")/>
        <h1>{t(lang, "forgot-title")}</h1>
        {sent}
        <RefusalNotice among=groups::FORGOT/>
        <p>{t(lang, "forgot-intro")}</p>
        <form class="stacked" method="post" action=paths::account::FORGOT.at(&[&lang.code()])>
            <label for="email">{t(lang, "login-email")}</label>
            <input id="email" name="email" type="email" autocomplete="username" required maxlength="254"/>
            <button type="submit">{t(lang, "forgot-submit")}</button>
        </form>
    }
}
