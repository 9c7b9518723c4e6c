use leptos::prelude::*;

use crate::components::page_title::PageTitle;

use crate::{
    api::tracker::get_public_count,
    domain::khmer,
    i18n::{Arg, t, t_args, use_lang},
};

/// What Samleng is and who it serves, in plain words.
#[component]
pub fn HomePage() -> impl IntoView {
    let lang = use_lang();
    let count = Resource::new(|| (), |_| get_public_count());
    view! {
        <PageTitle lang/>
        <section class="hero">
            <h1>{t(lang, "home-title")}</h1>
            <p class="lead">{t(lang, "home-intro")}</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    count.await.ok().map(|n| {
                        let n = i64::try_from(n).unwrap_or(i64::MAX);
                        view! {
                            <p class="count">
                                {t_args(lang, "home-count", &[("count", Arg::Count(n)), ("shown", khmer::number(n, lang).into())])}
                            </p>
                        }
                    })
                })}
            </Suspense>
            <p>
                <a class="button" href=format!("/{}/recommendations", lang.code())>{t(lang, "home-cta")}</a>
            </p>
        </section>
        <section class="survivor-voice">
            <h2>{t(lang, "home-survivor-title")}</h2>
            <p>{t(lang, "home-survivor-intro")}</p>
            // Full page loads on purpose: these pages carry no JavaScript.
            <div class="survivor-doors">
                <a class="button" rel="external" href=format!("/{}/feedback", lang.code())>{t(lang, "home-give-feedback")}</a>
                <a class="button" rel="external" href=format!("/{}/propose", lang.code())>{t(lang, "home-propose")}</a>
                <a class="button" rel="external" href=format!("/{}/receipt", lang.code())>{t(lang, "home-come-back")}</a>
            </div>
        </section>
        <section class="who">
            <h2>{t(lang, "home-who-title")}</h2>
            <ul>
                <li>{t(lang, "home-who-survivors")}</li>
                <li>{t(lang, "home-who-facilitators")}</li>
                <li>{t(lang, "home-who-officials")}</li>
                <li>{t(lang, "home-who-public")}</li>
            </ul>
        </section>
    }
}
