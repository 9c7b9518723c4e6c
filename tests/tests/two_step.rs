//! Two-step sign-in (TOTP): setting it up, signing in with it, and codes that cannot be reused.
use app::{domain::role::Role, ssr::auth::totp};
use reqwest::{Client, StatusCode};
use tests::{TestApp, apps, browser_like, fixtures};

async fn post(http: &Client, app: &TestApp, path: &str, form: &[(&str, &str)]) -> String {
    match http.post(app.url(path)).form(form).send().await {
        Ok(r) => r
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string(),
        Err(e) => panic!("POST {path}: {e}"),
    }
}

async fn page(http: &Client, app: &TestApp, path: &str) -> (StatusCode, String) {
    match http.get(app.url(path)).send().await {
        Ok(r) => (r.status(), r.text().await.unwrap_or_default()),
        Err(e) => panic!("GET {path}: {e}"),
    }
}

fn attribute(html: &str, marker: &str) -> String {
    html.split(marker)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
        .to_string()
}

fn code(secret: &str, offset_seconds: i64) -> String {
    let now = chrono::Utc::now().timestamp();
    totp::code_at(secret, now + offset_seconds).unwrap_or_default()
}

#[tokio::test]
async fn two_step_sign_in_works_and_codes_are_never_reused() {
    for app in apps() {
        let db = app.db().await;
        let email = fixtures::account(&db, "totp", Role::Facilitator, None).await;
        let password = [("email", email.as_str()), ("password", fixtures::PASSWORD)];

        let http = browser_like(app);
        assert_eq!(
            post(&http, app, "/en/login", &password).await,
            "/en/account"
        );
        let (_, account) = page(&http, app, "/en/account").await;
        assert!(
            account.contains("Two-step sign-in is off."),
            "{:?}",
            app.backend
        );

        let (status, setup) = page(&http, app, "/km/account/two-step").await;
        assert_eq!(status, StatusCode::OK);
        assert!(setup.contains("ការចូលគណនីពីរជំហាន"));
        let secret = attribute(&setup, "data-secret=\"");
        let csrf = attribute(&setup, "name=\"csrf\" value=\"");
        assert_eq!(secret.len(), 32, "secret not shown");

        let wrong = post(
            &http,
            app,
            "/en/account/two-step",
            &[("csrf", &csrf), ("code", "000000")],
        )
        .await;
        assert_eq!(wrong, "/en/account/two-step?error=invalid");
        let first = code(&secret, 0);
        let on = post(
            &http,
            app,
            "/en/account/two-step",
            &[("csrf", &csrf), ("code", &first)],
        )
        .await;
        assert_eq!(on, "/en/account#recovery");
        let (_, account) = page(&http, app, "/en/account").await;
        assert!(account.contains("Two-step sign-in is on."));

        // Now the password alone opens nothing.
        let fresh = browser_like(app);
        assert_eq!(
            post(&fresh, app, "/en/login", &password).await,
            "/en/login/code"
        );
        assert_eq!(
            page(&fresh, app, "/en/account").await.0,
            StatusCode::UNAUTHORIZED
        );
        let reused = post(&fresh, app, "/en/login/code", &[("code", &first)]).await;
        assert_eq!(
            reused, "/en/login/code?error=invalid",
            "the set-up code worked twice"
        );
        let next = code(&secret, 30);
        assert_eq!(
            post(&fresh, app, "/en/login/code", &[("code", &next)]).await,
            "/en/account"
        );
        assert_eq!(page(&fresh, app, "/en/account").await.0, StatusCode::OK);

        let again = browser_like(app);
        assert_eq!(
            post(&again, app, "/en/login", &password).await,
            "/en/login/code"
        );
        let replay = post(&again, app, "/en/login/code", &[("code", &next)]).await;
        assert_eq!(
            replay, "/en/login/code?error=invalid",
            "a sign-in code worked twice"
        );
    }
}

#[tokio::test]
async fn a_code_without_a_password_first_is_refused() {
    for app in apps() {
        let http = browser_like(app);
        let r = post(&http, app, "/en/login/code", &[("code", "123456")]).await;
        assert_eq!(r, "/en/login?error=expired", "{:?}", app.backend);
    }
}

