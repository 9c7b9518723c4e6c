//! Making receipt codes and the slow, keyed hash they are found by. The code itself is never
//! stored: only `lookup_hash(code)`, which needs the server secret and about as much work per
//! guess as a password hash.
use std::{
    sync::{
        Arc, Mutex, PoisonError,
        atomic::{AtomicU64, Ordering},
    },
    time::Duration,
};

use argon2::{Algorithm, Argon2, Block, Params, Version};
use rand::Rng;

use super::{hashing_threads, secret::ServerSecret};
use crate::domain::receipt::{DIGITS, ReceiptCode};

/// Argon2id with the same cost as account passwords (19 MiB, 2 passes, 1 lane).
const MEMORY_KIB: u32 = 19 * 1024;
const PASSES: u32 = 2;
/// A fixed salt: the hash must be found again from the code alone. Codes are random and
/// unique, so a per-code salt would add nothing; the secret keeps the hash from being
/// computed elsewhere.
const SALT: &[u8] = b"samleng-receipt-v1";

/// How many hashes this process has computed; tests use it to prove that malformed input is
/// refused before any hashing.
static HASHES: AtomicU64 = AtomicU64::new(0);

pub fn hashes_computed() -> u64 {
    HASHES.load(Ordering::Relaxed)
}

/// A new code: 20 digits drawn uniformly from the thread's CSPRNG (over 66 bits).
pub fn new_code() -> ReceiptCode {
    let bound = 10u128.pow(DIGITS as u32);
    let n: u128 = rand::rng().random_range(0..bound);
    let digits = format!("{n:0width$}", width = DIGITS);
    match ReceiptCode::from_digits(&digits) {
        Some(code) => code,
        // `digits` is always twenty ASCII digits.
        None => unreachable!("a formatted number is not twenty digits"),
    }
}

/// The hex lookup hash of `code`, computed on the hashing threads (below pages in priority).
pub async fn lookup_hash(secret: &ServerSecret, code: &ReceiptCode) -> Result<String, String> {
    let secret = secret.clone();
    let code = code.clone();
    hashing_threads::run(move || hash_now(&secret, &code)).await?
}

/// Receipt codes hashed ahead, while no survivor waits for a hash. Each hash takes a core for
/// tens of milliseconds and pages come first, so a burst of submissions (a forum's
/// room sending at once) would queue behind it; with codes made ahead it takes ready ones and
/// waits for no hashing until they run out. Only codes and their hashes are held, in this
/// process's memory, linked to nothing; a code leaves the stock as it is handed out, so none is
/// handed out twice, and the stock is lost (and made again) when the server stops.
pub struct ReadyReceipts {
    secret: ServerSecret,
    /// How many to keep ready (`SAMLENG_READY_RECEIPTS`).
    size: usize,
    stock: Mutex<Vec<(ReceiptCode, String)>>,
}

impl ReadyReceipts {
    pub fn new(secret: ServerSecret, size: usize) -> Self {
        Self {
            secret,
            size,
            stock: Mutex::new(Vec::with_capacity(size)),
        }
    }

    fn ready(&self) -> usize {
        self.stock
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }

    /// A new code and its lookup hash: a ready one if any is left, else made now.
    pub async fn take(&self) -> Result<(ReceiptCode, String), String> {
        let ready = self
            .stock
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop();
        if let Some(ready) = ready {
            return Ok(ready);
        }
        let code = new_code();
        let hash = lookup_hash(&self.secret, &code).await?;
        Ok((code, hash))
    }

