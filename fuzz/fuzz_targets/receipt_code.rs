//! Whatever is typed as a receipt code: a code of twenty ASCII digits, or a translated refusal.
#![no_main]
use app::{
    domain::{lang::Lang, receipt::ReceiptCode},
    i18n,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|typed: &str| {
    match ReceiptCode::parse(typed) {
        Ok(code) => {
            assert_eq!(code.expose().len(), 20);
            assert!(code.expose().bytes().all(|b| b.is_ascii_digit()));
            for lang in [Lang::Km, Lang::En] {
                assert!(ReceiptCode::parse(&code.grouped(lang)).is_ok_and(|c| c == code));
            }
        }
        Err(problem) => assert!(i18n::has(Lang::Km, problem.message_key())),
    }
});
