use leptos::prelude::*;
use leptos_meta::Title;

use crate::{domain::lang::Lang, i18n::t};

/// The document title, "<what> · Samleng", the one path every page's title takes.
/// `leptos_meta` writes a title's text into `<head>` as it is, so a stored title
/// (`</title><meta http-equiv=refresh …>` in an anonymous proposal that became a
/// recommendation) would become markup; the server escapes it here. Without `what`, the
/// site's name alone.
#[component]
pub fn PageTitle(lang: Lang, #[prop(optional, into)] what: Option<String>) -> impl IntoView {
    let site = t(lang, "site-name");
    let full = match what {
        Some(what) if !what.trim().is_empty() => format!("{what} · {site}"),
        _ => site,
    };
    view! { <Title text=escaped(full)/> }
}

/// Only the server writes the title as HTML; in the browser it is set as text.
#[cfg(feature = "ssr")]
fn escaped(text: String) -> String {
    html_escape::encode_text(&text).into_owned()
}

#[cfg(not(feature = "ssr"))]
fn escaped(text: String) -> String {
    text
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::escaped;

    #[test]
    fn markup_in_a_title_becomes_text() {
        let out =
            escaped("</title><meta http-equiv=refresh content=\"0;url=//x\"> & <script>".into());
        assert!(!out.contains('<') && !out.contains('>'), "{out}");
        assert!(out.contains("&amp;"), "{out}");
    }
}
