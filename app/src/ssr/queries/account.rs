//! The account page's data.
use sea_orm::EntityTrait;
use tower_sessions::Session;

use super::convert::bilingual;
use crate::{
    api::{
        account::{AccountView, TotpSetup},
        error::AppError,
    },
    domain::role::{Action, Role, may},
    ssr::{
        auth::{
            guard::refuse,
            session::{TOTP_SETUP_KEY, current},
            totp,
        },
        entities::{organisation, user},
        state::AppState,
    },
};

pub async fn view(state: &AppState, session: &Session) -> Result<AccountView, AppError> {
    let signed_in = current(session, state)
        .await
        .ok_or_else(|| refuse(AppError::SignInRequired))?;
    let actor = signed_in.actor;
    let user = user::Entity::find_by_id(actor.user_id)
        .one(&state.db)
        .await?
        .ok_or(AppError::SignInRequired)?;
    let organisation = match actor.organisation_id {
        Some(id) => organisation::Entity::find_by_id(id)
            .one(&state.db)
            .await?
            .map(|o| bilingual(o.name_km, o.name_en, &o.original_lang)),
        None => None,
    };
    let org = actor.organisation_id.unwrap_or_default();
    let abilities = [
        (Action::ManageUsers, "can-manage-users"),
        (Action::ManageOrganisations, "can-manage-organisations"),
        (Action::ViewAuditLog, "can-view-audit-log"),
        (Action::CurateRecommendations, "can-curate"),
        (Action::ModerateFeedback, "can-moderate"),
        (
            Action::InviteOfficial {
                organisation_id: org,
            },
            "can-invite-officials",
        ),
        (
            Action::RespondFor {
                organisation_id: org,
            },
            "can-respond",
        ),
    ];
    // Until a required second step is set up, nothing else is open.
    let can = abilities
        .into_iter()
        .filter(|(action, _)| !signed_in.needs_totp_setup && may(Some(&actor), *action))
        .map(|(_, key)| key.to_string())
        .collect();
    Ok(AccountView {
        display_name: user.display_name,
        email: user.email,
        role: Role::parse(&user.role).unwrap_or(actor.role),
        organisation,
        csrf: signed_in.auth.csrf,
        can,
        has_totp: signed_in.has_totp,
        needs_totp_setup: signed_in.needs_totp_setup,
    })
}

/// Makes (once per session) the secret the person is about to add to their app.
pub async fn totp_setup(state: &AppState, session: &Session) -> Result<TotpSetup, AppError> {
    let signed_in = current(session, state)
        .await
        .ok_or_else(|| refuse(AppError::SignInRequired))?;
    let user = user::Entity::find_by_id(signed_in.actor.user_id)
        .one(&state.db)
        .await?
        .ok_or(AppError::SignInRequired)?;
    let secret = match session.get::<String>(TOTP_SETUP_KEY).await.ok().flatten() {
        Some(secret) => secret,
        None => {
            let secret = totp::new_secret();
            session
                .insert(TOTP_SETUP_KEY, &secret)
                .await
                .map_err(|_| AppError::Internal)?;
            secret
        }
    };
    let grouped = secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    Ok(TotpSetup {
        secret_grouped: grouped,
        otpauth_url: totp::otpauth_url(&secret, &user.email),
        csrf: signed_in.auth.csrf,
        already_on: signed_in.has_totp,
    })
}
