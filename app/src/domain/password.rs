//! What makes a new password acceptable. Checked before any hashing.
use super::coded::coded_enum;

/// Fewest characters a password may have.
pub const MIN_CHARS: usize = 12;
/// Most bytes a password may have: refused before hashing, so huge inputs cost nothing.
pub const MAX_BYTES: usize = 256;

coded_enum! {
    /// Why a new password was refused; each code has a translated message.
    PasswordProblem, "password" {
        TooShort => "too-short",
        TooLong => "too-long",
        TooCommon => "too-common",
    }
}

/// A password that meets the policy.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(…)")
    }
}

impl NewPassword {
    pub fn parse(candidate: &str) -> Result<Self, PasswordProblem> {
        if candidate.len() > MAX_BYTES {
            return Err(PasswordProblem::TooLong);
        }
        if candidate.chars().count() < MIN_CHARS {
            return Err(PasswordProblem::TooShort);
        }
        if is_common(candidate) {
            return Err(PasswordProblem::TooCommon);
        }
        Ok(Self(candidate.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// Whether a candidate is, ignoring case and spaces, on the list of passwords attackers try first.
fn is_common(candidate: &str) -> bool {
    let folded: String = candidate
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    include_str!("common_passwords.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .any(|common| common == folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_short_long_and_common() {
        assert_eq!(
            NewPassword::parse("short").err(),
            Some(PasswordProblem::TooShort)
        );
        assert_eq!(
            NewPassword::parse(&"x".repeat(MAX_BYTES + 1)).err(),
            Some(PasswordProblem::TooLong)
        );
        assert_eq!(
            NewPassword::parse("Password1234").err(),
            Some(PasswordProblem::TooCommon)
        );
        assert_eq!(
            NewPassword::parse("QWERTY UIOP 123").err(),
            Some(PasswordProblem::TooCommon)
        );
    }

    #[test]
    fn counts_characters_not_bytes() {
        // Twelve Khmer letters are 36 bytes but twelve characters: long enough.
        assert!(NewPassword::parse("កខគឃងចឆជឈញដឋ").is_ok());
        assert!(NewPassword::parse("river-lantern-42").is_ok());
    }

    #[test]
    fn never_prints_the_password() {
        let p = NewPassword::parse("river-lantern-42");
        assert!(!format!("{p:?}").contains("river"));
    }
}
