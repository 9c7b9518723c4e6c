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
        // The kind only: the message carries the request's own bytes (a bad argument is
        // quoted in it), and `%0a` or `%1b` there would forge log lines or reach a terminal.
        // The request's span already names the function.
        #[cfg(feature = "ssr")]
        tracing::warn!(kind = failure_kind(&value), "server function failed");
        #[cfg(not(feature = "ssr"))]
        let _ = value;
        AppError::Unreachable
    }
}

/// A fixed word for each way a server function call can fail.
#[cfg(feature = "ssr")]
fn failure_kind(error: &ServerFnErrorErr) -> &'static str {
    match error {
        ServerFnErrorErr::Registration(_) => "registration",
        ServerFnErrorErr::UnsupportedRequestMethod(_) => "method",
        ServerFnErrorErr::Request(_) => "request",
        ServerFnErrorErr::ServerError(_) => "server",
        ServerFnErrorErr::MiddlewareError(_) => "middleware",
        ServerFnErrorErr::Deserialization(_) => "deserialization",
        ServerFnErrorErr::Serialization(_) => "serialization",
        ServerFnErrorErr::Args(_) => "arguments",
        ServerFnErrorErr::MissingArg(_) => "missing-argument",
        ServerFnErrorErr::Response(_) => "response",
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        tracing::error!(error = %err, "database error");
        AppError::Internal
    }
}
