use leptos::prelude::*;

use crate::components::page_title::PageTitle;
use leptos_router::hooks::use_query_map;

use crate::{
    api::account::get_signed_out_text,
    components::login_form::LoginForm,
    components::refusal_notice::RefusalNotice,
    components::textarea_text::textarea_text,
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
    // Only when a form came back from an ended session: otherwise nothing is asked.
    let kept = query.with_untracked(|q| q.get("kept")).is_some();
    let kept = kept.then(|| {
        let text = Resource::new(|| (), |_| get_signed_out_text());
        view! {
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let text = text.await.unwrap_or_default();
                    view! { <KeptText text/> }
                })}
            </Suspense>
        }
    });
    view! {
        <PageTitle lang what=t(lang, "login-title")/>
        <h1>{t(lang, "login-title")}</h1>
        <p class="lead">{t(lang, "login-intro")}</p>
        {welcome}
        <RefusalNotice among=groups::LOGIN/>
        {kept}
        <LoginForm/>
    }
}

/// A form's text that arrived after its session ended: nothing was saved; here it is to copy.
#[component]
fn KeptText(text: Vec<(String, String)>) -> impl IntoView {
    let lang = use_lang();
    let fields = text
        .into_iter()
        .enumerate()
        .map(|(i, (field, value))| {
            let id = format!("kept-{i}");
            // The label the form showed the field under.
            let key = match field.as_str() {
                "title_km" | "title_en" | "body_km" | "body_en" => {
                    format!("curate-{}", field.replace('_', "-"))
                }
                "summary_km" | "summary_en" | "organisers_km" | "organisers_en" => {
                    format!("forum-{}", field.replace('_', "-"))
                }
                _ => format!("answer-{}", field.replace('_', "-")),
            };
            view! {
                <label for=id.clone()>{t(lang, &key)}</label>
                <textarea id=id readonly rows="4">{textarea_text(value)}</textarea>
            }
        })
        .collect_view();
    view! {
        <div class="notice kept" role="alert">
            <p>{t(lang, "login-kept-text")}</p>
            {fields}
        </div>
    }
}
