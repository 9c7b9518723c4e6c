//! Two servers on one PostgreSQL database behave as one: a change made through one shows on
//! the other's next page (announced through the database, not left to the keeping time), a
//! session and a receipt code work on both, and the anonymous limits are shared, so a flood
//! spread over both gets no more through than one server lets.
use std::time::{Duration, Instant};

use app::{domain::role::Role, ssr::anonymous_gate::AnonymousLimits, ssr::writes::KEEP_AT_MOST};
use reqwest::StatusCode;
use tests::{
    client, fixtures,
    session::sign_in_as,
    survivor::{receipt_resolves, submit_feedback},
    tracker::new_recommendation,
    two_servers_on_postgres,
};

const LIMITS: AnonymousLimits = AnonymousLimits {
    submissions_per_address_hour: 6,
    lookups_per_address_hour: 1000,
    global_per_minute: 100_000,
};

async fn page(app: &tests::TestApp, path: &str) -> (bool, String) {
    match client().get(app.url(path)).send().await {
        Ok(r) => {
            assert_eq!(r.status(), StatusCode::OK, "{path}");
            let kept = r.headers().contains_key("age");
            (kept, r.text().await.unwrap_or_default())
        }
        Err(e) => panic!("GET {path}: {e}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_postgresql_database_behave_as_one() {
    let Some((one, two)) = two_servers_on_postgres(LIMITS) else {
        eprintln!("no PostgreSQL (TEST_DATABASE_URL): two servers need one");
        return;
    };
    // Each counts the servers running every few seconds, and shares the limits from then on.
    tokio::time::sleep(Duration::from_secs(6)).await;

    // A page kept by the second server gives way to a change made through the first (kept
    // just before it, so the keeping time alone would show the old page for longer).
    let facilitator = sign_in_as(&one, Role::Facilitator, None).await;
    let body = fixtures::org_id(&one.db().await, "mosvy").await;
    page(&two, "/en/recommendations").await;
    let kept_at = Instant::now();
    assert!(
        page(&two, "/en/recommendations").await.0,
        "kept on the second"
    );
    let reference = format!(
        "TWO{}",
        chrono::Utc::now().timestamp_micros() % 1_000_000_000
    );
    new_recommendation(&facilitator, &one, &reference, "ពីរ", &[body], true).await;
    loop {
        let (_, text) = page(&two, "/en/recommendations").await;
        if text.contains(&reference) {
            break;
        }
        assert!(
            kept_at.elapsed() < KEEP_AT_MOST * 2,
            "the second server never showed the change"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(
        kept_at.elapsed() < KEEP_AT_MOST,
        "shown only once the kept page ran out ({:?}), not when the first server wrote",
        kept_at.elapsed()
    );

    // The session made on the first is good on the second (cookies go by host, not port).
    let (status, account) = facilitator.get(&two, "/en/account").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        account.contains(&facilitator.email),
        "not signed in on the second"
    );
    // The second now remembers a session and its account; disabling the account through the
    // first ends the session on the second at once, not when its memory runs out.
    let admin = sign_in_as(&one, Role::Admin, None).await;
    let other = sign_in_as(&one, Role::Facilitator, None).await;
    assert_eq!(other.get(&two, "/en/account").await.0, StatusCode::OK);
    let disabled_at = Instant::now();
    let path = format!("/en/people/{}/disable", other.user_id);
    let off = admin.post(&one, &path, &[("disabled", "true")]).await;
    assert!(off.status().is_redirection(), "{}", off.status());
    assert_eq!(
        other.get(&two, "/en/account").await.0,
        StatusCode::UNAUTHORIZED,
        "still signed in on the second"
    );
    assert!(disabled_at.elapsed() < KEEP_AT_MOST);

    // A receipt code given by one opens its thread on the other.
    let Some(code) = submit_feedback(&one, "Given by the first server.").await else {
        panic!("the first server refused a submission")
    };
    assert!(receipt_resolves(&two, &code).await);

    // One address, six submissions an hour in all: three through each server, not six each.
    let mut accepted = 1;
    for i in 0..10 {
        let server = if i % 2 == 0 { &two } else { &one };
        if submit_feedback(server, "Spread over both servers.")
            .await
            .is_some()
        {
            accepted += 1;
        }
    }
    assert_eq!(
        accepted, LIMITS.submissions_per_address_hour,
        "the limit is shared between the servers"
    );
}
