//! Invitations: one-time links (`one_time_links`) that make an account with a role, valid for
//! 72 hours and for one use. An official's invitation a facilitator asks for waits for an
//! administrator.
use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder, sea_query::Expr,
};

pub use super::one_time_links::spend;
use super::one_time_links::{self, awaits_approval, spent_or_expired};
use crate::{
    domain::{link::LinkPurpose, role::Role},
    ssr::{
        clock::Clock,
        entities::one_time_link,
        tokens::{hash, random_token},
    },
};

pub const VALID_FOR: TimeDelta = TimeDelta::hours(72);

/// An invitation as its pages and handlers use it.
#[derive(Clone, Debug)]
pub struct Invitation {
    pub id: i32,
    pub email: String,
    pub role: Role,
    pub organisation_id: Option<i32>,
    pub invited_by: Option<i32>,
    pub expires_at: DateTime<Utc>,
}

impl TryFrom<one_time_link::Model> for Invitation {
    type Error = DbErr;

    /// An invitation row without its email or role is broken: an error, never a guess.
    fn try_from(link: one_time_link::Model) -> Result<Self, DbErr> {
        match (link.purpose, link.email, link.role) {
            (LinkPurpose::Invitation, Some(email), Some(role)) => Ok(Invitation {
                id: link.id,
                email,
                role,
                organisation_id: link.organisation_id,
                invited_by: link.made_by,
                expires_at: link.expires_at,
            }),
            _ => Err(DbErr::Type(format!(
                "one-time link {} is not a whole invitation",
                link.id
            ))),
        }
    }
}

/// What a token leads to.
pub enum Lookup {
    Valid(Invitation),
    /// Expired or already used.
    Gone,
    Unknown,
}

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
    let link = one_time_link::ActiveModel {
        email: Set(Some(email.to_string())),
        role: Set(Some(role)),
        organisation_id: Set(organisation_id),
        user_id: Set(None),
        made_by: Set(Some(invited_by)),
        needs_approval: Set(needs_approval),
        approved_by: Set(None),
        approved_at: Set(None),
        ..Default::default()
    };
    one_time_links::create(db, clock, LinkPurpose::Invitation, VALID_FOR, link).await
}

pub async fn find(db: &impl ConnectionTrait, clock: &Clock, token: &str) -> Result<Lookup, DbErr> {
    Ok(
        match one_time_links::find(db, clock, LinkPurpose::Invitation, token).await? {
            one_time_links::Lookup::Valid(link) => Lookup::Valid(link.try_into()?),
            one_time_links::Lookup::Gone => Lookup::Gone,
            one_time_links::Lookup::Unknown => Lookup::Unknown,
        },
    )
}

