//! The anonymous survivor routes over HTTP: no script, no cookie, answers kept on a mistake,
//! a receipt code that opens the thread again, and nothing about the sender kept anywhere.
use reqwest::StatusCode;
use tests::{
    apps, apps_with_limits, logs,
    survivor::{
        count, dump_database, feedback_fields, first_load_bytes, get, latin_digits, post,
        shown_code, sqlite_files,
    },
};

use app::ssr::anonymous_gate::AnonymousLimits;

#[tokio::test]
async fn survivor_pages_carry_no_script_no_cookie_and_a_no_script_policy() {
    for app in apps() {
        for path in ["/km/feedback", "/en/propose", "/km/receipt"] {
            let page = get(app, path).await;
            assert_eq!(page.status, StatusCode::OK, "{:?} {path}", app.backend);
            assert!(!page.body.contains("<script"), "{path} has a script");
            assert!(!page.body.contains(".wasm"), "{path} loads WASM");
            assert!(
                page.header("content-security-policy")
                    .contains("script-src 'none'")
            );
            assert!(page.header("set-cookie").is_empty(), "{path} sets a cookie");
            assert_eq!(page.header("cache-control"), "no-store");
        }
        let form = get(app, "/km/feedback").await.body;
        assert!(form.contains("មណ្ឌលស្នាក់នៅបណ្ដោះអាសន្ន"), "service in Khmer");
        assert!(form.contains("សៀមរាប"), "province in Khmer");
        assert_eq!(form.matches("name=\"service\"").count(), 11);
        assert!(form.matches("<option value=\"").count() >= 25);
    }
}

#[tokio::test]
async fn a_mistake_brings_the_form_back_with_answers_kept_and_nothing_saved() {
    for app in apps() {
        let before = count(app, "feedback").await;
        let mut fields = feedback_fields("The shelter staff were kind to me.");
        fields.retain(|(k, _)| *k != "q-safe" && *k != "province");
        let page = post(app, "/en/feedback", &fields, &[]).await;
        assert_eq!(
            page.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{:?}",
            app.backend
        );
        assert!(page.body.contains("Please choose the province."));
        assert!(page.body.contains("Please choose an answer."));
        assert!(
            page.body.contains("The shelter staff were kind to me."),
            "text kept"
        );
        assert!(
            page.body.contains("value=\"shelter\" checked"),
            "service choice kept"
        );
        assert!(page.header("set-cookie").is_empty());
        assert_eq!(count(app, "feedback").await, before, "nothing half-saved");

        let km = post(app, "/km/feedback", &fields, &[]).await;
        assert!(
            km.body.contains("សូមជ្រើសរើសរាជធានី ឬខេត្ត។"),
            "message in Khmer"
        );
    }
}

#[tokio::test]
async fn a_filled_honeypot_is_refused_and_nothing_saved() {
    use app::ssr::entities::feedback;
    use sea_orm::EntityTrait;
    for app in apps() {
        // Its own words, so feedback other tests send meanwhile is not mistaken for it.
        let text = format!("Honeypot {}", chrono::Utc::now().timestamp_micros());
        let mut fields: Vec<(&str, &str)> = feedback_fields("");
        fields.retain(|(k, _)| *k != "website" && *k != "text");
        fields.push(("website", "http://buy.example"));
        fields.push(("text", text.as_str()));
        let page = post(app, "/en/feedback", &fields, &[]).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.body.contains("Please leave this box empty"));
        let sealer = tests::sealed::sealer(app);
        let stored = feedback::Entity::find()
            .all(&app.db().await)
            .await
            .unwrap_or_default()
            .into_iter()
            .any(|f| {
                sealer.open_or_log(f.text_original.as_deref()).as_deref() == Some(text.as_str())
            });
        assert!(!stored, "{:?}: saved despite the honeypot", app.backend);
    }
}

#[tokio::test]
async fn feedback_gives_a_code_that_opens_the_thread_in_khmer_digits() {
    for app in apps() {
        let page = post(app, "/km/feedback", &feedback_fields("ល្អណាស់"), &[]).await;
        assert_eq!(
            page.status,
            StatusCode::OK,
            "{:?}: {}",
            app.backend,
            page.body
        );
        let shown = shown_code(&page.body);
        assert_eq!(shown.split(' ').count(), 4, "four groups of five: {shown}");
        assert!(shown.chars().all(|c| c == ' ' || ('០'..='៩').contains(&c)));
        assert!(page.header("set-cookie").is_empty());

        // Typed back with dashes, in the Khmer digits it was shown in.
        let typed = shown.replace(' ', "-");
        let thread = post(app, "/km/receipt", &[("code", &typed)], &[]).await;
        assert_eq!(thread.status, StatusCode::OK, "{}", thread.body);
        assert!(thread.body.contains("បានទទួលហើយ។"), "state: received");
        assert!(thread.body.contains("ល្អណាស់"), "their own words");
        assert!(thread.body.contains("មិនទាន់មានចម្លើយ"), "no answers yet");

        // The survivor answers; the thread shows it.
        let latin = latin_digits(&shown);
        let reply = post(
            app,
            "/en/receipt/reply",
            &[("code", &latin), ("reply", "Thank you for listening.")],
            &[],
        )
        .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        assert!(reply.body.contains("Your answer was sent."));
        assert!(reply.body.contains("Thank you for listening."));
        let empty = post(
            app,
            "/en/receipt/reply",
            &[("code", &latin), ("reply", " ")],
            &[],
        )
        .await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            empty
                .body
                .contains("Please write something before you send.")
        );
    }
}

