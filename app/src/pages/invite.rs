use leptos::prelude::*;

use crate::components::page_title::PageTitle;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    api::people::get_invite,
    components::refusal_notice::RefusalNotice,
    components::{bilingual_text::BilingualText, error_view::ErrorView},
    i18n::{t, use_lang},
    paths,
    refusal::groups,
    views::people::InviteView,
};

/// Accepting an invitation: choose a name and a password.
#[component]
pub fn InvitePage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let data = Resource::new(token, get_invite);
    view! {
        <PageTitle lang what=t(lang, "invite-title")/>
        <Suspense fallback=move || view! { <p>{t(lang, "loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(invite) => view! { <Accept invite token=token()/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Accept(invite: InviteView, token: String) -> impl IntoView {
    let lang = use_lang();
    // Sent back with a refusal, so the name need not be typed again.
    let name = use_query_map()
        .with_untracked(|q| q.get("name"))
        .unwrap_or_default();
    let form = view! {
        <RefusalNotice among=groups::INVITE/>
        <form class="stacked" method="post" action=paths::people::ACCEPT_INVITE.at(&[&lang.code(), &token])>
            <label for="name">{t(lang, "account-name")}</label>
            <input id="name" name="name" required maxlength="200" autocomplete="name" value=name/>
            <label for="password">{t(lang, "invite-password")}</label>
            <input id="password" name="password" type="password" required minlength="12" maxlength="256" autocomplete="new-password"/>
            <button type="submit">{t(lang, "invite-submit")}</button>
        </form>
    };
    view! {
        <h1>{t(lang, "invite-title")}</h1>
        <p class="lead">{t(lang, "invite-intro")}</p>
        <dl class="account">
            <dt>{t(lang, "login-email")}</dt>
            <dd>{invite.email}</dd>
            <dt>{t(lang, "account-role")}</dt>
            <dd>{t(lang, &invite.role.label_key())}</dd>
            {invite.organisation.map(|text| view! {
                <dt>{t(lang, "account-organisation")}</dt>
                <dd><BilingualText text/></dd>
            })}
        </dl>
        {form}
    }
}
