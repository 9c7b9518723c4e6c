//! The administrators' screens: audit log, settings, organisations.
use app::domain::role::Role;
use reqwest::{Client, StatusCode};
use tests::{TestApp, apps, browser_like, fixtures, isolated_apps, session::sign_in_as};

async fn get(http: &Client, app: &TestApp, path: &str) -> (StatusCode, String) {
    match http.get(app.url(path)).send().await {
        Ok(r) => (r.status(), r.text().await.unwrap_or_default()),
        Err(e) => panic!("GET {path}: {e}"),
    }
}

async fn post(
    http: &Client,
    app: &TestApp,
    path: &str,
    form: &[(&str, &str)],
) -> (StatusCode, String) {
    match http.post(app.url(path)).form(form).send().await {
        Ok(r) => {
            let location = r
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_string();
            (r.status(), location)
        }
        Err(e) => panic!("POST {path}: {e}"),
    }
}

fn rows(html: &str) -> Vec<String> {
    html.split("data-action=\"")
        .skip(1)
        .filter_map(|r| r.split('"').next())
        .map(str::to_string)
        .collect()
}

#[tokio::test]
async fn the_audit_log_is_for_admins_and_filters() {
    for app in apps() {
        let admin = sign_in_as(app, Role::Admin, None).await;
        let fac = sign_in_as(app, Role::Facilitator, None).await;
        let (status, all) = get(&admin.http, app, "/en/audit").await;
        assert_eq!(status, StatusCode::OK, "{:?}", app.backend);
        assert!(rows(&all).contains(&"login_success".to_string()));
        assert!(all.contains("Signed in"), "actions are translated");

        let path = format!("/km/audit?action=login_success&actor={}", fac.email);
        let (_, mine) = get(&admin.http, app, &path).await;
        let found = rows(&mine);
        assert!(!found.is_empty(), "the facilitator's sign-in is missing");
        assert!(found.iter().all(|a| a == "login_success"), "{found:?}");
        assert!(
            mine.contains(&fac.email) && !mine.contains(&admin.email),
            "actor filter"
        );
        assert!(mine.contains("បានចូលគណនី"));

        // Objects by the names people use, times as Cambodia lives them.
        let db = app.db().await;
        let moj = tests::fixtures::org_id(&db, "moj").await;
        let reference = format!("AU-{}", chrono::Utc::now().timestamp_micros() % 1_000_000);
        tests::tracker::new_recommendation(&fac, app, &reference, "កត់ត្រា", &[moj], true).await;
        let cambodia = chrono::Utc::now() + chrono::TimeDelta::hours(7);
        let path = format!("/en/audit?actor={}", fac.email);
        let (_, named) = get(&admin.http, app, &path).await;
        assert!(named.contains("When (Cambodia time)"));
        assert!(
            named.contains(&format!(">{reference}")),
            "the recommendation is named by its reference"
        );
        assert!(
            named.contains(&format!(">{}<", fac.email)) && !named.contains(">user "),
            "an account is named by its email"
        );
        let hours = [cambodia, cambodia - chrono::TimeDelta::minutes(5)]
            .map(|t| t.format("%Y-%m-%d %H:").to_string());
        assert!(
            hours.iter().any(|h| named.contains(h.as_str())),
            "Cambodia time: {hours:?}"
        );

        let (_, future) = get(&admin.http, app, "/en/audit?from=2999-01-01").await;
        assert!(rows(&future).is_empty(), "date filter");
        assert_eq!(
            get(&fac.http, app, "/en/audit").await.0,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            get(&browser_like(app), app, "/en/audit").await.0,
            StatusCode::UNAUTHORIZED
        );
    }
}

