//! A forum on its day: facilitators add drafts as the groups speak, put them in order, mark
//! priorities, merge two that say the same, and publish the whole set; nothing is public
//! before that.
use app::{
    domain::role::Role,
    ssr::entities::{recommendation, recommendation_body},
};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tests::{TestApp, apps, client, fixtures, location, session::sign_in_as, tracker::new_forum};

async fn drafts(app: &TestApp, forum: i32) -> Vec<recommendation::Model> {
    let mut rows = recommendation::Entity::find()
        .filter(recommendation::Column::ForumId.eq(forum))
        .filter(recommendation::Column::CanonicalId.is_null())
        .all(&app.db().await)
        .await
        .unwrap_or_default();
    rows.sort_by_key(|r| r.day_order);
    rows
}

#[tokio::test]
async fn a_forum_is_captured_ordered_merged_and_published_as_a_set() {
    for app in apps() {
        let db = app.db().await;
        let moj = fixtures::org_id(&db, "moj").await;
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let forum = new_forum(&facilitator, app, "Forum in progress", "battambang").await;
        let day = format!("/en/curate/forums/{forum}/day");
        let (status, page) = facilitator.get(app, &day).await;
        assert_eq!(status, StatusCode::OK, "{:?}", app.backend);
        assert!(page.contains("Nothing here is public"));
        let (_, editor) = facilitator
            .get(app, &format!("/en/curate/forums/{forum}"))
            .await;
        assert!(
            editor.contains(&format!("href=\"{day}\"")),
            "the editor leads to the day"
        );

        let word = format!(
            "Daycapture{}",
            chrono::Utc::now().timestamp_micros() % 1_000_000
        );
        for (text, lang, group) in [
            (format!("{word} one. Train police."), "en", "group 1"),
            ("បើកទីជម្រកនៅគ្រប់ខេត្ត។".to_string(), "km", "ក្រុមទី ២"),
            (
                format!("{word} three: also train police <b>now</b>."),
                "en",
                "group 3",
            ),
        ] {
            let added = facilitator
                .post(
                    app,
                    &day,
                    &[
                        ("text", text.as_str()),
                        ("lang", lang),
                        ("theme", "protection"),
                        ("group", group),
                    ],
                )
                .await;
            assert!(location(&added).contains("saved=1"), "{}", location(&added));
        }
        let rows = drafts(app, forum).await;
        let refs: Vec<&str> = rows.iter().map(|r| r.reference.as_str()).collect();
        assert_eq!(
            refs,
            [
                format!("F{forum}-1"),
                format!("F{forum}-2"),
                format!("F{forum}-3")
            ]
        );
        assert_eq!(
            rows[0].title_en.as_deref(),
            Some(format!("{word} one.").as_str())
        );
        assert_eq!(rows[1].discussion_group.as_deref(), Some("ក្រុមទី ២"));
        // Nothing is public yet.
        let public = |path: String| async move {
            client()
                .get(app.url(&path))
                .send()
                .await
                .map(|r| r.status())
                .ok()
        };
        assert_eq!(
            public(format!("/en/forums/{forum}")).await,
            Some(StatusCode::NOT_FOUND)
        );
        assert_eq!(
            public(format!("/en/recommendations/{}", rows[0].id)).await,
            Some(StatusCode::NOT_FOUND)
        );

        // A refused entry keeps what was typed.
        let empty = facilitator
            .post(
                app,
                &day,
                &[
                    ("text", "  "),
                    ("lang", "en"),
                    ("theme", "protection"),
                    ("group", "group 9"),
                ],
            )
            .await;
        assert!(
            location(&empty).ends_with("error=text"),
            "{}",
            location(&empty)
        );
        let (_, page) = facilitator.get(app, &location(&empty)).await;
        assert!(
            page.contains("Please write the recommendation") && page.contains("value=\"group 9\"")
        );

        // Order, priority, merge.
        let day_page = &day;
        let step = |rec: i32, fields: Vec<(&'static str, &'static str)>| {
            let (f, day) = (&facilitator, day_page);
            async move { location(&f.post(app, &format!("{day}/{rec}"), &fields).await) }
        };
        let (first, second, third) = (rows[0].id, rows[1].id, rows[2].id);
        assert!(step(third, vec![("step", "up")]).await.contains("saved=1"));
        let order: Vec<i32> = drafts(app, forum).await.iter().map(|r| r.id).collect();
        assert_eq!(order, [first, third, second]);
        let marked = step(first, vec![("step", "priority")]).await;
        assert!(marked.contains("saved=1"), "{marked}");
        assert!(
            step(first, vec![("step", "merge")])
                .await
                .ends_with("error=confirm")
        );
        assert!(
            step(first, vec![("step", "sideways")])
                .await
                .ends_with("error=state")
        );
        assert!(
            step(second, vec![("step", "merge"), ("confirmed", "1")])
                .await
                .ends_with("error=no-next")
        );
        let merged = step(first, vec![("step", "merge"), ("confirmed", "1")]).await;
        assert!(merged.contains("saved=1"), "{:?}: {merged}", app.backend);
        let rows = drafts(app, forum).await;
        assert_eq!(rows.len(), 2, "the third joined the first");
        let kept = recommendation::Entity::find_by_id(third)
            .one(&db)
            .await
            .ok()
            .flatten();
        assert_eq!(
            kept.and_then(|r| r.canonical_id),
            Some(first),
            "kept, pointing at the first"
        );
        assert!(rows[0].is_priority);
        let body = rows[0].body_en.clone().unwrap_or_default();
        assert!(
            body.contains("Train police.") && body.contains("also train police"),
            "{body}"
        );
        // Another forum's page cannot reach these drafts.
        let elsewhere = facilitator
            .post(
                app,
                &format!("/en/curate/forums/99999999/day/{first}"),
                &[("step", "up")],
            )
            .await;
        assert_eq!(elsewhere.status(), StatusCode::NOT_FOUND);
        let official = sign_in_as(app, Role::Official, Some(moj)).await;
        let denied = official
            .post(
                app,
                &day,
                &[("text", "x"), ("lang", "en"), ("theme", "protection")],
            )
            .await;
        assert_eq!(denied.status(), StatusCode::FORBIDDEN);

        // Publishing needs a body for the drafts addressed to none; then all is public at once.
        let publish = format!("{day}/publish");
        let refused = facilitator.post(app, &publish, &[]).await;
        assert!(
            location(&refused).ends_with("error=unaddressed"),
            "{}",
            location(&refused)
        );
        assert_eq!(
            public(format!("/en/forums/{forum}")).await,
            Some(StatusCode::NOT_FOUND)
        );
        let moj_field = moj.to_string();
        let done = facilitator
            .post(app, &publish, &[("bodies", moj_field.as_str())])
            .await;
        assert_eq!(location(&done), format!("/en/forums/{forum}"));
        assert_eq!(
            public(format!("/en/forums/{forum}")).await,
            Some(StatusCode::OK)
        );
        for row in drafts(app, forum).await {
            assert!(row.published_on.is_some(), "{}", row.reference);
            let addressed = recommendation_body::Entity::find()
                .filter(recommendation_body::Column::RecommendationId.eq(row.id))
                .all(&db)
                .await
                .unwrap_or_default();
            assert_eq!(addressed.len(), 1);
        }
        let (_, shown) = facilitator.get(app, &format!("/en/forums/{forum}")).await;
        assert!(shown.contains(&word), "{:?}", app.backend);
        assert!(!shown.contains("<b>now"), "escaped");
    }
}

