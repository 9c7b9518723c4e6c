//! Platform settings an admin can change, stored as key and value.
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};

use super::entities::setting;

pub const REQUIRE_TOTP_FOR_ALL: &str = "require_totp_for_all";
/// K: the fewest people a group of feedback must count to be shown (never below 3).
pub const ANONYMITY_THRESHOLD: &str = "anonymity_threshold";
/// N: days a published recommendation may wait for an organisation's answer.
pub const OVERDUE_AFTER_DAYS: &str = "overdue_after_days";
/// Days survivors' words and receipt threads are kept after their last message or decision.
pub const RETENTION_DAYS: &str = "retention_days";
pub const DEFAULT_RETENTION_DAYS: u32 = 180;
/// The fewest and most days an admin may keep them for.
pub const RETENTION_DAYS_RANGE: std::ops::RangeInclusive<u32> = 30..=3650;
/// The fewest and most days an admin may set N to.
pub const OVERDUE_DAYS_RANGE: std::ops::RangeInclusive<u32> = 1..=3650;

/// Whether a yes/no setting is on (off when unset).
pub async fn flag(db: &impl ConnectionTrait, key: &str) -> Result<bool, DbErr> {
    Ok(setting::Entity::find_by_id(key.to_string())
        .one(db)
        .await?
        .is_some_and(|s| s.value == "true"))
}

/// Whether every staff account must use two-step sign-in: yes unless an administrator turned
/// it off (facilitators read survivors' unredacted words; officials speak for ministries).
pub async fn totp_required_for_all(db: &impl ConnectionTrait) -> Result<bool, DbErr> {
    Ok(
        setting::Entity::find_by_id(REQUIRE_TOTP_FOR_ALL.to_string())
            .one(db)
            .await?
            .is_none_or(|s| s.value != "false"),
    )
}

/// A whole-number setting, when set.
pub async fn number(db: &impl ConnectionTrait, key: &str) -> Result<Option<u32>, DbErr> {
    Ok(setting::Entity::find_by_id(key.to_string())
        .one(db)
        .await?
        .and_then(|s| s.value.parse().ok()))
}

/// The anonymity threshold K in force.
pub async fn anonymity_threshold(db: &impl ConnectionTrait) -> Result<u32, DbErr> {
    Ok(crate::domain::anonymity::threshold(
        number(db, ANONYMITY_THRESHOLD).await?,
    ))
}

/// N in force: the admin setting, else the configured default.
pub async fn overdue_after_days(db: &impl ConnectionTrait, default: u32) -> Result<u32, DbErr> {
    Ok(number(db, OVERDUE_AFTER_DAYS)
        .await?
        .filter(|n| OVERDUE_DAYS_RANGE.contains(n))
        .unwrap_or(default))
}

/// How many days survivors' words are kept after their thread's last activity.
pub async fn retention_days(db: &impl ConnectionTrait) -> Result<u32, DbErr> {
    Ok(number(db, RETENTION_DAYS)
        .await?
        .filter(|n| RETENTION_DAYS_RANGE.contains(n))
        .unwrap_or(DEFAULT_RETENTION_DAYS))
}

/// Sets a setting, adding it when new.
pub async fn put(db: &impl ConnectionTrait, key: &str, value: &str) -> Result<(), DbErr> {
    let row = setting::ActiveModel {
        key: Set(key.to_string()),
        value: Set(value.to_string()),
    };
    if setting::Entity::find_by_id(key.to_string())
        .one(db)
        .await?
        .is_some()
    {
        row.update(db).await?;
    } else {
        row.insert(db).await?;
    }
    Ok(())
}
