//! Header snapshots: what a public page, a signed-in page and an error page send.
use app::domain::role::Role;
use reqwest::header::HeaderMap;
use tests::{apps, built_file, client, session::sign_in_as};

/// The security-relevant headers, one per line, with the nonce replaced.
fn snapshot(headers: &HeaderMap) -> String {
    let mut lines: Vec<String> = [
        "cache-control",
        "content-security-policy",
        "referrer-policy",
        "set-cookie",
        "strict-transport-security",
        "x-content-type-options",
    ]
    .iter()
    .filter_map(|name| {
        let value = headers.get(*name)?.to_str().ok()?;
        // Session ids differ every time: keep the attributes, mask the id.
        let value = match value.split_once("samleng_session=") {
            Some((head, rest)) => {
                let tail = rest.split_once(';').map(|(_, t)| t).unwrap_or_default();
                format!("{head}samleng_session=ID;{tail}")
            }
            None => value.to_string(),
        };
        let value = match value.split_once("'nonce-") {
            Some((head, rest)) => {
                let tail = rest.split_once('\'').map(|(_, t)| t).unwrap_or_default();
                format!("{head}'nonce-N'{tail}")
            }
            None => value,
        };
        let value = value
            .split(' ')
            .map(|word| match word.starts_with("'sha256-") {
                true => "'sha256-H'",
                false => word,
            })
            .collect::<Vec<_>>()
            .join(" ");
        Some(format!("{name}: {value}"))
    })
    .collect();
    lines.sort();
    lines.join("\n")
}

/// A page with an island kept for everyone: its three inline scripts allowed by their hashes.
const KEPT_CSP: &str = "content-security-policy: default-src 'self'; script-src 'self' 'sha256-H' 'sha256-H' 'sha256-H' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; media-src 'self'; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
/// A page with an island rendered per request: its scripts carry a nonce of their own.
const PAGE_CSP: &str = "content-security-policy: default-src 'self'; script-src 'nonce-N' 'strict-dynamic' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; media-src 'self'; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
/// Pages without an island (most of them) load no script and allow none.
const NO_SCRIPT_CSP: &str = "content-security-policy: default-src 'none'; script-src 'none'; style-src 'self'; img-src 'self' data:; media-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

#[tokio::test]
async fn public_signed_in_and_error_pages_send_the_expected_headers() {
    for app in apps() {
        let public = client().get(app.url("/en/recommendations")).send().await;
        let Ok(public) = public else {
            panic!("public page")
        };
        assert_eq!(
            snapshot(public.headers()),
            format!("{KEPT_CSP}\nreferrer-policy: no-referrer\nx-content-type-options: nosniff"),
            "{:?}",
            app.backend
        );

        let missing = client()
            .get(app.url("/km/recommendations/987654"))
            .send()
            .await;
        let Ok(missing) = missing else {
            panic!("error page")
        };
        assert_eq!(missing.status(), 404);
        assert_eq!(
            snapshot(missing.headers()),
            format!(
                "{NO_SCRIPT_CSP}\nreferrer-policy: no-referrer\nx-content-type-options: nosniff"
            )
        );

        let signed = sign_in_as(app, Role::Facilitator, None).await;
        let own = signed.http.get(app.url("/en/recommendations")).send().await;
        let Ok(own) = own else {
            panic!("the tracker for someone signed in")
        };
        // The kept page with their own header in it: never kept by the browser.
        assert_eq!(
            snapshot(own.headers()),
            format!(
                "cache-control: no-store\n{KEPT_CSP}\nreferrer-policy: no-referrer\n\
                 set-cookie: samleng_session=ID; HttpOnly; SameSite=Strict; Path=/; Max-Age=1800\n\
                 x-content-type-options: nosniff"
            )
        );
        // A page with an island rendered for each request: a nonce of its own.
        let forum = tests::fixtures::forum_with_recommendations(&app.db().await, "CSPN", 1).await;
        let slides = signed
            .http
            .get(app.url(&format!("/en/forums/{forum}/present/1")))
            .send()
            .await;
        let Ok(slides) = slides else {
            panic!("a forum's slides")
        };
        assert_eq!(slides.status(), 200);
        assert!(
            snapshot(slides.headers()).contains(PAGE_CSP),
            "{}",
            snapshot(slides.headers())
        );
        let account = signed.http.get(app.url("/en/account")).send().await;
        let Ok(account) = account else {
            panic!("account page")
        };
        assert_eq!(
            snapshot(account.headers()),
            format!(
                "cache-control: no-store\n{NO_SCRIPT_CSP}\nreferrer-policy: no-referrer\n\
                 set-cookie: samleng_session=ID; HttpOnly; SameSite=Strict; Path=/; Max-Age=1800\n\
                 x-content-type-options: nosniff"
            ),
            "a signed-in page refreshes its idle limit ({})",
            account.status()
        );
    }
}

/// A client that asks for one content encoding and leaves the body as it came.
fn asking_for(encoding: &'static str) -> reqwest::Client {
    let mut headers = HeaderMap::new();
    headers.insert(
        reqwest::header::ACCEPT_ENCODING,
        reqwest::header::HeaderValue::from_static(encoding),
    );
    match reqwest::Client::builder()
        .no_gzip()
        .no_brotli()
        .default_headers(headers)
        .build()
    {
        Ok(c) => c,
        Err(e) => panic!("cannot build an HTTP client: {e}"),
    }
}

async fn head_of(client: &reqwest::Client, url: String) -> HeaderMap {
    match client.get(&url).send().await {
        Ok(r) if r.status().is_success() => r.headers().clone(),
        Ok(r) => panic!("GET {url}: {}", r.status()),
        Err(e) => panic!("GET {url}: {e}"),
    }
}

fn value<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

#[tokio::test]
async fn pages_and_built_files_are_compressed_and_built_files_are_kept_a_year() {
    for app in apps() {
        for encoding in ["br", "gzip"] {
            let client = asking_for(encoding);
            for page in ["/en/recommendations", "/km/feedback"] {
                let headers = head_of(&client, app.url(page)).await;
                assert_eq!(value(&headers, "content-encoding"), encoding, "{page}");
            }
            for extension in ["css", "js", "wasm"] {
                let path = built_file(app, extension).await;
                let name = path.trim_start_matches("/pkg/");
                assert_eq!(
                    name.split('.').count(),
                    3,
                    "{name}: no content hash in the name"
                );
                let headers = head_of(&client, app.url(&path)).await;
                assert_eq!(value(&headers, "content-encoding"), encoding, "{path}");
                assert_eq!(
                    value(&headers, "cache-control"),
                    "public, max-age=31536000, immutable",
                    "{path}"
                );
            }
        }
        // Pages are never cached that long, and an unknown file is not found.
        let page = head_of(&client(), app.url("/en/recommendations")).await;
        assert!(!value(&page, "cache-control").contains("max-age=31536000"));
        let missing = client().get(app.url("/pkg/samleng.0000.js")).send().await;
        assert!(matches!(missing, Ok(r) if r.status() == 404));
    }
}
