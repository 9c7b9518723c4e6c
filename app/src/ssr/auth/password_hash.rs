//! argon2id with m = 19 MiB, t = 2, p = 1, run on the hashing threads (below pages in
//! priority, like receipt codes: a burst of sign-ins must not starve the pages either).
use argon2::{
    Algorithm, Argon2, Params, PasswordHash, PasswordHasher, PasswordVerifier, Version,
    password_hash::{SaltString, rand_core::OsRng},
};

use crate::{
    domain::password::{MAX_BYTES, NewPassword},
    ssr::hashing_threads,
};

fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A PHC string for storage.
pub async fn hash(password: &NewPassword) -> Result<String, String> {
    let password = password.expose().to_string();
    hashing_threads::run(move || {
        let salt = SaltString::generate(&mut OsRng);
        argon2()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| e.to_string())
    })
    .await?
}

/// Whether `candidate` matches `stored`. With no stored hash, a dummy one is checked so that
/// an unknown email takes as long as a wrong password.
pub async fn verify(candidate: &str, stored: Option<String>) -> bool {
    if candidate.len() > MAX_BYTES {
        return false;
    }
    let candidate = candidate.to_string();
    hashing_threads::run(move || {
        let stored = stored.unwrap_or_else(|| DUMMY.to_string());
        let Ok(parsed) = PasswordHash::new(&stored) else {
            return false;
        };
        argon2()
            .verify_password(candidate.as_bytes(), &parsed)
            .is_ok()
            && stored != DUMMY
    })
    .await
    .unwrap_or(false)
}

/// The hash of a random password nobody knows, with the production parameters.
const DUMMY: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FtbGVuZ2R1bW15c2FsdA$Xf0yWHBVgyGzpNAO/Lqb+2kGtKVdCC0tVh6TnqZl2Hs";

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_with_argon2id_and_verifies() {
        let Ok(p) = NewPassword::parse("river-lantern-42") else {
            panic!("valid password refused")
        };
        let Ok(stored) = hash(&p).await else {
            panic!("hashing failed")
        };
        assert!(
            stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{stored}"
        );
        assert!(verify("river-lantern-42", Some(stored.clone())).await);
        assert!(!verify("river-lantern-43", Some(stored)).await);
        assert!(!verify("river-lantern-42", None).await);
    }
}
