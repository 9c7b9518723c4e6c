//! Khmer digit normalisation keeps every other character and goes there and back.
#![no_main]
use app::domain::khmer::{to_ascii_digits, to_khmer_digits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let khmer = to_khmer_digits(text);
    assert_eq!(khmer.chars().count(), text.chars().count());
    assert_eq!(to_ascii_digits(&khmer), to_ascii_digits(text));
    let ascii = to_ascii_digits(text);
    assert_eq!(to_ascii_digits(&ascii), ascii);
});
