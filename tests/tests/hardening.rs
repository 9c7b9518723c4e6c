//! What an attacker from outside tried, and what now stops them: stored markup in page titles,
//! formulas in CSV cells, forged log lines, locking an owner out of their account, and database
//! files others on the machine could read.
use std::net::{IpAddr, Ipv4Addr};

use app::{
    domain::{province::Province, role::Role},
    ssr::entities::{forum, organisation},
};
use chrono::{NaiveDate, Utc};
use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, ActiveValue::Set};
use tests::{
    TestApp, apps, client, fixtures, location, logs, session::sign_in_as,
    tracker::new_recommendation,
};

const MARKUP: &str = "</title><meta http-equiv=refresh content=\"0;url=//elsewhere.example\"><script>alert(1)</script>";

/// The text of the page's `<title>` element, as sent.
fn title_of(html: &str) -> String {
    html.split("<title>")
        .nth(1)
        .and_then(|rest| rest.split("</title>").next())
        .unwrap_or_default()
        .to_string()
}

fn assert_escaped(html: &str, what: &str) {
    let head = html.split("</head>").next().unwrap_or_default();
    assert!(
        !head.contains("<meta http-equiv") && !head.contains("<script>alert"),
        "{what}: markup reached the head: {head}"
    );
    let title = title_of(html);
    assert!(
        title.contains("&lt;/title&gt;&lt;meta http-equiv=refresh"),
        "{what}: the title should show the markup as text: {title}"
    );
}

async fn page(app: &TestApp, path: &str) -> String {
    match client().get(app.url(path)).send().await {
        Ok(r) => {
            assert_eq!(r.status(), StatusCode::OK, "{path}");
            r.text().await.unwrap_or_default()
        }
        Err(e) => panic!("{path}: {e}"),
    }
}

#[tokio::test]
async fn markup_in_stored_titles_stays_text_on_every_page() {
    for app in apps() {
        let db = app.db().await;
        let now = Utc::now();
        let day = NaiveDate::from_ymd_opt(2026, 2, 1).unwrap_or_default();
        let org = organisation::ActiveModel {
            code: Set(format!("x{}", now.timestamp_micros() % 100_000_000)),
            kind: Set(app::domain::org::OrgKind::Ngo),
            name_km: Set(Some(MARKUP.into())),
            name_en: Set(Some(MARKUP.into())),
            original_lang: Set("en".into()),
            is_demo: Set(false),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&db)
        .await
        .unwrap_or_else(|e| panic!("organisation: {e}"));
        let forum = forum::ActiveModel {
            title_km: Set(Some(MARKUP.into())),
            title_en: Set(Some(MARKUP.into())),
            original_lang: Set("en".into()),
            province: Set(Province::Battambang.code().into()),
            starts_on: Set(day),
            ends_on: Set(day),
            is_demo: Set(false),
            created_at: Set(now),
            published_at: Set(Some(now)),
            ..Default::default()
        }
        .insert(&db)
        .await
        .unwrap_or_else(|e| panic!("forum: {e}"));
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let reference = format!("XSS-{}", now.timestamp_micros() % 1_000_000);
        let id = new_recommendation(&facilitator, app, &reference, MARKUP, &[org.id], true).await;

        assert_escaped(
            &page(app, &format!("/km/recommendations/{id}")).await,
            "recommendation",
        );
        assert_escaped(
            &page(app, &format!("/en/forums/{}", forum.id)).await,
            "forum",
        );
        assert_escaped(&page(app, &format!("/en/bodies/{}", org.id)).await, "body");
        let official = sign_in_as(app, Role::Official, Some(org.id)).await;
        let (status, answer) = official.get(app, &format!("/km/inbox/{id}")).await;
        assert_eq!(status, StatusCode::OK);
        assert_escaped(&answer, "answer page");
        // An ampersand is escaped once, not twice.
        assert!(title_of(&page(app, "/en/").await).contains("Samleng"));
    }
}

