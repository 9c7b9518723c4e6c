//! Password reset links: one-time links (`one_time_links`) an administrator makes for an
//! account, valid for 24 hours and for one use.
use chrono::TimeDelta;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr};

use super::one_time_links::{self, Lookup};
use crate::{
    domain::link::LinkPurpose,
    ssr::{clock::Clock, entities::one_time_link},
};

/// How long a reset link works.
pub const VALID_FOR: TimeDelta = TimeDelta::hours(24);

/// Makes a reset link for `user_id` and returns its token (shown once, never stored).
pub async fn issue(
    db: &impl ConnectionTrait,
    clock: &Clock,
    user_id: i32,
    issued_by: i32,
) -> Result<String, DbErr> {
    let link = one_time_link::ActiveModel {
        email: Set(None),
        role: Set(None),
        organisation_id: Set(None),
        user_id: Set(Some(user_id)),
        made_by: Set(Some(issued_by)),
        needs_approval: Set(false),
        approved_by: Set(None),
        approved_at: Set(None),
        ..Default::default()
    };
    one_time_links::create(db, clock, LinkPurpose::PasswordReset, VALID_FOR, link).await
}

/// Whether a reset link can still be used (for its page).
pub async fn is_valid(
    db: &impl ConnectionTrait,
    clock: &Clock,
    token: &str,
) -> Result<bool, DbErr> {
    let found = one_time_links::find(db, clock, LinkPurpose::PasswordReset, token).await?;
    Ok(matches!(found, Lookup::Valid(_)))
}

/// Uses a reset link once; the account it is for, if it was still valid.
pub async fn spend(
    db: &impl ConnectionTrait,
    clock: &Clock,
    token: &str,
) -> Result<Option<i32>, DbErr> {
    let found = one_time_links::find(db, clock, LinkPurpose::PasswordReset, token).await?;
    let Lookup::Valid(link) = found else {
        return Ok(None);
    };
    let spent = one_time_links::spend(db, clock, link.id).await?;
    Ok(spent.then_some(link.user_id).flatten())
}
