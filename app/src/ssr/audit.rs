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
    write(db, clock, event, None).await
}

/// An event with a line of detail for those who read the log (whom an invitation is for,
/// say). Never survivors' words, addresses or user agents.
pub async fn record_with_detail(
    db: &impl ConnectionTrait,
    clock: &Clock,
    event: Event<'_>,
    detail: String,
) -> Result<(), DbErr> {
    write(db, clock, event, Some(detail)).await
}

async fn write(
    db: &impl ConnectionTrait,
    clock: &Clock,
    event: Event<'_>,
    detail: Option<String>,
) -> Result<(), DbErr> {
    audit_event::ActiveModel {
        actor_id: Set(event.actor_id),
        action: Set(event.action.to_string()),
        object_type: Set(event.object_type.to_string()),
        object_id: Set(event.object_id),
        detail: Set(detail),
        occurred_at: Set(clock.now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
