//! A forum is a draft until a facilitator publishes it, and can be withdrawn: until then (and
//! after) no public page, list, search, feed of the API or CSV names it, on every backend.
use app::{domain::role::Role, ssr::entities::audit_event};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use tests::{apps, client, fixtures, location, session::sign_in_as, tracker::new_recommendation};

async fn public(app: &tests::TestApp, path: &str) -> (StatusCode, String) {
    match client().get(app.url(path)).send().await {
        Ok(r) => (r.status(), r.text().await.unwrap_or_default()),
        Err(e) => panic!("GET {path}: {e}"),
    }
}

/// Nothing public names forum `id`, or finds it by `word` of its title; its recommendation
/// `rec` is public without it.
async fn hidden(app: &tests::TestApp, id: i32, rec: i32, word: &str, why: &str) {
    let forum_page = format!("/en/forums/{id}");
    let (status, _) = public(app, &forum_page).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{:?}: {why}", app.backend);
    let (_, list) = public(app, "/en/forums").await;
    assert!(!list.contains(word), "{why}: listed");
    let (_, found) = public(app, &format!("/en/recommendations?q={word}")).await;
    assert!(!found.contains(&forum_page), "{why}: found by search");
    let (_, api) = public(app, "/api/v1/forums").await;
    assert!(!api.contains(word), "{why}: in the API");
    let (_, item) = public(app, &format!("/api/v1/recommendations/{rec}")).await;
    assert!(item.contains("\"forum_id\":null"), "{why}: {item}");
    // Its id as a filter selects nothing, so it confirms nothing either.
    let (_, filtered) = public(app, &format!("/api/v1/recommendations?forum={id}")).await;
    assert!(
        !filtered.contains(&format!("\"id\":{rec},")),
        "{why}: {filtered}"
    );
    let (_, page) = public(app, &format!("/en/recommendations/{rec}")).await;
    assert!(!page.contains(&forum_page), "{why}: linked");
    let (_, csv) = public(app, "/en/recommendations.csv").await;
    assert!(!csv.contains(word), "{why}: in the CSV");
}

#[tokio::test]
async fn a_forum_is_public_only_once_published_and_no_longer_once_withdrawn() {
    for app in apps() {
        let db = app.db().await;
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let word = format!("Kampotdraft{}", chrono::Utc::now().timestamp_micros());
        let title = format!("Forum {word}");
        let fields = [
            ("title_en", title.as_str()),
            ("original_lang", "en"),
            ("province", "kampot"),
            ("starts_on", "2026-03-02"),
            ("ends_on", "2026-03-03"),
        ];
        let saved = facilitator
            .post(app, "/en/curate/forums/new", &fields)
            .await;
        let to = location(&saved);
        let id: i32 = to
            .trim_start_matches("/en/curate/forums/")
            .split('?')
            .next()
            .and_then(|id| id.parse().ok())
            .unwrap_or_else(|| panic!("{:?}: not saved: {to}", app.backend));
        let forum_page = format!("/en/forums/{id}");

        // A recommendation of the forum is published before the forum is.
        let moj = fixtures::org_id(&db, "moj").await;
        let reference = format!("FD-{}", chrono::Utc::now().timestamp_micros() % 1_000_000);
        let rec = new_recommendation(&facilitator, app, &reference, "វេទិកា", &[moj], true).await;
        let forum_field = id.to_string();
        let edit = [
            ("reference", reference.as_str()),
            ("forum", forum_field.as_str()),
            ("theme", "protection"),
            ("original_lang", "km"),
            ("title_km", "វេទិកា"),
            ("body_km", "អត្ថបទ"),
            ("translation_state", "missing"),
            ("bodies", &moj.to_string()),
        ];
        let edited = facilitator
            .post(app, &format!("/en/curate/recommendations/{rec}"), &edit)
            .await;
        assert!(
            location(&edited).contains("saved=1"),
            "{}",
            location(&edited)
        );

        hidden(app, id, rec, &word, "a draft").await;
        let (_, editor) = facilitator
            .get(app, &format!("/en/curate/forums/{id}"))
            .await;
        assert!(editor.contains("Draft: not public"), "{:?}", app.backend);
        let (_, list) = facilitator.get(app, "/en/curate").await;
        assert!(list.contains("class=\"badge draft\""));

        // Only a facilitator may publish, and only with a choice the form offers.
        let publication = format!("/en/curate/forums/{id}/publication");
        let official = sign_in_as(app, Role::Official, Some(moj)).await;
        let refused = official
            .post(app, &publication, &[("publish", "true")])
            .await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
        let odd = facilitator
            .post(app, &publication, &[("publish", "=1+1")])
            .await;
        assert!(location(&odd).contains("error=state"), "{}", location(&odd));
        hidden(app, id, rec, &word, "after refusals").await;

        // Published: everywhere public; twice is once.
        for _ in 0..2 {
            let done = facilitator
                .post(app, &publication, &[("publish", "true")])
                .await;
            assert_eq!(
                location(&done),
                format!("/en/curate/forums/{id}?published=1")
            );
        }
        let (status, page) = public(app, &forum_page).await;
        assert_eq!(status, StatusCode::OK, "{:?}", app.backend);
        assert!(page.contains(&word));
        let (_, list) = public(app, "/en/forums").await;
        assert!(list.contains(&word), "{:?}: listed", app.backend);
        let (_, found) = public(app, &format!("/en/recommendations?q={word}")).await;
        assert!(found.contains(&forum_page), "{:?}: searched", app.backend);
        let (_, item) = public(app, &format!("/api/v1/recommendations/{rec}")).await;
        assert!(item.contains(&format!("\"forum_id\":{id}")), "{item}");
        let (_, editor) = facilitator
            .get(app, &format!("/km/curate/forums/{id}"))
            .await;
        assert!(editor.contains("សាធារណៈតាំងពី"), "Khmer state");
        let events = |action: &'static str| {
            let db = db.clone();
            async move {
                audit_event::Entity::find()
                    .filter(audit_event::Column::Action.eq(action))
                    .filter(audit_event::Column::ObjectId.eq(id.to_string()))
                    .count(&db)
                    .await
                    .unwrap_or_default()
            }
        };
        assert_eq!(events("forum_published").await, 1, "{:?}", app.backend);

        // Withdrawn: hidden again, audited.
        let done = facilitator
            .post(app, &publication, &[("publish", "false")])
            .await;
        assert_eq!(
            location(&done),
            format!("/en/curate/forums/{id}?withdrawn=1")
        );
        hidden(app, id, rec, &word, "withdrawn").await;
        assert_eq!(events("forum_withdrawn").await, 1);
        let (status, _) = public(app, &format!("/en/recommendations/{rec}")).await;
        assert_eq!(status, StatusCode::OK, "its recommendation stays public");
    }
}
