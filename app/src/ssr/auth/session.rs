//! What a signed-in session holds, and how long it lives.
use chrono::{DateTime, TimeDelta, Utc};
use rand::RngCore;
use sea_orm::EntityTrait;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use crate::{
    domain::role::{Actor, Role},
    ssr::{entities::user, state::AppState},
};

pub const AUTH_KEY: &str = "auth";
/// A session ends after this long without a request…
pub const IDLE: TimeDelta = TimeDelta::minutes(30);
/// …and this long after sign-in, however busy.
pub const ABSOLUTE: TimeDelta = TimeDelta::hours(12);

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SessionAuth {
    pub user_id: i32,
    pub signed_in_at: DateTime<Utc>,
    /// The token every signed-in form carries back.
    pub csrf: String,
}

/// 128 random bits, hex-encoded.
pub fn random_token() -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The signed-in person, or `None`. Ends the session if it is too old or the account is
/// disabled or gone.
pub async fn current(session: &Session, state: &AppState) -> Option<(Actor, SessionAuth)> {
    let auth: SessionAuth = session.get(AUTH_KEY).await.ok().flatten()?;
    if state.clock.now() - auth.signed_in_at > ABSOLUTE {
        let _ = session.flush().await;
        return None;
    }
    let user = user::Entity::find_by_id(auth.user_id)
        .one(&state.db)
        .await
        .ok()
        .flatten();
    let Some(user) = user.filter(|u| !u.disabled) else {
        let _ = session.flush().await;
        return None;
    };
    let role = Role::parse(&user.role)?;
    let actor = Actor {
        user_id: user.id,
        role,
        organisation_id: user.organisation_id,
    };
    Some((actor, auth))
}