#[tokio::test]
async fn csv_cells_that_a_spreadsheet_would_run_are_neutralised() {
    for app in apps() {
        let db = app.db().await;
        let moj = fixtures::org_id(&db, "moj").await;
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let reference = format!("CSV-{}", Utc::now().timestamp_micros() % 1_000_000);
        let formula = "=HYPERLINK(\"//elsewhere.example\",\"Read\")";
        new_recommendation(&facilitator, app, &reference, formula, &[moj], true).await;
        let csv = match client()
            .get(app.url("/en/recommendations.csv"))
            .send()
            .await
        {
            Ok(r) => r.text().await.unwrap_or_default(),
            Err(e) => panic!("csv: {e}"),
        };
        let row = csv
            .lines()
            .find(|l| l.starts_with(&reference))
            .unwrap_or_else(|| panic!("{reference} not in the CSV"));
        assert!(row.contains("'=HYPERLINK"), "{row}");
        assert!(
            !row.contains(",=HYPERLINK") && !row.contains(",\"=HYPERLINK"),
            "{row}"
        );
    }
}

#[tokio::test]
async fn the_import_refuses_formula_cells_with_a_message_per_row() {
    for app in apps() {
        let db = app.db().await;
        let forum = fixtures::forum_with_recommendations(&db, "FORMULA", 0).await;
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let prefix = format!("FX{}", Utc::now().timestamp_micros() % 1_000_000);
        let csv = format!(
            "reference,theme,original_lang,title_km,title_en,text_km,text_en,bodies\n\
             {prefix}-1,protection,en,,@SUM(A1:A9),,Text,moj\n"
        );
        let form = reqwest::multipart::Form::new()
            .text("csrf", facilitator.csrf.clone())
            .text("forum", forum.to_string())
            .part(
                "file",
                reqwest::multipart::Part::bytes(csv.into_bytes()).file_name("f.csv"),
            );
        let sent = facilitator
            .http
            .post(app.url("/en/curate/import"))
            .multipart(form)
            .send()
            .await
            .map(|r| location(&r))
            .unwrap_or_default();
        assert_eq!(sent, "/en/curate/import");
        let (_, preview) = facilitator.get(app, "/en/curate/import").await;
        assert!(
            preview.contains("which a spreadsheet would run as a formula"),
            "{preview}"
        );
        assert!(
            !preview.contains("/curate/import/confirm"),
            "no import button"
        );
    }
}

#[tokio::test]
async fn request_data_cannot_forge_log_lines_or_reach_a_terminal() {
    logs::install();
    for app in apps() {
        for path in [
            "/api/get_recommendation?id=1%0aFORGED-LINE%1b[31m",
            "/api/get_forum?id=%0aFORGED-LINE%1b[31m",
            "/en/recommendations?theme=%0aFORGED-LINE%1b[31m",
            "/en/forums/%0aFORGED-LINE%1b[31m",
        ] {
            let _ = client().get(app.url(path)).send().await;
        }
        let _ = client()
            .post(app.url("/en/login"))
            .form(&[
                ("email", "x\nFORGED-LINE\u{1b}[31m@example.org"),
                ("password", "p"),
            ])
            .send()
            .await;
    }
    let logged = logs::captured();
    assert!(
        !logged.contains('\u{1b}'),
        "a terminal escape reached the log"
    );
    assert!(
        !logged.lines().any(|l| l.starts_with("FORGED-LINE")),
        "a forged line reached the log"
    );
}

/// A client whose connections come from `address` (any address of 127.0.0.0/8 is this host).
fn client_from(app: &TestApp, address: IpAddr) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    if let Ok(origin) = reqwest::header::HeaderValue::from_str(&app.base) {
        headers.insert(reqwest::header::ORIGIN, origin);
    }
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .default_headers(headers)
        .local_address(address)
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"))
}