#[tokio::test]
async fn an_admin_can_require_two_step_sign_in_for_everyone() {
    // A platform-wide setting: servers of its own.
    for app in &isolated_apps() {
        let admin = sign_in_as(app, Role::Admin, None).await;
        let fac = sign_in_as(app, Role::Facilitator, None).await;
        let (status, _) = post(
            &fac.http,
            app,
            "/en/settings",
            &[("csrf", &fac.csrf), ("require_totp_for_all", "on")],
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{:?}", app.backend);

        let (_, to) = post(
            &admin.http,
            app,
            "/en/settings",
            &[("csrf", &admin.csrf), ("require_totp_for_all", "on")],
        )
        .await;
        assert_eq!(to, "/en/settings?saved=1");
        let (_, account) = get(&fac.http, app, "/en/account").await;
        assert!(
            account.contains("must use two-step sign-in"),
            "setting not applied"
        );
        assert_eq!(
            get(&fac.http, app, "/en/people").await.0,
            StatusCode::FORBIDDEN
        );

        let (_, to) = post(&admin.http, app, "/en/settings", &[("csrf", &admin.csrf)]).await;
        assert_eq!(to, "/en/settings?saved=1");
        assert_eq!(get(&fac.http, app, "/en/people").await.0, StatusCode::OK);
        let (_, log) = get(&admin.http, app, "/en/audit?action=setting_change").await;
        assert_eq!(rows(&log).len(), 2);
    }
}

#[tokio::test]
async fn admins_add_and_rename_organisations_in_both_languages() {
    for app in apps() {
        let admin = sign_in_as(app, Role::Admin, None).await;
        let code = format!("org-{}", chrono::Utc::now().timestamp_micros());
        let form = [
            ("csrf", admin.csrf.as_str()),
            ("code", code.as_str()),
            ("name_km", "អង្គការសាកល្បង"),
            ("name_en", "Test Organisation"),
            ("kind", "ngo"),
        ];
        let (_, to) = post(&admin.http, app, "/en/organisations/new", &form).await;
        assert_eq!(to, "/en/organisations", "{:?}", app.backend);
        let (_, page) = get(&admin.http, app, "/km/organisations").await;
        assert!(page.contains("អង្គការសាកល្បង") && page.contains(&code));

        let (_, again) = post(&admin.http, app, "/en/organisations/new", &form).await;
        assert_eq!(again, "/en/organisations?error=taken");
        let bad = [
            ("csrf", admin.csrf.as_str()),
            ("code", "Bad Code!"),
            ("name_en", "X"),
            ("kind", "ngo"),
        ];
        assert_eq!(
            post(&admin.http, app, "/en/organisations/new", &bad)
                .await
                .1,
            "/en/organisations?error=code"
        );
        let nameless = [
            ("csrf", admin.csrf.as_str()),
            ("code", "nameless"),
            ("kind", "ngo"),
        ];
        assert_eq!(
            post(&admin.http, app, "/en/organisations/new", &nameless)
                .await
                .1,
            "/en/organisations?error=name"
        );

        let db = app.db().await;
        let id = fixtures::org_id(&db, &code).await.to_string();
        let rename = [
            ("csrf", admin.csrf.as_str()),
            ("code", code.as_str()),
            ("name_km", "អង្គការថ្មី"),
            ("name_en", "Renamed Organisation"),
            ("kind", "donor"),
        ];
        let (_, to) = post(
            &admin.http,
            app,
            &format!("/en/organisations/{id}"),
            &rename,
        )
        .await;
        assert_eq!(to, "/en/organisations");
        let (_, page) = get(&admin.http, app, "/en/organisations").await;
        assert!(page.contains("Renamed Organisation"));

        let fac = sign_in_as(app, Role::Facilitator, None).await;
        assert_eq!(
            get(&fac.http, app, "/en/organisations").await.0,
            StatusCode::FORBIDDEN
        );
        let theirs = [
            ("csrf", fac.csrf.as_str()),
            ("code", "sneaky"),
            ("name_en", "X"),
            ("kind", "ngo"),
        ];
        assert_eq!(
            post(&fac.http, app, "/en/organisations/new", &theirs)
                .await
                .0,
            StatusCode::FORBIDDEN
        );
    }
}

/// K, the smallest group of feedback shown, is an admin setting that never goes below 3.
#[tokio::test]
async fn an_admin_sets_the_anonymity_threshold_but_never_below_three() {
    for app in isolated_apps() {
        let admin = sign_in_as(&app, Role::Admin, None).await;
        let (_, to) = post(
            &admin.http,
            &app,
            "/en/settings",
            &[("csrf", &admin.csrf), ("anonymity_threshold", "2")],
        )
        .await;
        assert_eq!(to, "/en/settings?error=threshold");
        let (_, page) = get(&admin.http, &app, "/en/settings?error=threshold").await;
        assert!(page.contains("at least 3"), "a clear message");
        let (_, to) = post(
            &admin.http,
            &app,
            "/en/settings",
            &[("csrf", &admin.csrf), ("anonymity_threshold", "7")],
        )
        .await;
        assert_eq!(to, "/en/settings?saved=1");
        let summary = tests::survivor::get(&app, "/en/services").await.body;
        assert!(
            summary.contains("at least 7 people"),
            "the summary uses the new K"
        );
    }
}

/// Who posts, where, what, and the refusal expected.
type Case<'a> = (
    &'a tests::session::Signed,
    &'a str,
    Vec<(&'a str, String)>,
    app::refusal::Refusal,
);

/// A refused form sends the person back to its page, which says why in the page's language;
/// a code the page does not know reads as "something went wrong", never as markup.
#[tokio::test]
async fn a_refused_form_says_why_on_its_own_page_in_both_languages() {
    use app::{domain::lang::Lang, i18n::t, refusal::Refusal};
    for app in apps() {
        let admin = sign_in_as(app, Role::Admin, None).await;
        let fac = sign_in_as(app, Role::Facilitator, None).await;
        let csrf = |who: &tests::session::Signed| who.csrf.clone();
        let cases: [Case; 4] = [
            (
                &admin,
                "/{lang}/settings",
                vec![("csrf", csrf(&admin)), ("anonymity_threshold", "2".into())],
                Refusal::Threshold,
            ),
            (
                &admin,
                "/{lang}/organisations/new",
                vec![
                    ("csrf", csrf(&admin)),
                    ("code", "Bad Code!".into()),
                    ("name_en", "X".into()),
                    ("kind", "ngo".into()),
                ],
                Refusal::OrgCode,
            ),
            (
                &fac,
                "/{lang}/moderation/spam",
                vec![("csrf", csrf(&fac))],
                Refusal::NoneChosen,
            ),
            (
                &fac,
                "/{lang}/venues",
                vec![("csrf", csrf(&fac)), ("label", " ".into())],
                Refusal::VenueLabel,
            ),
        ];
        for (who, path, form, why) in cases {
            for lang in [Lang::Km, Lang::En] {
                let path = path.replace("{lang}", lang.code());
                let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
                let (_, to) = post(&who.http, app, &path, &form).await;
                assert!(
                    to.ends_with(&format!("?error={}", why.code())),
                    "{path}: {to}"
                );
                let (status, page) = get(&who.http, app, &to).await;
                assert_eq!(status, StatusCode::OK, "{to}");
                assert!(page.contains(&t(lang, why.message_key())), "{to}: {why:?}");
            }
        }
        let (_, page) = get(&admin.http, app, "/en/settings?error=%3Cb%3Ex").await;
        assert!(page.contains(&t(Lang::En, "error-internal")));
        assert!(!page.contains("<b>x"));
    }
}
