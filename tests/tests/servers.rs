//! Several servers in one process (as in these tests, or a host that starts one per site):
//! starting one must never stall a page another is rendering.
use std::time::Duration;

use app::domain::role::Role;
use reqwest::StatusCode;
use tests::{apps, isolated_apps, session::sign_in_as};

/// Signed-in pages are rendered afresh each time (never kept), each loading its data.
const PAGES: [&str; 6] = [
    "/en/account",
    "/en/moderation",
    "/en/curate",
    "/en/people",
    "/en/recommendations",
    "/en/",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_render_while_other_servers_start_in_the_same_process() {
    let app = &apps()[0];
    let person = sign_in_as(app, Role::Facilitator, None).await;
    // Each start lists the app's routes. Listing them is what once stalled pages (leptos
    // stops resources process-wide meanwhile), and a start is mostly migrations and demo
    // data, so the listing is also asked for on its own, often, to make the overlap certain.
    let starting = tokio::task::spawn_blocking(|| {
        for _ in 0..2 {
            drop(isolated_apps());
            for _ in 0..1000 {
                let _ = server::routes::route_list();
            }
        }
    });
    let mut rendered = 0;
    while !starting.is_finished() {
        let mut pages = tokio::task::JoinSet::new();
        for page in PAGES {
            let request = person.http.get(app.url(page));
            pages.spawn(async move {
                let answer = tokio::time::timeout(Duration::from_secs(60), request.send()).await;
                (page, answer)
            });
        }
        while let Some(done) = pages.join_next().await {
            let Ok((page, answer)) = done else {
                panic!("a request task failed")
            };
            match answer {
                Ok(Ok(r)) => assert_eq!(r.status(), StatusCode::OK, "{page}"),
                Ok(Err(e)) => panic!("{page}: {e}"),
                Err(_) => panic!("{page} never came back while another server started"),
            }
            rendered += 1;
        }
    }
    assert!(
        rendered > 0,
        "no page was asked for while the servers started"
    );
}
