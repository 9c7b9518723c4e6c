use leptos::prelude::*;

use super::login_form::LoginForm;
use crate::{
    error::AppError,
    i18n::{t, use_lang},
};

/// A translated error, with the matching HTTP status when rendered on the server.
#[component]
pub fn ErrorView(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(match error {
            AppError::NotFound => axum::http::StatusCode::NOT_FOUND,
            AppError::SignInRequired => axum::http::StatusCode::UNAUTHORIZED,
            AppError::Forbidden => axum::http::StatusCode::FORBIDDEN,
            AppError::Gone => axum::http::StatusCode::GONE,
            AppError::Internal | AppError::Unreachable => {
                axum::http::StatusCode::INTERNAL_SERVER_ERROR
            }
        });
    }
    let lang = use_lang();
    let title = match error {
        AppError::NotFound => "not-found-title",
        AppError::SignInRequired => "login-title",
        AppError::Forbidden => "error-forbidden-title",
        AppError::Gone => "error-link-gone-title",
        AppError::Internal | AppError::Unreachable => "error-title",
    };
    view! {
        <section class="error" role="alert">
            <h1>{t(lang, title)}</h1>
            <p>{t(lang, error.message_key())}</p>
            {if error == AppError::SignInRequired {
                view! { <LoginForm/> }.into_any()
            } else {
                view! { <p><a href=format!("/{}/", lang.code())>{t(lang, "error-go-home")}</a></p> }
                    .into_any()
            }}
        </section>
    }
}
