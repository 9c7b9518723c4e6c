use leptos::prelude::*;

use crate::components::page_title::PageTitle;
use leptos_router::hooks::use_location;

use crate::{
    components::{error_view::ErrorView, frame::Frame},
    domain::lang::Lang,
    error::AppError,
    i18n::t,
};

/// The translated 404, in the language the address asked for (Khmer when unsure).
#[component]
pub fn NotFound() -> impl IntoView {
    let path = use_location().pathname.get_untracked();
    let lang = path
        .trim_start_matches('/')
        .split('/')
        .next()
        .and_then(Lang::parse)
        .unwrap_or_default();
    provide_context(lang);
    view! {
        <PageTitle lang what=t(lang, "not-found-title")/>
        <Frame lang>
            <ErrorView error=AppError::NotFound/>
        </Frame>
    }
}
