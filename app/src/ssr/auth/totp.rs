//! Time-based one-time codes (RFC 6238: SHA-1, 6 digits, 30 seconds). A code is accepted
//! one step early or late, and never for a step at or before the last one accepted.
use rand::RngCore;
use totp_rs::{Algorithm, Secret, TOTP};

use crate::domain::khmer::to_ascii_digits;

pub const STEP_SECONDS: i64 = 30;

/// A new 160-bit secret, base32 as authenticator apps expect.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    rand::rng().fill_bytes(&mut bytes);
    match Secret::Raw(bytes.to_vec()).to_encoded() {
        Secret::Encoded(s) => s,
        Secret::Raw(_) => String::new(),
    }
}

fn totp(secret: &str) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret.to_string()).to_bytes().ok()?;
    TOTP::new(Algorithm::SHA1, 6, 0, STEP_SECONDS as u64, bytes).ok()
}

/// The code for a moment (tests and enrolment checks).
pub fn code_at(secret: &str, unix_seconds: i64) -> Option<String> {
    Some(totp(secret)?.generate(u64::try_from(unix_seconds).ok()?))
}

/// The step a code matches, if it is valid now and newer than `last_step`.
pub fn verify(secret: &str, code: &str, now_unix: i64, last_step: Option<i64>) -> Option<i64> {
    let code: String = to_ascii_digits(code)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let totp = totp(secret)?;
    let now_step = now_unix / STEP_SECONDS;
    (now_step - 1..=now_step + 1)
        .filter(|step| last_step.is_none_or(|last| *step > last))
        .find(|step| u64::try_from(step * STEP_SECONDS).is_ok_and(|t| totp.generate(t) == code))
}

/// What an authenticator app reads to add the account.
pub fn otpauth_url(secret: &str, account: &str) -> String {
    format!(
        "otpauth://totp/Samleng:{}?secret={secret}&issuer=Samleng&algorithm=SHA1&digits=6&period=30",
        account.replace(':', "")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B's SHA-1 secret, "12345678901234567890", in base32.
    const RFC_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    #[test]
    fn matches_the_rfc_test_vector() {
        // The RFC's 8-digit 94287082 at T = 59 s; six digits keep the last six.
        assert_eq!(code_at(RFC_SECRET, 59).as_deref(), Some("287082"));
        assert_eq!(
            code_at(RFC_SECRET, 1_111_111_109).as_deref(),
            Some("081804")
        );
    }

    #[test]
    fn accepts_neighbouring_steps_and_khmer_digits() {
        let now = 1_111_111_109;
        assert_eq!(verify(RFC_SECRET, "081804", now, None), Some(now / 30));
        assert_eq!(verify(RFC_SECRET, "០៨១ ៨០៤", now, None), Some(now / 30));
        let next = code_at(RFC_SECRET, now + 30).unwrap_or_default();
        assert_eq!(verify(RFC_SECRET, &next, now, None), Some(now / 30 + 1));
        let far = code_at(RFC_SECRET, now + 90).unwrap_or_default();
        assert_eq!(verify(RFC_SECRET, &far, now, None), None);
    }

    #[test]
    fn a_code_cannot_be_used_twice() {
        let now = 1_111_111_109;
        let step = verify(RFC_SECRET, "081804", now, None);
        assert_eq!(verify(RFC_SECRET, "081804", now, step), None);
    }

    #[test]
    fn refuses_malformed_codes() {
        for bad in ["", "12345", "1234567", "abcdef", "08180४"] {
            assert_eq!(verify(RFC_SECRET, bad, 1_111_111_109, None), None, "{bad}");
        }
    }

    #[test]
    fn new_secrets_are_160_bits_and_differ() {
        let (a, b) = (new_secret(), new_secret());
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
    }
}