#[tokio::test]
async fn a_wrong_code_is_not_found_and_a_malformed_one_is_explained() {
    for app in apps() {
        let wrong = post(
            app,
            "/en/receipt",
            &[("code", "12345 67890 12345 67890")],
            &[],
        )
        .await;
        assert_eq!(wrong.status, StatusCode::NOT_FOUND);
        assert!(wrong.body.contains("We did not find this code."));
        let short = post(app, "/en/receipt", &[("code", "12345")], &[]).await;
        assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(short.body.contains("A receipt code has 20 digits."));
        let letters = post(app, "/km/receipt", &[("code", "12345abcde")], &[]).await;
        assert!(letters.body.contains("លេខកូដបង្កាន់ដៃមានតែលេខ"));
    }
}

#[tokio::test]
async fn a_proposal_gets_a_receipt_too() {
    for app in apps() {
        let before = count(app, "proposals").await;
        let empty = post(
            app,
            "/en/propose",
            &[("theme", "protection"), ("text", "")],
            &[],
        )
        .await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(empty.body.contains("Please write your idea."));
        let page = post(
            app,
            "/en/propose",
            &[
                ("theme", "protection"),
                (
                    "text",
                    "Shelters should let us call our families every week.",
                ),
            ],
            &[],
        )
        .await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(page.body.contains("We received your idea."));
        assert_eq!(count(app, "proposals").await, before + 1);
        let code = latin_digits(&shown_code(&page.body));
        let thread = post(app, "/en/receipt", &[("code", &code)], &[]).await;
        assert!(thread.body.contains("Your idea about: Protection"));
    }
}

/// Canary values in every header that could identify a sender: none may reach a table, the
/// database files, or the logs, and neither may the receipt code or the client's address.
#[tokio::test]
async fn nothing_about_the_sender_is_stored_or_logged() {
    let canaries = [
        ("user-agent", "CanaryAgent/9.9 (survivor-phone)"),
        ("x-forwarded-for", "203.0.113.199"),
        ("x-real-ip", "198.51.100.77"),
        ("forwarded", "for=192.0.2.60"),
        ("referer", "https://canary-referrer.example/page"),
    ];
    for app in apps() {
        let page = post(
            app,
            "/en/feedback",
            &feedback_fields("Canary feedback text"),
            &canaries,
        )
        .await;
        assert_eq!(page.status, StatusCode::OK);
        let code = latin_digits(&shown_code(&page.body));
        let proposal = post(
            app,
            "/km/propose",
            &[
                ("theme", "prevention"),
                ("text", "Teach every village about fake job offers."),
            ],
            &canaries,
        )
        .await;
        let proposal_code = latin_digits(&shown_code(&proposal.body));
        post(app, "/en/receipt", &[("code", &code)], &canaries).await;
        post(
            app,
            "/en/receipt/reply",
            &[("code", &code), ("reply", "Canary reply")],
            &canaries,
        )
        .await;

        let dump = dump_database(app).await;
        assert!(
            dump.contains("feedback: ") && dump.contains("sealed:v"),
            "the dump reads the tables, and finds the words sealed"
        );
        let mut files = String::from_utf8_lossy(&sqlite_files(app)).into_owned();
        files.push_str(&logs::captured());
        for haystack in [&dump, &files] {
            // Survivors' own words are sealed at rest: neither the rows nor the files hold them.
            for words in [
                "Canary feedback text",
                "Teach every village about fake job offers.",
                "Canary reply",
            ] {
                assert!(
                    !haystack.contains(words),
                    "{:?}: {words:?} stored in clear",
                    app.backend
                );
            }
            for (_, value) in &canaries {
                assert!(
                    !haystack.contains(value),
                    "{:?}: {value} stored",
                    app.backend
                );
            }
            for secret in [&code, &proposal_code] {
                assert!(!haystack.contains(secret.as_str()), "receipt code stored");
            }
            assert!(!haystack.contains("127.0.0.1"), "client address stored");
        }
        let logged = logs::captured();
        for path in ["/en/feedback", "/km/propose", "/en/receipt"] {
            assert!(
                !logged.contains(&format!("path={path}")),
                "{path} was logged"
            );
        }
        // Anonymous rows carry days, never times.
        for line in dump.lines().filter(|l| {
            ["feedback:", "proposals:", "threads:", "messages:"]
                .iter()
                .any(|t| l.starts_with(t))
        }) {
            assert!(!has_time(line), "a time in {line}");
        }
    }
}

