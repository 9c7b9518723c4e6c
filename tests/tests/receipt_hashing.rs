//! Malformed and overlong receipt codes are refused before any slow hash is computed. Alone
//! in its own binary: it counts this process's hashes, which no other test may disturb.
use app::ssr::receipts::hashes_computed;
use reqwest::StatusCode;
use tests::{apps, survivor::post};

#[tokio::test]
async fn bad_codes_are_refused_without_hashing_and_a_good_one_is_hashed_once() {
    for app in apps() {
        let before = hashes_computed();
        let overlong = "1".repeat(100_000);
        for typed in [
            overlong.as_str(),
            "12345",
            "abcde fghij klmno pqrst",
            "",
            "១២៣",
        ] {
            let page = post(app, "/en/receipt", &[("code", typed)], &[]).await;
            assert_eq!(
                page.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{:.20}",
                typed
            );
        }
        assert_eq!(hashes_computed(), before, "a malformed code was hashed");
        let page = post(
            app,
            "/en/receipt",
            &[("code", "១២៣៤៥ ៦៧៨៩០ ១២៣៤៥ ៦៧៨៩០")],
            &[],
        )
        .await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);
        assert_eq!(
            hashes_computed(),
            before + 1,
            "a well-formed code is hashed once"
        );
    }
}
