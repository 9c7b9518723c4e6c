use serde::{Deserialize, Serialize};

/// The two interface and content languages. Khmer first: it is the default when unsure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Lang {
    #[default]
    Km,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Km, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Km => "km",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code {
            "km" => Some(Lang::Km),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language an address is in: its first segment (`/km/…`, `/en?…`).
    pub fn of_path(path: &str) -> Option<Lang> {
        Lang::parse(path.trim_start_matches('/').split(['/', '?']).next()?)
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Km => Lang::En,
            Lang::En => Lang::Km,
        }
    }

    /// The same page in another language: swaps the leading `/{lang}` segment, keeps the rest.
    pub fn switch_path(self, path: &str, query: &str) -> String {
        let rest = path
            .strip_prefix('/')
            .and_then(|p| p.split_once('/').map(|(_, rest)| rest))
            .unwrap_or("");
        let query = if query.is_empty() || query == "?" {
            String::new()
        } else if query.starts_with('?') {
            query.to_string()
        } else {
            format!("?{query}")
        };
        format!("/{}/{}{}", self.code(), rest, query)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_known_codes() {
        assert_eq!(Lang::parse("km"), Some(Lang::Km));
        assert_eq!(Lang::parse("en"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
        assert_eq!(Lang::parse("KM"), None);
    }

    #[test]
    fn an_address_says_its_language_first() {
        assert_eq!(Lang::of_path("/km/recommendations/3"), Some(Lang::Km));
        assert_eq!(Lang::of_path("/en?q=x"), Some(Lang::En));
        assert_eq!(Lang::of_path("/en"), Some(Lang::En));
        assert_eq!(Lang::of_path("/pkg/en.css"), None);
        assert_eq!(Lang::of_path("/"), None);
    }

    #[test]
    fn switch_keeps_page_and_query() {
        assert_eq!(
            Lang::En.switch_path("/km/recommendations", "?theme=prevention"),
            "/en/recommendations?theme=prevention"
        );
        assert_eq!(Lang::Km.switch_path("/en/", ""), "/km/");
        assert_eq!(Lang::Km.switch_path("/en", ""), "/km/");
        assert_eq!(
            Lang::Km.switch_path("/en/forums/3", "after=4"),
            "/km/forums/3?after=4"
        );
    }
}
