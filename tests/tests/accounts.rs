//! Signing in and out, sessions, and the cross-site guard, on every configured backend.
use app::{
    domain::role::Role,
    ssr::entities::{audit_event, session, user},
};
use chrono::TimeDelta;
use reqwest::{Response, StatusCode};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
use tests::{TestApp, apps, browser_like, client, fixtures, isolated_apps, location};

async fn sign_in(http: &reqwest::Client, app: &TestApp, email: &str, password: &str) -> Response {
    let sent = http
        .post(app.url("/en/login"))
        .form(&[("email", email), ("password", password)])
        .send()
        .await;
    match sent {
        Ok(r) => r,
        Err(e) => panic!("{:?} sign-in request failed: {e}", app.backend),
    }
}

fn session_cookie(response: &Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("samleng_session="))
        .map(str::to_string)
}

async fn account_page(http: &reqwest::Client, app: &TestApp) -> (StatusCode, String) {
    match http.get(app.url("/en/account")).send().await {
        Ok(r) => (r.status(), r.text().await.unwrap_or_default()),
        Err(e) => panic!("account page: {e}"),
    }
}

/// The sign-out token the account page's form carries.
fn csrf_token(html: &str) -> String {
    html.split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
        .to_string()
}

/// How many audit events name this account as their object.
async fn audit_count(app: &TestApp, email: &str) -> usize {
    let db = app.db().await;
    let users = user::Entity::find().all(&db).await.unwrap_or_default();
    let Some(id) = users
        .iter()
        .find(|u| u.email == email)
        .map(|u| u.id.to_string())
    else {
        panic!("no account {email}")
    };
    audit_event::Entity::find()
        .all(&db)
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|e| e.object_type == "user" && e.object_id == id)
        .count()
}

#[tokio::test]
async fn signing_in_opens_the_role_page_with_a_fresh_session() {
    for app in apps() {
        let db = app.db().await;
        let email = fixtures::account(&db, "fac", Role::Facilitator, None).await;
        let http = browser_like(app);

        let (status, body) = account_page(&http, app).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{:?}", app.backend);
        assert!(body.contains("Please sign in to see this page."));

        let wrong = sign_in(&http, app, &email, "not-the-password-at-all").await;
        assert_eq!(location(&wrong), "/en/login?error=invalid");
        assert!(
            session_cookie(&wrong).is_none(),
            "a failed sign-in made a session"
        );
        let page = http.get(app.url("/en/login?error=invalid")).send().await;
        let text = match page {
            Ok(r) => r.text().await.unwrap_or_default(),
            Err(e) => panic!("{e}"),
        };
        assert!(text.contains("The email or password is not right."));

        let first = sign_in(&http, app, &email, fixtures::PASSWORD).await;
        assert_eq!(first.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&first), "/en/account");
        let Some(cookie) = session_cookie(&first) else {
            panic!("no session cookie on {:?}", app.backend)
        };
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
            "{cookie}"
        );
        let id_len = cookie.split(['=', ';']).nth(1).map(str::len).unwrap_or(0);
        assert!(id_len >= 22, "session id too short: {cookie}");

        let response = http.get(app.url("/en/account")).send().await;
        let Ok(response) = response else {
            panic!("account page")
        };
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            response
                .headers()
                .get("cache-control")
                .and_then(|v| v.to_str().ok()),
            Some("no-store")
        );
        let body = response.text().await.unwrap_or_default();
        assert!(body.contains("Facilitator") && body.contains(&email));
        assert!(body.contains("Record forums and curate recommendations"));
        assert!(
            !body.contains("Read the audit log"),
            "a facilitator may not read the audit log"
        );

        // Signing in again gives a new id; the old one no longer opens anything.
        let second = sign_in(&http, app, &email, fixtures::PASSWORD).await;
        let Some(renewed) = session_cookie(&second) else {
            panic!("no cookie on second sign-in")
        };
        assert_ne!(renewed, cookie, "session id kept across sign-in");
        let old = cookie.split(';').next().unwrap_or_default().to_string();
        let stale = client()
            .get(app.url("/en/account"))
            .header("cookie", old)
            .send()
            .await;
        assert_eq!(
            stale.map(|r| r.status()).ok(),
            Some(StatusCode::UNAUTHORIZED)
        );
    }
}

