//! Links that reach people by email: invitations (sent, listed with their expiry, sent again,
//! revoked) and "forgot password" (one hour, one use, the same answer for anyone), on every
//! configured backend.
use app::domain::role::Role;
use chrono::TimeDelta;
use reqwest::StatusCode;
use tests::{
    TestApp, apps, browser_like, isolated_apps,
    reply::{Reply, get, post},
    session::{Signed, sign_in_as},
    tracker::{mail_text, outbox},
};

fn unique(name: &str) -> String {
    format!(
        "{name}-{}@example.org",
        chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
    )
}

/// The messages sent to `to` so far, their bodies decoded; waits for at least `at_least`.
async fn mails_to(app: &TestApp, to: &str, at_least: usize) -> Vec<String> {
    let mut found = Vec::new();
    for _ in 0..30 {
        found = outbox(app, 0)
            .await
            .into_iter()
            .filter(|eml| eml.contains(&format!("To: {to}")))
            .map(|eml| mail_text(&eml))
            .collect();
        if found.len() >= at_least {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    found
}

/// The token of the first `/{lang}/{page}/…` link in `text` that is not in `seen`.
fn token_in(text: &str, lang: &str, page: &str, seen: &[String]) -> String {
    let marker = format!("/{lang}/{page}/");
    text.split(&marker)
        .skip(1)
        .filter_map(|rest| rest.split(|c: char| !c.is_ascii_alphanumeric()).next())
        .find(|t| t.len() >= 20 && !seen.iter().any(|s| s == t))
        .unwrap_or_else(|| panic!("no new {marker} link in: {text}"))
        .to_string()
}

/// The address a form on `page` posts to for the entry of `email` ending in `ends`.
fn action_for(page: &str, email: &str, ends: &str) -> Option<String> {
    let entry = page.split(&format!("data-email=\"{email}\"")).nth(1)?;
    let entry = entry.split("</li>").next()?;
    entry
        .split("action=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .find(|a| a.ends_with(ends))
        .map(str::to_string)
}

async fn invite(app: &TestApp, by: &Signed, email: &str, role: Role) -> Reply {
    let form = [
        ("csrf", by.csrf.as_str()),
        ("email", email),
        ("role", role.code()),
        ("organisation", ""),
    ];
    post(&by.http, app, "/en/people/invite", &form).await
}

#[tokio::test]
async fn an_invitation_is_emailed_listed_sent_again_and_revoked() {
    for app in apps() {
        let admin = sign_in_as(app, Role::Admin, None).await;
        let email = unique("invited");
        let made = invite(app, &admin, &email, Role::Facilitator).await;
        assert_eq!(
            made.location, "/en/people",
            "{:?}: {}",
            app.backend, made.body
        );
        let page = get(&admin.http, app, "/en/people").await;
        assert!(
            page.body
                .contains(&format!("We emailed the link to {email}")),
            "{:?}: the screen says whom it went to",
            app.backend
        );

        // The message: Khmer first, then English, each with the whole address to open.
        let mails = mails_to(app, &email, 1).await;
        assert_eq!(mails.len(), 1, "{:?}", app.backend);
        let text = &mails[0];
        let khmer = text.find("/km/invite/").unwrap_or(usize::MAX);
        let english = text.find("/en/invite/").unwrap_or(0);
        assert!(khmer < english, "Khmer, then English: {text}");
        assert!(text.contains("http://127.0.0.1:3000/en/invite/"), "{text}");
        assert!(text.contains("ផ្ញើ") || text.contains("អញ្ជើញ"), "{text}");
        let first = token_in(text, "en", "invite", &[]);
        assert!(page.body.contains(&first), "the link is shown once too");
        assert_eq!(
            get(&browser_like(app), app, &format!("/km/invite/{first}"))
                .await
                .status,
            StatusCode::OK
        );

        // Listed as not yet accepted, with until when it works, in both languages.
        let page = get(&admin.http, app, "/en/people").await;
        assert!(page.body.contains("Invitations not yet accepted"));
        let entry = page
            .body
            .split("class=\"people pending\"")
            .nth(1)
            .unwrap_or_default();
        assert!(entry.contains(&email), "{:?}: not listed", app.backend);
        assert!(entry.contains("link works until"), "{entry}");
        let km = get(&admin.http, app, "/km/people").await;
        assert!(km.body.contains("តំណប្រើបានរហូតដល់"), "Khmer expiry");

        // Sent again: a new message with a new link, and the old link stops working.
        let resend = action_for(&page.body, &email, "/resend").unwrap_or_default();
        assert!(resend.starts_with("/en/people/invites/"), "{resend}");
        let again = post(&admin.http, app, &resend, &[("csrf", admin.csrf.as_str())]).await;
        assert_eq!(again.location, "/en/people", "{}", again.body);
        let mails = mails_to(app, &email, 2).await;
        assert_eq!(mails.len(), 2, "{:?}: a second message", app.backend);
        let second = token_in(
            &mails.join("\n"),
            "en",
            "invite",
            std::slice::from_ref(&first),
        );
        let gone = get(&browser_like(app), app, &format!("/en/invite/{first}")).await;
        assert_eq!(gone.status, StatusCode::GONE, "{:?}: old link", app.backend);
        let new = get(&browser_like(app), app, &format!("/en/invite/{second}")).await;
        assert_eq!(new.status, StatusCode::OK, "{:?}: new link", app.backend);

        // Someone else's invitation is not a facilitator's to revoke.
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        // The new link is a new invitation on the list; the old one has left it.
        let page = get(&admin.http, app, "/en/people").await;
        let revoke = action_for(&page.body, &email, "/revoke").unwrap_or_default();
        assert!(revoke.ends_with("/revoke"), "{revoke}");
        assert_eq!(
            page.body
                .matches(&format!("data-email=\"{email}\""))
                .count(),
            1
        );
        let resend = action_for(&page.body, &email, "/resend").unwrap_or_default();
        let theirs = post(
            &facilitator.http,
            app,
            &revoke,
            &[("csrf", facilitator.csrf.as_str())],
        )
        .await;
        assert!(theirs.location.contains("error="), "{:?}", theirs.location);
        let still = get(&browser_like(app), app, &format!("/en/invite/{second}")).await;
        assert_eq!(still.status, StatusCode::OK, "{:?}", app.backend);
        // Nor anyone's without the form's token, nor signed out.
        let forged = post(&admin.http, app, &revoke, &[("csrf", "forged")]).await;
        assert_ne!(forged.location, "/en/people?revoked=1#sent");
        let stranger = post(&browser_like(app), app, &revoke, &[("csrf", "")]).await;
        assert_ne!(stranger.location, "/en/people?revoked=1#sent");

        // Revoked: the link is gone for good, the list forgets it, and twice is refused.
        let done = post(&admin.http, app, &revoke, &[("csrf", admin.csrf.as_str())]).await;
        assert_eq!(done.location, "/en/people?revoked=1#sent", "{}", done.body);
        let gone = get(&browser_like(app), app, &format!("/en/invite/{second}")).await;
        assert_eq!(gone.status, StatusCode::GONE, "{:?}: revoked", app.backend);
        let page = get(&admin.http, app, "/en/people?revoked=1").await;
        assert!(page.body.contains("That invitation's link no longer works"));
        assert!(action_for(&page.body, &email, "/resend").is_none());
        let twice = post(&admin.http, app, &revoke, &[("csrf", admin.csrf.as_str())]).await;
        assert!(twice.location.contains("error="), "{:?}", twice.location);
        assert!(
            post(&admin.http, app, &resend, &[("csrf", admin.csrf.as_str())])
                .await
                .location
                .contains("error="),
            "a revoked invitation is not revived"
        );
        assert_eq!(mails_to(app, &email, 2).await.len(), 2);
    }
}

#[tokio::test]
async fn a_facilitator_sees_and_sends_again_only_their_own_invitations() {
    for app in apps() {
        let admin = sign_in_as(app, Role::Admin, None).await;
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let db = app.db().await;
        let moj = tests::fixtures::org_id(&db, "moj").await.to_string();
        let admins = unique("admins-own");
        invite(app, &admin, &admins, Role::Facilitator).await;
        // A facilitator's invitation of an official is a request until an administrator
        // approves it; from then on it is theirs to send again.
        let mine = unique("facilitators-own");
        let form = [
            ("csrf", facilitator.csrf.as_str()),
            ("email", mine.as_str()),
            ("role", "official"),
            ("organisation", moj.as_str()),
        ];
        let asked = post(&facilitator.http, app, "/en/people/invite", &form).await;
        assert_eq!(asked.location, "/en/people?asked=1", "{:?}", app.backend);
        assert!(
            mails_to(app, &mine, 0).await.is_empty(),
            "no link before approval"
        );
        let page = get(&admin.http, app, "/en/people").await;
        let decide = action_for(&page.body, &mine, "/decide").unwrap_or_default();
        let form = [("csrf", admin.csrf.as_str()), ("decision", "approve")];
        post(&admin.http, app, &decide, &form).await;
        assert_eq!(
            mails_to(app, &mine, 1).await.len(),
            1,
            "emailed on approval"
        );

        let page = get(&facilitator.http, app, "/en/people").await;
        assert!(page.body.contains(&mine), "{:?}", app.backend);
        assert!(!page.body.contains(&admins), "{:?}", app.backend);
        let resend = action_for(&page.body, &mine, "/resend").unwrap_or_default();
        let again = post(
            &facilitator.http,
            app,
            &resend,
            &[("csrf", facilitator.csrf.as_str())],
        )
        .await;
        // An official speaks for a ministry: sent again by a facilitator, it waits for an
        // administrator again, and the first link no longer works.
        assert_eq!(again.location, "/en/people?asked=1", "{:?}", app.backend);
        assert_eq!(
            mails_to(app, &mine, 1).await.len(),
            1,
            "no working link yet"
        );
        let page = get(&admin.http, app, "/en/people").await;
        let decide = action_for(&page.body, &mine, "/decide").unwrap_or_default();
        assert!(decide.ends_with("/decide"), "waits for approval again");
        let form = [("csrf", admin.csrf.as_str()), ("decision", "approve")];
        post(&admin.http, app, &decide, &form).await;
        assert_eq!(mails_to(app, &mine, 2).await.len(), 2);
        // Nor may they send again the administrator's, by its address.
        let all = get(&admin.http, app, "/en/people").await;
        assert!(all.body.contains(&mine) && all.body.contains(&admins));
        let others = action_for(&all.body, &admins, "/resend").unwrap_or_default();
        let refused = post(
            &facilitator.http,
            app,
            &others,
            &[("csrf", facilitator.csrf.as_str())],
        )
        .await;
        assert!(
            refused.location.contains("error="),
            "{:?}",
            refused.location
        );
        assert_eq!(mails_to(app, &admins, 1).await.len(), 1);
    }
}

#[tokio::test]
async fn forgot_password_emails_a_one_hour_link_and_says_the_same_for_anyone() {
    // Moves the clock: servers of its own.
    for app in &isolated_apps() {
        let owner = sign_in_as(app, Role::Official, None).await;
        let http = browser_like(app);
        let login = get(&http, app, "/km/login").await;
        assert!(
            login.body.contains("href=\"/km/forgot\""),
            "linked from sign-in"
        );
        let page = get(&http, app, "/km/forgot").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("ភ្លេចពាក្យសម្ងាត់"));

        // The same answer for an account and for no account, in words and in address.
        let known = post(&http, app, "/en/forgot", &[("email", &owner.email)]).await;
        let nobody = unique("nobody");
        let unknown = post(&http, app, "/en/forgot", &[("email", &nobody)]).await;
        assert_eq!(known.location, "/en/forgot?sent=1", "{:?}", app.backend);
        assert_eq!(known.location, unknown.location);
        assert_eq!(known.body, unknown.body);
        let sent = get(&http, app, &known.location).await;
        assert!(sent.body.contains("If an account uses that address"));
        // Upper case and spaces are the same address.
        let shouted = format!("  {}  ", owner.email.to_uppercase());
        let again = post(&http, app, "/en/forgot", &[("email", &shouted)]).await;
        assert_eq!(again.location, "/en/forgot?sent=1");

        let mails = mails_to(app, &owner.email, 2).await;
        assert_eq!(mails.len(), 2, "{:?}", app.backend);
        assert!(mails_to(app, &nobody, 0).await.is_empty());
        let first = token_in(&mails[0], "km", "reset", &[]);
        let second = token_in(
            &mails.join("\n"),
            "km",
            "reset",
            std::slice::from_ref(&first),
        );

        // One use: the new password works, the link then does not.
        let reset = format!("/en/reset/{first}");
        assert_eq!(get(&http, app, &reset).await.status, StatusCode::OK);
        let new_password = "a long new password for the ministry";
        let set = post(&http, app, &reset, &[("password", new_password)]).await;
        assert_eq!(set.location, "/en/login?changed=1", "{}", set.body);
        assert_eq!(get(&http, app, &reset).await.status, StatusCode::GONE);
        let signed = post(
            &browser_like(app),
            app,
            "/en/login",
            &[("email", &owner.email), ("password", new_password)],
        )
        .await;
        assert!(!signed.location.contains("error"), "{}", signed.location);

        // One hour: the other link runs out.
        app.clock.advance(TimeDelta::minutes(61));
        let late = get(&http, app, &format!("/en/reset/{second}")).await;
        assert_eq!(late.status, StatusCode::GONE, "{:?}", app.backend);

        // Three an hour to one address: a stranger cannot fill an inbox.
        for _ in 0..3 {
            let asked = post(&http, app, "/en/forgot", &[("email", &owner.email)]).await;
            assert_eq!(asked.location, "/en/forgot?sent=1");
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        assert_eq!(mails_to(app, &owner.email, 3).await.len(), 3);

        // The asker's address counts in memory only: never logged, never stored.
        let from = std::net::IpAddr::V4(std::net::Ipv4Addr::new(127, 0, 0, 7));
        let mut origin = reqwest::header::HeaderMap::new();
        if let Ok(value) = reqwest::header::HeaderValue::from_str(&app.base) {
            origin.insert(reqwest::header::ORIGIN, value);
        }
        let elsewhere = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .default_headers(origin)
            .local_address(from)
            .build()
            .unwrap_or_else(|e| panic!("client: {e}"));
        let asked = post(&elsewhere, app, "/en/forgot", &[("email", &owner.email)]).await;
        assert_eq!(asked.location, "/en/forgot?sent=1");
        let dump = tests::survivor::dump_database(app).await;
        assert!(
            !dump.contains("127.0.0.7"),
            "{:?}: address stored",
            app.backend
        );
        assert!(
            !tests::logs::captured().contains("127.0.0.7"),
            "address logged"
        );

        // Not an address: said so, in the reader's language.
        let bad = post(&http, app, "/km/forgot", &[("email", "<b>=1+1</b>")]).await;
        assert!(
            bad.location.starts_with("/km/forgot?error="),
            "{}",
            bad.location
        );
        let shown = get(&http, app, &bad.location).await;
        assert!(shown.body.contains("role=\"alert\"") || shown.body.contains("notice"));
    }
}