#[tokio::test]
async fn wrong_passwords_from_one_address_do_not_lock_the_owner_out() {
    for app in apps() {
        let db = app.db().await;
        let email = fixtures::account(&db, "owner", Role::Facilitator, None).await;
        let guesser = client_from(app, IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2)));
        for _ in 0..6 {
            let _ = guesser
                .post(app.url("/en/login"))
                .form(&[("email", email.as_str()), ("password", "wrong-guess-1234")])
                .send()
                .await;
        }
        let refused = guesser
            .post(app.url("/en/login"))
            .form(&[("email", email.as_str()), ("password", fixtures::PASSWORD)])
            .send()
            .await
            .map(|r| location(&r))
            .unwrap_or_default();
        assert_eq!(refused, "/en/login?error=throttled");
        let owner = client_from(app, IpAddr::V4(Ipv4Addr::new(127, 0, 0, 3)));
        let signed = owner
            .post(app.url("/en/login"))
            .form(&[("email", email.as_str()), ("password", fixtures::PASSWORD)])
            .send()
            .await
            .map(|r| location(&r))
            .unwrap_or_default();
        assert_eq!(signed, "/en/account", "{:?}", app.backend);
        // The addresses counted in memory only: never logged, never stored.
        let dump = tests::survivor::dump_database(app).await;
        for address in ["127.0.0.2", "127.0.0.3"] {
            assert!(!dump.contains(address), "{address} stored");
            assert!(!logs::captured().contains(address), "{address} logged");
        }
    }
}

#[cfg(unix)]
#[tokio::test]
async fn the_database_files_are_readable_by_the_server_only() {
    use std::os::unix::fs::PermissionsExt;
    for app in apps() {
        let Some(path) = app.database_url.strip_prefix("sqlite://") else {
            continue;
        };
        // A write, so that the WAL exists too.
        sign_in_as(app, Role::Facilitator, None).await;
        for suffix in ["", "-wal", "-shm"] {
            let file = format!("{path}{suffix}");
            let mode = std::fs::metadata(&file)
                .map(|m| m.permissions().mode() & 0o777)
                .unwrap_or_else(|e| panic!("{file}: {e}"));
            assert_eq!(mode, 0o600, "{file} is {mode:o}");
        }
    }
}

#[tokio::test]
async fn survivors_words_are_sealed_at_rest_and_a_new_key_reseals_them() {
    // Seals under a key its server does not know: servers of its own.
    for app in &tests::isolated_apps() {
        let words = "Sealing canary: my manager took my passport";
        let code = tests::survivor::submit_feedback(app, words)
            .await
            .unwrap_or_else(|| panic!("not saved"));
        let dump = tests::survivor::dump_database(app).await;
        assert!(
            !dump.contains("Sealing canary"),
            "{:?}: words in clear",
            app.backend
        );
        let files = String::from_utf8_lossy(&tests::survivor::sqlite_files(app)).into_owned();
        assert!(
            !files.contains("Sealing canary"),
            "words in the SQLite files"
        );
        // The server still reads them: the receipt shows the survivor her own words.
        let thread = tests::survivor::post(app, "/en/receipt", &[("code", &code)], &[]).await;
        assert!(thread.body.contains(words), "the survivor reads her words");

        // A new key: everything sealed again under it, the old one forgotten.
        let db = app.db().await;
        let old = tests::sealed::sealer(app);
        let both = old.with_new_key();
        let resealed = app::ssr::sealed_words::reseal(&db, &both)
            .await
            .unwrap_or_else(|e| panic!("reseal: {e}"));
        assert!(resealed > 0);
        let newest = both.newest_only();
        let found = tests::survivor::dump_database(app).await;
        let line = found
            .lines()
            .find(|l| l.starts_with("feedback: ") && l.contains("sealed:v2:"))
            .unwrap_or_else(|| panic!("nothing sealed under the new key"));
        assert!(!line.contains("sealed:v1:"), "{line}");
        let sealed = line
            .split("sealed:v2:")
            .nth(1)
            .and_then(|rest| rest.split(['\'', '"', ',']).next())
            .map(|b64| format!("sealed:v2:{b64}"))
            .unwrap_or_default();
        assert!(newest.open(&sealed).is_ok(), "the new key opens it");
        assert!(old.open(&sealed).is_err(), "the old key does not");
    }
}

