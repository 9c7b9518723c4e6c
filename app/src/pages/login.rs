use leptos::prelude::*;

use crate::components::page_title::PageTitle;
use leptos_router::hooks::use_query_map;

use crate::{
    components::login_form::LoginForm,
    components::refusal_notice::RefusalNotice,
    i18n::{t, use_lang},
    refusal::groups,
};

/// Sign-in for facilitators, officials and admins. A plain form: it posts without JavaScript.
#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let welcome = move || {
        let key = query.with(|q| {
            if q.get("welcome").is_some() {
                Some("invite-done")
            } else {
                q.get("changed").map(|_| "password-changed")
            }
        })?;
        Some(view! { <p class="notice done" role="status">{t(lang, key)}</p> })
    };
    view! {
        <PageTitle lang what=t(lang, "login-title")/>
        <h1>{t(lang, "login-title")}</h1>
        <p class="lead">{t(lang, "login-intro")}</p>
        {welcome}
        <RefusalNotice among=groups::LOGIN/>
        <LoginForm/>
    }
}
