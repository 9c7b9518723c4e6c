//! The one door every signed-in server function and form goes through: signed in, second
//! step set up when required, allowed by `may`, and (for forms) carrying the session token.
use axum::{
    Form,
    extract::rejection::FormRejection,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use tower_sessions::Session;

use super::session::{SignedIn, current};
use crate::{
    domain::{
        lang::Lang,
        role::{Action, may},
    },
    error::AppError,
    i18n::t,
    ssr::state::AppState,
};

/// For server functions (reads): who is asking, if they may do `action`.
pub async fn authorize(
    session: &Session,
    state: &AppState,
    action: Action,
) -> Result<SignedIn, AppError> {
    let Some(signed_in) = current(session, state).await else {
        return Err(refuse(AppError::SignInRequired));
    };
    if signed_in.needs_totp_setup || !may(Some(&signed_in.actor), action) {
        return Err(refuse(AppError::Forbidden));
    }
    Ok(signed_in)
}

/// Sets the response status a refusal deserves (401 or 403, not a server error) when a
/// server function is answering over HTTP, and passes the error on.
pub fn refuse(error: AppError) -> AppError {
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(match error {
            AppError::SignInRequired => StatusCode::UNAUTHORIZED,
            _ => StatusCode::FORBIDDEN,
        });
    }
    error
}

/// For form posts (changes): as `authorize`, and the form's token must be the session's.
/// The error is the response to send: a redirect to sign in, or a translated 403.
pub async fn authorize_form(
    session: &Session,
    state: &AppState,
    lang: Lang,
    token: &str,
    action: Action,
) -> Result<SignedIn, Response> {
    let forbidden = |key: &str| (StatusCode::FORBIDDEN, t(lang, key)).into_response();
    let Some(signed_in) = current(session, state).await else {
        return Err(Redirect::to(&format!("/{}/login", lang.code())).into_response());
    };
    if !same_token(token, &signed_in.auth.csrf) {
        return Err(forbidden("error-cross-site"));
    }
    if signed_in.needs_totp_setup || !may(Some(&signed_in.actor), action) {
        return Err(forbidden("error-forbidden"));
    }
    Ok(signed_in)
}

/// A signed-in form: it carries the session's token back.
pub trait CsrfForm {
    fn csrf(&self) -> &str;

    /// The free text typed in it (field, text), given back when the session ran out before
    /// the form was sent, so nothing typed is lost. Forms without prose keep the default.
    fn typed_text(&self) -> Vec<(String, String)> {
        Vec::new()
    }
}

/// Where a form's typed text waits, sealed, for the sign-in page after its session ran out.
pub const SIGNED_OUT_TEXT_KEY: &str = "signed_out_text";

/// A form with nothing but the token (sign-out, one-click actions).
#[derive(serde::Deserialize, Default)]
pub struct TokenForm {
    #[serde(default)]
    pub csrf: String,
}

impl CsrfForm for TokenForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// What every signed-in form handler starts with: the page's language, the form (all fields
/// empty when it could not be read) and the person, if they may do `action`.
pub async fn open_form<T: CsrfForm + Default>(
    state: &AppState,
    session: &Session,
    lang: &str,
    form: Result<Form<T>, FormRejection>,
    action: Action,
) -> Result<(Lang, T, SignedIn), Response> {
    let lang = Lang::parse(lang).unwrap_or_default();
    let form = form.map(|Form(f)| f).unwrap_or_default();
    let typed = form.typed_text();
    // Signed out while writing (30 minutes idle): nothing is saved, and the sign-in page
    // shows the text back, to copy and send again.
    if !typed.is_empty() && current(session, state).await.is_none() {
        if let Ok(json) = serde_json::to_string(&typed) {
            let sealed = state.sealer.seal(&json);
            if let Err(e) = session.insert(SIGNED_OUT_TEXT_KEY, sealed).await {
                tracing::warn!(error = %e, "cannot keep a signed-out form's text");
            }
        }
        return Err(Redirect::to(&format!("/{}/login?kept=1", lang.code())).into_response());
    }
    let signed_in = authorize_form(session, state, lang, form.csrf(), action).await?;
    Ok((lang, form, signed_in))
}

/// Compares tokens in time that does not depend on where they differ.
pub fn same_token(given: &str, expected: &str) -> bool {
    given.len() == expected.len()
        && given
            .bytes()
            .zip(expected.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}
