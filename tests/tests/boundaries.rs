//! Edges of the account rules: server functions called directly, session lifetime,
//! production cookies, and the `create-admin` command.
use std::{io::Write, process::Stdio};

use app::{
    api::{
        account::GetAccount,
        admin::{GetOrganisations, GetSettings},
        people::GetPeople,
    },
    domain::role::Role,
};
use chrono::TimeDelta;
use leptos::server_fn::ServerFn;
use reqwest::StatusCode;
use tests::{
    apps, browser_like, fixtures, isolated_apps, production_apps, session::sign_in_as,
    workspace_root,
};

/// Each read server function, called over HTTP as the browser would, by each role.
#[tokio::test]
async fn server_functions_refuse_with_401_or_403() {
    for app in apps() {
        let db = app.db().await;
        let moj = fixtures::org_id(&db, "moj").await;
        let admin = sign_in_as(app, Role::Admin, None).await;
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let official = sign_in_as(app, Role::Official, Some(moj)).await;
        let anonymous = browser_like(app);
        use StatusCode as S;
        // (path, anonymous, official, facilitator, admin)
        let table = [
            (GetAccount::PATH, S::UNAUTHORIZED, S::OK, S::OK, S::OK),
            (GetPeople::PATH, S::UNAUTHORIZED, S::FORBIDDEN, S::OK, S::OK),
            (
                GetSettings::PATH,
                S::UNAUTHORIZED,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::OK,
            ),
            (
                GetOrganisations::PATH,
                S::UNAUTHORIZED,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::OK,
            ),
        ];
        for (path, anon, off, fac, adm) in table {
            for (who, http, expected) in [
                ("anonymous", &anonymous, anon),
                ("official", &official.http, off),
                ("facilitator", &facilitator.http, fac),
                ("admin", &admin.http, adm),
            ] {
                let status = http
                    .get(app.url(path))
                    .send()
                    .await
                    .map(|r| r.status())
                    .ok();
                assert_eq!(
                    status,
                    Some(expected),
                    "{who} → {path} on {:?}",
                    app.backend
                );
            }
        }
    }
}

#[tokio::test]
async fn a_session_ends_twelve_hours_after_sign_in_however_busy() {
    // Moves the clock: servers of its own.
    for app in &isolated_apps() {
        let fac = sign_in_as(app, Role::Facilitator, None).await;
        let mut elapsed = TimeDelta::zero();
        loop {
            app.clock.advance(TimeDelta::minutes(25));
            elapsed += TimeDelta::minutes(25);
            let status = fac
                .http
                .get(app.url("/en/account"))
                .send()
                .await
                .map(|r| r.status())
                .ok();
            if elapsed <= TimeDelta::hours(12) {
                assert_eq!(
                    status,
                    Some(StatusCode::OK),
                    "ended early at {elapsed} on {:?}",
                    app.backend
                );
            } else {
                assert_eq!(
                    status,
                    Some(StatusCode::UNAUTHORIZED),
                    "still open at {elapsed}"
                );
                break;
            }
        }
    }
}

#[tokio::test]
async fn production_cookies_are_host_only_and_secure() {
    for app in &production_apps() {
        let db = app.db().await;
        let email = fixtures::account(&db, "prod", Role::Facilitator, None).await;
        let form = [("email", email.as_str()), ("password", fixtures::PASSWORD)];
        let response = browser_like(app)
            .post(app.url("/en/login"))
            .form(&form)
            .send()
            .await;
        let Ok(response) = response else {
            panic!("sign-in")
        };
        let cookie = response
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        assert!(cookie.starts_with("__Host-samleng_session="), "{cookie}");
        for attribute in ["Secure", "HttpOnly", "SameSite=Strict", "Path=/"] {
            assert!(cookie.contains(attribute), "{attribute} missing: {cookie}");
        }
        assert!(
            !cookie.contains("Domain="),
            "a __Host- cookie has no Domain"
        );
        let public = browser_like(app).get(app.url("/en/")).send().await;
        let hsts = public
            .ok()
            .and_then(|r| r.headers().get("strict-transport-security").cloned());
        assert!(hsts.is_some_and(|v| v.to_str().unwrap_or_default().contains("max-age=31536000")));
    }
}

/// Runs `samleng create-admin` on a fresh SQLite file with `password` on standard input.
fn create_admin(database: &std::path::Path, password: &str) -> std::process::Output {
    let binary = workspace_root().join("target/debug/samleng");
    let child = std::process::Command::new(&binary)
        .args([
            "create-admin",
            "--email",
            "first@example.org",
            "--name",
            "First Admin",
        ])
        .env("DATABASE_URL", format!("sqlite://{}", database.display()))
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => panic!(
            "cannot run {} (build it with cargo leptos build): {e}",
            binary.display()
        ),
    };
    if let Some(mut stdin) = child.stdin.take() {
        let _ = writeln!(stdin, "{password}");
    }
    match child.wait_with_output() {
        Ok(out) => out,
        Err(e) => panic!("create-admin did not finish: {e}"),
    }
}

#[tokio::test]
async fn create_admin_makes_the_first_administrator_and_refuses_weak_passwords() {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("{e}"),
    };
    let database = dir.path().join("cli.db");
    let weak = create_admin(&database, "password1234");
    assert!(!weak.status.success(), "a common password was accepted");
    assert!(String::from_utf8_lossy(&weak.stderr).contains("too common"));

    let made = create_admin(&database, fixtures::PASSWORD);
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let again = create_admin(&database, fixtures::PASSWORD);
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));

    let db = match app::ssr::db::connect(&format!("sqlite://{}", database.display())).await {
        Ok(db) => db,
        Err(e) => panic!("{e}"),
    };
    use app::ssr::entities::user;
    use sea_orm::EntityTrait;
    let users = user::Entity::find().all(&db).await.unwrap_or_default();
    assert_eq!(users.len(), 1);
    assert_eq!(users[0].role.code(), "admin");
    assert!(users[0].password_hash.starts_with("$argon2id$"));
}