#[tokio::test]
async fn each_role_sees_what_it_may_do() {
    for app in apps() {
        let db = app.db().await;
        let org = fixtures::org_id(&db, "moj").await;
        for (role, organisation, present, absent) in [(
            Role::Official,
            Some(org),
            "Answer recommendations addressed",
            "Invite people",
        )] {
            let email = fixtures::account(&db, role.code(), role, organisation).await;
            let http = browser_like(app);
            sign_in(&http, app, &email, fixtures::PASSWORD).await;
            let (status, body) = account_page(&http, app).await;
            assert_eq!(status, StatusCode::OK, "{role:?} on {:?}", app.backend);
            assert!(body.contains(present), "{role:?} misses {present}");
            assert!(!body.contains(absent), "{role:?} shows {absent}");
            if role == Role::Official {
                assert!(
                    body.contains("Ministry of Justice"),
                    "official's organisation"
                );
            }
        }
    }
}

#[tokio::test]
async fn signing_out_needs_the_token_and_ends_the_session() {
    for app in apps() {
        let db = app.db().await;
        let email = fixtures::account(&db, "out", Role::Facilitator, None).await;
        let http = browser_like(app);
        let signed_in = sign_in(&http, app, &email, fixtures::PASSWORD).await;
        let cookie = session_cookie(&signed_in)
            .and_then(|c| c.split(';').next().map(str::to_string))
            .unwrap_or_default();
        let (_, body) = account_page(&http, app).await;
        let token = csrf_token(&body);
        assert_eq!(token.len(), 32, "{:?}", app.backend);

        let forged = http
            .post(app.url("/en/logout"))
            .form(&[("csrf", "0".repeat(32))])
            .send()
            .await;
        assert_eq!(forged.map(|r| r.status()).ok(), Some(StatusCode::FORBIDDEN));
        assert_eq!(
            account_page(&http, app).await.0,
            StatusCode::OK,
            "session survived"
        );

        let out = http
            .post(app.url("/en/logout"))
            .form(&[("csrf", token)])
            .send()
            .await;
        let Ok(out) = out else { panic!("sign-out") };
        assert_eq!(location(&out), "/en/");
        let reuse = client()
            .get(app.url("/en/account"))
            .header("cookie", cookie)
            .send()
            .await;
        assert_eq!(
            reuse.map(|r| r.status()).ok(),
            Some(StatusCode::UNAUTHORIZED)
        );
    }
}

#[tokio::test]
async fn cross_site_posts_are_refused_and_change_nothing() {
    for app in apps() {
        let db = app.db().await;
        let email = fixtures::account(&db, "csrf", Role::Facilitator, None).await;
        let before = audit_count(app, &email).await;
        let form = [("email", email.as_str()), ("password", fixtures::PASSWORD)];
        let attempts = [
            vec![("origin", "https://evil.example")],
            vec![("sec-fetch-site", "cross-site")],
            vec![("origin", "null")],
            vec![],
        ];
        for headers in attempts {
            let mut request = client().post(app.url("/km/login")).form(&form);
            for (k, v) in &headers {
                request = request.header(*k, *v);
            }
            let Ok(response) = request.send().await else {
                panic!("request failed")
            };
            assert_eq!(
                response.status(),
                StatusCode::FORBIDDEN,
                "{headers:?} on {:?}",
                app.backend
            );
            assert!(session_cookie(&response).is_none());
            let text = response.text().await.unwrap_or_default();
            assert!(text.contains("ការស្នើសុំនេះមិនបានមកពីទំព័ររបស់សំឡេងទេ"), "{text}");
        }
        assert_eq!(
            audit_count(app, &email).await,
            before,
            "a refused request left a trace"
        );
        // The same form from our own page is accepted, and leaves its trace.
        let accepted = sign_in(&browser_like(app), app, &email, fixtures::PASSWORD).await;
        assert_eq!(location(&accepted), "/en/account");
        assert_eq!(audit_count(app, &email).await, before + 1);
    }
}

