//! Sign-in and sign-out as plain form posts: they work without JavaScript and answer with a
//! redirect (post, redirect, get). Errors travel as codes the login page translates.
use std::net::SocketAddr;

use axum::{
    Form,
    extract::{ConnectInfo, Path, State, rejection::FormRejection},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, sea_query::Expr};
use serde::Deserialize;
use tower_sessions::Session;

use crate::ssr::auth::{
    guard::{TokenForm, same_token},
    password_hash, recovery,
    session::{
        AUTH_KEY, PENDING_FOR, PENDING_KEY, PendingSignIn, RECOVERY_KEY, SessionAuth,
        TOTP_SETUP_KEY, current,
    },
    totp,
};
use crate::{
    domain::{lang::Lang, password::MAX_BYTES, role::Action},
    handlers::refuse,
    i18n::t,
    refusal::Refusal,
    ssr::tokens::random_token,
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

fn to_login(lang: Lang, why: Refusal) -> Response {
    refuse(&format!("/{}/login", lang.code()), why)
}

pub async fn login(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    session: Session,
    form: Result<Form<LoginForm>, FormRejection>,
) -> Response {
    let Some(lang) = Lang::parse(&lang) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let Ok(Form(form)) = form else {
        return to_login(lang, Refusal::LoginMissing);
    };
    let email = form.email.trim().to_lowercase();
    if email.is_empty() || form.password.is_empty() {
        return to_login(lang, Refusal::LoginMissing);
    }
    // Refused before any hashing or lookup: giant inputs cost nothing.
    if form.password.len() > MAX_BYTES || email.len() > 254 {
        return to_login(lang, Refusal::LoginInvalid);
    }
    // Kept in memory for the throttle only; never logged or stored.
    if !state.throttle.sign_in_attempt(&email, peer.ip()).await {
        return to_login(lang, Refusal::LoginThrottled);
    }
    let found = user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .one(&state.db)
        .await;
    let found = match found {
        Ok(found) => found,
        Err(err) => {
            tracing::error!(error = %err, "sign-in lookup failed");
            return to_login(lang, Refusal::Internal);
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
        return to_login(lang, Refusal::LoginInvalid);
    };

    if user.totp_secret.is_some() {
        let pending = PendingSignIn {
            user_id: user.id,
            at: state.clock.now(),
        };
        if session.cycle_id().await.is_err() || session.insert(PENDING_KEY, &pending).await.is_err()
        {
            return to_login(lang, Refusal::Internal);
        }
        return Redirect::to(&format!("/{}/login/code", lang.code())).into_response();
    }
    complete_sign_in(&state, &session, user.id, lang).await
}

/// Opens the full session: a new id, so an id planted before cannot ride along.
async fn complete_sign_in(
    state: &AppState,
    session: &Session,
    user_id: i32,
    lang: Lang,
) -> Response {
    let auth = SessionAuth {
        user_id,
        signed_in_at: state.clock.now(),
        csrf: random_token(),
    };
    let _ = session.remove_value(PENDING_KEY).await;
    if session.cycle_id().await.is_err() || session.insert(AUTH_KEY, &auth).await.is_err() {
        return to_login(lang, Refusal::Internal);
    }
    let event = Event {
        actor_id: Some(user_id),
        action: "login_success",
        object_type: "user",
        object_id: user_id.to_string(),
    };
    let _ = audit::record(&state.db, &state.clock, event).await;
    Redirect::to(&format!("/{}/account", lang.code())).into_response()
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    csrf: String,
}

/// The second step: the one-time code from the person's app.
pub async fn login_code(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    session: Session,
    form: Result<Form<CodeForm>, FormRejection>,
) -> Response {
    let Some(lang) = Lang::parse(&lang) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let pending: Option<PendingSignIn> = session.get(PENDING_KEY).await.ok().flatten();
    let Some(pending) = pending.filter(|p| state.clock.now() - p.at <= PENDING_FOR) else {
        let _ = session.remove_value(PENDING_KEY).await;
        return to_login(lang, Refusal::LoginExpired);
    };
    let code = form.map(|Form(f)| f.code).unwrap_or_default();
    let again = || {
        refuse(
            &format!("/{}/login/code", lang.code()),
            Refusal::CodeInvalid,
        )
    };
    if code.len() > 64 {
        return again();
    }
    // Six digits are few: the same per-account limit as passwords.
    if !state.throttle.attempt(&format!("user:{}", pending.user_id)) {
        return to_login(lang, Refusal::LoginThrottled);
    }
    let Ok(Some(user)) = user::Entity::find_by_id(pending.user_id)
        .one(&state.db)
        .await
    else {
        return to_login(lang, Refusal::Internal);
    };
    let secret = state.sealer.open_or_log(user.totp_secret.as_deref());
    let Some(secret) = secret.filter(|_| !user.disabled) else {
        return to_login(lang, Refusal::LoginInvalid);
    };
    // A recovery code instead of the phone's: single use, then the person is in.
    if recovery::looks_like_one(&code) {
        let spent = recovery::spend(&state.db, &state.clock, &state.secret, user.id, &code).await;
        return match spent {
            Ok(true) => {
                audit_own(&state, user.id, "recovery_code_used").await;
                complete_sign_in(&state, &session, user.id, lang).await
            }
            Ok(false) => again(),
            Err(_) => to_login(lang, Refusal::Internal),
        };
    }
    let now = state.clock.now().timestamp();
    let Some(step) = totp::verify(&secret, &code, now, user.totp_last_step) else {
        let event = Event {
            actor_id: None,
            action: "totp_failure",
            object_type: "user",
            object_id: user.id.to_string(),
        };
        let _ = audit::record(&state.db, &state.clock, event).await;
        return again();
    };
    match spend_step(&state, user.id, step).await {
        Ok(true) => complete_sign_in(&state, &session, user.id, lang).await,
        Ok(false) => again(),
        Err(_) => to_login(lang, Refusal::Internal),
    }
}

/// Records that `step` was used, unless a newer one already was (two tabs racing).
async fn spend_step(state: &AppState, user_id: i32, step: i64) -> Result<bool, sea_orm::DbErr> {
    let result = user::Entity::update_many()
        .col_expr(user::Column::TotpLastStep, Expr::value(step))
        .filter(user::Column::Id.eq(user_id))
        .filter(
            Condition::any()
                .add(user::Column::TotpLastStep.is_null())
                .add(user::Column::TotpLastStep.lt(step)),
        )
        .exec(&state.db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Turns on two-step sign-in once the person shows their app makes the right code.
pub async fn enable_totp(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    session: Session,
    form: Result<Form<CodeForm>, FormRejection>,
) -> Response {
    let lang = Lang::parse(&lang).unwrap_or_default();
    let Some(signed_in) = current(&session, &state).await else {
        return Redirect::to(&format!("/{}/login", lang.code())).into_response();
    };
    let form = form.map(|Form(f)| f).unwrap_or(CodeForm {
        code: String::new(),
        csrf: String::new(),
    });
    if !same_token(&form.csrf, &signed_in.auth.csrf) {
        return (StatusCode::FORBIDDEN, t(lang, "error-cross-site")).into_response();
    }
    let setup = format!("/{}/account/two-step", lang.code());
    let sealed: Option<String> = session.get(TOTP_SETUP_KEY).await.ok().flatten();
    let secret = state.sealer.open_or_log(sealed.as_deref());
    let Some(secret) = secret.filter(|_| !signed_in.has_totp) else {
        return Redirect::to(&setup).into_response();
    };
    let now = state.clock.now().timestamp();
    let Some(step) = totp::verify(&secret, &form.code, now, None) else {
        return refuse(&setup, Refusal::CodeInvalid);
    };
    let user_id = signed_in.actor.user_id;
    let saved = user::Entity::update_many()
        .col_expr(
            user::Column::TotpSecret,
            Expr::value(state.sealer.seal(&secret)),
        )
        .col_expr(user::Column::TotpLastStep, Expr::value(step))
        .filter(user::Column::Id.eq(user_id))
        .exec(&state.db)
        .await;
    if saved.is_err() {
        return refuse(&setup, Refusal::Internal);
    }
    let _ = session.remove_value(TOTP_SETUP_KEY).await;
    audit_own(&state, user_id, "totp_enabled").await;
    show_new_recovery_codes(&state, &session, user_id, lang).await
}

/// Makes a person's recovery codes anew and shows them once, on the account page. Sealed
/// while they wait in the session row.
async fn show_new_recovery_codes(
    state: &AppState,
    session: &Session,
    user_id: i32,
    lang: Lang,
) -> Response {
    let account = format!("/{}/account", lang.code());
    let codes = match recovery::renew(&state.db, &state.clock, &state.secret, user_id).await {
        Ok(codes) => codes,
        Err(_) => return refuse(&account, Refusal::Internal),
    };
    let sealed = state.sealer.seal(&codes.join("\n"));
    if session.insert(RECOVERY_KEY, sealed).await.is_err() {
        return refuse(&account, Refusal::Internal);
    }
    Redirect::to(&format!("{account}#recovery")).into_response()
}

/// New recovery codes on request (the old ones stop working).
pub async fn renew_recovery_codes(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    session: Session,
    form: Result<Form<TokenForm>, FormRejection>,
) -> Response {
    let lang = Lang::parse(&lang).unwrap_or_default();
    let token = form.map(|Form(f)| f.csrf).unwrap_or_default();
    let signed_in = match crate::ssr::auth::guard::authorize_form(
        &session,
        &state,
        lang,
        &token,
        Action::ViewOwnAccount,
    )
    .await
    {
        Ok(signed_in) => signed_in,
        Err(response) => return response,
    };
    if !signed_in.has_totp {
        return Redirect::to(&format!("/{}/account/two-step", lang.code())).into_response();
    }
    let user_id = signed_in.actor.user_id;
    audit_own(&state, user_id, "recovery_codes_renewed").await;
    show_new_recovery_codes(&state, &session, user_id, lang).await
}

/// Audits something a person did to their own account. A failure to audit does not undo it.
async fn audit_own(state: &AppState, user_id: i32, action: &str) {
    let event = Event {
        actor_id: Some(user_id),
        action,
        object_type: "user",
        object_id: user_id.to_string(),
    };
    let _ = audit::record(&state.db, &state.clock, event).await;
}

pub async fn logout(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    session: Session,
    form: Result<Form<TokenForm>, FormRejection>,
) -> Response {
    let lang = Lang::parse(&lang).unwrap_or_default();
    if let Some(signed_in) = current(&session, &state).await {
        let actor = signed_in.actor;
        let token = form.map(|Form(f)| f.csrf).unwrap_or_default();
        if !same_token(&token, &signed_in.auth.csrf) {
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
