//! Voice prompts: a short recording beside a survivor-facing text, per language, for those
//! who read little. Which texts may carry one, and what a recording may be.
use super::feedback::{Answer, Question};

/// A recording is short: a sentence or two. Larger files are refused.
pub const MAX_BYTES: usize = 1024 * 1024;

/// The survivor-facing texts a recording may be attached to, in the order the staff page
/// lists them: the feedback form from top to bottom (intro, each question and each answer,
/// the privacy note) and what the receipt code is for.
pub fn prompted_keys() -> Vec<String> {
    let mut keys: Vec<String> = [
        "feedback-intro",
        "feedback-which-service",
        "feedback-province",
        "feedback-organisation",
    ]
    .iter()
    .map(|k| k.to_string())
    .collect();
    keys.extend(Question::ALL.iter().map(|q| q.label_key()));
    keys.extend(Answer::ALL.iter().map(|a| a.label_key()));
    keys.extend(
        [
            "feedback-text-label",
            "survivor-privacy-note",
            "received-code-intro",
            "received-advice-back",
        ]
        .iter()
        .map(|k| k.to_string()),
    );
    keys
}

/// Whether `key` is a text a recording may be attached to.
pub fn is_prompted(key: &str) -> bool {
    prompted_keys().iter().any(|k| k == key)
}

/// The kinds of recording accepted, told by their first bytes (never by the file's name).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AudioKind {
    Ogg,
    Mp3,
    Mp4,
}

impl AudioKind {
    /// What `detected` (a MIME type found in the file's content) is, if it is accepted.
    /// Phones' recorders write audio-only MP4 files, often labelled as video by their brand.
    pub fn from_detected(detected: &str) -> Option<Self> {
        match detected {
            "audio/ogg" | "audio/opus" => Some(AudioKind::Ogg),
            "audio/mpeg" => Some(AudioKind::Mp3),
            "audio/m4a" | "audio/mp4" | "video/mp4" => Some(AudioKind::Mp4),
            _ => None,
        }
    }

    /// The type it is served with.
    pub fn mime(self) -> &'static str {
        match self {
            AudioKind::Ogg => "audio/ogg",
            AudioKind::Mp3 => "audio/mpeg",
            AudioKind::Mp4 => "audio/mp4",
        }
    }

    pub fn from_mime(mime: &str) -> Option<Self> {
        [AudioKind::Ogg, AudioKind::Mp3, AudioKind::Mp4]
            .into_iter()
            .find(|k| k.mime() == mime)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_question_and_answer_may_be_heard() {
        let keys = prompted_keys();
        assert!(keys.contains(&"feedback-intro".to_string()));
        for q in Question::ALL {
            assert!(is_prompted(&q.label_key()));
        }
        for a in Answer::ALL {
            assert!(is_prompted(&a.label_key()));
        }
        assert!(!is_prompted("nav-audit"));
    }

    #[test]
    fn only_audio_is_accepted() {
        assert_eq!(AudioKind::from_detected("audio/opus"), Some(AudioKind::Ogg));
        assert_eq!(AudioKind::from_detected("audio/mpeg"), Some(AudioKind::Mp3));
        for refused in ["image/png", "text/plain", "application/pdf", "audio/x-wav"] {
            assert_eq!(AudioKind::from_detected(refused), None, "{refused}");
        }
        assert_eq!(AudioKind::from_mime("audio/mp4"), Some(AudioKind::Mp4));
    }
}
