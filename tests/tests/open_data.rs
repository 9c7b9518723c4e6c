//! The open data API: stable JSON (snapshot-tested against the demo data), keyset pages that
//! cover everything once, clear errors, and only published content. This binary adds no data
//! of its own, so its snapshots see exactly the demo data set.
use std::collections::HashSet;

use reqwest::StatusCode;
use serde_json::Value;
use tests::{TestApp, apps, client};

async fn json(app: &TestApp, path: &str) -> (StatusCode, Value) {
    match client().get(app.url(path)).send().await {
        Ok(r) => {
            let status = r.status();
            let text = r.text().await.unwrap_or_default();
            (status, serde_json::from_str(&text).unwrap_or(Value::Null))
        }
        Err(e) => panic!("GET {path}: {e}"),
    }
}

#[tokio::test]
async fn api_responses_keep_their_shape() {
    for app in apps() {
        // Overdue depends on the day the test runs; everything else is fixed by the demo data.
        let (status, orgs) = json(app, "/api/v1/organisations?limit=3").await;
        assert_eq!(status, StatusCode::OK);
        insta::assert_json_snapshot!("organisations_page_1", orgs);
        let (_, forums) = json(app, "/api/v1/forums").await;
        insta::assert_json_snapshot!("forums", forums);
        let (_, list) = json(app, "/api/v1/recommendations?limit=2").await;
        insta::assert_json_snapshot!("recommendations_page_1", list, {
            ".data[].overdue" => "[depends on today]",
        });
        let (status, one) = json(app, "/api/v1/recommendations/1").await;
        assert_eq!(status, StatusCode::OK);
        insta::assert_json_snapshot!("recommendation_1", one, {
            ".overdue" => "[depends on today]",
        });
    }
}

#[tokio::test]
async fn keyset_pages_cover_every_published_recommendation_once() {
    for app in apps() {
        let mut seen: Vec<String> = Vec::new();
        let mut after: Option<i64> = None;
        loop {
            let path = match after {
                Some(a) => format!("/api/v1/recommendations?limit=4&after={a}"),
                None => "/api/v1/recommendations?limit=4".to_string(),
            };
            let (status, page) = json(app, &path).await;
            assert_eq!(status, StatusCode::OK);
            let data = page["data"].as_array().cloned().unwrap_or_default();
            assert!(data.len() <= 4);
            seen.extend(
                data.iter()
                    .filter_map(|r| r["reference"].as_str().map(String::from)),
            );
            match page["next_after"].as_i64() {
                Some(next) => after = Some(next),
                None => break,
            }
        }
        let unique: HashSet<&String> = seen.iter().collect();
        assert_eq!(unique.len(), seen.len(), "no recommendation twice");
        assert!(seen.contains(&"SR-01".to_string()));
        assert!(
            seen.contains(&"SP-01".to_string()),
            "published survivor proposal"
        );
        assert!(
            !seen.contains(&"SR-15".to_string()),
            "a draft is never published"
        );
        let (_, html_count) = json(app, "/api/v1/recommendations?limit=200").await;
        assert_eq!(
            html_count["data"].as_array().map(Vec::len),
            Some(seen.len())
        );

        // Filters are the tracker's.
        let (_, filtered) = json(app, "/api/v1/recommendations?theme=prosecution&limit=200").await;
        let themes: HashSet<&str> = filtered["data"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|r| r["theme"].as_str())
            .collect();
        assert_eq!(themes, HashSet::from(["prosecution"]));
    }
}

#[tokio::test]
async fn bad_requests_get_a_clear_error_and_drafts_do_not_exist() {
    for app in apps() {
        for (path, code) in [
            ("/api/v1/recommendations?limit=0", "bad_limit"),
            ("/api/v1/recommendations?limit=5000", "bad_limit"),
            ("/api/v1/forums?after=abc", "bad_after"),
            ("/api/v1/recommendations?theme=<script>", "bad_filter"),
        ] {
            let (status, body) = json(app, path).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{path}");
            assert_eq!(body["error"], code, "{path}");
        }
        let (_, all) = json(app, "/api/v1/recommendations?limit=200").await;
        let ids: HashSet<i64> = all["data"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|r| r["id"].as_i64())
            .collect();
        // SR-15 is the demo's draft: it is not anywhere in the API.
        for id in 1..=20 {
            let (status, one) = json(app, &format!("/api/v1/recommendations/{id}")).await;
            if ids.contains(&id) {
                assert_eq!(status, StatusCode::OK);
            } else if status == StatusCode::OK {
                assert!(
                    one["merged_into"].is_number(),
                    "only merged ones are outside the list"
                );
            }
            assert_ne!(one["reference"], "SR-15");
        }
        let (status, _) = json(app, "/api/v1/recommendations/not-a-number").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
}
