//! The server-wide secret that receipt hashes are keyed with. It lives in a file beside the
//! database, never in it: a stolen database dump alone cannot be used to test receipt codes.
use std::{
    fs::OpenOptions,
    io::{ErrorKind, Read, Write},
    path::Path,
};

use rand::RngCore;

/// 32 random bytes. Never printed.
#[derive(Clone)]
pub struct ServerSecret([u8; 32]);

impl std::fmt::Debug for ServerSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ServerSecret(…)")
    }
}

impl ServerSecret {
    /// A fresh secret (tests; and the first start of a new server).
    pub fn random() -> Self {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        Self(bytes)
    }

    pub fn bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Reads the secret from `path`, or makes one there (readable by this user only) when the
    /// file does not exist yet. A file that exists but is not a secret is an error: making a
    /// new one would orphan every receipt.
    pub fn load_or_create(path: &Path) -> std::io::Result<Self> {
        match OpenOptions::new().read(true).open(path) {
            Ok(mut file) => {
                let mut text = String::new();
                file.read_to_string(&mut text)?;
                Self::from_hex(text.trim()).ok_or_else(|| {
                    std::io::Error::new(
                        ErrorKind::InvalidData,
                        format!("{} does not hold a 64-digit hex secret", path.display()),
                    )
                })
            }
            Err(e) if e.kind() == ErrorKind::NotFound => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir)?;
                }
                let secret = Self::random();
                let mut options = OpenOptions::new();
                options.write(true).create_new(true);
                #[cfg(unix)]
                std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
                let mut file = options.open(path)?;
                file.write_all(secret.to_hex().as_bytes())?;
                file.sync_all()?;
                Ok(secret)
            }
            Err(e) => Err(e),
        }
    }

    fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn from_hex(text: &str) -> Option<Self> {
        if text.len() != 64 {
            return None;
        }
        let mut bytes = [0u8; 32];
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = u8::from_str_radix(text.get(i * 2..i * 2 + 2)?, 16).ok()?;
        }
        Some(Self(bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_is_made_once_and_read_back() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("sub/samleng.key");
        let made = ServerSecret::load_or_create(&path).unwrap_or_else(|e| panic!("{e}"));
        let read = ServerSecret::load_or_create(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(made.bytes(), read.bytes());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path)
                .map(|m| m.permissions().mode())
                .unwrap_or_default();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::write(&path, "not a secret").unwrap_or_else(|e| panic!("{e}"));
        assert!(ServerSecret::load_or_create(&path).is_err());
    }
}