    /// Keeps the stock full, for as long as the server runs. It hashes only when a hashing
    /// thread is free and no request waits for one, so survivors never wait behind it.
    pub async fn keep_full(self: Arc<Self>) {
        loop {
            if self.ready() >= self.size {
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
            if !hashing_threads::has_room() {
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
            let secret = self.secret.clone();
            let made = hashing_threads::run(move || {
                let code = new_code();
                hash_now(&secret, &code).map(|hash| (code, hash))
            })
            .await;
            match made {
                Ok(Ok(ready)) => self
                    .stock
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(ready),
                Ok(Err(e)) | Err(e) => {
                    tracing::error!(error = %e, "receipt hashing failed");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
    }
}

fn hash_now(secret: &ServerSecret, code: &ReceiptCode) -> Result<String, String> {
    HASHES.fetch_add(1, Ordering::Relaxed);
    let params = Params::new(MEMORY_KIB, PASSES, 1, Some(32)).map_err(|e| e.to_string())?;
    let block_count = params.block_count();
    let argon =
        Argon2::new_with_secret(secret.bytes(), Algorithm::Argon2id, Version::V0x13, params)
            .map_err(|e| e.to_string())?;
    // Each hashing thread reuses its 19 MiB work area: freed and allocated anew per hash, the
    // areas piled up in the allocator's per-thread arenas.
    let mut out = [0u8; 32];
    WORK_AREA
        .with_borrow_mut(|blocks| {
            if blocks.len() != block_count {
                *blocks = vec![Block::default(); block_count];
            }
            argon.hash_password_into_with_memory(code.expose().as_bytes(), SALT, &mut out, blocks)
        })
        .map_err(|e| e.to_string())?;
    Ok(out.iter().map(|b| format!("{b:02x}")).collect())
}

thread_local! {
    /// The work area of the hashing thread (empty on any other thread until it hashes).
    static WORK_AREA: std::cell::RefCell<Vec<Block>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The token that marks "this receipt code has answered about recommendation `id`": a keyed
/// hash of the code's stored (slow) hash and the id. It is stored alone, linked to no answer
/// and no thread, so one answer per code can be kept without saying whose answer is whose;
/// finding the code behind it still takes the slow hash.
pub fn answered_token(secret: &ServerSecret, receipt_hash: &str, id: i32) -> String {
    use hmac::{Hmac, Mac};
    let mut mac = match <Hmac<sha2::Sha256> as Mac>::new_from_slice(secret.bytes()) {
        Ok(mac) => mac,
        // HMAC takes a key of any length.
        Err(_) => unreachable!("an HMAC key of 32 bytes is refused"),
    };
    mac.update(b"claim-check:");
    mac.update(receipt_hash.as_bytes());
    mac.update(format!(":{id}").as_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_twenty_digits_and_differ() {
        let a = new_code();
        let b = new_code();
        assert_eq!(a.expose().len(), 20);
        assert_ne!(a, b);
    }

    #[test]
    fn the_hash_depends_on_the_secret_and_is_stable() {
        let code = new_code();
        let one = ServerSecret::random();
        let two = ServerSecret::random();
        let h1 = hash_now(&one, &code).unwrap_or_default();
        assert_eq!(h1.len(), 64);
        assert_eq!(h1, hash_now(&one, &code).unwrap_or_default());
        assert_ne!(h1, hash_now(&two, &code).unwrap_or_default());
        assert!(!h1.contains(code.expose()));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn ready_codes_are_made_ahead_handed_out_once_and_then_made_on_demand() {
        let secret = ServerSecret::random();
        let ready = Arc::new(ReadyReceipts::new(secret.clone(), 3));
        let filling = tokio::spawn(ready.clone().keep_full());
        for _ in 0..200 {
            if ready.ready() == 3 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert_eq!(ready.ready(), 3, "the stock fills");
        filling.abort();
        let mut codes = Vec::new();
        for n in 0..5 {
            let (code, hash) = ready.take().await.unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(
                Ok(hash),
                hash_now(&secret, &code),
                "{n}: the hash is the code's"
            );
            codes.push(code);
            assert_eq!(ready.ready(), 2usize.saturating_sub(n), "{n}: taken once");
        }
        for (i, a) in codes.iter().enumerate() {
            assert!(codes[i + 1..].iter().all(|b| a != b), "every code differs");
        }
    }
}