#[tokio::test]
async fn failed_sign_ins_are_throttled_per_account() {
    for app in apps() {
        let db = app.db().await;
        let target = fixtures::account(&db, "throttled", Role::Facilitator, None).await;
        let bystander = fixtures::account(&db, "bystander", Role::Facilitator, None).await;
        let http = browser_like(app);
        for _ in 0..5 {
            let r = sign_in(&http, app, &target, "wrong-password-guess").await;
            assert_eq!(location(&r), "/en/login?error=invalid");
        }
        let blocked = sign_in(&http, app, &target, fixtures::PASSWORD).await;
        assert_eq!(
            location(&blocked),
            "/en/login?error=throttled",
            "{:?}",
            app.backend
        );
        let page = http.get(app.url("/km/login?error=throttled")).send().await;
        let text = match page {
            Ok(r) => r.text().await.unwrap_or_default(),
            Err(e) => panic!("{e}"),
        };
        assert!(text.contains("គណនីនេះបានព្យាយាមច្រើនដងពេក"));
        let other = sign_in(&browser_like(app), app, &bystander, fixtures::PASSWORD).await;
        assert_eq!(
            location(&other),
            "/en/account",
            "another account was locked out"
        );
    }
}

#[tokio::test]
async fn overlong_and_empty_input_is_refused_plainly() {
    for app in apps() {
        let http = browser_like(app);
        let huge = "x".repeat(100_000);
        let r = sign_in(&http, app, "someone@example.org", &huge).await;
        assert_eq!(location(&r), "/en/login?error=invalid", "{:?}", app.backend);
        let r = sign_in(&http, app, "", "").await;
        assert_eq!(location(&r), "/en/login?error=missing");
        let garbage = http
            .post(app.url("/en/login"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(vec![0xff, 0xfe, 0x00])
            .send()
            .await;
        assert_eq!(
            garbage.ok().map(|r| location(&r)),
            Some("/en/login?error=missing".into())
        );
    }
}

#[tokio::test]
async fn idle_sessions_expire_and_disabling_beside_the_server_ends_them_soon() {
    // This test moves the clock: it gets servers of its own.
    for app in &isolated_apps() {
        let db = app.db().await;
        let email = fixtures::account(&db, "idle", Role::Facilitator, None).await;
        let http = browser_like(app);
        sign_in(&http, app, &email, fixtures::PASSWORD).await;
        assert_eq!(account_page(&http, app).await.0, StatusCode::OK);

        // Thirty-one idle minutes on this server's clock.
        app.clock.advance(TimeDelta::minutes(31));
        assert_eq!(
            account_page(&http, app).await.0,
            StatusCode::UNAUTHORIZED,
            "{:?}",
            app.backend
        );

        let fresh = browser_like(app);
        sign_in(&fresh, app, &email, fixtures::PASSWORD).await;
        assert_eq!(account_page(&fresh, app).await.0, StatusCode::OK);
        let found = user::Entity::find()
            .all(&db)
            .await
            .unwrap_or_default()
            .into_iter()
            .find(|u| u.email == email);
        let Some(found) = found else {
            panic!("account vanished")
        };
        let mut disabled: user::ActiveModel = found.into();
        disabled.disabled = Set(true);
        if let Err(e) = disabled.update(&db).await {
            panic!("cannot disable: {e}");
        }
        // Disabled beside the server (not through its screens, which end the sessions at
        // once: `people::an_admin_changes_roles_…`): within the time anything is kept.
        tokio::time::sleep(app::ssr::writes::KEEP_AT_MOST + std::time::Duration::from_millis(200))
            .await;
        assert_eq!(account_page(&fresh, app).await.0, StatusCode::UNAUTHORIZED);
    }
}

/// The idle limit in the database of `email`'s one session.
async fn stored_idle_limit(app: &TestApp, email: &str) -> chrono::DateTime<chrono::Utc> {
    let db = app.db().await;
    let users = user::Entity::find().all(&db).await.unwrap_or_default();
    let Some(id) = users.iter().find(|u| u.email == email).map(|u| u.id) else {
        panic!("no account {email}")
    };
    let sessions = session::Entity::find().all(&db).await.unwrap_or_default();
    let mine: Vec<_> = sessions.iter().filter(|s| s.user_id == Some(id)).collect();
    assert_eq!(mine.len(), 1, "one session");
    mine[0].expires_at
}

#[tokio::test]
async fn a_session_is_written_again_only_when_its_idle_limit_moved_a_minute() {
    // This test moves the clock: it gets servers of its own.
    for app in &isolated_apps() {
        let db = app.db().await;
        let email = fixtures::account(&db, "active", Role::Facilitator, None).await;
        let http = browser_like(app);
        sign_in(&http, app, &email, fixtures::PASSWORD).await;
        assert_eq!(account_page(&http, app).await.0, StatusCode::OK);
        let first = stored_idle_limit(app, &email).await;
        // Pages a few seconds apart write nothing: no write per page view.
        app.clock.advance(TimeDelta::seconds(20));
        assert_eq!(account_page(&http, app).await.0, StatusCode::OK);
        assert_eq!(
            stored_idle_limit(app, &email).await,
            first,
            "not written again"
        );
        // Twenty minutes on, a page pushes the limit back.
        app.clock.advance(TimeDelta::minutes(20));
        assert_eq!(account_page(&http, app).await.0, StatusCode::OK);
        let pushed = stored_idle_limit(app, &email).await;
        assert!(
            pushed - first >= TimeDelta::minutes(20),
            "{first} → {pushed}"
        );
        // Forty minutes after signing in, twenty after the last page: still signed in.
        app.clock.advance(TimeDelta::minutes(20));
        assert_eq!(account_page(&http, app).await.0, StatusCode::OK);
    }
}

#[tokio::test]
async fn account_events_are_audited_without_addresses() {
    for app in apps() {
        let db = app.db().await;
        let email = fixtures::account(&db, "audit", Role::Facilitator, None).await;
        let http = browser_like(app);
        sign_in(&http, app, &email, "wrong-password-guess").await;
        sign_in(&http, app, &email, fixtures::PASSWORD).await;
        let events = audit_event::Entity::find()
            .all(&db)
            .await
            .unwrap_or_default();
        let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
        for action in ["user_created", "login_failure", "login_success"] {
            assert!(
                actions.contains(&action),
                "{action} not audited on {:?}",
                app.backend
            );
        }
        let dump = format!("{events:?}");
        assert!(
            !dump.contains("127.0.0.1"),
            "an address reached the audit log"
        );
    }
}

#[tokio::test]
async fn a_form_sent_after_the_session_ended_shows_its_text_beside_the_sign_in() {
    // Moves the clock: servers of its own.
    for app in &isolated_apps() {
        let db = app.db().await;
        let facilitator =
            tests::session::sign_in_as(app, app::domain::role::Role::Facilitator, None).await;
        app.clock.advance(TimeDelta::minutes(31));
        let summary = "<script>alert(1)</script> =SUM(A1) what the survivors asked for";
        let title = format!(
            "Forum typed too late {}",
            chrono::Utc::now().timestamp_micros()
        );
        let sent = facilitator
            .post(
                app,
                "/en/curate/forums/new",
                &[
                    ("title_en", title.as_str()),
                    ("original_lang", "en"),
                    ("province", "kep"),
                    ("starts_on", "2026-01-01"),
                    ("summary_en", summary),
                ],
            )
            .await;
        assert_eq!(location(&sent), "/en/login?kept=1", "{:?}", app.backend);
        let page = match facilitator
            .http
            .get(app.url("/en/login?kept=1"))
            .send()
            .await
        {
            Ok(r) => r.text().await.unwrap_or_default(),
            Err(e) => panic!("{e}"),
        };
        assert!(page.contains("nothing was saved"), "{:?}", app.backend);
        assert!(page.contains(&title), "the title comes back");
        assert!(
            page.contains("&lt;script&gt;alert(1)&lt;/script&gt; =SUM(A1)"),
            "escaped"
        );
        assert!(!page.contains("<script>alert(1)"));
        assert!(page.contains("name=\"password\""), "beside a sign-in");
        let saved = app::ssr::entities::forum::Entity::find()
            .all(&db)
            .await
            .unwrap_or_default()
            .into_iter()
            .any(|f| f.title_en.as_deref() == Some(title.as_str()));
        assert!(!saved, "nothing is saved");
        // Shown once: it does not wait in the session for whoever comes next.
        let again = match facilitator
            .http
            .get(app.url("/en/login?kept=1"))
            .send()
            .await
        {
            Ok(r) => r.text().await.unwrap_or_default(),
            Err(e) => panic!("{e}"),
        };
        assert!(!again.contains(&title));
    }
}
