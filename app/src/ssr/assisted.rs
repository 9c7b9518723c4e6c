//! Feedback entered with a facilitator's help is marked "assisted", and nothing else about
//! it changes: it goes through the survivors' own form and route (no session, no log), so
//! the stored row names no facilitator. What lets the form say "assisted" is a pass the
//! facilitator's signed-in page puts in it: the expiry and a keyed hash of it, good for a
//! day's outreach, naming nobody.
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::secret::ServerSecret;

/// The form field the pass travels in.
pub const FIELD: &str = crate::domain::submission::ASSISTED_FIELD;

/// How long a pass lasts: a day in the villages, not longer.
const LASTS_SECONDS: i64 = 12 * 60 * 60;

fn mac(secret: &ServerSecret, expires: i64) -> Hmac<Sha256> {
    let mut mac = match <Hmac<Sha256> as Mac>::new_from_slice(secret.bytes()) {
        Ok(mac) => mac,
        // HMAC takes a key of any length.
        Err(_) => unreachable!("an HMAC key of 32 bytes is refused"),
    };
    mac.update(format!("assisted:{expires}").as_bytes());
    mac
}

/// A pass for a facilitator's page, good for `LASTS_SECONDS` from `now` (Unix seconds).
pub fn issue(secret: &ServerSecret, now: i64) -> String {
    let expires = now + LASTS_SECONDS;
    let tag: String = mac(secret, expires)
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("{expires}.{tag}")
}

/// Whether `pass` was issued by this server and has not expired at `now`.
pub fn valid(secret: &ServerSecret, pass: &str, now: i64) -> bool {
    let Some((expires, given)) = pass.split_once('.') else {
        return false;
    };
    let Ok(expires) = expires.parse::<i64>() else {
        return false;
    };
    let Some(tag) = (0..given.len())
        .step_by(2)
        .map(|i| {
            given
                .get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        })
        .collect::<Option<Vec<u8>>>()
    else {
        return false;
    };
    // `verify_slice` compares in constant time: a pass is a credential.
    now < expires && mac(secret, expires).verify_slice(&tag).is_ok()
}

/// The feedback form for a facilitator helping a survivor: a fresh pass and one-time token,
/// and the organisations to choose from. Facilitators only.
pub async fn form(
    state: &super::state::AppState,
    session: &tower_sessions::Session,
) -> Result<crate::views::survivor::AssistedForm, crate::error::AppError> {
    use crate::{domain::role::Action, ssr::auth::guard::authorize, views::survivor::Draft};
    authorize(session, state, Action::ModerateFeedback).await?;
    let organisations = super::store::survivor::organisation_choices(&state.db).await?;
    let mut draft = Draft::default();
    draft
        .values
        .insert(super::once::FIELD.to_string(), state.once.issue());
    let pass = issue(&state.secret, state.clock.now().timestamp());
    draft.values.insert(FIELD.to_string(), pass);
    Ok(crate::views::survivor::AssistedForm {
        organisations,
        draft,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pass_is_good_for_a_day_and_cannot_be_made_up() {
        let secret = ServerSecret::random();
        let pass = issue(&secret, 1_000);
        assert!(valid(&secret, &pass, 1_000));
        assert!(valid(&secret, &pass, 1_000 + LASTS_SECONDS - 1));
        assert!(!valid(&secret, &pass, 1_000 + LASTS_SECONDS));
        assert!(
            !valid(&ServerSecret::random(), &pass, 1_000),
            "another server's"
        );
        let longer = pass.replacen(&(1_000 + LASTS_SECONDS).to_string(), "99999999999", 1);
        assert!(
            !valid(&secret, &longer, 1_000),
            "its expiry cannot be moved"
        );
        assert!(!valid(&secret, "", 1_000) && !valid(&secret, "1.2", 1_000));
    }
}
