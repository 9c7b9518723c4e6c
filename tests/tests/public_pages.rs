//! Public pages kept by the server: never out of date after a change made through the server,
//! at most `KEEP_AT_MOST` and one render after one made beside it. A kept page is the same bytes for everyone:
//! compressed once, its scripts allowed by their hashes, and an address with parameters no page
//! reads is the same page. Someone signed in gets it with their own part of the header.
use app::{
    domain::role::Role,
    ssr::{entities::forum, writes::KEEP_AT_MOST},
};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
use tests::{apps, client, fixtures, session::sign_in_as, tracker::new_recommendation};

struct Seen {
    body: String,
    kept: bool,
    policy: String,
}

async fn look(app: &tests::TestApp, path: &str) -> Seen {
    let response = match client().get(app.url(path)).send().await {
        Ok(r) => r,
        Err(e) => panic!("GET {path}: {e}"),
    };
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    let kept = response.headers().contains_key("age");
    let policy = response
        .headers()
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let body = response.text().await.unwrap_or_default();
    Seen { body, kept, policy }
}

/// The `'sha256-…'` sources a policy allows scripts by.
fn hashes_in(policy: &str) -> Vec<String> {
    policy
        .split('\'')
        .filter_map(|s| s.strip_prefix("sha256-"))
        .map(str::to_owned)
        .collect()
}

/// The SHA-256 (base64) of each inline script's text in `html`.
fn inline_scripts(html: &str) -> Vec<String> {
    use base64::{Engine, engine::general_purpose::STANDARD};
    use sha2::{Digest, Sha256};
    html.split("<script")
        .skip(1)
        .filter_map(|tag| {
            let (open, rest) = tag.split_once('>')?;
            let text = rest.split("</script>").next()?;
            (!open.contains(" src=")).then(|| STANDARD.encode(Sha256::digest(text.as_bytes())))
        })
        .collect()
}

#[tokio::test]
async fn a_kept_page_gives_way_to_a_change_made_through_the_server_at_once() {
    for app in apps() {
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        // Other tests sign in and write to the same site meanwhile, and any write drops the
        // kept pages (and their visits keep it): a few tries to see it kept twice in a row.
        let mut tries = 0;
        let (first, again) = loop {
            let first = look(app, "/en/recommendations").await;
            let again = look(app, "/en/recommendations").await;
            tries += 1;
            if again.kept || tries == 5 {
                break (first, again);
            }
        };
        assert!(again.kept, "the second visit gets the kept page");
        assert_eq!(again.body, first.body, "the same page, byte for byte");
        assert_eq!(again.policy, first.policy);
        // Its scripts run by their hashes: every inline script is allowed, and nothing else is.
        assert!(!again.policy.contains("'nonce-") && !again.body.contains(" nonce="));
        let mut allowed = hashes_in(&again.policy);
        let mut scripts = inline_scripts(&again.body);
        assert!(!scripts.is_empty(), "the tracker has its island's scripts");
        allowed.sort();
        scripts.sort();
        scripts.dedup();
        assert_eq!(allowed, scripts, "{}", again.policy);

        // Parameters no page reads lead to the same kept page; those it reads do not.
        let tagged = look(app, "/en/recommendations?utm_source=feed&n=12345").await;
        assert!(tagged.kept, "a made-up parameter skipped the kept page");
        assert_eq!(tagged.body, first.body);
        let searched = look(app, "/en/recommendations?q=court&n=1").await;
        assert!(!searched.kept, "a search is its own page");

        // Compressed once: the same bytes each time, in the encoding the browser prefers.
        let (headers, once) = tests::survivor::as_a_browser(app, "/en/recommendations").await;
        let (_, twice) = tests::survivor::as_a_browser(app, "/en/recommendations").await;
        assert_eq!(
            headers.get("content-encoding").map(|v| v.as_bytes()),
            Some(&b"br"[..])
        );
        assert!(
            headers
                .get("vary")
                .is_some_and(|v| v.as_bytes() == b"accept-encoding")
        );
        assert_eq!(once, twice, "compressed again for a kept page");
        assert!(once.len() < first.body.len() / 3);

        let stamp = chrono::Utc::now().timestamp_micros() % 1_000_000_000;
        let reference = format!("KEPT{stamp}");
        let body = fixtures::org_id(&app.db().await, "mosvy").await;
        new_recommendation(&facilitator, app, &reference, "ថ្មី", &[body], true).await;
        let after = look(app, "/en/recommendations").await;
        assert!(
            !after.kept,
            "{:?}: the kept page outlived a change",
            app.backend
        );
        assert!(after.body.contains(&reference), "{:?}", app.backend);

        // Signed in, the change shows at once too.
        let (status, own) = facilitator.get(app, "/en/recommendations").await;
        assert_eq!(status, StatusCode::OK);
        assert!(own.contains(&reference));
    }
}

