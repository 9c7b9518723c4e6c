//! Changing one's own password, and resetting it through a one-time link: one an
//! administrator makes, or one the owner asks for by email ("forgot password"). Either way
//! every session of the account ends at once.
use axum::{
    Form,
    extract::{ConnectInfo, Path, State, rejection::FormRejection},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use sea_orm::{ColumnTrait, DbErr, EntityTrait, QueryFilter, sea_query::Expr};
use std::net::SocketAddr;

use serde::Deserialize;
use tower_sessions::Session;

use crate::{
    domain::{
        lang::Lang,
        password::{MAX_BYTES, NewPassword},
        role::Action,
    },
    handlers::{Answered, refuse},
    i18n::t,
    paths,
    refusal::Refusal,
    ssr::{
        audit::{self, Event},
        auth::{
            guard::{CsrfForm, TokenForm, open_form},
            password_hash,
        },
        db::begin_write,
        entities::user,
        letters,
        state::AppState,
        store::{password_resets, people::NEW_INVITE_KEY},
    },
};

#[derive(Deserialize, Default)]
pub struct ChangeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
}

pub async fn change(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    session: Session,
    form: Result<Form<ChangeForm>, FormRejection>,
) -> Answered {
    let (lang, form, signed_in) =
        open_form(&state, &session, &lang, form, Action::ViewOwnAccount).await?;
    let back = |why: Refusal| refuse(&format!("/{}/account#password", lang.code()), why);
    let user_id = signed_in.actor.user_id;
    if form.current.len() > MAX_BYTES || !state.throttle.attempt(&format!("user:{user_id}")) {
        return Err(back(Refusal::LoginThrottled));
    }
    let stored = match user::Entity::find_by_id(user_id).one(&state.db).await {
        Ok(Some(u)) => u.password_hash,
        _ => return Err(back(Refusal::Internal)),
    };
    if !password_hash::verify(&form.current, Some(stored)).await {
        return Err(back(Refusal::PasswordWrong));
    }
    let new = match NewPassword::parse(&form.new) {
        Ok(p) => p,
        Err(problem) => return Err(back(problem.into())),
    };
    match set_password(&state, user_id, &new, "password_change", Some(user_id)).await {
        Ok(()) => Ok(Redirect::to(&format!("/{}/login?changed=1", lang.code())).into_response()),
        Err(_) => Err(back(Refusal::Internal)),
    }
}

/// Stores a new hash, audits it, and ends every session of the account.
async fn set_password(
    state: &AppState,
    user_id: i32,
    password: &NewPassword,
    action: &str,
    actor_id: Option<i32>,
) -> Result<(), DbErr> {
    let hash = password_hash::hash(password).await.map_err(DbErr::Custom)?;
    let txn = begin_write(&state.db).await?;
    user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(hash))
        .filter(user::Column::Id.eq(user_id))
        .exec(&txn)
        .await?;
    let event = Event {
        actor_id,
        action,
        object_type: "user",
        object_id: user_id.to_string(),
    };
    audit::record(&txn, &state.clock, event).await?;
    txn.commit().await?;
    state.sessions.end_all_for(user_id).await
}

/// An administrator makes a one-time reset link for an account (shown once, like an invite).
pub async fn issue(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, i32)>,
    session: Session,
    form: Result<Form<TokenForm>, FormRejection>,
) -> Answered {
    let (lang, _, signed_in) =
        open_form(&state, &session, &lang, form, Action::ManageUsers).await?;
    let back = |why: Refusal| refuse(&format!("/{}/people", lang.code()), why);
    let made = async {
        let txn = begin_write(&state.db).await?;
        let Some(target) = user::Entity::find_by_id(id).one(&txn).await? else {
            return Ok(None);
        };
        let token =
            password_resets::issue(&txn, &state.clock, id, Some(signed_in.actor.user_id)).await?;
        let event = Event {
            actor_id: Some(signed_in.actor.user_id),
            action: "password_reset_issued",
            object_type: "user",
            object_id: id.to_string(),
        };
        audit::record(&txn, &state.clock, event).await?;
        txn.commit().await?;
        Ok::<_, DbErr>(Some((target.email, token)))
    }
    .await;
    match made {
        Ok(Some((target_email, token))) => {
            let link = paths::account::RESET.at(&[&lang.code(), &token]);
            let until = state.clock.now() + password_resets::VALID_FOR;
            let mail = letters::password_reset(&state.outbox, &target_email, &token, until);
            let sent = match state.outbox.send(&mail).await {
                Ok(()) => "sent",
                Err(e) => {
                    tracing::warn!(error = %e, "a reset link could not be emailed; it is shown to the administrator");
                    "not sent"
                }
            };
            // Sealed: the link is a credential, and the session row is in the database. No
            // role: the page says it is a reset link (see `store::people`).
            let sealed = state
                .sealer
                .seal(&format!("{link}\n{target_email}\n\n{sent}"));
            if session.insert(NEW_INVITE_KEY, sealed).await.is_err() {
                return Err(back(Refusal::Internal));
            }
            Ok(Redirect::to(&format!("/{}/people", lang.code())).into_response())
        }
        Ok(None) => Err(back(Refusal::AccountMissing)),
        Err(_) => Err(back(Refusal::Internal)),
    }
}

