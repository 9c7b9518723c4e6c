//! Recovery codes: ten single-use codes made when two-step sign-in is turned on (and again on
//! request), shown once, each good for one sign-in instead of a code from the phone. Stored
//! only as HMACs keyed with the server secret: a copy of the database alone cannot test them.
use hmac::{Hmac, Mac};
use rand::Rng;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, sea_query::Expr,
};
use sha2::Sha256;

use crate::ssr::{clock::Clock, entities::recovery_code, secret::ServerSecret};

/// How many codes a person gets at a time.
pub const COUNT: usize = 10;
/// Letters that cannot be mistaken for one another when copied by hand.
const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// A code as written down: two groups of five, e.g. `k7m2q-x9tbd` (about 49 bits).
fn new_code() -> String {
    let mut rng = rand::rng();
    let mut pick = || ALPHABET[rng.random_range(0..ALPHABET.len())] as char;
    let first: String = (0..5).map(|_| pick()).collect();
    let second: String = (0..5).map(|_| pick()).collect();
    format!("{first}-{second}")
}

/// What a typed code is compared as: lower case, without spaces or dashes.
fn normal(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Whether `typed` has the shape of a recovery code (and not of a six-digit code).
pub fn looks_like_one(typed: &str) -> bool {
    let n = normal(typed);
    n.len() == 10 && n.bytes().all(|b| ALPHABET.contains(&b))
}

fn hash(secret: &ServerSecret, typed: &str) -> String {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.bytes()) else {
        return String::new();
    };
    mac.update(b"recovery code\0");
    mac.update(normal(typed).as_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Replaces `user_id`'s codes with ten new ones and returns them, to be shown once.
pub async fn renew(
    db: &impl ConnectionTrait,
    clock: &Clock,
    secret: &ServerSecret,
    user_id: i32,
) -> Result<Vec<String>, DbErr> {
    forget(db, user_id).await?;
    let codes: Vec<String> = (0..COUNT).map(|_| new_code()).collect();
    for code in &codes {
        recovery_code::ActiveModel {
            user_id: Set(user_id),
            code_hash: Set(hash(secret, code)),
            used_at: Set(None),
            created_at: Set(clock.now()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(codes)
}

/// Removes every code of `user_id` (two-step sign-in reset by an administrator).
pub async fn forget(db: &impl ConnectionTrait, user_id: i32) -> Result<(), DbErr> {
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Spends `typed` for `user_id`: true when it was one of their unused codes.
pub async fn spend(
    db: &impl ConnectionTrait,
    clock: &Clock,
    secret: &ServerSecret,
    user_id: i32,
    typed: &str,
) -> Result<bool, DbErr> {
    let spent = recovery_code::Entity::update_many()
        .col_expr(recovery_code::Column::UsedAt, Expr::value(clock.now()))
        .filter(recovery_code::Column::UserId.eq(user_id))
        .filter(recovery_code::Column::CodeHash.eq(hash(secret, typed)))
        .filter(recovery_code::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(spent.rows_affected == 1)
}

/// How many unused codes `user_id` has left.
pub async fn left(db: &impl ConnectionTrait, user_id: i32) -> Result<u64, DbErr> {
    recovery_code::Entity::find()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .filter(recovery_code::Column::UsedAt.is_null())
        .count(db)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_told_apart_from_six_digit_codes_and_typed_loosely() {
        let code = new_code();
        assert!(looks_like_one(&code), "{code}");
        assert!(looks_like_one(&code.to_uppercase().replace('-', " ")));
        assert!(!looks_like_one("123456"));
        let secret = ServerSecret::random();
        assert_eq!(hash(&secret, &code), hash(&secret, &code.to_uppercase()));
        assert_ne!(hash(&secret, &code), hash(&ServerSecret::random(), &code));
    }
}
