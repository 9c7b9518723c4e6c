//! Atom feeds, to follow without an account: a recommendation's timeline, a body's answers,
//! a forum, and the tracker with filters and words. They parse as Atom, are announced on the
//! pages, and say nothing that is not public.
use app::domain::role::Role;
use atom_syndication::Feed;
use reqwest::StatusCode;
use tests::{
    TestApp, apps, client, fixtures, location, session::sign_in_as, tracker::new_recommendation,
};

/// The feed at `path`, parsed, with what each entry's title says.
async fn atom(app: &TestApp, path: &str) -> Feed {
    let response = match client().get(app.url(path)).send().await {
        Ok(r) => r,
        Err(e) => panic!("GET {path}: {e}"),
    };
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "{path} {:?}",
        app.backend
    );
    let kind = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert!(kind.starts_with("application/atom+xml"), "{kind}");
    let open = response
        .headers()
        .get("access-control-allow-origin")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    assert_eq!(open.as_deref(), Some("*"), "open data");
    let body = response.text().await.unwrap_or_default();
    let feed: Feed = match body.parse() {
        Ok(f) => f,
        Err(e) => panic!("{path} is not Atom: {e}\n{body}"),
    };
    // What Atom requires of a feed and of each entry.
    assert!(feed.id().starts_with("http"), "{}", feed.id());
    assert!(!feed.title().as_str().is_empty());
    assert!(!feed.authors().is_empty());
    assert!(feed.links().iter().any(|l| l.rel() == "self"));
    assert!(feed.links().iter().any(|l| l.rel() == "alternate"));
    let mut ids: Vec<&str> = feed.entries().iter().map(|e| e.id()).collect();
    for entry in feed.entries() {
        assert!(entry.id().starts_with("http") && !entry.title().as_str().is_empty());
    }
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), feed.entries().len(), "entry ids are unique");
    feed
}

fn titles(feed: &Feed) -> Vec<String> {
    feed.entries()
        .iter()
        .map(|e| e.title().as_str().to_string())
        .collect()
}

#[tokio::test]
async fn a_recommendation_a_body_a_forum_and_the_tracker_can_be_followed() {
    for app in apps() {
        let db = app.db().await;
        let moj = fixtures::org_id(&db, "moj").await;
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let word = format!(
            "Feedword{}",
            chrono::Utc::now().timestamp_micros() % 1_000_000
        );
        let reference = word.to_uppercase();
        let id = new_recommendation(&facilitator, app, &reference, &word, &[moj], true).await;
        let draft = new_recommendation(
            &facilitator,
            app,
            &format!("{reference}D"),
            &word,
            &[moj],
            false,
        )
        .await;
        let official = sign_in_as(app, Role::Official, Some(moj)).await;
        let answered = official
            .post(
                app,
                &format!("/en/inbox/{id}/response"),
                &[
                    ("choice", "accepted"),
                    ("original_lang", "en"),
                    ("text_en", "We accept <b>all</b> of it & more."),
                    ("commitment_en", "Courts by March"),
                    ("due_on", "2031-03-31"),
                ],
            )
            .await;
        assert!(location(&answered).ends_with("saved=response"));
        official
            .post(
                app,
                &format!("/en/inbox/{id}/progress"),
                &[
                    ("choice", "in_progress"),
                    ("original_lang", "km"),
                    ("text_km", "កំពុងធ្វើ"),
                ],
            )
            .await;

        // The recommendation: published, then answered, then progress, newest first.
        let feed = atom(app, &format!("/en/recommendations/{id}/feed.atom")).await;
        assert!(feed.title().as_str().contains(&reference));
        let said = titles(&feed);
        assert_eq!(said.len(), 3, "{said:?}");
        assert!(said[0].contains("In progress"), "{said:?}");
        assert!(
            said[1].contains("Accepted") && said[1].contains("Ministry"),
            "{said:?}"
        );
        assert!(said[2].starts_with("Published"), "{said:?}");
        let content = feed.entries()[1]
            .content()
            .and_then(|c| c.value())
            .unwrap_or_default();
        assert!(
            content.contains("We accept <b>all</b> of it & more."),
            "text, as written: {content}"
        );
        assert!(content.contains("Courts by March") && content.contains("31 March 2031"));
        // Announced on the page, for readers that look for it.
        let page = client()
            .get(app.url(&format!("/en/recommendations/{id}")))
            .send()
            .await
            .map(|r| r.text())
            .unwrap_or_else(|e| panic!("{e}"))
            .await
            .unwrap_or_default();
        let announced = page.split("<link").skip(1).any(|l| {
            let tag = l.split('>').next().unwrap_or_default();
            tag.contains("rel=\"alternate\"")
                && tag.contains("type=\"application/atom+xml\"")
                && tag.contains(&format!("href=\"/en/recommendations/{id}/feed.atom\""))
        });
        assert!(announced, "{:?}: no <link rel=alternate>", app.backend);

        // Not public, no feed.
        for path in [
            format!("/en/recommendations/{draft}/feed.atom"),
            "/en/recommendations/x/feed.atom".to_string(),
            "/en/bodies/99999999/feed.atom".to_string(),
        ] {
            let status = client()
                .get(app.url(&path))
                .send()
                .await
                .map(|r| r.status());
            assert_eq!(status.ok(), Some(StatusCode::NOT_FOUND), "{path}");
        }

        // The body's answers, in Khmer.
        let body = atom(app, &format!("/km/bodies/{moj}/feed.atom")).await;
        assert!(
            titles(&body)
                .iter()
                .any(|t| t.contains("បានទទួលយក") && t.contains(&reference))
        );
        assert!(
            !titles(&body)
                .iter()
                .any(|t| t.contains(&format!("{reference}D")))
        );

        // The tracker, searched and filtered; a draft never shows; a bad filter is refused.
        let found = atom(app, &format!("/en/recommendations.atom?q={word}")).await;
        let found = titles(&found);
        assert!(found.iter().any(|t| t.contains(&reference)), "{found:?}");
        assert!(!found.iter().any(|t| t.contains(&format!("{reference}D"))));
        let elsewhere = atom(
            app,
            &format!("/en/recommendations.atom?q={word}&theme=prosecution"),
        )
        .await;
        assert!(elsewhere.entries().is_empty(), "filtered out");
        let bad = client()
            .get(app.url("/en/recommendations.atom?status=nonsense"))
            .send()
            .await
            .map(|r| r.status());
        assert_eq!(bad.ok(), Some(StatusCode::BAD_REQUEST));

        // A forum: only once it is published.
        let saved = facilitator
            .post(
                app,
                "/en/curate/forums/new",
                &[
                    ("title_en", "Followed forum"),
                    ("original_lang", "en"),
                    ("province", "kampot"),
                    ("starts_on", "2026-03-02"),
                    ("ends_on", "2026-03-03"),
                ],
            )
            .await;
        let forum: i32 = location(&saved)
            .trim_start_matches("/en/curate/forums/")
            .split('?')
            .next()
            .and_then(|id| id.parse().ok())
            .unwrap_or_default();
        let path = format!("/en/forums/{forum}/feed.atom");
        let status = client()
            .get(app.url(&path))
            .send()
            .await
            .map(|r| r.status());
        assert_eq!(status.ok(), Some(StatusCode::NOT_FOUND), "a draft forum");
        facilitator
            .post(
                app,
                &format!("/en/curate/forums/{forum}/publication"),
                &[("publish", "true")],
            )
            .await;
        let followed = atom(app, &path).await;
        assert!(followed.title().as_str().contains("Followed forum"));
    }
}
