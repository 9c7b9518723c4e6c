//! The public site over HTTP, on every configured backend.
use std::collections::BTreeSet;

use app::ssr::seed;
use reqwest::{StatusCode, header};
use tests::{TestApp, apps, built_file, client, fixtures, logs};

struct Page {
    status: StatusCode,
    headers: header::HeaderMap,
    body: String,
}

async fn get(app: &TestApp, path: &str) -> Page {
    get_with(app, path, &[]).await
}

async fn get_with(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> Page {
    let mut request = client().get(app.url(path));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = match request.send().await {
        Ok(r) => r,
        Err(e) => panic!("{:?} GET {path}: {e}", app.backend),
    };
    Page {
        status: response.status(),
        headers: response.headers().clone(),
        body: response.text().await.unwrap_or_default(),
    }
}

/// The references of the recommendation cards on a page, in page order.
fn references(html: &str) -> Vec<String> {
    html.split("data-reference=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| (*s).to_string()).collect()
}

fn header<'a>(page: &'a Page, name: &str) -> &'a str {
    page.headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

#[tokio::test]
async fn root_redirects_by_browser_language_khmer_when_unsure() {
    for app in apps() {
        for (accept, target) in [
            ("en-US,en;q=0.9", "/en/"),
            ("km-KH,km;q=0.9,en;q=0.8", "/km/"),
            ("fr-FR,fr;q=0.9", "/km/"),
            ("", "/km/"),
        ] {
            let page = get_with(app, "/", &[("accept-language", accept)]).await;
            assert!(page.status.is_redirection(), "{:?} {accept}", app.backend);
            assert_eq!(
                header(&page, "location"),
                target,
                "{:?} {accept:?}",
                app.backend
            );
            assert!(header(&page, "vary").contains("Accept-Language"));
        }
    }
}

#[tokio::test]
async fn home_speaks_each_language_with_the_right_html_lang() {
    for app in apps() {
        let km = get(app, "/km/").await;
        assert_eq!(km.status, StatusCode::OK);
        assert!(km.body.contains("<html lang=\"km\""), "{:?}", app.backend);
        assert!(km.body.contains("អ្នករស់រានមានជីវិតនិយាយ"));
        // Fifteen public demo recommendations, counted in Khmer digits.
        assert!(km.body.contains("អនុសាសន៍ចំនួន ១៥"), "{:?}", app.backend);
        assert!(km.body.contains("href=\"/km/recommendations\""));

        let en = get(app, "/en/").await;
        assert!(en.body.contains("<html lang=\"en\""));
        assert!(
            en.body
                .contains("Survivors speak. Everyone can see the answer.")
        );
        assert!(en.body.contains("15 recommendations so far."));
    }
}

#[tokio::test]
async fn tracker_shows_published_recommendations_and_never_drafts() {
    for app in apps() {
        let page = get(app, "/en/recommendations?forum=1").await;
        assert_eq!(page.status, StatusCode::OK);
        let refs: BTreeSet<String> = references(&page.body).into_iter().collect();
        let expected: BTreeSet<String> = (1..=14).map(|n| format!("SR-{n:02}")).collect();
        assert_eq!(refs, expected, "{:?}", app.backend);
        assert!(
            page.body.contains("14 recommendations match."),
            "the count of matches"
        );
        assert!(!page.body.contains("SR-15"), "a draft is public");
        assert!(
            page.body.contains("class=\"demo-banner\""),
            "demo not marked"
        );

        let protection = get(app, "/en/recommendations?theme=protection").await;
        assert!(references(&protection.body).contains(&"SP-01".to_string()));
    }
}

#[tokio::test]
async fn tracker_filters_by_theme_status_forum_and_body() {
    for app in apps() {
        let db = app.db().await;
        let refs = |page: Page| references(&page.body).into_iter().collect::<BTreeSet<_>>();

        let prosecution = refs(get(app, "/km/recommendations?theme=prosecution").await);
        assert_eq!(
            prosecution,
            set(&["SR-08", "SR-09", "SR-10", "SR-11"]),
            "{:?}",
            app.backend
        );

        let implemented = refs(get(app, "/en/recommendations?status=implemented").await);
        assert_eq!(implemented, set(&["SR-02", "SR-06", "SR-13"]));

        let refused = refs(get(app, "/en/recommendations?status=not_implemented").await);
        assert_eq!(refused, set(&["SR-10"]));

        let moj = fixtures::org_id(&db, "moj").await;
        let to_moj = refs(get(app, &format!("/en/recommendations?body={moj}")).await);
        assert_eq!(to_moj, set(&["SR-09", "SR-10", "SR-11"]));

        let combined = refs(
            get(
                app,
                &format!("/en/recommendations?theme=prosecution&status=answered&body={moj}"),
            )
            .await,
        );
        assert_eq!(combined, set(&["SR-09"]));

        // Overdue: unanswered for months, or open past a due date; never once closed.
        let overdue = refs(get(app, "/en/recommendations?forum=1&overdue=1").await);
        for r in ["SR-07", "SR-11", "SR-03", "SR-12"] {
            assert!(
                overdue.contains(r),
                "{r} should be overdue on {:?}",
                app.backend
            );
        }
        for r in ["SR-02", "SR-06", "SR-10", "SR-13"] {
            assert!(!overdue.contains(r), "{r} should not be overdue");
        }
        let recent = refs(get(app, "/en/recommendations?theme=protection&overdue=1").await);
        assert!(
            recent.contains("SR-07") && !recent.contains("SP-01"),
            "{recent:?}"
        );
    }
}

#[tokio::test]
async fn unknown_filter_values_answer_400_and_the_rest_of_the_address_still_shows() {
    for app in apps() {
        let page = get(
            app,
            "/en/recommendations?theme=%3Cscript%3E&forum=1%20OR%201%3D1",
        )
        .await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST);
        assert!(
            page.body.contains("were not understood"),
            "{:?}",
            app.backend
        );
        assert!(!page.body.contains("<script>"));
        assert!(references(&page.body).len() >= 15);

        let km = get(app, "/km/recommendations?status=draft").await;
        assert_eq!(km.status, StatusCode::BAD_REQUEST);
        assert!(km.body.contains("មិនអាចយល់បាន"));
        assert!(!references(&km.body).contains(&"SR-15".to_string()));

        // A value that is understood, an empty one, and a name the tracker does not use
        // (added by the site a link was shared on) are all fine.
        for fine in [
            "/en/recommendations?theme=protection&status=&overdue=0",
            "/en/recommendations?fbclid=IwAR0abc&q=",
        ] {
            let page = get(app, fine).await;
            assert_eq!(page.status, StatusCode::OK, "{fine}");
            assert!(!page.body.contains("were not understood"), "{fine}");
        }
        let overdue = get(app, "/en/recommendations?overdue=maybe").await;
        assert_eq!(overdue.status, StatusCode::BAD_REQUEST);
        // The CSV makes no file rather than one that quietly left a filter out.
        let csv = get(app, "/km/recommendations.csv?theme=nonsense").await;
        assert_eq!(csv.status, StatusCode::BAD_REQUEST);
        assert!(csv.body.contains("មិនបានធ្វើឯកសារ"), "{}", csv.body);
        let fine = get(app, "/en/recommendations.csv?theme=protection").await;
        assert_eq!(fine.status, StatusCode::OK);
    }
}

