//! Whether a request carries a session cookie: such a request is someone signed in.
use axum::http::{HeaderMap, header};

/// True when any cookie header names our session (`samleng_session` or `__Host-samleng_session`).
pub fn signed_in(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|c| c.contains("samleng_session="))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn the_session_cookie_is_found_among_others() {
        let mut headers = HeaderMap::new();
        assert!(!signed_in(&headers));
        headers.append(header::COOKIE, HeaderValue::from_static("theme=dark"));
        assert!(!signed_in(&headers));
        headers.append(
            header::COOKIE,
            HeaderValue::from_static("a=1; __Host-samleng_session=abc"),
        );
        assert!(signed_in(&headers));
    }
}
