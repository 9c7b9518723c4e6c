//! Stored enums are read as the domain's types: a row whose code is not one of the enum's
//! is an error that is logged and answered, never quietly a default ("new", "draft" …).
use app::domain::role::Role;
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, Statement};
use tests::{apps, client, fixtures, logs, session::sign_in_as, tracker::new_recommendation};

#[tokio::test]
async fn a_stored_code_that_is_not_known_is_an_error_not_a_default() {
    logs::install();
    for app in apps() {
        let facilitator = sign_in_as(&app, Role::Facilitator, None).await;
        let moj = fixtures::org_id(&app.db().await, "moj").await;
        let id = new_recommendation(&facilitator, &app, "TS-1", "កំណត់ត្រា", &[moj], true).await;
        // Not fetched before: this server keeps a copy of public pages for the day.
        let path = format!("/en/recommendations/{id}");

        let db = app.db().await;
        let set = |status: &str| {
            Statement::from_string(
                db.get_database_backend(),
                format!("UPDATE recommendations SET status = '{status}' WHERE id = {id}"),
            )
        };
        db.execute_raw(set("bogus")).await.expect("corrupt the row");
        let page = client().get(app.url(&path)).send().await.expect(&path);
        assert_eq!(
            page.status(),
            StatusCode::INTERNAL_SERVER_ERROR,
            "a status nobody knows must not pass for another"
        );
        let api = format!("/api/v1/recommendations/{id}");
        let json = client().get(app.url(&api)).send().await.expect(&api);
        assert_eq!(json.status(), StatusCode::INTERNAL_SERVER_ERROR, "{api}");
        db.execute_raw(set("awaiting_response"))
            .await
            .expect("mend the row");
    }
    assert!(
        logs::captured().contains("is not a known code"),
        "the bad row is logged"
    );
}
