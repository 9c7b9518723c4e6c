//! One-time invitation links: 128-bit random tokens, stored only as SHA-256 hashes,
//! valid for 72 hours and for one use.
use chrono::TimeDelta;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr,
    EntityTrait, QueryFilter, QueryOrder, sea_query::Expr,
};

use crate::domain::role::Role;
use crate::ssr::{
    clock::Clock,
    entities::invite,
    tokens::{hash, random_token},
};

pub const VALID_FOR: TimeDelta = TimeDelta::hours(72);

/// Makes an invitation and returns its token (shown once, never stored).
pub async fn create(
    db: &impl ConnectionTrait,
    clock: &Clock,
    email: &str,
    role: Role,
    organisation_id: Option<i32>,
    invited_by: i32,
    needs_approval: bool,
) -> Result<String, DbErr> {
    let token = random_token();
    let now = clock.now();
    invite::ActiveModel {
        token_hash: Set(hash(&token)),
        email: Set(email.to_string()),
        role: Set(role),
        organisation_id: Set(organisation_id),
        invited_by: Set(Some(invited_by)),
        expires_at: Set(now + VALID_FOR),
        used_at: Set(None),
        created_at: Set(now),
        needs_approval: Set(needs_approval),
        approved_by: Set(None),
        approved_at: Set(None),
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

fn awaits_approval(invite: &invite::Model) -> bool {
    invite.needs_approval && invite.approved_by.is_none()
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
        // A request's first token was never shown: approval makes the link that works.
        Some(i) if awaits_approval(&i) => Lookup::Unknown,
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
                .add(invite::Column::ExpiresAt.gt(now))
                .add(
                    Condition::any()
                        .add(invite::Column::NeedsApproval.eq(false))
                        .add(invite::Column::ApprovedBy.is_not_null()),
                ),
        )
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Invitations facilitators asked for that wait for an administrator, oldest first.
pub async fn awaiting_approval(
    db: &impl ConnectionTrait,
    clock: &Clock,
) -> Result<Vec<invite::Model>, DbErr> {
    invite::Entity::find()
        .filter(invite::Column::NeedsApproval.eq(true))
        .filter(invite::Column::ApprovedBy.is_null())
        .filter(invite::Column::UsedAt.is_null())
        .filter(invite::Column::ExpiresAt.gt(clock.now()))
        .order_by_asc(invite::Column::Id)
        .all(db)
        .await
}

/// An administrator's decision on an invitation a facilitator asked for. Approving makes the
/// link anew (the token is stored only as a hash, so the approver gets a fresh one to send;
/// the asker never held a working link) and starts its 72 hours; refusing removes it. `None`
/// when there is no such invitation waiting; otherwise the invitation as it was, and for an
/// approval the new token.
pub async fn decide(
    db: &impl ConnectionTrait,
    clock: &Clock,
    id: i32,
    admin_id: i32,
    approve: bool,
) -> Result<Option<(invite::Model, Option<String>)>, DbErr> {
    let waiting = invite::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|i| awaits_approval(i) && i.used_at.is_none() && i.expires_at > clock.now());
    let Some(invite) = waiting else {
        return Ok(None);
    };
    if !approve {
        invite::Entity::delete_by_id(id).exec(db).await?;
        return Ok(Some((invite, None)));
    }
    let now = clock.now();
    let token = random_token();
    invite::Entity::update_many()
        .col_expr(invite::Column::TokenHash, Expr::value(hash(&token)))
        .col_expr(invite::Column::ApprovedBy, Expr::value(admin_id))
        .col_expr(invite::Column::ApprovedAt, Expr::value(now))
        .col_expr(invite::Column::ExpiresAt, Expr::value(now + VALID_FOR))
        .filter(invite::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(Some((invite, Some(token))))
}
