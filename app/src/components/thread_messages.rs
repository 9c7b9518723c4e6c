use leptos::prelude::*;

use crate::{
    domain::khmer,
    i18n::{t, use_lang},
    views::survivor::ThreadMessage,
};

/// A receipt thread's messages, oldest first. `survivor_key` names the survivor ("You" on
/// their own page, "Survivor" on the facilitator's); `empty_key` says there are none yet.
#[component]
pub fn ThreadMessages(
    messages: Vec<ThreadMessage>,
    survivor_key: &'static str,
    empty_key: &'static str,
) -> impl IntoView {
    let lang = use_lang();
    if messages.is_empty() {
        return view! { <p class="empty">{t(lang, empty_key)}</p> }.into_any();
    }
    let items = messages
        .into_iter()
        .map(|m| {
            let (class, who) = if m.from_survivor {
                ("message mine", t(lang, survivor_key))
            } else {
                ("message", t(lang, "thread-from-facilitator"))
            };
            view! {
                <li class=class>
                    <p class="who">{who}" · "{khmer::date(m.sent_on, lang)}</p>
                    <p class="body">{m.body}</p>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="messages">{items}</ol> }.into_any()
}
