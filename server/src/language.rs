//! `/` sends each visitor to `/km/` or `/en/` from their browser's languages.
use accept_language::parse_with_quality;
use app::domain::lang::Lang;
use axum::{
    http::{HeaderMap, HeaderValue, header},
    response::{IntoResponse, Redirect},
};

/// The first of the visitor's acceptable languages that we have; Khmer when unsure.
pub fn choose(accept_language: &str) -> Lang {
    parse_with_quality(accept_language)
        .into_iter()
        .filter(|(_, quality)| *quality > 0.0)
        .find_map(|(tag, _)| {
            let primary = tag.split(['-', '_']).next().unwrap_or_default();
            Lang::parse(&primary.to_ascii_lowercase())
        })
        .unwrap_or_default()
}

pub async fn redirect_root(headers: HeaderMap) -> impl IntoResponse {
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let lang = choose(accept);
    (
        [(header::VARY, HeaderValue::from_static("Accept-Language"))],
        Redirect::to(&format!("/{}/", lang.code())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefers_the_visitors_order() {
        assert_eq!(choose("en-US,en;q=0.9,km;q=0.8"), Lang::En);
        assert_eq!(choose("km-KH,km;q=0.9,en;q=0.5"), Lang::Km);
        assert_eq!(choose("fr-FR, en;q=0.5"), Lang::En);
    }

    #[test]
    fn khmer_when_unsure() {
        assert_eq!(choose(""), Lang::Km);
        assert_eq!(choose("fr, de;q=0.8"), Lang::Km);
        assert_eq!(choose("*"), Lang::Km);
        assert_eq!(choose("en;q=0"), Lang::Km);
    }
}
