use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

/// Error codes cross the wire; the page translates them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("internal error")]
    Internal,
    #[error("could not reach the server")]
    Unreachable,
    #[error("sign-in required")]
    SignInRequired,
    #[error("forbidden")]
    Forbidden,
    /// A one-time link (invitation, password reset) that expired or was already used.
    #[error("gone")]
    Gone,
}

impl AppError {
    /// The Fluent key of the message a reader sees.
    pub fn message_key(self) -> &'static str {
        match self {
            AppError::NotFound => "error-not-found",
            AppError::Internal => "error-internal",
            AppError::Unreachable => "error-unreachable",
            AppError::SignInRequired => "error-sign-in-required",
            AppError::Forbidden => "error-forbidden",
            AppError::Gone => "error-link-gone",
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        #[cfg(feature = "ssr")]
        tracing::warn!(error = %value, "server function failed");
        #[cfg(not(feature = "ssr"))]
        let _ = value;
        AppError::Unreachable
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        tracing::error!(error = %err, "database error");
        AppError::Internal
    }
}
