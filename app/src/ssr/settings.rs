//! Platform settings an admin can change, stored as key and value.
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};

use super::entities::setting;

pub const REQUIRE_TOTP_FOR_ALL: &str = "require_totp_for_all";
/// K: the fewest people a group of feedback must count to be shown (never below 3).
pub const ANONYMITY_THRESHOLD: &str = "anonymity_threshold";

/// Whether a yes/no setting is on (off when unset).
pub async fn flag(db: &impl ConnectionTrait, key: &str) -> Result<bool, DbErr> {
    Ok(setting::Entity::find_by_id(key.to_string())
        .one(db)
        .await?
        .is_some_and(|s| s.value == "true"))
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