/// `GET path` as `person` would: status, headers and the body (decoded as their browser would).
async fn look_signed_in(
    person: &tests::session::Signed,
    app: &tests::TestApp,
    path: &str,
) -> (reqwest::header::HeaderMap, String) {
    let response = match person
        .http
        .get(app.url(path))
        .header("accept-encoding", "gzip, br")
        .send()
        .await
    {
        Ok(r) => r,
        Err(e) => panic!("GET {path}: {e}"),
    };
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    let headers = response.headers().clone();
    (headers, response.text().await.unwrap_or_default())
}

/// The header's part for someone signed in: from its opening tag to the end of its form.
fn staff_part(html: &str) -> Option<&str> {
    let start = html.find("<div class=\"staff-nav\">")?;
    let end = start + html[start..].find("</form></div>")? + "</form></div>".len();
    Some(&html[start..end])
}

#[tokio::test]
async fn signed_in_people_get_the_kept_page_with_their_own_header() {
    for app in apps() {
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let body = fixtures::org_id(&app.db().await, "mosvy").await;
        let official = sign_in_as(app, Role::Official, Some(body)).await;
        for path in [
            "/en/recommendations",
            "/km/recommendations",
            "/en/services",
            "/km",
        ] {
            let everyone = look(app, path).await.body;
            let sign_in = format!("<a href=\"/{}/login\">", &path[1..3]);
            assert_eq!(everyone.matches(&sign_in).count(), 1, "{path}");
            assert!(staff_part(&everyone).is_none());

            for (person, screen) in [(&facilitator, "/moderation\""), (&official, "/inbox\"")] {
                let (headers, page) = look_signed_in(person, app, path).await;
                let Some(theirs) = staff_part(&page) else {
                    panic!("{path}: no header for someone signed in: {page}")
                };
                assert!(
                    theirs.contains(&format!("value=\"{}\"", person.csrf)),
                    "{path}"
                );
                assert!(theirs.contains(screen), "{path}: {theirs}");
                assert!(!page.contains(&sign_in), "{path}");
                // Everything else is the page everyone gets, byte for byte.
                let sign_in_link = everyone
                    .split(&sign_in)
                    .nth(1)
                    .and_then(|rest| rest.split("</a>").next())
                    .map(|text| format!("{sign_in}{text}</a>"))
                    .unwrap_or_default();
                // (Other tests write to the same site meanwhile: the page may have moved on.)
                let with_link = page.replace(theirs, &sign_in_link);
                if with_link != everyone {
                    assert_eq!(with_link, look(app, path).await.body, "{path}");
                }
                // Never kept by a browser, never said to be kept.
                assert_eq!(
                    headers.get("cache-control").map(|v| v.as_bytes()),
                    Some(&b"no-store"[..]),
                    "{path}"
                );
                assert!(!headers.contains_key("age"), "{path}");
                // The kept page, not one rendered for them: its scripts run by their hashes.
                let policy = headers
                    .get("content-security-policy")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default();
                assert!(
                    !policy.contains("'nonce-") && !page.contains(" nonce="),
                    "{path}"
                );
            }
            // And nothing of theirs is left in the page everyone gets.
            let after = look(app, path).await;
            assert!(after.body.contains(&sign_in) && staff_part(&after.body).is_none());
            assert!(
                !after.body.contains(&facilitator.csrf) && !after.body.contains(&official.csrf)
            );
        }

        // A cookie whose session is gone gets the page for someone not signed in.
        let stale = match client()
            .get(app.url("/en/recommendations"))
            .header(
                "cookie",
                "samleng_session=gone; __Host-samleng_session=gone",
            )
            .send()
            .await
        {
            Ok(r) => r.text().await.unwrap_or_default(),
            Err(e) => panic!("{e}"),
        };
        assert!(stale.contains("<a href=\"/en/login\">") && staff_part(&stale).is_none());
    }
}