/// A time of day such as `12:34:56` anywhere in a row.
fn has_time(line: &str) -> bool {
    let bytes = line.as_bytes();
    bytes.windows(8).any(|w| {
        w[0].is_ascii_digit()
            && w[1].is_ascii_digit()
            && w[2] == b':'
            && w[3].is_ascii_digit()
            && w[4].is_ascii_digit()
            && w[5] == b':'
            && w[6].is_ascii_digit()
            && w[7].is_ascii_digit()
    })
}

#[tokio::test]
async fn floods_from_one_address_are_held_back_with_a_clear_message() {
    let limits = AnonymousLimits {
        submissions_per_address_hour: 2,
        lookups_per_address_hour: 3,
        global_per_minute: 1000,
    };
    for app in apps_with_limits(limits) {
        // Refused forms (an answer missing) cost the address nothing: a shared connection is
        // not locked out by mistakes.
        let mut incomplete = feedback_fields("");
        incomplete.retain(|(k, _)| *k != "q-respect");
        for _ in 0..25 {
            let refused = post(&app, "/en/feedback", &incomplete, &[]).await;
            assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        }
        for _ in 0..2 {
            let ok = post(&app, "/en/feedback", &feedback_fields(""), &[]).await;
            assert_eq!(ok.status, StatusCode::OK);
        }
        // Held back: the form comes back with what was typed, and says when to send it.
        let held = post(
            &app,
            "/km/feedback",
            &feedback_fields("ពាក្យដែលខ្ញុំបានសរសេរ"),
            &[],
        )
        .await;
        assert_eq!(held.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(held.body.contains("សូមផ្ញើម្ដងទៀតក្រោយប្រហែល"), "{}", held.body);
        assert!(
            held.body.contains("ពាក្យដែលខ្ញុំបានសរសេរ"),
            "what was typed is kept"
        );
        assert!(
            held.body.contains("name=\"q-respect\""),
            "the form is shown again"
        );
        for _ in 0..3 {
            let wrong = post(
                &app,
                "/en/receipt",
                &[("code", "11111222223333344444")],
                &[],
            )
            .await;
            assert_eq!(wrong.status, StatusCode::NOT_FOUND);
        }
        let slowed = post(
            &app,
            "/en/receipt",
            &[("code", "11111222223333344444")],
            &[],
        )
        .await;
        assert_eq!(slowed.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(slowed.body.contains("Please wait an hour"));
    }
}

/// A survivor's phone pays for every kilobyte: each survivor page, with its stylesheet and
/// images, weighs at most 30 KB compressed on first load.
#[tokio::test]
async fn survivor_pages_weigh_at_most_30_kb_compressed() {
    for app in apps() {
        for path in ["/km/feedback", "/en/feedback", "/km/propose", "/km/receipt"] {
            let bytes = first_load_bytes(app, path).await;
            assert!(bytes <= 30 * 1024, "{path}: {bytes} bytes");
            assert!(
                bytes > 2_000,
                "{path}: {bytes} bytes is too small to be the page"
            );
        }
    }
}

#[tokio::test]
async fn a_form_posted_under_an_unknown_language_is_not_taken() {
    for app in apps() {
        let before = count(app, "feedback").await;
        let page = post(app, "/xx/feedback", &feedback_fields(""), &[]).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);
        assert_eq!(
            count(app, "feedback").await,
            before,
            "saved without showing a code"
        );
    }
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_visitor_has_her_own_limit_and_nothing_of_it_is_kept() {
    let limits = AnonymousLimits {
        submissions_per_address_hour: 2,
        lookups_per_address_hour: 100,
        global_per_minute: 1000,
    };
    let app = tests::app_behind_proxy(limits);
    let from = |address: &'static str| [("x-forwarded-for", address)];
    for _ in 0..2 {
        let ok = post(
            &app,
            "/en/feedback",
            &feedback_fields(""),
            &from("203.0.113.7"),
        )
        .await;
        assert_eq!(ok.status, StatusCode::OK);
    }
    let held = post(
        &app,
        "/en/feedback",
        &feedback_fields(""),
        &from("203.0.113.7"),
    )
    .await;
    assert_eq!(held.status, StatusCode::TOO_MANY_REQUESTS, "her own limit");
    // Another visitor through the same proxy is not held back by her.
    let other = post(
        &app,
        "/en/feedback",
        &feedback_fields(""),
        &from("198.51.100.23"),
    )
    .await;
    assert_eq!(
        other.status,
        StatusCode::OK,
        "one visitor's limit held back another"
    );
    // A client's own claim comes before the proxy's entry and changes nothing.
    let claimed = post(
        &app,
        "/en/feedback",
        &feedback_fields(""),
        &from("198.51.100.99, 203.0.113.7"),
    )
    .await;
    assert_eq!(
        claimed.status,
        StatusCode::TOO_MANY_REQUESTS,
        "a made-up entry escaped"
    );
    let dump = dump_database(&app).await;
    let log = logs::captured();
    for address in ["203.0.113.7", "198.51.100.23", "198.51.100.99"] {
        assert!(!dump.contains(address), "{address} stored");
        assert!(!log.contains(address), "{address} logged");
    }
}