/// Invitations facilitators asked for that wait for an administrator, oldest first.
pub async fn awaiting_approval(
    db: &impl ConnectionTrait,
    clock: &Clock,
) -> Result<Vec<Invitation>, DbErr> {
    one_time_link::Entity::find()
        .filter(one_time_link::Column::Purpose.eq(LinkPurpose::Invitation))
        .filter(one_time_link::Column::NeedsApproval.eq(true))
        .filter(one_time_link::Column::ApprovedBy.is_null())
        .filter(one_time_link::Column::UsedAt.is_null())
        .filter(one_time_link::Column::ExpiresAt.gt(clock.now()))
        .order_by_asc(one_time_link::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(Invitation::try_from)
        .collect()
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
) -> Result<Option<(Invitation, Option<String>)>, DbErr> {
    let now = clock.now();
    let waiting = one_time_link::Entity::find_by_id(id)
        .filter(one_time_link::Column::Purpose.eq(LinkPurpose::Invitation))
        .one(db)
        .await?
        .filter(|l| awaits_approval(l) && !spent_or_expired(l, now));
    let Some(link) = waiting else {
        return Ok(None);
    };
    let invitation = Invitation::try_from(link)?;
    if !approve {
        one_time_link::Entity::delete_by_id(id).exec(db).await?;
        return Ok(Some((invitation, None)));
    }
    let token = random_token();
    one_time_link::Entity::update_many()
        .col_expr(one_time_link::Column::TokenHash, Expr::value(hash(&token)))
        .col_expr(one_time_link::Column::ApprovedBy, Expr::value(admin_id))
        .col_expr(one_time_link::Column::ApprovedAt, Expr::value(now))
        .col_expr(
            one_time_link::Column::ExpiresAt,
            Expr::value(now + VALID_FOR),
        )
        .filter(one_time_link::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(Some((invitation, Some(token))))
}

/// Invitations sent and not yet accepted, newest first: working ones, and those that ran out
/// in the last week (so the inviter sees it and can send a fresh link). Only those `made_by`
/// made, when given (a facilitator sees their own; an administrator every one).
pub async fn pending(
    db: &impl ConnectionTrait,
    clock: &Clock,
    made_by: Option<i32>,
) -> Result<Vec<Invitation>, DbErr> {
    let mut query = one_time_link::Entity::find()
        .filter(one_time_link::Column::Purpose.eq(LinkPurpose::Invitation))
        .filter(one_time_link::Column::UsedAt.is_null())
        .filter(one_time_link::Column::ExpiresAt.gt(clock.now() - TimeDelta::days(7)))
        .filter(
            Condition::any()
                .add(one_time_link::Column::NeedsApproval.eq(false))
                .add(one_time_link::Column::ApprovedBy.is_not_null()),
        );
    if let Some(maker) = made_by {
        query = query.filter(one_time_link::Column::MadeBy.eq(maker));
    }
    query
        .order_by_desc(one_time_link::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(Invitation::try_from)
        .collect()
}

/// What may happen to a sent invitation.
pub enum Change {
    /// Its link stops working at once.
    Revoke,
    /// A fresh link for another 72 hours; the old one stops working (a new invitation). Asked
    /// by someone who may not invite to that role outright (a facilitator, for an official),
    /// the new one waits for an administrator again, whoever approved the old one.
    Renew { needs_approval: bool },
}

/// Revokes or renews invitation `id`, if it is sent, not yet accepted, ran out at most a week
/// ago, and (when `made_by` is given) that person's. A revoked one cannot be renewed. `None`
/// when there is no such invitation; for a renewal that works at once, the new token.
pub async fn change(
    db: &impl ConnectionTrait,
    clock: &Clock,
    id: i32,
    made_by: Option<i32>,
    change: Change,
) -> Result<Option<(Invitation, Option<String>)>, DbErr> {
    let now = clock.now();
    let found = one_time_link::Entity::find_by_id(id)
        .filter(one_time_link::Column::Purpose.eq(LinkPurpose::Invitation))
        .one(db)
        .await?
        .filter(|l| l.used_at.is_none() && !awaits_approval(l))
        // As listed: an invitation long run out is not revived; a new one is made instead.
        .filter(|l| l.expires_at > now - TimeDelta::days(7))
        .filter(|l| made_by.is_none() || l.made_by == made_by);
    let Some(link) = found else {
        return Ok(None);
    };
    let invitation = Invitation::try_from(link)?;
    // Either way the old link is spent, so whoever opens it is told it ran out (410), not
    // that it never was; a renewal is a new link with the same person, role and maker.
    one_time_link::Entity::update_many()
        .col_expr(one_time_link::Column::UsedAt, Expr::value(now))
        .filter(one_time_link::Column::Id.eq(id))
        .exec(db)
        .await?;
    let token = match change {
        Change::Revoke => None,
        Change::Renew { needs_approval } => {
            let link = one_time_link::ActiveModel {
                email: Set(Some(invitation.email.clone())),
                role: Set(Some(invitation.role)),
                organisation_id: Set(invitation.organisation_id),
                user_id: Set(None),
                made_by: Set(invitation.invited_by),
                needs_approval: Set(needs_approval),
                approved_by: Set(None),
                approved_at: Set(None),
                ..Default::default()
            };
            let token =
                one_time_links::create(db, clock, LinkPurpose::Invitation, VALID_FOR, link).await?;
            Some(token)
        }
    };
    Ok(Some((invitation, token)))
}

/// The role and organisation of invitation `id`, to know what sending it again asks of the
/// sender.
pub async fn role_of(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<Option<(Role, Option<i32>)>, DbErr> {
    Ok(one_time_link::Entity::find_by_id(id)
        .filter(one_time_link::Column::Purpose.eq(LinkPurpose::Invitation))
        .one(db)
        .await?
        .and_then(|l| l.role.map(|role| (role, l.organisation_id))))
}