#[tokio::test]
async fn words_are_deleted_after_the_retention_period_and_the_receipt_says_so() {
    use chrono::TimeDelta;
    // Moves the clock: servers of its own.
    for app in &tests::isolated_apps() {
        let words = "Retention canary words";
        let code = tests::survivor::submit_feedback(app, words)
            .await
            .unwrap_or_else(|| panic!("not saved"));
        let db = app.db().await;
        let sweep = || app::ssr::retention::sweep(&db, &app.clock);
        app.clock.advance(TimeDelta::days(100));
        // Writing again keeps the conversation.
        let reply = tests::survivor::post(
            app,
            "/en/receipt/reply",
            &[("code", &code), ("reply", "Still here")],
            &[],
        )
        .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        app.clock.advance(TimeDelta::days(100));
        let kept = sweep().await.unwrap_or_else(|e| panic!("sweep: {e}"));
        assert_eq!(
            kept.threads, 0,
            "100 days after the last message it is kept"
        );
        let thread = tests::survivor::post(app, "/en/receipt", &[("code", &code)], &[]).await;
        assert!(thread.body.contains(words) && thread.body.contains("Still here"));

        app.clock.advance(TimeDelta::days(81));
        let swept = sweep().await.unwrap_or_else(|e| panic!("sweep: {e}"));
        assert_eq!(
            swept,
            app::ssr::retention::Swept {
                threads: 1,
                messages: 1,
                checks: 0,
                paper_codes: 0,
            }
        );
        let thread = tests::survivor::post(app, "/en/receipt", &[("code", &code)], &[]).await;
        assert_eq!(thread.status, StatusCode::OK);
        assert!(
            thread.body.contains("were deleted, as we promised"),
            "{}",
            thread.body
        );
        assert!(!thread.body.contains(words) && !thread.body.contains("Still here"));
        let answered = tests::survivor::post(
            app,
            "/en/receipt/reply",
            &[("code", &code), ("reply", "Hello again")],
            &[],
        )
        .await;
        assert!(answered.body.contains("you cannot answer here"));
        let dump = tests::survivor::dump_database(app).await;
        assert!(!dump.contains("Hello again"));
        assert!(dump.contains("retention_sweep") && dump.contains("threads 1 messages 1"));
    }
}

#[tokio::test]
async fn open_data_may_be_read_from_any_site() {
    for app in apps() {
        for path in [
            "/api/v1/recommendations",
            "/api/v1/forums",
            "/en/recommendations.csv",
        ] {
            let response = client()
                .get(app.url(path))
                .send()
                .await
                .unwrap_or_else(|e| panic!("{path}: {e}"));
            let allowed = response
                .headers()
                .get("access-control-allow-origin")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_string();
            assert_eq!(allowed, "*", "{path}");
        }
        let page = client().get(app.url("/en/recommendations")).send().await;
        let page = page.unwrap_or_else(|e| panic!("{e}"));
        assert!(
            page.headers().get("access-control-allow-origin").is_none(),
            "pages stay closed"
        );
    }
}

#[tokio::test]
async fn anonymous_rows_do_not_stay_in_arrival_order_on_postgresql() {
    use sea_orm::{ConnectionTrait, Statement};
    for app in &tests::isolated_apps() {
        if app.backend != tests::Backend::Postgres {
            continue;
        }
        for n in 0..12 {
            let text = format!("Order canary number {n}");
            let text: &'static str = Box::leak(text.into_boxed_str());
            tests::survivor::submit_feedback(app, text)
                .await
                .unwrap_or_else(|| panic!("not saved"));
        }
        let db = app.db().await;
        app::ssr::retention::reorder_anonymous_rows(&db)
            .await
            .unwrap_or_else(|e| panic!("reorder: {e}"));
        let ids = |sql: &str| {
            let db = db.clone();
            let sql = sql.to_string();
            async move {
                db.query_all_raw(Statement::from_string(db.get_database_backend(), sql))
                    .await
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|r| r.try_get::<String>("", "id").ok())
                    .collect::<Vec<_>>()
            }
        };
        let stored = ids("SELECT id::text AS id FROM feedback ORDER BY ctid").await;
        let by_id = ids("SELECT id::text AS id FROM feedback ORDER BY id").await;
        assert!(stored.len() >= 12, "{} rows", stored.len());
        assert_eq!(
            stored, by_id,
            "rows are stored in the order of their random ids"
        );
    }
}
