//! Feedback with a facilitator's help (in person or on a call): the survivors' own form, sent
//! through their own route, so the stored feedback names nobody; only "assisted" is marked.
use leptos::prelude::*;

use crate::{
    api::assisted::get_assisted_form,
    components::{error_view::ErrorView, page_title::PageTitle},
    i18n::{t, use_lang},
    pages::feedback::FeedbackForm,
};

#[component]
pub fn AssistedPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| get_assisted_form());
    view! {
        <PageTitle lang what=t(lang, "assisted-title")/>
        <Suspense fallback=move || view! { <p>{t(lang, "loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(form) => view! {
                        <ul class="advice">
                            <li>{t(lang, "assisted-rule-words")}</li>
                            <li>{t(lang, "assisted-rule-name")}</li>
                            <li>{t(lang, "assisted-rule-code")}</li>
                        </ul>
                        <FeedbackForm organisations=form.organisations draft=form.draft assisted=true/>
                    }
                    .into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
