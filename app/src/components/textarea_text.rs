//! What a `<textarea>` starts with. Leptos writes a textarea's children into the server's HTML
//! unescaped (it treats them like `<script>`), so text containing `</textarea>` would end the
//! box and inject markup. The server escapes; the browser builds a text node, which needs none.

/// The text to put between `<textarea>` and `</textarea>`.
pub fn textarea_text(text: impl Into<String>) -> String {
    let text = text.into();
    #[cfg(feature = "ssr")]
    let text = html_escape::encode_text(&text).into_owned();
    text
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::textarea_text;

    #[test]
    fn markup_cannot_close_the_box() {
        assert_eq!(
            textarea_text("</textarea><script>x()</script> & ខ្មែរ"),
            "&lt;/textarea&gt;&lt;script&gt;x()&lt;/script&gt; &amp; ខ្មែរ"
        );
    }
}
