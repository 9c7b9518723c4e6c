//! Public pages kept by the server for anonymous visitors: never out of date after a change
//! made through the server, at most `KEEP_AT_MOST` after one made beside it, never kept for
//! someone signed in, and each sent with a script nonce of its own.
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
    nonce: String,
}

async fn look(app: &tests::TestApp, path: &str) -> Seen {
    let response = match client().get(app.url(path)).send().await {
        Ok(r) => r,
        Err(e) => panic!("GET {path}: {e}"),
    };
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    let kept = response.headers().contains_key("age");
    let nonce = response
        .headers()
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .and_then(|p| p.split("'nonce-").nth(1))
        .and_then(|rest| rest.split('\'').next())
        .unwrap_or_default()
        .to_string();
    let body = response.text().await.unwrap_or_default();
    Seen { body, kept, nonce }
}

#[tokio::test]
async fn a_kept_page_gives_way_to_a_change_made_through_the_server_at_once() {
    for app in apps() {
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let first = look(app, "/en/recommendations").await;
        assert!(!first.kept, "rendered for this request");
        let again = look(app, "/en/recommendations").await;
        assert!(again.kept, "the second visit gets the kept page");
        assert_ne!(first.nonce, again.nonce, "a kept page gets a new nonce");
        assert_eq!(
            again.body.replace(&again.nonce, "N"),
            first.body.replace(&first.nonce, "N"),
            "the same page otherwise"
        );
        assert!(
            again.body.contains(&format!("nonce=\"{}\"", again.nonce)),
            "its scripts carry the new nonce"
        );

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

        // Signed-in people always get a page of their own, and leave nothing kept behind.
        let (status, own) = facilitator.get(app, "/en/recommendations").await;
        assert_eq!(status, StatusCode::OK);
        assert!(own.contains(&reference));
        let response = match facilitator
            .http
            .get(app.url("/en/recommendations"))
            .send()
            .await
        {
            Ok(r) => r,
            Err(e) => panic!("{e}"),
        };
        assert!(
            !response.headers().contains_key("age"),
            "kept for a signed-in person"
        );
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
        let after = look(app, &path).await;
        assert!(
            after.body.contains(&renamed),
            "{:?}: still the old name",
            app.backend
        );
    }
}
