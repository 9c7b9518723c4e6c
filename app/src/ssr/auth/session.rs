//! What a signed-in session holds, and how long it lives.
use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::EntityTrait;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::account::Account;
use crate::{
    domain::role::{Actor, Role},
    ssr::{entities::user, settings, state::AppState},
};

pub use super::session_store::AUTH_KEY;
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

/// Someone who gave the right password and must now give a one-time code.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PendingSignIn {
    pub user_id: i32,
    pub at: DateTime<Utc>,
}

pub const PENDING_KEY: &str = "pending";
/// How long the one-time code may take after the password.
pub const PENDING_FOR: TimeDelta = TimeDelta::minutes(5);
/// The secret being set up, kept until the person proves their app has it.
pub const TOTP_SETUP_KEY: &str = "totp_setup";
/// New recovery codes, sealed, waiting for their one showing on the account page.
pub const RECOVERY_KEY: &str = "recovery_codes";

/// A signed-in person as the server knows them.
#[derive(Clone, Debug)]
pub struct SignedIn {
    pub actor: Actor,
    /// Their name as the header shows it.
    pub display_name: String,
    pub auth: SessionAuth,
    /// Two-step sign-in is required for them and not set up yet: they may do nothing else.
    pub needs_totp_setup: bool,
    pub has_totp: bool,
}

/// The account behind `user_id`, when it exists and is not disabled.
async fn account(state: &AppState, user_id: i32) -> Result<Option<Account>, sea_orm::DbErr> {
    let Some(user) = user::Entity::find_by_id(user_id)
        .one(&state.db)
        .await?
        .filter(|u| !u.disabled)
    else {
        return Ok(None);
    };
    let totp_required =
        user.role == Role::Admin || settings::totp_required_for_all(&state.db).await?;
    Ok(Some(Account {
        actor: Actor {
            user_id: user.id,
            role: user.role,
            organisation_id: user.organisation_id,
        },
        display_name: user.display_name,
        has_totp: user.totp_secret.is_some(),
        totp_required,
    }))
}

/// The signed-in person, or `None`. Ends the session if it is too old or the account is
/// disabled or gone.
pub async fn current(session: &Session, state: &AppState) -> Option<SignedIn> {
    let auth: SessionAuth = session.get(AUTH_KEY).await.ok().flatten()?;
    if state.clock.now() - auth.signed_in_at > ABSOLUTE {
        let _ = session.flush().await;
        return None;
    }
    let read = state
        .kept
        .accounts
        .read_fresh(&state.writes, auth.user_id, account(state, auth.user_id))
        .await;
    // A failed read ends nothing: the person is simply not signed in for this request.
    let Some(account) = read.ok()? else {
        let _ = session.flush().await;
        return None;
    };
    Some(SignedIn {
        actor: account.actor,
        display_name: account.display_name,
        auth,
        needs_totp_setup: account.totp_required && !account.has_totp,
        has_totp: account.has_totp,
    })
}
