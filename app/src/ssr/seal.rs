//! Sealing what a copy of the database must not give away: survivors' own words (the
//! unredacted originals and every thread message), two-step secrets, and one-time links
//! waiting in a session. XChaCha20-Poly1305 under keys kept in a file beside the server
//! secret, never in the database: a stolen backup or a seized disk image of the database
//! alone reads none of them. Published, redacted copies stay plain so summaries and search
//! work on them.
//!
//! A sealed value is text: `sealed:v<N>:` then base64 of a random 24-byte nonce and the
//! ciphertext. N names the key, so `samleng rotate-key` can add a key, seal everything again
//! under it, and only then forget the old one. Values written before sealing existed carry no
//! prefix and are read as they are (the start-up sweep seals them).
use std::{
    fs::OpenOptions,
    io::{ErrorKind, Read, Write},
    path::{Path, PathBuf},
};

use base64::{Engine, engine::general_purpose::STANDARD_NO_PAD};
use chacha20poly1305::{
    XChaCha20Poly1305, XNonce,
    aead::{Aead, AeadCore, KeyInit, OsRng},
};
use rand::RngCore;

const PREFIX: &str = "sealed:v";

/// The keys: every version still in use, the newest seals.
#[derive(Clone)]
pub struct Sealer {
    keys: Vec<(u32, [u8; 32])>,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Sealer(v{})", self.current().0)
    }
}

/// Why a stored value could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error("sealed under key version {0}, which this server does not have")]
    UnknownKey(u32),
    #[error("a sealed value is damaged or was sealed under another key")]
    Damaged,
}

impl Sealer {
    /// One fresh key (tests, and the first start of a new server).
    pub fn random() -> Self {
        Self {
            keys: vec![(1, random_key())],
        }
    }

    fn current(&self) -> (u32, &[u8; 32]) {
        let (version, key) = self.keys.last().unwrap_or(&(0, [0; 32]));
        (*version, key)
    }

    fn cipher(key: &[u8; 32]) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(key.into())
    }

    /// `plain` sealed under the newest key.
    pub fn seal(&self, plain: &str) -> String {
        let (version, key) = self.current();
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        // Encrypting into memory cannot fail for inputs of this size.
        let sealed = Self::cipher(key)
            .encrypt(&nonce, plain.as_bytes())
            .unwrap_or_default();
        let mut bytes = nonce.to_vec();
        bytes.extend_from_slice(&sealed);
        format!("{PREFIX}{version}:{}", STANDARD_NO_PAD.encode(bytes))
    }

    /// Whether `stored` is sealed (rather than a value from before sealing).
    pub fn is_sealed(stored: &str) -> bool {
        stored.starts_with(PREFIX)
    }

    /// Whether `stored` is sealed under the newest key.
    pub fn is_current(&self, stored: &str) -> bool {
        stored.starts_with(&self.current_prefix())
    }

    /// How every value sealed under the newest key begins.
    pub fn current_prefix(&self) -> String {
        format!("{PREFIX}{}:", self.current().0)
    }

    /// The plain text of a stored value.
    pub fn open(&self, stored: &str) -> Result<String, SealError> {
        let Some(rest) = stored.strip_prefix(PREFIX) else {
            return Ok(stored.to_string());
        };
        let (version, data) = rest.split_once(':').ok_or(SealError::Damaged)?;
        let version: u32 = version.parse().map_err(|_| SealError::Damaged)?;
        let (_, key) = self
            .keys
            .iter()
            .find(|(v, _)| *v == version)
            .ok_or(SealError::UnknownKey(version))?;
        let bytes = STANDARD_NO_PAD
            .decode(data)
            .map_err(|_| SealError::Damaged)?;
        if bytes.len() < 24 {
            return Err(SealError::Damaged);
        }
        let (nonce, sealed) = bytes.split_at(24);
        let plain = Self::cipher(key)
            .decrypt(XNonce::from_slice(nonce), sealed)
            .map_err(|_| SealError::Damaged)?;
        String::from_utf8(plain).map_err(|_| SealError::Damaged)
    }

    /// An optional stored value, opened; a value that cannot be opened is logged (never its
    /// content) and read as missing, so one damaged row does not close a whole page.
    pub fn open_or_log(&self, stored: Option<&str>) -> Option<String> {
        let stored = stored?;
        match self.open(stored) {
            Ok(plain) => Some(plain),
            Err(e) => {
                tracing::error!(error = %e, "a sealed value could not be opened");
                None
            }
        }
    }

    /// The key file for a server secret at `secret`: beside it, named after it.
    pub fn path_beside(secret: &Path) -> PathBuf {
        let mut name = secret.as_os_str().to_owned();
        name.push(".keys");
        PathBuf::from(name)
    }

    /// Reads the keys from `path`, or makes a first one there (readable by this user only).
    pub fn load_or_create(path: &Path) -> std::io::Result<Self> {
        match OpenOptions::new().read(true).open(path) {
            Ok(mut file) => {
                let mut text = String::new();
                file.read_to_string(&mut text)?;
                Self::parse(&text).ok_or_else(|| {
                    std::io::Error::new(
                        ErrorKind::InvalidData,
                        format!("{} is not a Samleng key file", path.display()),
                    )
                })
            }
            Err(e) if e.kind() == ErrorKind::NotFound => {
                let sealer = Self::random();
                sealer.write_new(path)?;
                Ok(sealer)
            }
            Err(e) => Err(e),
        }
    }

    fn parse(text: &str) -> Option<Self> {
        let mut keys = Vec::new();
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let (version, hex) = line.split_once(' ')?;
            let version: u32 = version.parse().ok()?;
            keys.push((version, from_hex(hex)?));
        }
        keys.sort_by_key(|(v, _)| *v);
        (!keys.is_empty()).then_some(Self { keys })
    }

    fn to_text(&self) -> String {
        self.keys
            .iter()
            .map(|(v, k)| format!("{v} {}\n", to_hex(k)))
            .collect()
    }

    /// Writes the keys to a new file at `path`, 0600, synced.
    fn write_new(&self, path: &Path) -> std::io::Result<()> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(path)?;
        file.write_all(self.to_text().as_bytes())?;
        file.sync_all()
    }

    /// Replaces the key file at `path` with these keys: written beside it, then renamed.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let partial = path.with_extension("keys-new");
        let _ = std::fs::remove_file(&partial);
        self.write_new(&partial)?;
        std::fs::rename(&partial, path)
    }

    /// These keys and a new newest one.
    pub fn with_new_key(&self) -> Self {
        let next = self.current().0 + 1;
        let mut keys = self.keys.clone();
        keys.push((next, random_key()));
        Self { keys }
    }

    /// Only the newest key (after everything was sealed again under it).
    pub fn newest_only(&self) -> Self {
        let (version, key) = self.current();
        Self {
            keys: vec![(version, *key)],
        }
    }
}

