//! The blank survivor forms are kept and compressed once: each visitor gets the same bytes
//! around a one-time token of her own, and a change to what the form lists shows at once.
use std::io::Read;

use app::domain::role::Role;
use tests::{
    apps,
    session::sign_in_as,
    survivor::{self, feedback_fields, once_token},
};

/// The form as a browser gets it: its headers and its text, decoded here (so a wrong gzip
/// trailer fails the test).
async fn fetch(app: &tests::TestApp, path: &str) -> (reqwest::header::HeaderMap, String) {
    let (headers, bytes) = survivor::as_a_browser(app, path).await;
    let mut text = String::new();
    let decoded = match headers.get("content-encoding").map(|v| v.as_bytes()) {
        Some(b"gzip") => flate2::read::GzDecoder::new(bytes.as_slice()).read_to_string(&mut text),
        Some(b"br") => {
            brotli_decompressor::Decompressor::new(bytes.as_slice(), 4096).read_to_string(&mut text)
        }
        other => panic!("{path} sent uncompressed ({other:?})"),
    };
    assert!(decoded.is_ok(), "{path}: {decoded:?}");
    (headers, text)
}

#[tokio::test]
async fn a_kept_form_gives_each_visitor_a_token_of_her_own() {
    for app in apps() {
        for path in ["/km/feedback", "/en/propose"] {
            let (_, first) = fetch(app, path).await;
            let (headers, second) = fetch(app, path).await;
            let (_, third) = fetch(app, path).await;
            let tokens = [once_token(&first), once_token(&second), once_token(&third)];
            assert!(tokens.iter().all(|t| t.len() == 32), "{path}: {tokens:?}");
            assert!(
                tokens[0] != tokens[1] && tokens[1] != tokens[2] && tokens[0] != tokens[2],
                "{path}: a token was given twice"
            );
            assert_eq!(
                second.replace(&tokens[1], "T"),
                third.replace(&tokens[2], "T"),
                "{path}: the same form around the token"
            );
            assert_eq!(
                first.replace(&tokens[0], "T"),
                second.replace(&tokens[1], "T")
            );
            // Still a survivor page: no script, never stored by the browser.
            let value = |name: &str| {
                headers
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_string()
            };
            assert_eq!(value("cache-control"), "no-store", "{path}");
            // Kept forms are joined around the token without compressing (gzip's stored
            // blocks), so a kept one comes as gzip even to a browser that also takes Brotli.
            assert_eq!(
                value("content-encoding"),
                "gzip",
                "{path}: not the kept form"
            );
            assert!(value("content-security-policy").contains("script-src 'none'"));
            assert!(!second.contains("<script") && second.ends_with("</html>"));
            // Its CSS is written into it (one request on a slow phone), allowed by its hash.
            assert!(
                !second.contains("rel=\"stylesheet\""),
                "{path} links its CSS"
            );
            let css = second
                .split("<style>")
                .nth(1)
                .and_then(|rest| rest.split("</style>").next())
                .unwrap_or_default();
            assert!(css.contains("body"), "{path}: no CSS in the page");
            let hash = {
                use base64::{Engine, engine::general_purpose::STANDARD};
                use sha2::{Digest, Sha256};
                STANDARD.encode(Sha256::digest(css.as_bytes()))
            };
            assert!(
                value("content-security-policy")
                    .contains(&format!("style-src 'self' 'sha256-{hash}'")),
                "{}",
                value("content-security-policy")
            );
        }

        // A token from a kept form is spent once like any other.
        let (_, form) = fetch(app, "/en/feedback").await;
        let once = once_token(&form);
        let text = format!("Kept form {once}");
        let mut fields: Vec<(&str, &str)> = feedback_fields("");
        fields.retain(|(k, _)| *k != "text");
        fields.push(("text", text.as_str()));
        fields.push(("once", once.as_str()));
        let first = survivor::post(app, "/en/feedback", &fields, &[]).await;
        assert!(first.body.contains("id=\"receipt-code\""), "saved");
        let again = survivor::post(app, "/en/feedback", &fields, &[]).await;
        assert!(again.body.contains("We already have this"), "stored twice");
    }
}

#[tokio::test]
async fn a_new_organisation_is_on_the_next_form() {
    for app in apps() {
        let admin = sign_in_as(app, Role::Admin, None).await;
        let (_, before) = fetch(app, "/en/feedback").await;
        let (_, kept) = fetch(app, "/en/feedback").await;
        assert_eq!(
            before.replace(&once_token(&before), "T"),
            kept.replace(&once_token(&kept), "T")
        );
        let code = format!("kept-{}", chrono::Utc::now().timestamp_micros());
        let name = format!("Kept Forms Test {code}");
        let form = [
            ("code", code.as_str()),
            ("name_km", "អង្គការថ្មី"),
            ("name_en", name.as_str()),
            ("kind", "ngo"),
        ];
        let saved = admin.post(app, "/en/organisations/new", &form).await;
        assert!(saved.status().is_redirection() || saved.status().is_success());
        let (_, after) = fetch(app, "/en/feedback").await;
        assert!(
            after.contains(&name),
            "{:?}: the kept form outlived a new organisation",
            app.backend
        );
    }
}
