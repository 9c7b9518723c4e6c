use leptos::prelude::*;
use leptos_router::{components::Outlet, hooks::use_params_map};

use super::not_found::NotFound;
use crate::{components::frame::Frame, domain::lang::Lang};

/// Every page lives under `/{lang}/`; an unknown language is a 404.
#[component]
pub fn Layout() -> impl IntoView {
    let params = use_params_map();
    let lang = params.with_untracked(|p| p.get("lang").and_then(|code| Lang::parse(&code)));
    match lang {
        Some(lang) => {
            provide_context(lang);
            view! { <Frame lang><Outlet/></Frame> }.into_any()
        }
        None => view! { <NotFound/> }.into_any(),
    }
}