#[tokio::test]
async fn paper_votes_are_counts_typed_once_and_may_order_the_day() {
    for app in apps() {
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let forum = new_forum(&facilitator, app, "Forum voting on paper", "kampot").await;
        let day = format!("/en/curate/forums/{forum}/day");
        for text in ["First idea.", "Second idea.", "Third idea."] {
            facilitator
                .post(
                    app,
                    &day,
                    &[("text", text), ("lang", "en"), ("theme", "prevention")],
                )
                .await;
        }
        let ids: Vec<i32> = drafts(app, forum).await.iter().map(|r| r.id).collect();
        assert_eq!(ids.len(), 3, "{:?}", app.backend);
        let field = |id: i32| format!("votes-{id}");
        let (a, b, c) = (field(ids[0]), field(ids[1]), field(ids[2]));
        let tallies = format!("{day}/tallies");
        // The same tallies twice: the same counts, not doubled. Khmer digits are read too.
        for _ in 0..2 {
            let sent = facilitator
                .post(
                    app,
                    &tallies,
                    &[
                        (a.as_str(), "3"),
                        (b.as_str(), "១២"),
                        (c.as_str(), ""),
                        ("by_votes", "1"),
                    ],
                )
                .await;
            assert!(
                location(&sent).contains("saved=1"),
                "{} {}",
                sent.status(),
                location(&sent)
            );
        }
        let rows = drafts(app, forum).await;
        let seen: Vec<(i32, i32)> = rows.iter().map(|r| (r.id, r.day_votes)).collect();
        assert_eq!(
            seen,
            [(ids[1], 12), (ids[0], 3), (ids[2], 0)],
            "most votes first"
        );
        let (_, page) = facilitator.get(app, &day).await;
        assert!(page.contains("12 votes"));
        // Strange numbers and another forum's draft are refused; nothing changes.
        for odd in ["-1", "x", "1.5", "1000001"] {
            let sent = facilitator.post(app, &tallies, &[(a.as_str(), odd)]).await;
            assert!(
                location(&sent).ends_with("error=tally"),
                "{odd}: {}",
                location(&sent)
            );
        }
        let other = facilitator
            .post(app, &tallies, &[("votes-99999999", "5")])
            .await;
        assert!(location(&other).ends_with("error=tally"));
        let after: Vec<i32> = drafts(app, forum)
            .await
            .iter()
            .map(|r| r.day_votes)
            .collect();
        assert_eq!(after, [12, 3, 0]);
    }
}
