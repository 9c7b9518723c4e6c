//! Any body posted to the anonymous forms, decoded as the server decodes it, is either a valid
//! submission or refused with translated problems.
#![no_main]
use std::collections::HashMap;

use app::{
    domain::{
        lang::Lang,
        submission::{check_feedback, check_proposal, check_reply},
    },
    i18n,
};
use libfuzzer_sys::fuzz_target;

fn translated(key: &str) -> bool {
    i18n::has(Lang::Km, key) && i18n::has(Lang::En, key)
}

fuzz_target!(|body: &[u8]| {
    let form: HashMap<String, String> = form_urlencoded::parse(body).into_owned().collect();
    for problems in [check_feedback(&form).err(), check_proposal(&form).err()]
        .into_iter()
        .flatten()
    {
        assert!(problems.iter().all(|(_, key)| translated(key)));
    }
    if let Err(key) = check_reply(form.get("reply").map(String::as_str).unwrap_or_default()) {
        assert!(translated(key));
    }
});