#[tokio::test]
async fn a_change_made_beside_the_server_shows_within_the_keeping_time() {
    for app in apps() {
        let db = app.db().await;
        let prefix = format!("BESIDE{}", app.backend as u8);
        let forum = fixtures::forum_with_recommendations(&db, &prefix, 1).await;
        let path = format!("/en/forums/{forum}");
        assert!(
            look(app, &path)
                .await
                .body
                .contains(&format!("Test forum {prefix}"))
        );

        // As another server or a command on the same database would.
        let renamed = format!("Renamed forum {prefix}");
        let updated = forum::Entity::update_many()
            .col_expr(forum::Column::TitleEn, Expr::value(renamed.clone()))
            .filter(forum::Column::Id.eq(forum))
            .exec(&db)
            .await;
        assert!(updated.is_ok(), "{updated:?}");
        tokio::time::sleep(KEEP_AT_MOST).await;
        // The first visit after the keeping time gets the kept page at once and has it
        // rendered again meanwhile; a visit after that render shows the change.
        let mut visits = 0;
        while !look(app, &path).await.body.contains(&renamed) {
            visits += 1;
            assert!(visits < 40, "{:?}: still the old name", app.backend);
            tokio::time::sleep(KEEP_AT_MOST / 20).await;
        }
    }
}

#[tokio::test]
async fn the_first_visit_after_a_pause_gets_the_kept_page_while_it_is_rendered_again() {
    for app in apps() {
        // Other tests write to the same site meanwhile, and a write made through the server
        // rightly has the page rendered before it is sent: a few tries to see a quiet pause.
        let mut kept_after_a_pause = false;
        for _ in 0..5 {
            look(app, "/en/services").await;
            if !look(app, "/en/services").await.kept {
                continue;
            }
            tokio::time::sleep(KEEP_AT_MOST + KEEP_AT_MOST / 4).await;
            if look(app, "/en/services").await.kept {
                kept_after_a_pause = true;
                break;
            }
        }
        assert!(
            kept_after_a_pause,
            "{:?}: the first visit after a pause waited for a render",
            app.backend
        );
    }
}

#[tokio::test]
async fn signing_in_and_posts_turned_away_leave_the_kept_pages() {
    // Servers of their own: nothing else writes while the page is watched.
    for app in tests::isolated_apps() {
        look(&app, "/en/recommendations").await;
        assert!(look(&app, "/en/recommendations").await.kept, "kept at all");

        // A wrong password, a right one, signing out, a post to no page, a post from elsewhere.
        let same_site = app.base.as_str();
        for (path, origin) in [
            ("/en/login", same_site),
            ("/en/no-such-page", same_site),
            ("/en/curate/recommendations", "https://elsewhere.example"),
        ] {
            let wrong = [("email", "nobody@example.invalid"), ("password", "wrong")];
            let post = client()
                .post(app.url(path))
                .header("Origin", origin)
                .form(&wrong)
                .send()
                .await;
            assert!(
                post.is_ok_and(|r| r.status() != StatusCode::INTERNAL_SERVER_ERROR),
                "{path}"
            );
        }
        let person = sign_in_as(&app, Role::Facilitator, None).await;
        let out = person.post(&app, "/en/logout", &[]).await;
        assert!(out.status().is_success() || out.status().is_redirection());

        assert!(
            look(&app, "/en/recommendations").await.kept,
            "{:?}: a post that changed nothing dropped the kept page",
            app.backend
        );
    }
}
