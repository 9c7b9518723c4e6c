//! Password reset links: one-time links (`one_time_links`) for an account, for one use. An
//! administrator's works for 24 hours; one asked for on the "forgot password" page, for one.
use chrono::TimeDelta;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr};

use super::one_time_links::{self, Lookup};
use crate::{
    domain::link::LinkPurpose,
    ssr::{clock::Clock, entities::one_time_link},
};

/// How long an administrator's reset link works: long enough to reach someone by hand.
pub const VALID_FOR: TimeDelta = TimeDelta::hours(24);

/// How long a link asked for by email works: it went straight to the owner's inbox.
pub const ASKED_VALID_FOR: TimeDelta = TimeDelta::hours(1);

/// Makes a reset link for `user_id` and returns its token (shown or emailed once, never
/// stored). `issued_by` is the administrator; `None` when the owner asked by email.
pub async fn issue(
    db: &impl ConnectionTrait,
    clock: &Clock,
    user_id: i32,
    issued_by: Option<i32>,
) -> Result<String, DbErr> {
    let link = one_time_link::ActiveModel {
        email: Set(None),
        role: Set(None),
        organisation_id: Set(None),
        user_id: Set(Some(user_id)),
        made_by: Set(issued_by),
        needs_approval: Set(false),
        approved_by: Set(None),
        approved_at: Set(None),
        ..Default::default()
    };
    let valid_for = if issued_by.is_some() {
        VALID_FOR
    } else {
        ASKED_VALID_FOR
    };
    one_time_links::create(db, clock, LinkPurpose::PasswordReset, valid_for, link).await
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
