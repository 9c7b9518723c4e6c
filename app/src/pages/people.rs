use leptos::prelude::*;

use crate::components::page_title::PageTitle;
use leptos_router::hooks::use_query_map;

use crate::{
    api::people::get_people,
    components::refusal_notice::RefusalNotice,
    components::{bilingual_text::BilingualText, error_view::ErrorView},
    domain::{khmer, role::Role},
    i18n::{Arg, t, t_args, use_lang},
    paths,
    refusal::groups,
    views::{
        people::{AwaitingInvite, PendingInvite, PeoplePage as Page, PersonRow},
        tracker::OrgRef,
    },
};

/// Invitations for those who may invite; the list of accounts for admins.
#[component]
pub fn PeoplePage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| get_people());
    view! {
        <PageTitle lang what=t(lang, "people-title")/>
        <h1>{t(lang, "people-title")}</h1>
        <Suspense fallback=move || view! { <p>{t(lang, "loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <People page/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn People(page: Page) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let new_invite = page.new_invite.clone().map(|made| {
        let href = made.link.clone();
        // The whole address, to copy into a message: a path alone leads nowhere from a phone.
        let full = format!("{}{}", page.site_url, made.link);
        let whom = match made.role {
            Some(role) => t_args(
                lang,
                "people-invite-made-for",
                &[
                    ("email", Arg::Text(made.email.clone())),
                    ("role", Arg::Text(t(lang, &role.label_key()))),
                ],
            ),
            None => t_args(
                lang,
                "people-reset-made-for",
                &[("email", Arg::Text(made.email.clone()))],
            ),
        };
        // Emailed: the link is still shown once, in case the message goes astray.
        let how = match made.sent {
            Some(true) => t_args(
                lang,
                "people-invite-emailed",
                &[("email", Arg::Text(made.email.clone()))],
            ),
            Some(false) => t(lang, "people-invite-not-emailed"),
            None => t(lang, "people-invite-made"),
        };
        view! {
            <div class="notice done" role="status">
                <p>{whom}</p>
                <p>{how}</p>
                <p><a class="new-link" href=href>{full}</a></p>
            </div>
        }
    });
    let decided = move || {
        let key = match query.with(|q| q.get("decided")).as_deref() {
            Some("approved") => "people-invite-approved",
            Some("refused") => "people-invite-refused",
            _ if query.with(|q| q.get("revoked")).is_some() => "people-invite-revoked",
            _ => return query.with(|q| q.get("asked")).map(|_| {
                view! { <p class="notice done" role="status">{t(lang, "people-invite-waits")}</p> }
            }),
        };
        Some(view! { <p class="notice done" role="status">{t(lang, key)}</p> })
    };
    let awaiting = (!page.awaiting.is_empty()).then(|| {
        let csrf = page.csrf.clone();
        let rows = page
            .awaiting
            .clone()
            .into_iter()
            .map(|invite| view! { <Awaiting invite csrf=csrf.clone()/> })
            .collect_view();
        view! {
            <h2>{t(lang, "people-awaiting")}</h2>
            <p>{t(lang, "people-awaiting-intro")}</p>
            <ul class="people awaiting">{rows}</ul>
        }
    });
    let pending = (!page.pending.is_empty()).then(|| {
        let csrf = page.csrf.clone();
        let rows = page
            .pending
            .clone()
            .into_iter()
            .map(|invite| view! { <Pending invite csrf=csrf.clone()/> })
            .collect_view();
        view! {
            <h2 id="sent">{t(lang, "people-pending")}</h2>
            <ul class="people pending">{rows}</ul>
        }
    });
    let csrf = page.csrf.clone();
    // What was typed before a refusal comes back (nothing is lost); the role starts unchosen.
    let typed = |name: &str| query.with_untracked(|q| q.get(name)).unwrap_or_default();
    let (typed_email, typed_role, typed_org) =
        (typed("email"), typed("role"), typed("organisation"));
    let roles = page
        .invitable
        .iter()
        .map(|r| {
            let selected = typed_role == r.code();
            view! { <option value=r.code() selected=selected>{t(lang, &r.label_key())}</option> }
        })
        .collect_view();
    let orgs = page
        .organisations
        .iter()
        .map(|o| {
            let name = o.name.show(lang).text.to_string();
            let selected = typed_org == o.id.to_string();
            view! { <option value=o.id.to_string() selected=selected>{name}</option> }
        })
        .collect_view();
    let action = paths::people::INVITE.at(&[&lang.code()]);
    let people = page.can_manage.then(|| {
        let rows = page
            .people
            .into_iter()
            .map(|person| {
                view! { <Person person csrf=page.csrf.clone() me=page.my_id organisations=page.organisations.clone()/> }
            })
            .collect_view();
        view! {
            <h2>{t(lang, "people-list")}</h2>
            <ul class="people">{rows}</ul>
        }
    });
    view! {
        <RefusalNotice among=groups::PEOPLE/>
        {decided}
        {new_invite}
        {awaiting}
        <h2 id="invite">{t(lang, "people-invite")}</h2>
        <p>{t(lang, "people-invite-intro")}</p>
        <form class="stacked" method="post" action=action>
            <input type="hidden" name="csrf" value=csrf/>
            <label for="invite-email">{t(lang, "login-email")}</label>
            <input id="invite-email" name="email" type="email" required maxlength="254" value=typed_email/>
            <label for="invite-role">{t(lang, "account-role")}</label>
            <select id="invite-role" name="role" required>
                <option value="">{t(lang, "people-choose-role")}</option>
                {roles}
            </select>
            <label for="invite-org">{t(lang, "people-organisation-for-officials")}</label>
            <select id="invite-org" name="organisation">
                <option value="">{t(lang, "people-no-organisation")}</option>
                {orgs}
            </select>
            <button type="submit">{t(lang, "people-invite-submit")}</button>
        </form>
        {pending}
        {people}
    }
}

#[component]
fn Person(person: PersonRow, csrf: String, me: i32, organisations: Vec<OrgRef>) -> impl IntoView {
    let lang = use_lang();
    let at = move |route: paths::Route| route.at(&[&lang.code(), &person.id]);
    let roles = Role::ALL
        .iter()
        .map(|r| view! { <option value=r.code() selected=*r == person.role>{t(lang, &r.label_key())}</option> })
        .collect_view();
    let orgs = organisations
        .iter()
        .map(|o| {
            let name = o.name.show(lang).text.to_string();
            let selected = person.organisation_id == Some(o.id);
            view! { <option value=o.id.to_string() selected=selected>{name}</option> }
        })
        .collect_view();
    let state_key = if person.disabled {
        "people-disabled"
    } else {
        "people-active"
    };
    let toggle = if person.disabled {
        ("false", "people-enable")
    } else {
        ("true", "people-disable")
    };
    let controls = (person.id != me).then(|| {
        view! {
            <form class="inline" method="post" action=at(paths::people::ROLE)>
                <input type="hidden" name="csrf" value=csrf.clone()/>
                <select name="role" aria-label=t(lang, "account-role")>{roles}</select>
                <select name="organisation" aria-label=t(lang, "people-organisation-for-officials")>
                    <option value="">{t(lang, "people-no-organisation")}</option>
                    {orgs}
                </select>
                <button type="submit">{t(lang, "people-change-role")}</button>
            </form>
            <form class="inline" method="post" action=at(paths::people::ISSUE_RESET)>
                <input type="hidden" name="csrf" value=csrf.clone()/>
                <button type="submit">{t(lang, "people-reset-link")}</button>
            </form>
            {person.has_totp.then(|| view! {
                <form class="inline" method="post" action=at(paths::people::TWO_STEP_RESET)>
                    <input type="hidden" name="csrf" value=csrf.clone()/>
                    <button type="submit">{t(lang, "people-reset-two-step")}</button>
                </form>
            })}
            <form class="inline" method="post" action=at(paths::people::DISABLE)>
                <input type="hidden" name="csrf" value=csrf.clone()/>
                <input type="hidden" name="disabled" value=toggle.0/>
                <button type="submit">{t(lang, toggle.1)}</button>
            </form>
        }
    });
    let email = person.email.clone();
    view! {
        <li class="person" data-email=email>
            <strong>{person.display_name}</strong>" · "{person.email}" · "
            <span class="role">{t(lang, &person.role.label_key())}</span>
            {person.organisation.map(|text| view! { " · "<BilingualText text/> })}
            " · "<span class="state">{t(lang, state_key)}</span>
            {controls}
        </li>
    }
}

/// An official's invitation a facilitator asked for, with the administrator's two answers.
#[component]
fn Awaiting(invite: AwaitingInvite, csrf: String) -> impl IntoView {
    let lang = use_lang();
    let action = paths::people::DECIDE_INVITE.at(&[&lang.code(), &invite.id]);
    let email = invite.email.clone();
    view! {
        <li class="person" data-email=email>
            <strong>{invite.email}</strong>" · "
            <span class="role">{t(lang, &invite.role.label_key())}</span>
            {invite.organisation.map(|text| view! { " · "<BilingualText text/> })}
            " · "{t(lang, "people-asked-by")}" "{invite.asked_by}
            <form class="inline" method="post" action=action.clone()>
                <input type="hidden" name="csrf" value=csrf.clone()/>
                <input type="hidden" name="decision" value="approve"/>
                <button type="submit">{t(lang, "people-approve")}</button>
            </form>
            <form class="inline" method="post" action=action>
                <input type="hidden" name="csrf" value=csrf/>
                <input type="hidden" name="decision" value="refuse"/>
                <button type="submit">{t(lang, "people-refuse")}</button>
            </form>
        </li>
    }
}

/// An invitation sent and not yet accepted: until when its link works, and the two things
/// its sender may still do.
#[component]
fn Pending(invite: PendingInvite, csrf: String) -> impl IntoView {
    let lang = use_lang();
    let at = move |route: paths::Route| route.at(&[&lang.code(), &invite.id]);
    let until = khmer::moment(invite.until, lang);
    let (state_key, state_class) = if invite.expired {
        ("people-invite-expired", "state expired")
    } else {
        ("people-invite-until", "state")
    };
    let email = invite.email.clone();
    view! {
        <li class="person" data-email=email>
            <strong>{invite.email}</strong>" · "
            <span class="role">{t(lang, &invite.role.label_key())}</span>
            {invite.organisation.map(|text| view! { " · "<BilingualText text/> })}
            " · "<span class=state_class>{t_args(lang, state_key, &[("until", Arg::Text(until))])}</span>
            <form class="inline" method="post" action=at(paths::people::RESEND_INVITE)>
                <input type="hidden" name="csrf" value=csrf.clone()/>
                <button type="submit">{t(lang, "people-invite-resend")}</button>
            </form>
            {(!invite.expired).then(|| view! {
                <form class="inline" method="post" action=at(paths::people::REVOKE_INVITE)>
                    <input type="hidden" name="csrf" value=csrf.clone()/>
                    <button type="submit">{t(lang, "people-invite-revoke")}</button>
                </form>
            })}
        </li>
    }
}
