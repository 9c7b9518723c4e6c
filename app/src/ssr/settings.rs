//! Platform settings an admin can change, stored as key and value.
use sea_orm::{ConnectionTrait, DbErr, EntityTrait};

use super::entities::setting;

pub const REQUIRE_TOTP_FOR_ALL: &str = "require_totp_for_all";

/// Whether a yes/no setting is on (off when unset).
pub async fn flag(db: &impl ConnectionTrait, key: &str) -> Result<bool, DbErr> {
    Ok(setting::Entity::find_by_id(key.to_string())
        .one(db)
        .await?
        .is_some_and(|s| s.value == "true"))
}
