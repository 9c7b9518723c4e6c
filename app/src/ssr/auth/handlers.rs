//! Sign-in and sign-out as plain form posts: they work without JavaScript and answer with a
//! redirect (post, redirect, get). Errors travel as codes the login page translates.
use axum::{
    Form,
    extract::{Path, State, rejection::FormRejection},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::Deserialize;
use tower_sessions::Session;

use super::{
    password_hash,
    session::{AUTH_KEY, SessionAuth, current, random_token},
};
use crate::{
    domain::{lang::Lang, password::MAX_BYTES},
    i18n::t,
    ssr::{
        audit::{self, Event},
        entities::user,
        state::AppState,
    },
};

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    csrf: String,
}

fn to_login(lang: Lang, code: &str) -> Response {
    Redirect::to(&format!("/{}/login?error={code}", lang.code())).into_response()
}

pub async fn login(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    session: Session,
    form: Result<Form<LoginForm>, FormRejection>,
) -> Response {
    let Some(lang) = Lang::parse(&lang) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let Ok(Form(form)) = form else {
        return to_login(lang, "missing");
    };
    let email = form.email.trim().to_lowercase();
    if email.is_empty() || form.password.is_empty() {
        return to_login(lang, "missing");
    }
    // Refused before any hashing or lookup: giant inputs cost nothing.
    if form.password.len() > MAX_BYTES || email.len() > 254 {
        return to_login(lang, "invalid");
    }
    if !state.throttle.attempt(&email) {
        return to_login(lang, "throttled");
    }
    let found = user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .one(&state.db)
        .await;
    let found = match found {
        Ok(found) => found,
        Err(err) => {
            tracing::error!(error = %err, "sign-in lookup failed");
            return to_login(lang, "internal");
        }
    };
    let matches = password_hash::verify(
        &form.password,
        found.as_ref().map(|u| u.password_hash.clone()),
    )
    .await;
    let known_id = found.as_ref().map(|u| u.id);
    let Some(user) = found.filter(|u| matches && !u.disabled) else {
        // Against a known account, the account is the object; an unknown email is not
        // stored (it may be a password typed into the wrong field).
        let event = Event {
            actor_id: None,
            action: "login_failure",
            object_type: if known_id.is_some() {
                "user"
            } else {
                "account"
            },
            object_id: known_id.map(|id| id.to_string()).unwrap_or_default(),
        };
        let _ = audit::record(&state.db, &state.clock, event).await;
        return to_login(lang, "invalid");
    };

    // A new session id at sign-in, so an id planted before cannot ride along.
    let auth = SessionAuth {
        user_id: user.id,
        signed_in_at: state.clock.now(),
        csrf: random_token(),
    };
    if session.cycle_id().await.is_err() || session.insert(AUTH_KEY, &auth).await.is_err() {
        return to_login(lang, "internal");
    }
    let event = Event {
        actor_id: Some(user.id),
        action: "login_success",
        object_type: "user",
        object_id: user.id.to_string(),
    };
    let _ = audit::record(&state.db, &state.clock, event).await;
    Redirect::to(&format!("/{}/account", lang.code())).into_response()
}

pub async fn logout(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    session: Session,
    form: Result<Form<TokenForm>, FormRejection>,
) -> Response {
    let lang = Lang::parse(&lang).unwrap_or_default();
    if let Some((actor, auth)) = current(&session, &state).await {
        let token = form.map(|Form(f)| f.csrf).unwrap_or_default();
        if !same_token(&token, &auth.csrf) {
            return (StatusCode::FORBIDDEN, t(lang, "error-cross-site")).into_response();
        }
        let _ = session.flush().await;
        let event = Event {
            actor_id: Some(actor.user_id),
            action: "logout",
            object_type: "user",
            object_id: actor.user_id.to_string(),
        };
        let _ = audit::record(&state.db, &state.clock, event).await;
    }
    Redirect::to(&format!("/{}/", lang.code())).into_response()
}

/// Compares tokens in time that does not depend on where they differ.
fn same_token(given: &str, expected: &str) -> bool {
    given.len() == expected.len()
        && given
            .bytes()
            .zip(expected.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}
