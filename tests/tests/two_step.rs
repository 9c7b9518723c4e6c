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
        assert_eq!(on, "/en/account");
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
