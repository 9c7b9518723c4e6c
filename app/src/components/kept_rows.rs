//! Rows of a staff list rendered once and kept. An official's inbox (150 rows a view) and the
//! moderation queue (50) show the same rows view after view, and rendering each row through
//! Leptos was most of such a page's time (10–18 µs a row). A row's HTML is kept under
//! everything it is rendered from (its data and the language), so a changed row is a new key:
//! nothing to drop when something is written, and nothing old is ever shown. The least used go
//! first.
//!
//! A row may have one hole (`HOLE`) for a text that must not be kept: the survivors' words in
//! the queue stay sealed in memory and are opened, escaped and put in for each view only.
use std::{hash::Hash, sync::Arc};

use leptos::prelude::*;

/// Marks where a row's unkept text goes. A Unicode noncharacter: no translation, date or code
/// rendered into a row contains it, and the text put in its place is never searched.
pub const HOLE: &str = "\u{FDD0}";

/// Memory for the kept rows of one list; a row is a few hundred bytes.
#[cfg(feature = "ssr")]
const KEPT_BYTES: u64 = 16 * 1024 * 1024;

/// A row's HTML, cut where its hole was (found once, when kept).
pub struct Row {
    html: String,
    /// Where the hole's text goes in `html`.
    hole: Option<usize>,
}

impl Row {
    fn of(mut html: String) -> Self {
        let hole = html.find(HOLE);
        if let Some(at) = hole {
            html.replace_range(at..at + HOLE.len(), "");
        }
        Self { html, hole }
    }
}

/// The kept rows of one kind of list, keyed by what a row is rendered from.
pub struct KeptRows<K> {
    #[cfg(feature = "ssr")]
    kept: moka::sync::Cache<K, Arc<Row>>,
    #[cfg(not(feature = "ssr"))]
    kept: std::marker::PhantomData<K>,
}

impl<K: Hash + Eq + Send + Sync + 'static> Default for KeptRows<K> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K: Hash + Eq + Send + Sync + 'static> KeptRows<K> {
    pub fn new() -> Self {
        Self {
            #[cfg(feature = "ssr")]
            kept: moka::sync::Cache::builder()
                .max_capacity(KEPT_BYTES)
                .weigher(|_: &K, row: &Arc<Row>| {
                    u32::try_from(row.html.len() + 256).unwrap_or(u32::MAX)
                })
                .build(),
            #[cfg(not(feature = "ssr"))]
            kept: std::marker::PhantomData,
        }
    }

    /// The row's HTML: kept if rendered before from the same `key`, else rendered by `render`
    /// (in the current reactive owner, so contexts such as the language are there) and kept.
    pub fn html<V: RenderHtml>(&self, key: K, render: impl FnOnce() -> V) -> Arc<Row> {
        #[cfg(feature = "ssr")]
        {
            self.kept
                .get_with(key, || Arc::new(Row::of(render().to_html())))
        }
        #[cfg(not(feature = "ssr"))]
        {
            let _ = key;
            Arc::new(Row::of(render().to_html()))
        }
    }
}

/// Rows joined into a list's inner HTML, each hole filled with its text, escaped.
pub fn joined<'a>(rows: impl IntoIterator<Item = (Arc<Row>, Option<&'a str>)>) -> String {
    let rows: Vec<_> = rows.into_iter().collect();
    let size = rows
        .iter()
        .map(|(row, text)| row.html.len() + text.map_or(0, |t| t.len() * 2))
        .sum();
    let mut html = String::with_capacity(size);
    for (row, text) in rows {
        match row.hole {
            Some(at) => {
                html.push_str(&row.html[..at]);
                html.push_str(&escaped(text.unwrap_or_default()));
                html.push_str(&row.html[at..]);
            }
            None => html.push_str(&row.html),
        }
    }
    html
}

/// Text as Leptos escapes a text node.
fn escaped(text: &str) -> String {
    #[cfg(feature = "ssr")]
    {
        html_escape::encode_text(text).into_owned()
    }
    #[cfg(not(feature = "ssr"))]
    {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[test]
    fn a_row_is_rendered_once_per_key_and_its_hole_filled_escaped_for_each_view() {
        let rows: KeptRows<(u32, String)> = KeptRows::new();
        let renders = AtomicUsize::new(0);
        let row = |id: u32, label: &str| {
            let label = label.to_string();
            rows.html((id, label.clone()), || {
                renders.fetch_add(1, Ordering::SeqCst);
                view! { <li><b>{label}</b><p>{HOLE}</p></li> }
            })
        };
        let first = row(1, "a & b");
        let again = row(1, "a & b");
        assert_eq!(renders.load(Ordering::SeqCst), 1);
        assert!(Arc::ptr_eq(&first, &again));
        // A changed row is another key: rendered anew, never the old HTML.
        let changed = row(1, "a & c");
        assert_eq!(renders.load(Ordering::SeqCst), 2);
        assert!(changed.html.contains("a &amp; c"));

        let html = joined([
            (first, Some("<script>x</script> & \u{FDD0}")),
            (changed, None),
        ]);
        assert_eq!(
            html,
            "<li><b>a &amp; b</b><p>&lt;script&gt;x&lt;/script&gt; &amp; \u{FDD0}</p></li>\
             <li><b>a &amp; c</b><p></p></li>"
        );
    }
}
