//! One-time invitation links: 128-bit random tokens, stored only as SHA-256 hashes,
//! valid for 72 hours and for one use.
use chrono::TimeDelta;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr,
    EntityTrait, QueryFilter, sea_query::Expr,
};
use sha2::{Digest, Sha256};

use super::{auth::session::random_token, clock::Clock, entities::invite};
use crate::domain::role::Role;

pub const VALID_FOR: TimeDelta = TimeDelta::hours(72);

/// A token has 128 random bits, so a fast hash is enough: there is nothing to guess.
pub fn hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Makes an invitation and returns its token (shown once, never stored).
pub async fn create(
    db: &impl ConnectionTrait,
    clock: &Clock,
    email: &str,
    role: Role,
    organisation_id: Option<i32>,
    invited_by: i32,
) -> Result<String, DbErr> {
    let token = random_token();
    let now = clock.now();
    invite::ActiveModel {
        token_hash: Set(hash(&token)),
        email: Set(email.to_string()),
        role: Set(role.code().to_string()),
        organisation_id: Set(organisation_id),
        invited_by: Set(Some(invited_by)),
        expires_at: Set(now + VALID_FOR),
        used_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// What a token leads to.
pub enum Lookup {
    Valid(invite::Model),
    /// Expired or already used.
    Gone,
    Unknown,
}

pub async fn find(db: &impl ConnectionTrait, clock: &Clock, token: &str) -> Result<Lookup, DbErr> {
    if token.len() != 32 || !token.chars().all(|c| c.is_ascii_hexdigit()) {
        return Ok(Lookup::Unknown);
    }
    let found = invite::Entity::find()
        .filter(invite::Column::TokenHash.eq(hash(token)))
        .one(db)
        .await?;
    Ok(match found {
        None => Lookup::Unknown,
        Some(i) if i.used_at.is_some() || i.expires_at <= clock.now() => Lookup::Gone,
        Some(i) => Lookup::Valid(i),
    })
}

/// Marks an invitation used; false if another request used it first.
pub async fn spend(db: &impl ConnectionTrait, clock: &Clock, id: i32) -> Result<bool, DbErr> {
    let now = clock.now();
    let result = invite::Entity::update_many()
        .col_expr(invite::Column::UsedAt, Expr::value(now))
        .filter(invite::Column::Id.eq(id))
        .filter(
            Condition::all()
                .add(invite::Column::UsedAt.is_null())
                .add(invite::Column::ExpiresAt.gt(now)),
        )
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}
