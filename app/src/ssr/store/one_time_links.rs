//! One-time links: 128-bit random tokens, stored only as hashes, valid for a while and for
//! one use. Invitations and password resets are both kinds of one (`LinkPurpose`); what is
//! particular to each is in `invites` and `handlers::password`.
use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr,
    EntityTrait, QueryFilter, sea_query::Expr,
};

use crate::{
    domain::link::LinkPurpose,
    ssr::{
        clock::Clock,
        entities::one_time_link,
        tokens::{hash, random_token},
    },
};

/// What a token leads to.
pub enum Lookup {
    Valid(one_time_link::Model),
    /// Expired or already used.
    Gone,
    Unknown,
}

/// Still waiting for an administrator: its first token was never shown, so it opens nothing.
pub fn awaits_approval(link: &one_time_link::Model) -> bool {
    link.needs_approval && link.approved_by.is_none()
}

/// Whether a link is past its time or used.
pub fn spent_or_expired(link: &one_time_link::Model, now: DateTime<Utc>) -> bool {
    link.used_at.is_some() || link.expires_at <= now
}

/// Stores `link` (its token hash, purpose and times are set here) and returns its token,
/// shown once and never stored.
pub async fn create(
    db: &impl ConnectionTrait,
    clock: &Clock,
    purpose: LinkPurpose,
    valid_for: TimeDelta,
    link: one_time_link::ActiveModel,
) -> Result<String, DbErr> {
    let token = random_token();
    let now = clock.now();
    one_time_link::ActiveModel {
        purpose: Set(purpose),
        token_hash: Set(hash(&token)),
        expires_at: Set(now + valid_for),
        used_at: Set(None),
        created_at: Set(now),
        ..link
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The link a token opens, if it is one of `purpose`.
pub async fn find(
    db: &impl ConnectionTrait,
    clock: &Clock,
    purpose: LinkPurpose,
    token: &str,
) -> Result<Lookup, DbErr> {
    if token.len() != 32 || !token.chars().all(|c| c.is_ascii_hexdigit()) {
        return Ok(Lookup::Unknown);
    }
    let found = one_time_link::Entity::find()
        .filter(one_time_link::Column::TokenHash.eq(hash(token)))
        .filter(one_time_link::Column::Purpose.eq(purpose))
        .one(db)
        .await?;
    Ok(match found {
        None => Lookup::Unknown,
        Some(l) if spent_or_expired(&l, clock.now()) => Lookup::Gone,
        Some(l) if awaits_approval(&l) => Lookup::Unknown,
        Some(l) => Lookup::Valid(l),
    })
}

/// Marks a link used; false if another request used it first (or it expired meanwhile).
pub async fn spend(db: &impl ConnectionTrait, clock: &Clock, id: i32) -> Result<bool, DbErr> {
    let now = clock.now();
    let result = one_time_link::Entity::update_many()
        .col_expr(one_time_link::Column::UsedAt, Expr::value(now))
        .filter(one_time_link::Column::Id.eq(id))
        .filter(
            Condition::all()
                .add(one_time_link::Column::UsedAt.is_null())
                .add(one_time_link::Column::ExpiresAt.gt(now))
                .add(
                    Condition::any()
                        .add(one_time_link::Column::NeedsApproval.eq(false))
                        .add(one_time_link::Column::ApprovedBy.is_not_null()),
                ),
        )
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}
