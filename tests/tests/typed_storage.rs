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
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let moj = fixtures::org_id(&app.db().await, "moj").await;
        let id = new_recommendation(&facilitator, app, "TS-1", "កំណត់ត្រា", &[moj], true).await;
        // Not fetched before: this server keeps a copy of public pages for the day.
        let path = format!("/en/recommendations/{id}");

        let db = app.db().await;
        let set = |status: &str| {
            Statement::from_string(
                db.get_database_backend(),
                format!("UPDATE recommendations SET status = '{status}' WHERE id = {id}"),
            )
        };
        let corrupt = db.execute_raw(set("bogus")).await;
        assert!(corrupt.is_ok(), "corrupt the row: {corrupt:?}");
        let status = |sent: Result<reqwest::Response, reqwest::Error>| match sent {
            Ok(r) => r.status(),
            Err(e) => panic!("{e}"),
        };
        assert_eq!(
            status(client().get(app.url(&path)).send().await),
            StatusCode::INTERNAL_SERVER_ERROR,
            "a status nobody knows must not pass for another"
        );
        let api = format!("/api/v1/recommendations/{id}");
        assert_eq!(
            status(client().get(app.url(&api)).send().await),
            StatusCode::INTERNAL_SERVER_ERROR,
            "{api}"
        );
        let mended = db.execute_raw(set("awaiting_response")).await;
        assert!(mended.is_ok(), "mend the row: {mended:?}");
    }
    assert!(
        logs::captured().contains("is not a known code"),
        "the bad row is logged"
    );
}