fn random_key() -> [u8; 32] {
    let mut key = [0u8; 32];
    rand::rng().fill_bytes(&mut key);
    key
}

fn to_hex(bytes: &[u8; 32]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn from_hex(text: &str) -> Option<[u8; 32]> {
    let text = text.trim();
    if text.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, slot) in out.iter_mut().enumerate() {
        *slot = u8::from_str_radix(text.get(i * 2..i * 2 + 2)?, 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_text_opens_and_shows_nothing_of_itself() {
        let sealer = Sealer::random();
        let sealed = sealer.seal("ខ្ញុំឈ្មោះសុខា 012 345 678");
        assert!(Sealer::is_sealed(&sealed) && sealer.is_current(&sealed));
        assert!(!sealed.contains("012"));
        assert_ne!(
            sealed,
            sealer.seal("ខ្ញុំឈ្មោះសុខា 012 345 678"),
            "a fresh nonce each time"
        );
        assert_eq!(
            sealer.open(&sealed).ok().as_deref(),
            Some("ខ្ញុំឈ្មោះសុខា 012 345 678")
        );
        assert_eq!(
            sealer.open("written before sealing").ok().as_deref(),
            Some("written before sealing")
        );
    }

    #[test]
    fn another_key_or_a_changed_byte_cannot_open_it() {
        let sealed = Sealer::random().seal("words");
        assert!(Sealer::random().open(&sealed).is_err());
        let sealer = Sealer::random();
        // One character of the ciphertext changed (never the last, whose spare bits a
        // decoder may ignore; never to the letter it already was).
        let mut tampered: Vec<char> = sealer.seal("words").chars().collect();
        let at = tampered.len() - 8;
        tampered[at] = if tampered[at] == 'A' { 'B' } else { 'A' };
        let tampered: String = tampered.into_iter().collect();
        assert!(sealer.open(&tampered).is_err());
    }

    #[test]
    fn a_rotated_keyring_opens_old_values_and_seals_under_the_new_key() {
        let old = Sealer::random();
        let sealed = old.seal("words");
        let both = old.with_new_key();
        assert_eq!(both.open(&sealed).ok().as_deref(), Some("words"));
        let resealed = both.seal("words");
        assert!(!old.is_current(&resealed) && both.is_current(&resealed));
        assert!(both.newest_only().open(&sealed).is_err());
        let text = both.to_text();
        let parsed = Sealer::parse(&text).map(|s| s.to_text());
        assert_eq!(parsed.as_deref(), Some(text.as_str()));
    }
}
