#![doc = "Samleng: survivors' recommendations and what became of them."]
pub mod api;
pub mod app;
pub mod components;
pub mod domain;
pub mod error;
#[cfg(feature = "ssr")]
pub mod handlers;
pub mod i18n;
pub mod pages;
pub mod paths;
pub mod refusal;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod views;

/// The browser entry point: brings the page's islands to life (the rest stays as served).
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