#[derive(Deserialize, Default)]
pub struct ForgotForm {
    #[serde(default)]
    email: String,
}

/// "Forgot password": emails a one-hour reset link to the address if an account uses it. The
/// answer is the same whether or not one does, throttled or not, and comes before any of the
/// work is done, so neither its words nor its time tell who has an account.
pub async fn forgot(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    form: Result<Form<ForgotForm>, FormRejection>,
) -> Response {
    let lang = Lang::parse(&lang).unwrap_or_default();
    let form = form.map(|Form(f)| f).unwrap_or_default();
    let email = form.email.trim().to_lowercase();
    let page = paths::account::FORGOT.at(&[&lang.code()]);
    if email.is_empty() || email.len() > 254 || !email.contains('@') {
        return refuse(&page, Refusal::EmailInvalid);
    }
    if state.throttle.reset_mail(&email, peer.ip()) {
        let state = state.clone();
        tokio::spawn(async move {
            if let Err(e) = mail_reset(&state, &email).await {
                tracing::warn!(error = %e, "a reset link asked for could not be made or sent");
            }
        });
    }
    Redirect::to(&format!("{page}?sent=1")).into_response()
}

/// Makes and emails a reset link for the account at `email`, if there is one that may sign in.
async fn mail_reset(state: &AppState, email: &str) -> Result<(), String> {
    // A read first: asking for addresses nobody has never takes the write lock.
    let found = user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .filter(user::Column::Disabled.eq(false))
        .one(&state.db)
        .await
        .map_err(|e| e.to_string())?;
    let Some(account) = found else {
        return Ok(());
    };
    let made = async {
        let txn = begin_write(&state.db).await?;
        let token = password_resets::issue(&txn, &state.clock, account.id, None).await?;
        let event = Event {
            actor_id: None,
            action: "password_reset_asked",
            object_type: "user",
            object_id: account.id.to_string(),
        };
        audit::record(&txn, &state.clock, event).await?;
        txn.commit().await?;
        Ok::<_, DbErr>(token)
    }
    .await
    .map_err(|e| e.to_string())?;
    let token = made;
    let until = state.clock.now() + password_resets::ASKED_VALID_FOR;
    let mail = letters::password_reset(&state.outbox, email, &token, until);
    state.outbox.send(&mail).await
}

#[derive(Deserialize, Default)]
pub struct ResetForm {
    #[serde(default)]
    password: String,
}

/// Sets a new password through a reset link.
pub async fn reset(
    State(state): State<AppState>,
    Path((lang, token)): Path<(String, String)>,
    form: Result<Form<ResetForm>, FormRejection>,
) -> Response {
    let lang = Lang::parse(&lang).unwrap_or_default();
    let form = form.map(|Form(f)| f).unwrap_or_default();
    let again = |why: Refusal| {
        refuse(
            &paths::account::RESET.at(&[&lang.code(), &token.as_str()]),
            why,
        )
    };
    let new = match NewPassword::parse(&form.password) {
        Ok(p) => p,
        Err(problem) => return again(problem.into()),
    };
    let Ok(Some(user_id)) = password_resets::spend(&state.db, &state.clock, &token).await else {
        return (StatusCode::GONE, t(lang, "error-reset-gone")).into_response();
    };
    match set_password(&state, user_id, &new, "password_reset", None).await {
        Ok(()) => Redirect::to(&format!("/{}/login?changed=1", lang.code())).into_response(),
        Err(_) => again(Refusal::Internal),
    }
}

impl CsrfForm for ChangeForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}
