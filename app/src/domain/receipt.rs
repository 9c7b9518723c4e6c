//! The receipt code a survivor keeps to come back: 20 digits (over 66 bits), shown in groups
//! of five. Typed back in Latin or Khmer digits, with or without spaces and dashes.
use super::{khmer::to_khmer_digits, lang::Lang};

pub const DIGITS: usize = 20;
/// Longest input looked at: anything longer is refused before any work is done on it.
pub const MAX_INPUT_CHARS: usize = 64;

/// Why typed input is not a receipt code; each has a translated message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReceiptProblem {
    Empty,
    TooLong,
    NotDigits,
    WrongLength,
}

impl ReceiptProblem {
    pub fn message_key(self) -> &'static str {
        match self {
            ReceiptProblem::Empty => "receipt-error-empty",
            ReceiptProblem::TooLong => "receipt-error-too-long",
            ReceiptProblem::NotDigits => "receipt-error-not-digits",
            ReceiptProblem::WrongLength => "receipt-error-length",
        }
    }
}

/// Twenty ASCII digits. Never logged or put in a URL.
#[derive(Clone, PartialEq, Eq)]
pub struct ReceiptCode(String);

impl std::fmt::Debug for ReceiptCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ReceiptCode(…)")
    }
}

impl ReceiptCode {
    /// From twenty digits made by a secure random source (the caller's job).
    pub fn from_digits(digits: &str) -> Option<Self> {
        (digits.len() == DIGITS && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| Self(digits.to_string()))
    }

    /// From what a survivor typed.
    pub fn parse(input: &str) -> Result<Self, ReceiptProblem> {
        if input.chars().count() > MAX_INPUT_CHARS {
            return Err(ReceiptProblem::TooLong);
        }
        let mut digits = String::with_capacity(DIGITS);
        for c in input.chars() {
            match c {
                '0'..='9' => digits.push(c),
                '០'..='៩' => {
                    let value = u32::from(c) - u32::from('០');
                    digits.push(char::from_digit(value, 10).unwrap_or('0'));
                }
                // Separators people type, and the Khmer keyboard's zero-width space.
                ' ' | '-' | '\u{200B}' | '\u{00A0}' | '\t' => {}
                _ => return Err(ReceiptProblem::NotDigits),
            }
        }
        match digits.len() {
            0 => Err(ReceiptProblem::Empty),
            DIGITS => Ok(Self(digits)),
            _ => Err(ReceiptProblem::WrongLength),
        }
    }

    /// The digits, for hashing.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// "12345 67890 12345 67890", in Khmer digits for a Khmer reader.
    pub fn grouped(&self, lang: Lang) -> String {
        let groups: Vec<&str> = (0..DIGITS / 5).map(|i| &self.0[i * 5..i * 5 + 5]).collect();
        let text = groups.join(" ");
        match lang {
            Lang::Km => to_khmer_digits(&text),
            Lang::En => text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CODE: &str = "12345678901234567890";

    #[test]
    fn reads_latin_and_khmer_digits_with_separators() {
        let expected = ReceiptCode::from_digits(CODE);
        assert!(expected.is_some());
        assert_eq!(ReceiptCode::parse(CODE).ok(), expected);
        assert_eq!(ReceiptCode::parse("12345 67890-12345 67890").ok(), expected);
        assert_eq!(ReceiptCode::parse("១២៣៤៥ ៦៧៨៩០ ១២៣៤៥ ៦៧៨៩០").ok(), expected);
        assert_eq!(
            ReceiptCode::parse("១២៣៤៥\u{200B}67890 12345 ៦៧៨៩០").ok(),
            expected
        );
    }

    #[test]
    fn refuses_what_is_not_a_code() {
        assert_eq!(ReceiptCode::parse("").err(), Some(ReceiptProblem::Empty));
        assert_eq!(
            ReceiptCode::parse("  - ").err(),
            Some(ReceiptProblem::Empty)
        );
        assert_eq!(
            ReceiptCode::parse("1234").err(),
            Some(ReceiptProblem::WrongLength)
        );
        assert_eq!(
            ReceiptCode::parse("123456789012345678901").err(),
            Some(ReceiptProblem::WrongLength)
        );
        assert_eq!(
            ReceiptCode::parse("12345 6789O 12345 67890").err(),
            Some(ReceiptProblem::NotDigits),
            "a letter O is not a zero"
        );
        assert_eq!(
            ReceiptCode::parse("' OR 1=1 --").err(),
            Some(ReceiptProblem::NotDigits)
        );
        let huge = "1".repeat(10_000);
        assert_eq!(
            ReceiptCode::parse(&huge).err(),
            Some(ReceiptProblem::TooLong)
        );
    }

    #[test]
    fn shows_groups_of_five_in_the_readers_digits() {
        let Some(code) = ReceiptCode::from_digits(CODE) else {
            panic!("valid digits refused")
        };
        assert_eq!(code.grouped(Lang::En), "12345 67890 12345 67890");
        assert_eq!(code.grouped(Lang::Km), "១២៣៤៥ ៦៧៨៩០ ១២៣៤៥ ៦៧៨៩០");
        assert!(
            !format!("{code:?}").contains("123"),
            "a code must never reach a log"
        );
    }

    #[test]
    fn twenty_digits_carry_more_than_64_bits() {
        assert!((DIGITS as f64) * 10f64.log2() >= 64.0);
        assert_eq!(ReceiptCode::from_digits("1234"), None);
    }
}
