//! Presentation day: a published forum's recommendations on a projector, one per screen in
//! Khmer and English side by side with plain next and previous links, and as a handout of
//! the whole set; nothing of a draft forum or a draft recommendation shows.
use app::domain::role::Role;
use reqwest::StatusCode;
use tests::{
    TestApp, apps, client, fixtures, location, session::Signed, session::sign_in_as,
    tracker::new_forum,
};

async fn public(app: &TestApp, path: &str) -> (StatusCode, String) {
    match client().get(app.url(path)).send().await {
        Ok(r) => (r.status(), r.text().await.unwrap_or_default()),
        Err(e) => panic!("GET {path}: {e}"),
    }
}

/// A recommendation of `forum` in both languages; published or a draft.
async fn recommendation(
    facilitator: &Signed,
    app: &TestApp,
    forum: i32,
    reference: &str,
    (km, en): (&str, &str),
    publish: bool,
) {
    let (forum, body) = (
        forum.to_string(),
        fixtures::org_id(&app.db().await, "moj").await.to_string(),
    );
    let mut fields = vec![
        ("reference", reference),
        ("forum", forum.as_str()),
        ("theme", "prevention"),
        ("original_lang", "km"),
        ("title_km", km),
        ("title_en", en),
        ("body_km", "អត្ថបទពេញ"),
        ("body_en", "The whole text"),
        ("translation_state", "human"),
        ("bodies", body.as_str()),
    ];
    if publish {
        fields.push(("publish", "1"));
    }
    let saved = facilitator
        .post(app, "/en/curate/recommendations/new", &fields)
        .await;
    assert!(location(&saved).contains("saved=1"), "{}", location(&saved));
}

#[tokio::test]
async fn a_forum_is_presented_one_recommendation_at_a_time_and_handed_out_whole() {
    for app in apps() {
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let stamp = chrono::Utc::now().timestamp_micros() % 1_000_000;
        let id = new_forum(
            &facilitator,
            app,
            &format!("Presented forum {stamp}"),
            "siem-reap",
        )
        .await;
        let prefix = format!("PR{stamp}");
        // Out of order on purpose: 10 comes after 2 on the screen.
        for (n, publish) in [(10, true), (1, true), (2, true), (3, false)] {
            let reference = format!("{prefix}-{n}");
            let en = format!("Ask number {n} <b>now</b>");
            recommendation(
                &facilitator,
                app,
                id,
                &reference,
                (&format!("សំណើទី {n}"), &en),
                publish,
            )
            .await;
        }
        // A draft forum is not presented.
        for path in [
            format!("/en/forums/{id}/present/1"),
            format!("/en/forums/{id}/handout"),
        ] {
            assert_eq!(public(app, &path).await.0, StatusCode::NOT_FOUND, "{path}");
        }
        let published = facilitator
            .post(
                app,
                &format!("/en/curate/forums/{id}/publication"),
                &[("publish", "true")],
            )
            .await;
        assert!(
            !location(&published).contains("error"),
            "{}",
            location(&published)
        );

        // The forum page leads to both.
        let (_, page) = public(app, &format!("/en/forums/{id}")).await;
        assert!(page.contains(&format!("href=\"/en/forums/{id}/present/1\"")));
        assert!(page.contains(&format!("href=\"/en/forums/{id}/handout\"")));

        let (status, first) = public(app, &format!("/en/forums/{id}/present/1")).await;
        assert_eq!(status, StatusCode::OK, "{:?}", app.backend);
        assert!(first.contains("1 of 3"), "{:?}", app.backend);
        assert!(first.contains(&format!("{prefix}-1<")));
        assert!(
            first.contains("សំណើទី 1") && first.contains("Ask number 1 &lt;b&gt;now"),
            "both languages, escaped"
        );
        assert!(first.contains("The whole text") && first.contains("អត្ថបទពេញ"));
        assert!(first.contains(&format!("rel=\"next\" href=\"/en/forums/{id}/present/2\"")));
        assert!(!first.contains("rel=\"prev\""));
        let (_, second) = public(app, &format!("/en/forums/{id}/present/2")).await;
        assert!(second.contains(&format!("{prefix}-2<")), "2 before 10");
        let (_, last) = public(app, &format!("/km/forums/{id}/present/3")).await;
        assert!(last.contains("ទី ៣ ក្នុងចំណោម ៣"), "counted in Khmer");
        assert!(last.contains(&format!("{prefix}-10<")));
        assert!(last.contains(&format!("rel=\"prev\" href=\"/km/forums/{id}/present/2\"")));
        assert!(!last.contains("rel=\"next\""));
        assert!(
            !last.contains(&format!("{prefix}-3<")),
            "a draft is not shown"
        );
        // No script is needed: the links are links; the page still works without it.
        for odd in ["4", "0", "-1", "x", "99999999999999999999"] {
            let (status, _) = public(app, &format!("/en/forums/{id}/present/{odd}")).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{odd}");
        }

        let (status, handout) = public(app, &format!("/km/forums/{id}/handout")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(handout.contains("អនុសាសន៍ ៣"), "{:?}", app.backend);
        let order: Vec<usize> = [1, 2, 10]
            .iter()
            .map(|n| {
                handout
                    .find(&format!("{prefix}-{n}<"))
                    .unwrap_or(usize::MAX)
            })
            .collect();
        assert!(
            order[0] < order[1] && order[1] < order[2] && order[2] < usize::MAX,
            "{order:?}"
        );
        assert!(!handout.contains(&format!("{prefix}-3<")));
        assert!(handout.contains("Ask number 10 &lt;b&gt;now") && handout.contains("សំណើទី 10"));
        assert!(!handout.contains("<b>now"));
    }
}
