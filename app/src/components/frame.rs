use leptos::prelude::*;
use leptos_meta::Html;
use leptos_router::hooks::use_location;

use crate::{domain::lang::Lang, i18n::t};

/// Header, language switch and footer around every page.
#[component]
pub fn Frame(lang: Lang, children: Children) -> impl IntoView {
    let location = use_location();
    let other = lang.other();
    // A full page load on purpose: every string on the page changes language.
    let switch_href = move || other.switch_path(&location.pathname.get(), &location.search.get());
    let home = format!("/{}/", lang.code());
    let tracker = format!("/{}/recommendations", lang.code());
    view! {
        <Html attr:lang=lang.code()/>
        <a class="skip" href="#main">{t(lang, "skip-to-content")}</a>
        <header class="site">
            <a class="brand" href=home.clone()>
                <span class="brand-name">{t(lang, "site-name")}</span>
                <span class="tagline">{t(lang, "site-tagline")}</span>
            </a>
            <nav aria-label=t(lang, "nav-main")>
                <a href=home>{t(lang, "nav-home")}</a>
                <a href=tracker>{t(lang, "nav-recommendations")}</a>
                <a href=format!("/{}/services", lang.code())>{t(lang, "nav-services")}</a>
                <a href=format!("/{}/account", lang.code())>{t(lang, "nav-sign-in")}</a>
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
            </nav>
        </header>
        <main id="main">{children()}</main>
        <footer class="site">
            <p>{t(lang, "footer-privacy")}</p>
            <p>{t(lang, "footer-about")}</p>
        </footer>
    }
}
