//! Malformed and overlong receipt codes are refused before any slow hash is computed. It counts
//! this process's hashes, which the other tests of the binary also compute, at any moment: so
//! each measurement is repeated until a quiet moment. Concurrent hashing can only add to a
//! count, so a malformed code that was hashed could never show a count of 0, and a good code
//! hashed twice could never show 1.
use app::ssr::{anonymous_gate::AnonymousLimits, receipts::hashes_computed};
use reqwest::StatusCode;
use tests::{TestApp, apps_with_limits, survivor::post};

/// The fewest hashes computed while `typed` was looked up, over up to 100 tries.
async fn fewest_hashes(app: &TestApp, typed: &str, expected: StatusCode) -> u64 {
    let mut fewest = u64::MAX;
    for _ in 0..100 {
        let before = hashes_computed();
        let page = post(app, "/en/receipt", &[("code", typed)], &[]).await;
        let spent = hashes_computed() - before;
        assert_eq!(page.status, expected, "{:.20}", typed);
        fewest = fewest.min(spent);
        if fewest == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    fewest
}

#[tokio::test]
async fn bad_codes_are_refused_without_hashing_and_a_good_one_is_hashed_once() {
    let limits = AnonymousLimits {
        lookups_per_address_hour: 100_000,
        ..AnonymousLimits::default()
    };
    for app in &apps_with_limits(limits) {
        let overlong = "1".repeat(100_000);
        for typed in [
            overlong.as_str(),
            "12345",
            "abcde fghij klmno pqrst",
            "",
            "១២៣",
        ] {
            let spent = fewest_hashes(app, typed, StatusCode::UNPROCESSABLE_ENTITY).await;
            assert_eq!(spent, 0, "a malformed code was hashed: {typed:.20}");
        }
        let mut fewest = u64::MAX;
        for _ in 0..100 {
            let before = hashes_computed();
            let page = post(
                app,
                "/en/receipt",
                &[("code", "១២៣៤៥ ៦៧៨៩០ ១២៣៤៥ ៦៧៨៩០")],
                &[],
            )
            .await;
            assert_eq!(page.status, StatusCode::NOT_FOUND);
            fewest = fewest.min(hashes_computed() - before);
            if fewest <= 1 {
                break;
            }
        }
        assert_eq!(fewest, 1, "a well-formed code is hashed once");
    }
}

/// A server that hashes codes ahead hands each ready code out once, and each opens the thread
/// it was given for; past the stock, codes are made as survivors send.
#[tokio::test]
async fn codes_made_ahead_each_open_their_own_thread() {
    let app = tests::app_with_ready_receipts(2);
    // The stock fills while nobody sends (two hashes; well within the wait).
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let mut codes = Vec::new();
    let texts = [
        "The shelter staff listened.",
        "The lawyer came late.",
        "The nurse was kind.",
        "Nobody explained the papers.",
    ];
    for (n, text) in texts.into_iter().enumerate() {
        let sent = post(
            &app,
            "/en/feedback",
            &tests::survivor::feedback_fields(text),
            &[],
        )
        .await;
        assert_eq!(sent.status, StatusCode::OK, "{n}: {}", sent.body);
        codes.push((tests::survivor::shown_code(&sent.body), text));
    }
    for (i, (code, text)) in codes.iter().enumerate() {
        assert!(
            codes[i + 1..].iter().all(|(other, _)| other != code),
            "every code differs"
        );
        let thread = post(&app, "/en/receipt", &[("code", code)], &[]).await;
        assert_eq!(thread.status, StatusCode::OK, "{code}");
        assert!(thread.body.contains(text), "her own words: {text}");
    }
}
