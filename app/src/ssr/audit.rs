//! Audit events: who did what to which object, and when. Never an address or user agent.
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr};

use super::{clock::Clock, entities::audit_event};

pub struct Event<'a> {
    pub actor_id: Option<i32>,
    pub action: &'a str,
    pub object_type: &'a str,
    pub object_id: String,
}

pub async fn record(
    db: &impl ConnectionTrait,
    clock: &Clock,
    event: Event<'_>,
) -> Result<(), DbErr> {
    audit_event::ActiveModel {
        actor_id: Set(event.actor_id),
        action: Set(event.action.to_string()),
        object_type: Set(event.object_type.to_string()),
        object_id: Set(event.object_id),
        detail: Set(None),
        occurred_at: Set(clock.now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
