use leptos::prelude::*;
use leptos_meta::{Html, Link, Meta};
use leptos_router::hooks::use_location;

use crate::{
    api::account::get_staff_nav,
    domain::{khmer, lang::Lang},
    i18n::{t, t_args},
    paths,
    views::account::StaffNav,
};

/// Header, language switch and footer around every page.
#[component]
pub fn Frame(lang: Lang, children: Children) -> impl IntoView {
    let location = use_location();
    let other = lang.other();
    // A full page load on purpose: every string on the page changes language.
    let switch_href = move || other.switch_path(&location.pathname.get(), &location.search.get());
    let home = format!("/{}/", lang.code());
    let tracker = format!("/{}/recommendations", lang.code());
    let staff = Resource::new(|| (), |_| get_staff_nav());
    let sign_in = move || view! { <SignInLink lang/> };
    let staff_nav = move || {
        Suspend::new(async move {
            match staff.await {
                Ok(Some(nav)) => view! { <StaffLinks lang nav/> }.into_any(),
                _ => sign_in().into_any(),
            }
        })
    };
    view! {
        <Html attr:lang=lang.code()/>
        <Meta name="description" content=t(lang, "site-description")/>
        <Link rel="icon" type_="image/svg+xml" href="/favicon.svg"/>
        <a class="skip" href="#main">{t(lang, "skip-to-content")}</a>
        <header class="site">
            <a class="brand" href=home.clone()>
                <span class="brand-name">{t(lang, "site-name")}</span>
                <span class="tagline">{t(lang, "site-tagline")}</span>
            </a>
            // The language switch stays in sight; on a phone the rest folds into a menu that
            // opens without JavaScript, so the page's own first question is on the first screen.
            <a
                class="lang-switch"
                rel="external"
                href=switch_href
                hreflang=other.code()
                lang=other.code()
                title=t(lang, "lang-switch-label")
            >
                {t(lang, "lang-switch")}
            </a>
            <details class="menu">
                <summary>{t(lang, "nav-menu")}</summary>
                <nav aria-label=t(lang, "nav-main")>
                    <a href=home>{t(lang, "nav-home")}</a>
                    <a href=tracker>{t(lang, "nav-recommendations")}</a>
                    <a href=format!("/{}/forums", lang.code())>{t(lang, "nav-forums")}</a>
                    <a href=format!("/{}/bodies", lang.code())>{t(lang, "nav-bodies")}</a>
                    <a href=format!("/{}/services", lang.code())>{t(lang, "nav-services")}</a>
                    <Suspense fallback=sign_in>{staff_nav}</Suspense>
                </nav>
            </details>
        </header>
        <main id="main">{children()}</main>
        <footer class="site">
            <p>{t(lang, "footer-privacy")}</p>
            <p>{t(lang, "footer-about")}</p>
        </footer>
    }
}

/// The header's link to sign in, on every page for someone not signed in.
#[component]
fn SignInLink(lang: Lang) -> impl IntoView {
    view! { <a href=format!("/{}/login", lang.code())>{t(lang, "nav-sign-in")}</a> }
}

/// The header's sign-in link as HTML, exactly as a page for someone not signed in has it: the
/// server finds it in a kept public page to put a signed-in person's part of the header there.
#[cfg(feature = "ssr")]
pub fn sign_in_link_html(lang: Lang) -> String {
    Owner::new().with(|| view! { <SignInLink lang/> }.to_html())
}

/// A signed-in person's part of the header as HTML, to take the sign-in link's place in a
/// kept public page (the same markup the page would have had rendered for them).
#[cfg(feature = "ssr")]
pub fn staff_links_html(lang: Lang, nav: StaffNav) -> String {
    Owner::new().with(|| view! { <StaffLinks lang nav/> }.to_html())
}

/// A signed-in person's part of the header: who they are, their screens, and sign-out.
#[component]
fn StaffLinks(lang: Lang, nav: StaffNav) -> impl IntoView {
    let links = nav
        .links
        .into_iter()
        .map(|link| {
            let waiting = link.waiting.map(|w| {
                let count = khmer::number(i64::try_from(w.count).unwrap_or(i64::MAX), lang);
                let count = if w.more { format!("{count}+") } else { count };
                let said = t_args(lang, "nav-waiting", &[("count", count.clone().into())]);
                let title = said.clone();
                view! { " "<span class="count" title=title><span aria-hidden="true">{count}</span><span class="visually-hidden">{said}</span></span> }
            });
            view! { <a href=format!("/{}/{}", lang.code(), link.path)>{t(lang, &link.key)}{waiting}</a> }
        })
        .collect_view();
    // One row of its own, scrolled sideways on a phone rather than piling up rows.
    view! {
        <div class="staff-nav">
            <span class="signed-in">
                {t(lang, "nav-signed-in-as")}" "<strong>{nav.display_name}</strong>
                " ("{t(lang, &nav.role.label_key())}")"
            </span>
            {links}
            <form class="logout inline" method="post" action=paths::account::LOGOUT.at(&[&lang.code()])>
                <input type="hidden" name="csrf" value=nav.csrf/>
                <button type="submit" class="link">{t(lang, "logout")}</button>
            </form>
        </div>
    }
}
