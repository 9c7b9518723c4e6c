//! Helpers for the anonymous survivor routes: posting their forms as a browser without
//! cookies would, reading the receipt code off the page, and dumping the whole database.
use reqwest::{StatusCode, header::HeaderMap};
use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};

use crate::{Backend, TestApp};

/// A response, read whole.
pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Page {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }
}

/// A client with no cookie store, sending the `Origin` a browser sends with our forms.
fn anonymous_client(app: &TestApp) -> reqwest::Client {
    let mut headers = HeaderMap::new();
    if let Ok(origin) = app.base.parse() {
        headers.insert(reqwest::header::ORIGIN, origin);
    }
    match reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(headers)
        .build()
    {
        Ok(c) => c,
        Err(e) => panic!("cannot build an HTTP client: {e}"),
    }
}

async fn read(app: &TestApp, what: &str, response: reqwest::Result<reqwest::Response>) -> Page {
    let response = match response {
        Ok(r) => r,
        Err(e) => panic!("{:?} {what}: {e}", app.backend),
    };
    Page {
        status: response.status(),
        headers: response.headers().clone(),
        body: response.text().await.unwrap_or_default(),
    }
}

/// A public page showing survivors' figures as they stood when this was called. They move a
/// little after survivors send, never the moment one sends: the counts a page is rendered from
/// are kept for up to `KEEP_AT_MOST`, and a kept page older than a second is rendered again in
/// the background while it is still sent. So this waits out `KEEP_AT_MOST`, then asks until a
/// response was rendered after the wait: one without an `Age` header was rendered for its
/// request, and one whose `Age` (whole seconds, rounded down) plus a second is no more than
/// the time since the wait ended was rendered after it.
pub async fn get_settled(app: &TestApp, path: &str) -> Page {
    use std::time::{Duration, Instant};
    tokio::time::sleep(app::ssr::writes::KEEP_AT_MOST + Duration::from_millis(200)).await;
    let waited = Instant::now();
    for _ in 0..200 {
        let page = get(app, path).await;
        let age = page
            .headers
            .get("age")
            .and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
        match age {
            None => return page,
            Some(age) if Duration::from_secs(age + 1) <= waited.elapsed() => return page,
            Some(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
    panic!(
        "{:?} {path}: no page rendered after the wait in 20 s",
        app.backend
    )
}

pub async fn get(app: &TestApp, path: &str) -> Page {
    let response = anonymous_client(app).get(app.url(path)).send().await;
    read(app, path, response).await
}

/// Posts `fields` as a form, with any extra `headers`.
pub async fn post(
    app: &TestApp,
    path: &str,
    fields: &[(&str, &str)],
    headers: &[(&str, &str)],
) -> Page {
    let mut request = anonymous_client(app).post(app.url(path)).form(fields);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    read(app, path, request.send().await).await
}

/// Sends a complete feedback form; the receipt code (Latin digits) once the server has
/// acknowledged it, or `None` when the server could not be reached or refused it.
pub async fn submit_feedback(app: &TestApp, text: &'static str) -> Option<String> {
    let response = anonymous_client(app)
        .post(app.url("/en/feedback"))
        .form(&feedback_fields(text))
        .send()
        .await
        .ok()?;
    if response.status() != StatusCode::OK {
        return None;
    }
    let body = response.text().await.ok()?;
    Some(latin_digits(&shown_code(&body)))
}

/// Whether a receipt code opens its thread.
pub async fn receipt_resolves(app: &TestApp, code: &str) -> bool {
    post(app, "/en/receipt", &[("code", code)], &[])
        .await
        .status
        == StatusCode::OK
}

/// A complete feedback form: shelter in Siem Reap, organisation unknown, all "yes".
pub fn feedback_fields(text: &'static str) -> Vec<(&'static str, &'static str)> {
    let mut fields = vec![
        ("service", "shelter"),
        ("province", "siem-reap"),
        ("organisation", "unknown"),
        ("text", text),
        ("website", ""),
    ];
    for q in ["respect", "safe", "privacy", "rights", "choice", "helped"] {
        fields.push((question(q), "yes"));
    }
    fields
}

/// The form field of a question.
pub fn question(code: &str) -> &'static str {
    match code {
        "respect" => "q-respect",
        "safe" => "q-safe",
        "privacy" => "q-privacy",
        "rights" => "q-rights",
        "choice" => "q-choice",
        _ => "q-helped",
    }
}

/// The receipt code on a "received" page, as shown (grouped, in the page's digits).
pub fn shown_code(html: &str) -> String {
    let Some(rest) = html.split("id=\"receipt-code\"").nth(1) else {
        panic!("no receipt code on the page:\n{html}");
    };
    let after_tag = rest.split_once('>').map(|(_, r)| r).unwrap_or_default();
    after_tag.split('<').next().unwrap_or_default().to_string()
}

/// The code's twenty digits in Latin figures.
pub fn latin_digits(code: &str) -> String {
    code.chars()
        .filter_map(|c| match c {
            '0'..='9' => Some(c),
            '០'..='៩' => char::from_digit(u32::from(c) - u32::from('០'), 10),
            _ => None,
        })
        .collect()
}

/// Every row of every table as text, one line per row.
pub async fn dump_database(app: &TestApp) -> String {
    let db = app.db().await;
    let backend = db.get_database_backend();
    let tables_sql = match app.backend {
        Backend::Sqlite => "SELECT name AS t FROM sqlite_master WHERE type = 'table'",
        Backend::Postgres => "SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'",
    };
    let tables = match db
        .query_all_raw(Statement::from_string(backend, tables_sql))
        .await
    {
        Ok(rows) => rows,
        Err(e) => panic!("cannot list tables: {e}"),
    };
    let mut dump = String::new();
    for row in tables {
        let Ok(table) = row.try_get::<String>("", "t") else {
            continue;
        };
        let sql = match app.backend {
            Backend::Postgres => format!("SELECT row_to_json(x)::text AS line FROM \"{table}\" x"),
            Backend::Sqlite => {
                let columns = db
                    .query_all_raw(Statement::from_string(
                        DatabaseBackend::Sqlite,
                        format!("SELECT name FROM pragma_table_info('{table}')"),
                    ))
                    .await
                    .unwrap_or_default();
                let quoted: Vec<String> = columns
                    .iter()
                    .filter_map(|c| c.try_get::<String>("", "name").ok())
                    .map(|c| format!("quote(\"{c}\")"))
                    .collect();
                if quoted.is_empty() {
                    continue;
                }
                format!(
                    "SELECT {} AS line FROM \"{table}\"",
                    quoted.join(" || ',' || ")
                )
            }
        };
        let rows = match db.query_all_raw(Statement::from_string(backend, sql)).await {
            Ok(rows) => rows,
            Err(e) => panic!("cannot read {table}: {e}"),
        };
        for r in rows {
            dump.push_str(&table);
            dump.push_str(": ");
            dump.push_str(&r.try_get::<String>("", "line").unwrap_or_default());
            dump.push('\n');
        }
    }
    dump
}

/// The raw bytes of an SQLite database and its write-ahead log, as someone taking the disk
/// would have them (deleted rows and old versions included).
pub fn sqlite_files(app: &TestApp) -> Vec<u8> {
    let path = app.database_url.trim_start_matches("sqlite://");
    let path = path.split('?').next().unwrap_or(path);
    let mut bytes = std::fs::read(path).unwrap_or_default();
    bytes.extend(std::fs::read(format!("{path}-wal")).unwrap_or_default());
    bytes
}

/// Counts rows of a table.
pub async fn count(app: &TestApp, table: &str) -> i64 {
    let db = app.db().await;
    let backend = db.get_database_backend();
    let row = db
        .query_one_raw(Statement::from_string(
            backend,
            format!("SELECT COUNT(*) AS n FROM {table}"),
        ))
        .await;
    match row {
        Ok(Some(r)) => r.try_get::<i64>("", "n").unwrap_or(-1),
        _ => -1,
    }
}

/// The bytes a phone downloads for a first visit to `path`: the page and every stylesheet and
/// image it links to, each as sent with compression (brotli or gzip).
pub async fn first_load_bytes(app: &TestApp, path: &str) -> usize {
    let client = match reqwest::Client::builder().no_gzip().no_brotli().build() {
        Ok(c) => c,
        Err(e) => panic!("cannot build an HTTP client: {e}"),
    };
    let fetch = |url: String| {
        let client = client.clone();
        async move {
            let response = match client
                .get(&url)
                .header("accept-encoding", "br, gzip")
                .send()
                .await
            {
                Ok(r) => r,
                Err(e) => panic!("GET {url}: {e}"),
            };
            assert!(
                response.status().is_success(),
                "GET {url}: {}",
                response.status()
            );
            let encoded = response.headers().contains_key("content-encoding");
            let bytes = response.bytes().await.unwrap_or_default();
            (bytes, encoded)
        }
    };
    let (page, encoded) = fetch(app.url(path)).await;
    assert!(encoded, "{path} was sent uncompressed");
    let html = decompress(&page);
    let mut total = page.len();
    for asset in linked_assets(&html) {
        let (bytes, _) = fetch(app.url(&asset)).await;
        total += bytes.len();
    }
    total
}

fn decompress(bytes: &[u8]) -> String {
    let mut out = Vec::new();
    let mut reader = brotli_decompressor::Decompressor::new(bytes, 4096);
    if std::io::Read::read_to_end(&mut reader, &mut out).is_err() {
        out.clear();
        let mut gz = flate2::read::GzDecoder::new(bytes);
        let _ = std::io::Read::read_to_end(&mut gz, &mut out);
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Stylesheets, scripts and images a page links to on this site.
fn linked_assets(html: &str) -> Vec<String> {
    let mut assets = Vec::new();
    for attr in ["href=\"/", "src=\"/"] {
        for piece in html.split(attr).skip(1) {
            let target = format!("/{}", piece.split('"').next().unwrap_or_default());
            let is_asset = [
                ".css", ".js", ".wasm", ".svg", ".png", ".jpg", ".webp", ".ico",
            ]
            .iter()
            .any(|ext| target.ends_with(ext));
            if is_asset && !assets.contains(&target) {
                assets.push(target);
            }
        }
    }
    assets
}

/// The value of each hidden `flag-N` field on a moderation item's publication gate, in order.
pub fn flags_on(page: &str) -> Vec<String> {
    (0..)
        .map_while(|n| {
            let marker = format!("name=\"flag-{n}\" value=\"");
            page.split(&marker)
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .map(str::to_string)
        })
        .collect()
}

/// The hidden one-time token of a survivor form (feedback, a proposal, a ballot).
pub fn once_token(html: &str) -> String {
    html.split("name=\"once\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
        .to_string()
}

/// `path` as a browser asks for it (`Accept-Encoding: gzip, deflate, br, zstd`): its headers
/// and its bytes, left compressed as they came.
pub async fn as_a_browser(app: &TestApp, path: &str) -> (HeaderMap, Vec<u8>) {
    let client = match reqwest::Client::builder().no_gzip().no_brotli().build() {
        Ok(c) => c,
        Err(e) => panic!("cannot build an HTTP client: {e}"),
    };
    let response = client
        .get(app.url(path))
        .header("accept-encoding", "gzip, deflate, br, zstd")
        .send()
        .await;
    let Ok(response) = response else {
        panic!("GET {path}")
    };
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    let headers = response.headers().clone();
    (headers, response.bytes().await.unwrap_or_default().to_vec())
}
