//! Invitations, roles and disabling, and who may do each, on every configured backend.
use app::domain::role::Role;
use chrono::TimeDelta;
use reqwest::StatusCode;
use tests::{
    TestApp, apps, browser_like, fixtures, isolated_apps, logs,
    reply::{Reply, get, post, send},
    session::{Signed, sign_in_as},
};

/// Makes an invitation as `by` and returns its link (shown once on the people page).
async fn invite(app: &TestApp, by: &Signed, email: &str, role: Role, org: Option<i32>) -> String {
    let org = org.map(|o| o.to_string()).unwrap_or_default();
    let form = [
        ("csrf", by.csrf.as_str()),
        ("email", email),
        ("role", role.code()),
        ("organisation", org.as_str()),
    ];
    let made = post(&by.http, app, "/en/people/invite", &form).await;
    assert_eq!(
        made.location, "/en/people",
        "{:?}: {}",
        app.backend, made.body
    );
    let page = get(&by.http, app, "/en/people").await;
    let link = page
        .body
        .split("href=\"/en/invite/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(|token| format!("/en/invite/{token}"))
        .unwrap_or_default();
    assert!(
        link.starts_with("/en/invite/"),
        "no invitation link shown: {}",
        page.body.split("<main").nth(1).unwrap_or_default()
    );
    let again = get(&by.http, app, "/en/people").await;
    assert!(!again.body.contains(&link), "the link was shown twice");
    link
}

/// As an administrator: decides the waiting invitation for `email` on the people page.
async fn approve(app: &TestApp, admin: &Signed, email: &str, decision: &str) -> Reply {
    let page = get(&admin.http, app, "/en/people").await;
    let entry = page
        .body
        .split(&format!("data-email=\"{email}\""))
        .nth(1)
        .unwrap_or_else(|| panic!("{email} not waiting on the admin's people page"));
    let action = entry
        .split("action=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
        .to_string();
    assert!(action.ends_with("/decide"), "{action}");
    let form = [("csrf", admin.csrf.as_str()), ("decision", decision)];
    post(&admin.http, app, &action, &form).await
}

#[tokio::test]
async fn a_facilitator_asks_for_an_official_whom_an_admin_approves_before_they_join() {
    for app in apps() {
        let db = app.db().await;
        let moj = fixtures::org_id(&db, "moj").await;
        let fac = sign_in_as(app, Role::Facilitator, None).await;
        let page = get(&fac.http, app, "/en/people").await;
        assert_eq!(page.status, StatusCode::OK, "{:?}", app.backend);
        assert!(page.body.contains("value=\"official\""));
        assert!(
            !page.body.contains("value=\"facilitator\""),
            "facilitators invite officials only"
        );
        assert!(
            !page.body.contains("class=\"people\""),
            "the account list is for admins"
        );

        let email = format!(
            "official-{}@example.org",
            chrono::Utc::now().timestamp_micros()
        );
        // An official speaks for a ministry: the facilitator's invitation is a request, with
        // no working link until an administrator approves it.
        let moj_text = moj.to_string();
        let form = [
            ("csrf", fac.csrf.as_str()),
            ("email", email.as_str()),
            ("role", "official"),
            ("organisation", moj_text.as_str()),
        ];
        let asked = post(&fac.http, app, "/en/people/invite", &form).await;
        assert_eq!(asked.location, "/en/people?asked=1", "{}", asked.body);
        let page = get(&fac.http, app, "/en/people?asked=1").await;
        assert!(
            page.body
                .contains("an administrator checks the request first")
        );
        assert!(
            !page.body.contains("/en/invite/"),
            "a request shows no link"
        );
        // A facilitator cannot approve it.
        let forbidden = post(
            &fac.http,
            app,
            "/en/people/invites/1/decide",
            &[("csrf", fac.csrf.as_str()), ("decision", "approve")],
        )
        .await;
        assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
        let admin = sign_in_as(app, Role::Admin, None).await;
        let approved = approve(app, &admin, &email, "approve").await;
        assert_eq!(
            approved.location, "/en/people?decided=approved",
            "{}",
            approved.body
        );
        let shown = get(&admin.http, app, "/en/people?decided=approved").await;
        let link = shown
            .body
            .split("href=\"/en/invite/")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .map(|token| format!("/en/invite/{token}"))
            .unwrap_or_else(|| panic!("no link for the administrator to send"));
        assert!(shown.body.contains(&email), "the link names whom it is for");
        let stranger = browser_like(app);
        let audit = get(&admin.http, app, "/en/audit").await;
        assert!(
            audit
                .body
                .contains(&format!("official {email} organisation {moj}")),
            "the audit names the role, address and organisation"
        );

        let shown = get(&stranger, app, &link).await;
        assert!(shown.body.contains(&email) && shown.body.contains("Ministry of Justice"));
        assert!(shown.body.contains("Official"));

        let weak = post(
            &stranger,
            app,
            &link,
            &[("name", "Sokha"), ("password", "short")],
        )
        .await;
        // The name comes back so it need not be typed again; the password never does.
        assert_eq!(weak.location, format!("{link}?error=too-short&name=Sokha"));
        let refilled = get(&stranger, app, &weak.location).await;
        assert!(refilled.body.contains(r#"value="Sokha""#));
        let common = post(
            &stranger,
            app,
            &link,
            &[("name", "Sokha"), ("password", "password1234")],
        )
        .await;
        assert_eq!(
            common.location,
            format!("{link}?error=too-common&name=Sokha")
        );
        let ok = post(
            &stranger,
            app,
            &link,
            &[("name", "Sokha"), ("password", fixtures::PASSWORD)],
        )
        .await;
        assert_eq!(ok.location, "/en/login?welcome=1", "{}", ok.body);

        let reused = post(
            &stranger,
            app,
            &link,
            &[("name", "Other"), ("password", fixtures::PASSWORD)],
        )
        .await;
        assert_eq!(reused.status, StatusCode::GONE);
        assert!(reused.body.contains("expired or was already used"));
        let gone = get(&stranger, app, &link).await;
        assert_eq!(gone.status, StatusCode::GONE);
        assert!(
            gone.body
                .contains("This link has expired or was already used.")
        );

        let form = [("email", email.as_str()), ("password", fixtures::PASSWORD)];
        let signed = post(&stranger, app, "/en/login", &form).await;
        assert_eq!(signed.location, "/en/account");
        let account = get(&stranger, app, "/en/account").await;
        assert!(account.body.contains("Official") && account.body.contains("Ministry of Justice"));

        // The token is a credential: it never reaches the logs.
        let token = link.trim_start_matches("/en/invite/");
        assert!(!logs::captured().contains(token), "invitation token logged");
    }
}

#[tokio::test]
async fn invitations_expire_after_72_hours() {
    // Moves the clock: servers of its own.
    for app in &isolated_apps() {
        let admin = sign_in_as(app, Role::Admin, None).await;
        let db = app.db().await;
        let moj = fixtures::org_id(&db, "moj").await;
        let link = invite(app, &admin, "late@example.org", Role::Official, Some(moj)).await;
        app.clock.advance(TimeDelta::hours(73));
        let late = get(&browser_like(app), app, &link).await;
        assert_eq!(late.status, StatusCode::GONE, "{:?}", app.backend);
        let form = [("name", "Late"), ("password", fixtures::PASSWORD)];
        assert_eq!(
            post(&browser_like(app), app, &link, &form).await.status,
            StatusCode::GONE
        );
    }
}

#[tokio::test]
async fn unknown_invitation_links_are_not_found() {
    for app in apps() {
        let http = browser_like(app);
        for path in [
            "/en/invite/0123456789abcdef0123456789abcdef",
            "/km/invite/not-a-token",
        ] {
            let reply = get(&http, app, path).await;
            assert_eq!(
                reply.status,
                StatusCode::NOT_FOUND,
                "{path} on {:?}",
                app.backend
            );
        }
    }
}

#[tokio::test]
async fn an_official_invite_must_name_an_organisation() {
    for app in apps() {
        let fac = sign_in_as(app, Role::Facilitator, None).await;
        let form = [
            ("csrf", fac.csrf.as_str()),
            ("email", "x@example.org"),
            ("role", "official"),
            ("organisation", ""),
        ];
        let reply = post(&fac.http, app, "/en/people/invite", &form).await;
        assert!(
            reply.location.starts_with("/en/people?error=organisation"),
            "{:?}: {}",
            app.backend,
            reply.location
        );
        // Nothing typed is lost: the address and the role come back with the message.
        let again = get(&fac.http, app, &reply.location.replace("/en/", "/km/")).await;
        assert!(again.body.contains("មន្ត្រីត្រូវតែជាសមាជិកនៃអង្គការមួយ"));
        assert!(
            again.body.contains("value=\"x@example.org\""),
            "the address is kept"
        );
        assert!(
            again.body.contains("value=\"official\" selected"),
            "the role is kept"
        );
    }
}

/// Each role against each people endpoint: allowed, refused (403), or sent to sign in.
#[tokio::test]
async fn who_may_do_what_to_accounts() {
    for app in apps() {
        let db = app.db().await;
        let moj = fixtures::org_id(&db, "moj").await;
        let target = sign_in_as(app, Role::Facilitator, None).await;
        let admin = sign_in_as(app, Role::Admin, None).await;
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let official = sign_in_as(app, Role::Official, Some(moj)).await;
        // An admin before setting up two-step sign-in may do nothing.
        let bare_admin = {
            let email = fixtures::account(&db, "bare-admin", Role::Admin, None).await;
            let http = browser_like(app);
            let form = [("email", email.as_str()), ("password", fixtures::PASSWORD)];
            post(&http, app, "/en/login", &form).await;
            let page = get(&http, app, "/en/account").await;
            let csrf = page
                .body
                .split("name=\"csrf\" value=\"")
                .nth(1)
                .and_then(|r| r.split('"').next())
                .unwrap_or_default()
                .to_string();
            Signed {
                http,
                csrf,
                email,
                user_id: 0,
            }
        };
        let anonymous = Signed {
            http: browser_like(app),
            csrf: "0".repeat(32),
            email: String::new(),
            user_id: 0,
        };

        let role_path = format!("/en/people/{}/role", target.user_id);
        let org = moj.to_string();
        // (who, view people page, invite a facilitator, invite an official, change a role)
        let cases: [(
            &str,
            &Signed,
            StatusCode,
            StatusCode,
            StatusCode,
            StatusCode,
        ); 5] = [
            (
                "anonymous",
                &anonymous,
                StatusCode::UNAUTHORIZED,
                StatusCode::SEE_OTHER,
                StatusCode::SEE_OTHER,
                StatusCode::SEE_OTHER,
            ),
            (
                "official",
                &official,
                StatusCode::FORBIDDEN,
                StatusCode::FORBIDDEN,
                StatusCode::FORBIDDEN,
                StatusCode::FORBIDDEN,
            ),
            (
                "facilitator",
                &facilitator,
                StatusCode::OK,
                StatusCode::FORBIDDEN,
                StatusCode::SEE_OTHER,
                StatusCode::FORBIDDEN,
            ),
            (
                "admin before two-step",
                &bare_admin,
                StatusCode::FORBIDDEN,
                StatusCode::FORBIDDEN,
                StatusCode::FORBIDDEN,
                StatusCode::FORBIDDEN,
            ),
            (
                "admin",
                &admin,
                StatusCode::OK,
                StatusCode::SEE_OTHER,
                StatusCode::SEE_OTHER,
                StatusCode::SEE_OTHER,
            ),
        ];
        for (who, s, view, inv_fac, inv_off, change) in cases {
            let at = format!("{who} on {:?}", app.backend);
            assert_eq!(
                get(&s.http, app, "/en/people").await.status,
                view,
                "view: {at}"
            );
            let fac_form = [
                ("csrf", s.csrf.as_str()),
                ("email", "f@example.org"),
                ("role", "facilitator"),
            ];
            let r = post(&s.http, app, "/en/people/invite", &fac_form).await;
            assert_eq!(r.status, inv_fac, "invite facilitator: {at}");
            let off_form = [
                ("csrf", s.csrf.as_str()),
                ("email", "o@example.org"),
                ("role", "official"),
                ("organisation", org.as_str()),
            ];
            let r = post(&s.http, app, "/en/people/invite", &off_form).await;
            assert_eq!(r.status, inv_off, "invite official: {at}");
            let r = post(
                &s.http,
                app,
                &role_path,
                &[("csrf", s.csrf.as_str()), ("role", "facilitator")],
            )
            .await;
            assert_eq!(r.status, change, "change role: {at}");
            if r.status == StatusCode::SEE_OTHER && who == "anonymous" {
                assert_eq!(r.location, "/en/login");
            }
        }
        // A signed-in form without the session's token is refused.
        let forged = post(
            &admin.http,
            app,
            &role_path,
            &[("csrf", &"f".repeat(32)), ("role", "official")],
        )
        .await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn an_admin_changes_roles_and_disabling_ends_sessions_at_once() {
    for app in apps() {
        let admin = sign_in_as(app, Role::Admin, None).await;
        let target = sign_in_as(app, Role::Facilitator, None).await;
        let list = get(&admin.http, app, "/en/people").await;
        assert!(
            list.body
                .contains(&format!("data-email=\"{}\"", target.email)),
            "{:?}",
            app.backend
        );

        let path = format!("/en/people/{}/role", target.user_id);
        let changed = post(
            &admin.http,
            app,
            &path,
            &[("csrf", &admin.csrf), ("role", "admin")],
        )
        .await;
        assert_eq!(changed.location, "/en/people");
        let account = get(&target.http, app, "/en/account").await;
        assert!(
            account.body.contains("Administrator"),
            "role change not seen"
        );

        let path = format!("/en/people/{}/disable", target.user_id);
        let off = post(
            &admin.http,
            app,
            &path,
            &[("csrf", &admin.csrf), ("disabled", "true")],
        )
        .await;
        assert_eq!(off.location, "/en/people");
        assert_eq!(
            get(&target.http, app, "/en/account").await.status,
            StatusCode::UNAUTHORIZED
        );
        let form = [
            ("email", target.email.as_str()),
            ("password", fixtures::PASSWORD),
        ];
        let again = post(&browser_like(app), app, "/en/login", &form).await;
        assert_eq!(
            again.location, "/en/login?error=invalid",
            "a disabled account signed in"
        );

        let own = format!("/en/people/{}/disable", admin.user_id);
        let selfish = post(
            &admin.http,
            app,
            &own,
            &[("csrf", &admin.csrf), ("disabled", "true")],
        )
        .await;
        assert_eq!(selfish.location, "/en/people?error=self");
    }
}

#[tokio::test]
async fn changing_a_password_ends_every_session() {
    for app in apps() {
        let fac = sign_in_as(app, Role::Facilitator, None).await;
        let other_device = browser_like(app);
        let login = [
            ("email", fac.email.as_str()),
            ("password", fixtures::PASSWORD),
        ];
        post(&other_device, app, "/en/login", &login).await;
        assert_eq!(
            get(&other_device, app, "/en/account").await.status,
            StatusCode::OK
        );

        let change = |current: &'static str, new: &'static str| {
            [
                ("csrf", fac.csrf.clone()),
                ("current", current.to_string()),
                ("new", new.to_string()),
            ]
        };
        let wrong = send(
            fac.http
                .post(app.url("/en/account/password"))
                .form(&change("not-my-password-1", "a-brand-new-secret-77")),
        )
        .await;
        assert_eq!(
            wrong.location, "/en/account?error=wrong#password",
            "{:?}",
            app.backend
        );
        let short = send(
            fac.http
                .post(app.url("/en/account/password"))
                .form(&change(fixtures::PASSWORD, "short")),
        )
        .await;
        assert_eq!(short.location, "/en/account?error=too-short#password");
        let done = send(
            fac.http
                .post(app.url("/en/account/password"))
                .form(&change(fixtures::PASSWORD, "a-brand-new-secret-77")),
        )
        .await;
        assert_eq!(done.location, "/en/login?changed=1");

        assert_eq!(
            get(&fac.http, app, "/en/account").await.status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            get(&other_device, app, "/en/account").await.status,
            StatusCode::UNAUTHORIZED
        );
        let old = post(&browser_like(app), app, "/en/login", &login).await;
        assert_eq!(old.location, "/en/login?error=invalid");
        let new = [
            ("email", fac.email.as_str()),
            ("password", "a-brand-new-secret-77"),
        ];
        assert_eq!(
            post(&browser_like(app), app, "/en/login", &new)
                .await
                .location,
            "/en/account"
        );
    }
}

#[tokio::test]
async fn an_admin_reset_link_sets_a_new_password_once() {
    for app in apps() {
        let admin = sign_in_as(app, Role::Admin, None).await;
        let target = sign_in_as(
            app,
            Role::Official,
            Some(fixtures::org_id(&app.db().await, "moj").await),
        )
        .await;
        let fac = sign_in_as(app, Role::Facilitator, None).await;
        let path = format!("/en/people/{}/reset", target.user_id);
        assert_eq!(
            post(&fac.http, app, &path, &[("csrf", &fac.csrf)])
                .await
                .status,
            StatusCode::FORBIDDEN
        );

        let made = post(&admin.http, app, &path, &[("csrf", &admin.csrf)]).await;
        assert_eq!(made.location, "/en/people", "{:?}", app.backend);
        let page = get(&admin.http, app, "/en/people").await;
        let link = page
            .body
            .split("href=\"/en/reset/")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .map(|token| format!("/en/reset/{token}"))
            .unwrap_or_default();
        assert!(link.len() > "/en/reset/".len(), "no reset link shown");

        let stranger = browser_like(app);
        assert_eq!(get(&stranger, app, &link).await.status, StatusCode::OK);
        let weak = post(&stranger, app, &link, &[("password", "password1234")]).await;
        assert_eq!(weak.location, format!("{link}?error=too-common"));
        let done = post(
            &stranger,
            app,
            &link,
            &[("password", "fresh-start-river-9")],
        )
        .await;
        assert_eq!(done.location, "/en/login?changed=1");
        assert_eq!(
            get(&target.http, app, "/en/account").await.status,
            StatusCode::UNAUTHORIZED
        );
        let again = post(
            &stranger,
            app,
            &link,
            &[("password", "another-new-one-123")],
        )
        .await;
        assert_eq!(again.status, StatusCode::GONE);
        let new = [
            ("email", target.email.as_str()),
            ("password", "fresh-start-river-9"),
        ];
        assert_eq!(
            post(&browser_like(app), app, "/en/login", &new)
                .await
                .location,
            "/en/account"
        );
        let token = link.trim_start_matches("/en/reset/");
        assert!(!logs::captured().contains(token), "reset token logged");
    }
}

#[tokio::test]
async fn an_admin_resets_a_lost_two_step_device() {
    for app in apps() {
        let admin = sign_in_as(app, Role::Admin, None).await;
        let other = sign_in_as(app, Role::Admin, None).await;
        let path = format!("/en/people/{}/two-step-reset", other.user_id);
        let fac = sign_in_as(app, Role::Facilitator, None).await;
        assert_eq!(
            post(&fac.http, app, &path, &[("csrf", &fac.csrf)])
                .await
                .status,
            StatusCode::FORBIDDEN
        );

        let done = post(&admin.http, app, &path, &[("csrf", &admin.csrf)]).await;
        assert_eq!(done.location, "/en/people", "{:?}", app.backend);
        assert_eq!(
            get(&other.http, app, "/en/account").await.status,
            StatusCode::UNAUTHORIZED
        );
        // With the password alone they are in, but must set two-step up again first.
        let fresh = browser_like(app);
        let form = [
            ("email", other.email.as_str()),
            ("password", fixtures::PASSWORD),
        ];
        assert_eq!(
            post(&fresh, app, "/en/login", &form).await.location,
            "/en/account"
        );
        let account = get(&fresh, app, "/en/account").await;
        assert!(account.body.contains("must use two-step sign-in"));
        let log = get(&admin.http, app, "/en/audit?action=totp_reset").await;
        assert!(log.body.contains("Two-step sign-in reset"));
    }
}
