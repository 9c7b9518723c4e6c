use leptos::prelude::*;

use crate::components::page_title::PageTitle;
use leptos_router::hooks::use_query_map;

use crate::{
    api::account::get_account,
    components::refusal_notice::RefusalNotice,
    components::{bilingual_text::BilingualText, error_view::ErrorView},
    domain::{digest::DigestEvery, khmer},
    i18n::{Arg, t, t_args, use_lang},
    paths,
    refusal::groups,
    views::account::AccountView,
};

/// A signed-in person's page: who they are and what they can do now.
#[component]
pub fn AccountPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| get_account());
    view! {
        <PageTitle lang what=t(lang, "account-title")/>
        <Suspense fallback=move || view! { <p>{t(lang, "loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(account) => view! { <Account account/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Account(account: AccountView) -> impl IntoView {
    let lang = use_lang();
    // The screens this person may open, from what they may do.
    let has = |key: &str| account.can.iter().any(|k| k == key);
    let screens = [
        (has("can-curate"), "curate", "curate-title"),
        (has("can-respond"), "inbox", "inbox-title"),
        (has("can-moderate"), "moderation", "moderation-title"),
        (has("can-respond"), "my-services", "services-mine-title"),
        (has("can-manage-users") || has("can-invite-officials"), "people", "people-title"),
        (has("can-manage-organisations"), "organisations", "organisations-title"),
        (has("can-view-audit-log"), "audit", "audit-title"),
        (has("can-manage-users"), "settings", "settings-title"),
    ]
    .into_iter()
    .filter(|(open, _, _)| *open)
    .map(|(_, path, key)| view! { <li><a href=format!("/{}/{path}", lang.code())>{t(lang, key)}</a></li> })
    .collect_view();
    let can = account
        .can
        .iter()
        .map(|key| view! { <li>{t(lang, key)}</li> })
        .collect_view();
    view! {
        <h1>{t(lang, "account-title")}</h1>
        <dl class="account">
            <dt>{t(lang, "account-name")}</dt>
            <dd>{account.display_name}</dd>
            <dt>{t(lang, "login-email")}</dt>
            <dd>{account.email}</dd>
            <dt>{t(lang, "account-role")}</dt>
            <dd class="role">{t(lang, &account.role.label_key())}</dd>
            {account.organisation.map(|text| view! {
                <dt>{t(lang, "account-organisation")}</dt>
                <dd><BilingualText text/></dd>
            })}
        </dl>
        {account.needs_totp_setup.then(|| view! {
            <p class="notice" role="alert">
                {t(lang, "two-step-required")}" "
                <a href=format!("/{}/account/two-step", lang.code())>{t(lang, "two-step-title")}</a>
            </p>
        })}
        <h2>{t(lang, "account-can-title")}</h2>
        <ul class="abilities">{can}</ul>
        <ul class="screens">{screens}</ul>
        <h2>{t(lang, "two-step-title")}</h2>
        {if account.has_totp {
            let left = i64::try_from(account.recovery_codes_left).unwrap_or(i64::MAX);
            let codes = account
                .new_recovery_codes
                .iter()
                .map(|code| view! { <li><code>{code.clone()}</code></li> })
                .collect_view();
            let fresh = (!account.new_recovery_codes.is_empty()).then(|| view! {
                <div class="notice done recovery" role="status">
                    <p>{t(lang, "recovery-codes-new")}</p>
                    <ul class="recovery-codes">{codes}</ul>
                </div>
            });
            view! {
                <p class="two-step-on">{t(lang, "two-step-is-on")}</p>
                <h3 id="recovery">{t(lang, "recovery-codes-title")}</h3>
                {fresh}
                <p>{t_args(lang, "recovery-codes-left", &[("count", Arg::Count(left)), ("shown", khmer::number(left, lang).into())])}</p>
                <form method="post" action=paths::account::RECOVERY_CODES.at(&[&lang.code()])>
                    <input type="hidden" name="csrf" value=account.csrf.clone()/>
                    <button type="submit">{t(lang, "recovery-codes-renew")}</button>
                </form>
            }
            .into_any()
        } else {
            view! {
                <p>
                    {t(lang, "two-step-is-off")}" "
                    <a href=format!("/{}/account/two-step", lang.code())>{t(lang, "two-step-turn-on")}</a>
                </p>
            }
            .into_any()
        }}
        {account.digest.map(|chosen| view! { <DigestChoice chosen csrf=account.csrf.clone()/> })}
        <h2 id="password">{t(lang, "password-change-title")}</h2>
        <RefusalNotice among=groups::ACCOUNT/>
        <form class="stacked" method="post" action=paths::account::PASSWORD.at(&[&lang.code()])>
            <input type="hidden" name="csrf" value=account.csrf.clone()/>
            <label for="current">{t(lang, "password-current")}</label>
            <input id="current" name="current" type="password" autocomplete="current-password" required maxlength="256"/>
            <label for="new">{t(lang, "password-new")}</label>
            <input id="new" name="new" type="password" autocomplete="new-password" required minlength="12" maxlength="256"/>
            <button type="submit">{t(lang, "password-change-submit")}</button>
        </form>
        <form class="logout" method="post" action=paths::account::LOGOUT.at(&[&lang.code()])>
            <input type="hidden" name="csrf" value=account.csrf/>
            <button type="submit">{t(lang, "logout")}</button>
        </form>
    }
}

/// For those who moderate: how often they are emailed what waits (counts only, never words).
#[component]
fn DigestChoice(chosen: DigestEvery, csrf: String) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let saved = move || {
        query
            .with(|q| q.get("digest"))
            .map(|_| view! { <p class="notice done" role="status">{t(lang, "digest-saved")}</p> })
    };
    let options = DigestEvery::ALL
        .iter()
        .map(|every| {
            let id = format!("digest-{}", every.code());
            view! {
                <li>
                    <input type="radio" id=id.clone() name="every" value=every.code() checked=*every == chosen/>
                    <label for=id>{t(lang, &format!("{}-choice", every.label_key()))}</label>
                </li>
            }
        })
        .collect_view();
    view! {
        <h2 id="digest">{t(lang, "digest-title")}</h2>
        {saved}
        <p>{t(lang, "digest-intro")}</p>
        <form class="stacked" method="post" action=paths::account::DIGEST.at(&[&lang.code()])>
            <input type="hidden" name="csrf" value=csrf/>
            <fieldset>
                <legend>{t(lang, "digest-legend")}</legend>
                <ul class="choices">{options}</ul>
            </fieldset>
            <button type="submit">{t(lang, "digest-save")}</button>
        </form>
    }
}
