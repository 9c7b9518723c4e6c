use serde::{Deserialize, Serialize};

use super::lang::Lang;

/// The first `max` characters of a text, with "…" when there was more.
pub fn excerpt(text: &str, max: usize) -> String {
    let mut out: String = text.chars().take(max).collect();
    if text.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}

/// A content field written in one language and perhaps translated into the other.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Bilingual {
    pub km: Option<String>,
    pub en: Option<String>,
    pub original: Lang,
}

/// What to show a reader of one language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shown<'a> {
    pub text: &'a str,
    /// The language the text is actually in.
    pub lang: Lang,
    /// True when the reader's language was missing and the original is shown instead.
    pub is_fallback: bool,
}

impl Bilingual {
    pub fn new(km: Option<String>, en: Option<String>, original: Lang) -> Self {
        let keep = |s: Option<String>| s.filter(|t| !t.trim().is_empty());
        Self {
            km: keep(km),
            en: keep(en),
            original,
        }
    }

    pub fn get(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Km => self.km.as_deref(),
            Lang::En => self.en.as_deref(),
        }
    }

    /// The reader's language when present; otherwise the original (never a blank).
    pub fn show(&self, lang: Lang) -> Shown<'_> {
        if let Some(text) = self.get(lang) {
            return Shown {
                text,
                lang,
                is_fallback: false,
            };
        }
        let fallback = [self.original, self.original.other()]
            .into_iter()
            .find_map(|l| self.get(l).map(|t| (l, t)));
        match fallback {
            Some((l, text)) => Shown {
                text,
                lang: l,
                is_fallback: true,
            },
            None => Shown {
                text: "",
                lang,
                is_fallback: false,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both() -> Bilingual {
        Bilingual::new(Some("សួស្តី".into()), Some("Hello".into()), Lang::Km)
    }

    #[test]
    fn shows_reader_language_when_present() {
        let b = both();
        assert_eq!(b.show(Lang::En).text, "Hello");
        assert!(!b.show(Lang::En).is_fallback);
        assert_eq!(b.show(Lang::Km).text, "សួស្តី");
    }

    #[test]
    fn missing_translation_falls_back_to_original_with_marker() {
        let b = Bilingual::new(Some("សួស្តី".into()), None, Lang::Km);
        let shown = b.show(Lang::En);
        assert_eq!(shown.text, "សួស្តី");
        assert_eq!(shown.lang, Lang::Km);
        assert!(shown.is_fallback);
    }

    #[test]
    fn blank_translation_counts_as_missing() {
        let b = Bilingual::new(Some("  ".into()), Some("Hello".into()), Lang::En);
        let shown = b.show(Lang::Km);
        assert_eq!(shown.text, "Hello");
        assert!(shown.is_fallback);
    }
}
