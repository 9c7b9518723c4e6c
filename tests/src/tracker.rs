//! Helpers for tracker tests: recommendations made through the facilitator's form, and the
//! email the server wrote to its outbox folder.
use std::time::Duration;

use crate::{TestApp, location, session::Signed};

/// Makes a recommendation through the editor form, addressed to `bodies`; returns its id.
pub async fn new_recommendation(
    facilitator: &Signed,
    app: &TestApp,
    reference: &str,
    title_km: &str,
    bodies: &[i32],
    publish: bool,
) -> i32 {
    let bodies: Vec<String> = bodies.iter().map(|b| b.to_string()).collect();
    let mut fields: Vec<(&str, &str)> = vec![
        ("reference", reference),
        ("forum", ""),
        ("theme", "protection"),
        ("original_lang", "km"),
        ("title_km", title_km),
        ("title_en", ""),
        ("body_km", "អត្ថបទ"),
        ("body_en", ""),
        ("translation_state", "missing"),
    ];
    fields.extend(bodies.iter().map(|b| ("bodies", b.as_str())));
    if publish {
        fields.push(("publish", "1"));
    }
    let response = facilitator
        .post(app, "/en/curate/recommendations/new", &fields)
        .await;
    let to = location(&response);
    assert!(to.contains("saved=1"), "not saved: {to}");
    to.trim_start_matches("/en/curate/recommendations/")
        .split('?')
        .next()
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("no id in {to}"))
}

/// A new draft forum, titled in English, on 2 December 2026; its id.
pub async fn new_forum(facilitator: &Signed, app: &TestApp, title: &str, province: &str) -> i32 {
    let fields = [
        ("title_en", title),
        ("original_lang", "en"),
        ("province", province),
        ("starts_on", "2026-12-02"),
    ];
    let saved = facilitator
        .post(app, "/en/curate/forums/new", &fields)
        .await;
    let to = location(&saved);
    to.trim_start_matches("/en/curate/forums/")
        .split('?')
        .next()
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("forum not saved: {to}"))
}

/// Every message in the outbox, waiting up to five seconds for at least `at_least`.
pub async fn outbox(app: &TestApp, at_least: usize) -> Vec<String> {
    let mut messages = Vec::new();
    for _ in 0..50 {
        messages = std::fs::read_dir(&app.outbox)
            .map(|dir| {
                dir.filter_map(Result::ok)
                    .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
                    .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                    .collect()
            })
            .unwrap_or_default();
        if messages.len() >= at_least {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    messages
}

/// The text of a message from the outbox: its body decoded (Khmer text travels as base64).
pub fn mail_text(eml: &str) -> String {
    use base64::Engine;
    let normalised = eml.replace("\r\n", "\n");
    let (head, body) = normalised.split_once("\n\n").unwrap_or((&normalised, ""));
    if head
        .to_ascii_lowercase()
        .contains("content-transfer-encoding: base64")
    {
        let packed: String = body.split_whitespace().collect();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(packed)
            .unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    } else {
        body.to_string()
    }
}
