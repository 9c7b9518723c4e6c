//! What every page needs that auditors check: an icon (no 404 on each visit), a description
//! in the page's language, and headings that do not skip a level on the tracker.
use reqwest::StatusCode;
use tests::{apps, client};

async fn get(app: &tests::TestApp, path: &str) -> (StatusCode, String, Vec<u8>) {
    match client().get(app.url(path)).send().await {
        Ok(r) => {
            let status = r.status();
            let kind = r
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_string();
            (
                status,
                kind,
                r.bytes().await.map(|b| b.to_vec()).unwrap_or_default(),
            )
        }
        Err(e) => panic!("GET {path}: {e}"),
    }
}

#[tokio::test]
async fn every_page_has_an_icon_a_description_and_ordered_headings() {
    let Some(app) = apps().first() else {
        panic!("no app")
    };
    for (path, kind) in [
        ("/favicon.ico", "image/"),
        ("/favicon.svg", "image/svg+xml"),
    ] {
        let (status, got, bytes) = get(app, path).await;
        assert_eq!(
            status,
            StatusCode::OK,
            "{path} (needs the built site: cargo leptos build)"
        );
        assert!(got.starts_with(kind), "{path}: {got}");
        assert!(!bytes.is_empty() && bytes.len() < 4096, "{path}: small");
    }
    for (path, description) in [
        (
            "/en/",
            "Survivors of human trafficking in Cambodia say what works",
        ),
        ("/km/", "អ្នករស់រានមានជីវិតពីការជួញដូរមនុស្សនៅកម្ពុជា"),
        ("/en/feedback", "Survivors of human trafficking"),
        ("/km/recommendations", "អ្នករស់រានមានជីវិត"),
    ] {
        let (status, _, body) = get(app, path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        let page = String::from_utf8_lossy(&body);
        let meta = page
            .split("<meta")
            .skip(1)
            .map(|m| m.split('>').next().unwrap_or_default())
            .find(|m| m.contains("name=\"description\""))
            .unwrap_or_default();
        assert!(meta.contains(description), "{path}: {meta}");
        assert!(page.contains("rel=\"icon\""), "{path}: the icon is named");
    }
    // The tracker's cards are h3 under an h2, not straight under the h1.
    let (_, _, body) = get(app, "/en/recommendations").await;
    let page = String::from_utf8_lossy(&body);
    let (h2, h3) = (
        page.find("<h2").unwrap_or(usize::MAX),
        page.find("<h3").unwrap_or(0),
    );
    assert!(h2 < h3, "an h2 comes before the first h3");
}
