//! The built CSS, JS and WASM under `/pkg/`. cargo-leptos names them after a hash of their
//! content (`hash-files`) and lists the hashes in `hash.txt` beside them, so a browser may keep
//! them for a year: a new build has new names.
use std::{
    path::{Path, PathBuf},
    sync::Arc,
};

use axum::{
    extract::{Request, State},
    http::{HeaderValue, header},
    middleware::Next,
    response::Response,
};

/// Where cargo-leptos writes the hashes (`hash-file-name` in Cargo.toml).
pub fn hash_file(site_root: &str) -> PathBuf {
    let file = Path::new(site_root).join("hash.txt");
    std::path::absolute(&file).unwrap_or(file)
}

/// The content hashes of this build, empty when it was built without them.
pub fn hashes(hash_file: &Path) -> Arc<[String]> {
    std::fs::read_to_string(hash_file)
        .map(|text| {
            text.lines()
                .filter_map(|line| line.split_once(':'))
                .map(|(_, hash)| hash.trim().to_string())
                .filter(|hash| !hash.is_empty())
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
        .into()
}

/// The text of this build's style sheet (`pkg/samleng.<hash>.css`, or `pkg/samleng.css`
/// when built without hashes); None when it is not there.
pub fn stylesheet(site_root: &str, hash_file: &Path) -> Option<Arc<str>> {
    let hash = std::fs::read_to_string(hash_file).ok().and_then(|text| {
        text.lines()
            .find_map(|line| line.strip_prefix("css:"))
            .map(|hash| hash.trim().to_owned())
    });
    let name = match hash {
        Some(hash) => format!("samleng.{hash}.css"),
        None => "samleng.css".to_owned(),
    };
    std::fs::read_to_string(Path::new(site_root).join("pkg").join(name))
        .ok()
        .map(Arc::from)
}

const A_YEAR: HeaderValue = HeaderValue::from_static("public, max-age=31536000, immutable");
/// Unhashed files may change under the same name: the browser asks before reusing them.
const ASK_FIRST: HeaderValue = HeaderValue::from_static("public, no-cache");

/// Sets how long a browser may keep a file under `/pkg/`.
pub async fn cache_for_a_year(
    State(hashes): State<Arc<[String]>>,
    request: Request,
    next: Next,
) -> Response {
    let name = request
        .uri()
        .path()
        .strip_prefix("/pkg/")
        .map(|name| name.to_string());
    let mut response = next.run(request).await;
    if let Some(name) = name
        && response.status().is_success()
    {
        let hashed = hashes
            .iter()
            .any(|hash| name.split('.').any(|part| part == hash));
        let value = if hashed { A_YEAR } else { ASK_FIRST };
        response.headers_mut().insert(header::CACHE_CONTROL, value);
    }
    response
}
