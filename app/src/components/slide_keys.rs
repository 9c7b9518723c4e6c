//! Arrow keys on the projector view: left for the previous recommendation, right (or space)
//! for the next. Without JavaScript the page's links do the same; this only follows them.
use leptos::prelude::*;

#[island]
pub fn SlideKeys(children: Children) -> impl IntoView {
    Effect::new(|_| {
        let handle = window_event_listener(leptos::ev::keydown, |ev| {
            let rel = match ev.key().as_str() {
                "ArrowRight" | "PageDown" | " " => "next",
                "ArrowLeft" | "PageUp" => "prev",
                _ => return,
            };
            let link = document()
                .query_selector(&format!(".slide-nav a[rel={rel}]"))
                .ok()
                .flatten()
                .and_then(|a| a.get_attribute("href"));
            if let Some(href) = link {
                ev.prevent_default();
                let _ = window().location().set_href(&href);
            }
        });
        // The listener lives as long as the page.
        std::mem::forget(handle);
    });
    children()
}
