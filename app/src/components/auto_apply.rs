//! Filters that apply themselves. Without JavaScript the form has its Apply button; with it,
//! choosing a filter sends the form at once. This is the site's island: the only part the
//! browser runs, so it also marks the page as running (`data-hydrated` on `<html>`).
use leptos::prelude::*;

#[island]
pub fn AutoApply(children: Children) -> impl IntoView {
    // Effects run only in the browser.
    Effect::new(|_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });
    view! { <div class="auto-apply" on:change=send_form>{children()}</div> }
}

/// Sends the form the changed field belongs to, as its submit button would.
fn send_form(ev: leptos::ev::Event) {
    use leptos::{wasm_bindgen::JsCast, web_sys};
    let form = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|field| field.closest("form").ok().flatten())
        .and_then(|form| form.dyn_into::<web_sys::HtmlFormElement>().ok());
    if let Some(form) = form {
        let _ = form.request_submit();
    }
}
