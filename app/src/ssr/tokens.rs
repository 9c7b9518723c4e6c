//! Random tokens for links, forms and sessions, and how they are stored. A leaf: everything
//! that hands out a token uses these two.
use rand::RngCore;
use sha2::{Digest, Sha256};

/// 128 random bits, hex-encoded.
pub fn random_token() -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A token has 128 random bits, so a fast hash is enough: there is nothing to guess.
pub fn hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