#[tokio::test]
async fn admins_must_set_up_two_step_before_anything_else() {
    for app in apps() {
        let db = app.db().await;
        let email = fixtures::account(&db, "admin", Role::Admin, None).await;
        let http = browser_like(app);
        let form = [("email", email.as_str()), ("password", fixtures::PASSWORD)];
        assert_eq!(post(&http, app, "/en/login", &form).await, "/en/account");
        let (status, account) = page(&http, app, "/en/account").await;
        assert_eq!(status, StatusCode::OK, "{:?}", app.backend);
        assert!(account.contains("must use two-step sign-in"));
        assert!(
            !account.contains("Read the audit log"),
            "admin powers before two-step"
        );
    }
}

#[tokio::test]
async fn recovery_codes_stand_in_for_a_lost_phone_once_each() {
    for app in apps() {
        let db = app.db().await;
        let email = fixtures::account(&db, "recovery", Role::Official, None).await;
        let password = [("email", email.as_str()), ("password", fixtures::PASSWORD)];
        let http = browser_like(app);
        post(&http, app, "/en/login", &password).await;
        let (_, setup) = page(&http, app, "/en/account/two-step").await;
        assert!(
            setup.contains("data:image/svg+xml;base64,"),
            "a QR code to scan"
        );
        let secret = attribute(&setup, "data-secret=\"");
        let csrf = attribute(&setup, "name=\"csrf\" value=\"");
        let on = post(
            &http,
            app,
            "/en/account/two-step",
            &[("csrf", &csrf), ("code", &code(&secret, 0))],
        )
        .await;
        assert_eq!(on, "/en/account#recovery");
        let (_, account) = page(&http, app, "/en/account").await;
        let codes: Vec<String> = account
            .split("<ul class=\"recovery-codes\">")
            .nth(1)
            .unwrap_or_default()
            .split("</ul>")
            .next()
            .unwrap_or_default()
            .split("<code>")
            .skip(1)
            .filter_map(|c| c.split("</code>").next())
            .map(str::to_string)
            .collect();
        assert_eq!(codes.len(), 10, "ten codes, shown once: {account}");
        let (_, again) = page(&http, app, "/en/account").await;
        assert!(!again.contains(&codes[0]), "shown twice");
        assert!(again.contains("You have 10 unused recovery codes."));
        let stored = tests::survivor::dump_database(app).await;
        assert!(
            !stored.contains(&codes[0]),
            "a recovery code stored in clear"
        );
        assert!(
            !stored.contains(&secret),
            "the two-step secret stored in clear"
        );

        // The phone is lost: a recovery code signs in once, in capitals and with spaces too.
        let typed = codes[0].to_uppercase().replace('-', " ");
        let lost = browser_like(app);
        assert_eq!(
            post(&lost, app, "/en/login", &password).await,
            "/en/login/code"
        );
        assert_eq!(
            post(&lost, app, "/en/login/code", &[("code", &typed)]).await,
            "/en/account"
        );
        let twice = browser_like(app);
        post(&twice, app, "/en/login", &password).await;
        assert_eq!(
            post(&twice, app, "/en/login/code", &[("code", &codes[0])]).await,
            "/en/login/code?error=invalid",
            "a recovery code worked twice"
        );
        let (_, left) = page(&lost, app, "/en/account").await;
        assert!(left.contains("You have 9 unused recovery codes."));
    }
}

#[tokio::test]
async fn staff_must_set_up_two_step_by_default() {
    // Configured as in production: the setting is as a new installation has it. Its cookie is
    // `Secure`, so the test carries it by hand over plain HTTP.
    for app in &tests::production_apps() {
        let db = app.db().await;
        for role in [Role::Facilitator, Role::Official] {
            let email = fixtures::account(&db, role.code(), role, None).await;
            let form = [("email", email.as_str()), ("password", fixtures::PASSWORD)];
            let signed = browser_like(app)
                .post(app.url("/en/login"))
                .form(&form)
                .send()
                .await
                .unwrap_or_else(|e| panic!("sign-in: {e}"));
            let cookie = signed
                .headers()
                .get("set-cookie")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(';').next())
                .unwrap_or_default()
                .to_string();
            let account = tests::client()
                .get(app.url("/en/account"))
                .header("cookie", cookie)
                .send()
                .await
                .unwrap_or_else(|e| panic!("account: {e}"))
                .text()
                .await
                .unwrap_or_default();
            assert!(
                account.contains("must use two-step sign-in"),
                "{role:?}: not asked to set up two-step: {account}"
            );
        }
    }
}