#[tokio::test]
async fn tracker_pages_with_a_keyset_cursor() {
    for app in apps() {
        let db = app.db().await;
        let prefix = format!("PG{}", app.backend as u8);
        let forum = fixtures::forum_with_recommendations(&db, &prefix, 25).await;

        let first = get(app, &format!("/en/recommendations?forum={forum}")).await;
        let first_refs = references(&first.body);
        assert_eq!(first_refs.len(), 20, "{:?}", app.backend);
        assert_eq!(first_refs[0], format!("{prefix}-25"), "newest first");
        let next = first
            .body
            .split("rel=\"next\" href=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .map(|href| href.replace("&amp;", "&"));
        let Some(next) = next else {
            panic!("no next-page link on {:?}", app.backend)
        };
        assert!(
            next.contains(&format!("forum={forum}")) && next.contains("after="),
            "{next}"
        );
        assert!(!next.contains("offset"));

        let second = get(app, &next).await;
        let second_refs = references(&second.body);
        assert_eq!(second_refs.len(), 5);
        assert!(
            !second.body.contains("rel=\"next\""),
            "no page after the last"
        );
        assert!(second.body.contains("Back to the first page"));
        let all: BTreeSet<String> = first_refs.into_iter().chain(second_refs).collect();
        assert_eq!(all.len(), 25, "pages overlap or miss items");
    }
}

#[tokio::test]
async fn recommendation_page_shows_each_bodys_dated_timeline() {
    for app in apps() {
        let db = app.db().await;
        let id = fixtures::recommendation_id(&db, "SR-04").await;

        let km = get(app, &format!("/km/recommendations/{id}")).await;
        assert_eq!(km.status, StatusCode::OK, "{:?}", app.backend);
        assert!(km.body.contains("ការបណ្ដុះបណ្ដាលជំនាញដែលសមនឹងតម្រូវការ"));
        assert!(km.body.contains("ក្រសួងសង្គមកិច្ច"));
        assert!(km.body.contains("សម្ព័ន្ធចាប់ដៃ"));
        // Dates in Khmer digits and month names; every stage, in order.
        assert!(km.body.contains("១ ធ្នូ ២០២៥"), "response date");
        assert!(km.body.contains("៣០ កញ្ញា ២០២៦"), "stalled date");
        assert!(km.body.contains("វឌ្ឍនភាព៖ ជាប់គាំង"));
        assert!(km.body.contains("កាលកំណត់ ៣១ តុលា ២០២៦"));
        let started = km.body.find("១០ មេសា ២០២៦");
        let stalled = km.body.find("៣០ កញ្ញា ២០២៦");
        assert!(
            started < stalled && started.is_some(),
            "timeline out of order"
        );
        assert!(km.body.contains("href=\"/km/forums/"));

        let en = get(app, &format!("/en/recommendations/{id}")).await;
        assert!(en.body.contains("Skills training that fits survivors"));
        assert!(en.body.contains("Answered: Partially accepted"));
        assert!(en.body.contains("Progress: Stalled"));
        assert!(en.body.contains("Due 31 October 2026"));
    }
}

#[tokio::test]
async fn missing_translation_shows_the_original_with_a_mark() {
    for app in apps() {
        let db = app.db().await;
        let id = fixtures::recommendation_id(&db, "SR-09").await;
        let en = get(app, &format!("/en/recommendations/{id}")).await;
        assert!(
            en.body.contains("ក្រសួងបានកត់សម្គាល់អនុសាសន៍នេះ"),
            "{:?}",
            app.backend
        );
        assert!(en.body.contains("Not yet translated"));
        assert!(en.body.contains("<span lang=\"km\">ក្រសួងបានកត់សម្គាល់"));
        let km = get(app, &format!("/km/recommendations/{id}")).await;
        assert!(
            !km.body.contains("មិនទាន់បានបកប្រែ"),
            "Khmer original needs no mark"
        );
    }
}

#[tokio::test]
async fn forum_page_summarises_where_its_recommendations_stand() {
    for app in apps() {
        let km = get(app, "/km/forums/1").await;
        assert_eq!(km.status, StatusCode::OK);
        assert!(km.body.contains("វេទិកាសំឡេងអ្នករស់រានមានជីវិតពីការជួញដូរមនុស្ស"));
        assert!(km.body.contains("២៥–២៧ កញ្ញា ២០២៥"), "{:?}", app.backend);
        assert!(km.body.contains("សៀមរាប"));
        for line in [
            "កំពុងរង់ចាំការឆ្លើយតប៖ ២",
            "បានឆ្លើយតប៖ ៣",
            "កំពុងអនុវត្ត៖ ៥",
            "បានអនុវត្ត៖ ៣",
            "មិនបានអនុវត្ត៖ ១",
        ] {
            assert!(
                km.body.contains(line),
                "missing {line} on {:?}",
                app.backend
            );
        }
        assert_eq!(references(&km.body).len(), 14);
        let en = get(app, "/en/forums/1").await;
        assert!(en.body.contains("25–27 September 2025"));
        assert!(en.body.contains("Implemented: 3"));
    }
}

#[tokio::test]
async fn unknown_pages_get_a_translated_404() {
    for app in apps() {
        let db = app.db().await;
        let draft = fixtures::recommendation_id(&db, "SR-15").await;
        for (path, lang, text) in [
            (
                "/en/recommendations/999999".to_string(),
                "en",
                "We could not find this page",
            ),
            (
                "/km/recommendations/999999".to_string(),
                "km",
                "យើងរកមិនឃើញទំព័រនេះទេ",
            ),
            (
                "/en/recommendations/abc".to_string(),
                "en",
                "We could not find this page",
            ),
            (
                format!("/en/recommendations/{draft}"),
                "en",
                "We could not find this page",
            ),
            (
                "/en/forums/424242".to_string(),
                "en",
                "We could not find this page",
            ),
            (
                "/en/no-such-page".to_string(),
                "en",
                "We could not find this page",
            ),
            (
                "/xx/recommendations".to_string(),
                "km",
                "យើងរកមិនឃើញទំព័រនេះទេ",
            ),
        ] {
            let page = get(app, &path).await;
            assert_eq!(
                page.status,
                StatusCode::NOT_FOUND,
                "{path} on {:?}",
                app.backend
            );
            assert!(page.body.contains(text), "{path}");
            assert!(
                page.body.contains(&format!("<html lang=\"{lang}\"")),
                "{path}"
            );
        }
    }
}

#[tokio::test]
async fn language_switch_keeps_the_page_and_its_filters() {
    for app in apps() {
        let km = get(app, "/km/recommendations?theme=prevention").await;
        assert!(
            km.body
                .contains("href=\"/en/recommendations?theme=prevention\""),
            "{:?}",
            app.backend
        );
        let en = get(app, "/en/forums/1").await;
        assert!(en.body.contains("href=\"/km/forums/1\""));
    }
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    for app in apps() {
        let paths = [
            "/",
            "/km/",
            "/km",
            "/en/recommendations",
            "/en/recommendations/999999",
            &built_file(app, "css").await,
        ];
        for path in paths {
            let page = get(app, path).await;
            assert_eq!(header(&page, "referrer-policy"), "no-referrer", "{path}");
            assert_eq!(header(&page, "x-content-type-options"), "nosniff", "{path}");
            let csp = header(&page, "content-security-policy");
            assert!(!csp.is_empty(), "{path} has no CSP");
            assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
            assert!(csp.contains("object-src 'none'") && csp.contains("frame-ancestors 'none'"));
            assert!(
                header(&page, "set-cookie").is_empty(),
                "{path} sets a cookie"
            );
        }
    }
}

#[tokio::test]
async fn page_scripts_carry_a_fresh_nonce_that_the_csp_names() {
    // A page with an island rendered for each request (a forum's slides); a page kept for
    // everyone, signed in or not, allows its scripts by their hashes instead (`public_pages.rs`).
    for app in apps() {
        let person =
            tests::session::sign_in_as(app, app::domain::role::Role::Facilitator, None).await;
        let forum = tests::fixtures::forum_with_recommendations(&app.db().await, "NONCE", 1).await;
        let slides = format!("/en/forums/{forum}/present/1");
        let mut seen = Vec::new();
        for _ in 0..2 {
            let response = match person.http.get(app.url(&slides)).send().await {
                Ok(r) => r,
                Err(e) => panic!("{e}"),
            };
            let nonce = response
                .headers()
                .get("content-security-policy")
                .and_then(|v| v.to_str().ok())
                .and_then(|p| p.split("'nonce-").nth(1))
                .and_then(|rest| rest.split('\'').next())
                .map(str::to_string);
            let Some(nonce) = nonce else {
                panic!("page CSP without a nonce on {:?}", app.backend)
            };
            let body = response.text().await.unwrap_or_default();
            let scripts = body.matches("<script").count();
            let signed = body.matches(&format!("nonce=\"{nonce}\"")).count();
            assert!(
                scripts > 0 && signed >= scripts,
                "{signed} of {scripts} scripts signed"
            );
            assert!(nonce.len() >= 22, "nonce too short");
            seen.push(nonce);
        }
        assert_ne!(seen[0], seen[1], "nonce reused");
    }
}

#[tokio::test]
async fn pages_without_an_island_load_no_script_and_allow_none() {
    for app in apps() {
        for path in [
            "/en/",
            "/km/forums",
            "/en/bodies",
            "/km/login",
            "/en/not-a-page",
        ] {
            let page = get(app, path).await;
            assert!(
                !page.body.contains("<script") && !page.body.contains(".wasm"),
                "{path} loads a script on {:?}",
                app.backend
            );
            assert!(
                header(&page, "content-security-policy").contains("script-src 'none'"),
                "{path}"
            );
        }
        let tracker = get(app, "/km/recommendations").await;
        assert!(
            tracker.body.contains(".wasm"),
            "the tracker's filters need it"
        );
    }
}

#[tokio::test]
async fn pages_are_compressed() {
    for app in apps() {
        // reqwest would decompress silently and drop the header: ask for the raw body.
        let raw = reqwest::Client::builder().no_brotli().no_gzip().build();
        let Ok(raw) = raw else { panic!("client") };
        let response = raw
            .get(app.url("/en/recommendations"))
            .header("accept-encoding", "br")
            .send()
            .await;
        let Ok(response) = response else {
            panic!("request failed")
        };
        assert_eq!(
            response
                .headers()
                .get("content-encoding")
                .and_then(|v| v.to_str().ok()),
            Some("br"),
            "{:?}",
            app.backend
        );
    }
}

#[tokio::test]
async fn access_logs_never_carry_addresses_or_user_agents() {
    for app in apps() {
        let canary_ua = "CanaryAgent/7.7 (samleng-test)";
        let canary_ip = "203.0.113.77";
        let page = get_with(
            app,
            "/en/recommendations?theme=protection",
            &[
                ("user-agent", canary_ua),
                ("x-forwarded-for", canary_ip),
                ("x-real-ip", canary_ip),
                ("referer", "https://canary-referer.example/"),
            ],
        )
        .await;
        assert_eq!(page.status, StatusCode::OK);
        let logged = logs::captured();
        assert!(
            logged.contains("/en/recommendations"),
            "the request was not logged at all"
        );
        assert!(!logged.contains("CanaryAgent"), "user agent logged");
        assert!(!logged.contains(canary_ip), "address logged");
        assert!(!logged.contains("canary-referer"), "referer logged");
        // The test client connects from loopback: its address must not appear either.
        let peers: Vec<&str> = logged
            .lines()
            .filter(|l| l.contains("127.0.0.1"))
            .take(3)
            .collect();
        assert!(peers.is_empty(), "peer address logged: {peers:?}");
    }
}

#[tokio::test]
async fn demo_seed_is_idempotent() {
    for app in apps() {
        let db = app.db().await;
        let again = match seed::seed_demo(&db).await {
            Ok(r) => r,
            Err(e) => panic!("second seed failed on {:?}: {e}", app.backend),
        };
        assert_eq!(again, seed::SeedReport::default(), "{:?}", app.backend);
        let page = get(app, "/en/recommendations?forum=1").await;
        assert_eq!(references(&page.body).len(), 14);
    }
}

#[tokio::test]
async fn sqlite_is_opened_for_durability() {
    use sea_orm::{ConnectionTrait, Statement};
    for app in apps()
        .iter()
        .filter(|a| a.backend == tests::Backend::Sqlite)
    {
        let db = app.db().await;
        for (pragma, expected) in [
            ("journal_mode", "wal"),
            ("synchronous", "2"),
            ("foreign_keys", "1"),
            ("busy_timeout", "5000"),
        ] {
            let row = db
                .query_one_raw(Statement::from_string(
                    db.get_database_backend(),
                    format!("PRAGMA {pragma}"),
                ))
                .await;
            let value = match row {
                Ok(Some(row)) => row
                    .try_get_by_index::<String>(0)
                    .or_else(|_| row.try_get_by_index::<i64>(0).map(|n| n.to_string()))
                    .unwrap_or_default(),
                other => panic!("PRAGMA {pragma}: {other:?}"),
            };
            assert_eq!(value, expected, "PRAGMA {pragma}");
        }
    }
}
