//! Every role finds its screens from any page: the header names who is signed in, links the
//! screens the role may use (and no others), and offers sign-out; "Sign in" only when signed out.
use app::domain::role::Role;
use reqwest::StatusCode;
use tests::{apps, client, fixtures, session::sign_in_as};

/// The site header of a page.
fn header(html: &str) -> String {
    html.split("<header class=\"site\"")
        .nth(1)
        .and_then(|rest| rest.split("</header>").next())
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn each_role_sees_its_own_screens_in_the_header_of_every_page() {
    for app in apps() {
        let moj = fixtures::org_id(&app.db().await, "moj").await;
        let cases = [
            (
                Role::Admin,
                None,
                vec![
                    "/en/people",
                    "/en/organisations",
                    "/en/settings",
                    "/en/audit",
                ],
                vec!["/en/moderation", "/en/inbox"],
            ),
            (
                Role::Facilitator,
                None,
                vec![
                    "/en/moderation",
                    "/en/curate",
                    "/en/curate/import",
                    "/en/people",
                ],
                vec!["/en/settings", "/en/audit", "/en/inbox"],
            ),
            (
                Role::Official,
                Some(moj),
                vec!["/en/inbox", "/en/my-services"],
                vec!["/en/moderation", "/en/people", "/en/audit"],
            ),
        ];
        for (role, org, shown, hidden) in cases {
            let person = sign_in_as(app, role, org).await;
            for page in ["/en/", "/en/recommendations", "/en/account"] {
                let (status, html) = person.get(app, page).await;
                assert_eq!(status, StatusCode::OK, "{role:?} {page}");
                let head = header(&html);
                for link in &shown {
                    assert!(
                        head.contains(&format!("href=\"{link}\"")),
                        "{role:?} on {page}: no {link} in {head}"
                    );
                }
                for link in &hidden {
                    assert!(
                        !head.contains(&format!("href=\"{link}\"")),
                        "{role:?} on {page} sees {link}"
                    );
                }
                assert!(
                    head.contains("Signed in as") && head.contains("Sign out"),
                    "{head}"
                );
                assert!(!head.contains(">Sign in<"), "{role:?} is offered sign-in");
                // Each link opens: no dead ends.
                for link in &shown {
                    let (status, _) = person.get(app, link).await;
                    assert_eq!(status, StatusCode::OK, "{role:?} {link}");
                }
            }
            let (_, khmer) = person.get(app, "/km/").await;
            assert!(
                header(&khmer).contains("បានចូលជា"),
                "the header speaks Khmer"
            );
        }
        let anonymous = client()
            .get(app.url("/en/"))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let head = header(&anonymous.text().await.unwrap_or_default());
        assert!(
            head.contains(">Sign in<") && !head.contains("Sign out"),
            "{head}"
        );
    }
}

#[tokio::test]
async fn forums_and_bodies_are_listed_and_lead_to_their_pages() {
    for app in apps() {
        for lang in ["en", "km"] {
            let home = client()
                .get(app.url(&format!("/{lang}/")))
                .send()
                .await
                .unwrap_or_else(|e| panic!("{e}"))
                .text()
                .await
                .unwrap_or_default();
            for list in ["forums", "bodies"] {
                let href = format!("href=\"/{lang}/{list}\"");
                assert!(header(&home).contains(&href), "the header links {list}");
                let page = client()
                    .get(app.url(&format!("/{lang}/{list}")))
                    .send()
                    .await
                    .unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(page.status(), StatusCode::OK, "{list}");
                let body = page.text().await.unwrap_or_default();
                let first = body
                    .split(&format!("href=\"/{lang}/{list}/"))
                    .nth(1)
                    .and_then(|rest| rest.split('"').next())
                    .unwrap_or_else(|| panic!("/{lang}/{list} links nothing"));
                let opened = client()
                    .get(app.url(&format!("/{lang}/{list}/{first}")))
                    .send()
                    .await
                    .unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(opened.status(), StatusCode::OK, "/{lang}/{list}/{first}");
            }
        }
        let bodies = client()
            .get(app.url("/en/bodies"))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .text()
            .await
            .unwrap_or_default();
        assert!(bodies.contains("Ministry of Justice"));
        assert!(bodies.contains("answered "), "response figures shown");
    }
}

/// The count beside one of a person's header links, on a public page.
async fn count(person: &tests::session::Signed, app: &tests::TestApp, link: &str) -> u64 {
    let (_, html) = person.get(app, "/en/recommendations").await;
    waiting_beside(&html, link)
}

/// The count beside a header link (0 when none is shown).
fn waiting_beside(html: &str, link: &str) -> u64 {
    header(html)
        .split(&format!("href=\"{link}\""))
        .nth(1)
        .and_then(|rest| rest.split("</a>").next())
        .and_then(|a| a.split("class=\"visually-hidden\">").nth(1))
        .and_then(|said| said.split(' ').next())
        .map_or(0, |n| n.parse().unwrap_or(u64::MAX))
}

#[tokio::test]
async fn the_header_counts_what_waits_for_each_role() {
    // Counts move with every other test's writes: servers of its own.
    for app in &tests::isolated_apps() {
        let moj = fixtures::org_id(&app.db().await, "moj").await;
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let official = sign_in_as(app, Role::Official, Some(moj)).await;

        // Feedback sent: one more for facilitators to decide.
        let before = count(&facilitator, app, "/en/moderation").await;
        let sent = tests::survivor::submit_feedback(app, "The header counts this.").await;
        assert!(sent.is_some(), "not saved");
        // The count is kept like a page's reads: survivors' new items show within seconds.
        tokio::time::sleep(app::ssr::writes::KEEP_AT_MOST + std::time::Duration::from_millis(200))
            .await;
        assert_eq!(count(&facilitator, app, "/en/moderation").await, before + 1);
        let (_, km) = facilitator.get(app, "/km/").await;
        assert!(
            header(&km).contains("កំពុងរង់ចាំ"),
            "the count is said in Khmer too"
        );

        // A recommendation addressed to the ministry: one more for it to answer, until it
        // answers.
        let before = count(&official, app, "/en/inbox").await;
        let reference = format!("HC-{}", chrono::Utc::now().timestamp_micros() % 1_000_000);
        let id =
            tests::tracker::new_recommendation(&facilitator, app, &reference, "រាប់", &[moj], true)
                .await;
        assert_eq!(count(&official, app, "/en/inbox").await, before + 1);
        let answered = official
            .post(
                app,
                &format!("/en/inbox/{id}/response"),
                &[
                    ("choice", "accepted"),
                    ("original_lang", "en"),
                    ("text_en", "We accept."),
                    ("commitment_en", "Train every clerk"),
                    ("due_on", "2031-03-31"),
                ],
            )
            .await;
        assert!(tests::location(&answered).ends_with("saved=response"));
        assert_eq!(count(&official, app, "/en/inbox").await, before);
        // No one else sees these counts.
        let (_, html) = official.get(app, "/en/").await;
        assert!(!header(&html).contains("/en/moderation"));
    }
}
