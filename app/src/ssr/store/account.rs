//! The account page's data.
use sea_orm::EntityTrait;
use tower_sessions::Session;

use super::{answers, convert::bilingual, moderation};
use crate::{
    domain::role::{Action, may},
    error::AppError,
    ssr::{
        auth::{
            guard::refuse,
            recovery,
            session::{RECOVERY_KEY, TOTP_SETUP_KEY, current},
            totp,
        },
        entities::{organisation, user},
        state::AppState,
    },
    views::account::{AccountView, NavLink, TotpSetup},
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
        (Action::AskForOfficial, "can-invite-officials"),
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
    let waiting = session.remove::<String>(RECOVERY_KEY).await.ok().flatten();
    let new_recovery_codes = state
        .sealer
        .open_or_log(waiting.as_deref())
        .map(|codes| codes.lines().map(str::to_string).collect())
        .unwrap_or_default();
    Ok(AccountView {
        display_name: user.display_name,
        email: user.email,
        role: user.role,
        organisation,
        csrf: signed_in.auth.csrf,
        can,
        has_totp: signed_in.has_totp,
        needs_totp_setup: signed_in.needs_totp_setup,
        new_recovery_codes,
        recovery_codes_left: recovery::left(&state.db, actor.user_id).await?,
        digest: may(Some(&actor), Action::ModerateFeedback).then_some(user.digest),
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
    // Sealed in the session row: a copy of the database does not hold it in clear.
    let waiting = session.get::<String>(TOTP_SETUP_KEY).await.ok().flatten();
    let secret = match state.sealer.open_or_log(waiting.as_deref()) {
        Some(secret) => secret,
        None => {
            let secret = totp::new_secret();
            session
                .insert(TOTP_SETUP_KEY, state.sealer.seal(&secret))
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
    let otpauth_url = totp::otpauth_url(&secret, &user.email);
    Ok(TotpSetup {
        secret_grouped: grouped,
        qr_code: crate::ssr::qr::data_uri(&otpauth_url),
        otpauth_url,
        csrf: signed_in.auth.csrf,
        already_on: signed_in.has_totp,
    })
}

/// The screens each role opens, in the order the header lists them: what the action allows,
/// the label's Fluent key and the path under `/{lang}/`.
fn screens(org: i32) -> [(Action, &'static str, &'static str); 13] {
    let answer = Action::RespondFor {
        organisation_id: org,
    };
    [
        (Action::ModerateFeedback, "nav-moderation", "moderation"),
        (Action::ModerateFeedback, "nav-venues", "venues"),
        (Action::ModerateFeedback, "nav-assisted", "assisted"),
        (Action::ModerateFeedback, "nav-paper", "paper"),
        (Action::RecordPrompts, "nav-prompts", "prompts"),
        (Action::CurateRecommendations, "nav-curate", "curate"),
        (Action::CurateRecommendations, "nav-import", "curate/import"),
        (answer, "nav-inbox", "inbox"),
        (answer, "nav-my-services", "my-services"),
        (Action::AskForOfficial, "nav-people", "people"),
        (
            Action::ManageOrganisations,
            "nav-organisations",
            "organisations",
        ),
        (Action::ManageSettings, "nav-settings", "settings"),
        (Action::ViewAuditLog, "nav-audit", "audit"),
    ]
}

/// What the header offers the person signed in on this session, if anyone is.
pub async fn staff_nav(
    state: &AppState,
    session: &tower_sessions::Session,
) -> Option<crate::views::account::StaffNav> {
    let signed_in = crate::ssr::auth::session::current(session, state).await?;
    let actor = signed_in.actor;
    // Until a required second step is set up, only the account page (which asks for it).
    let mut links: Vec<NavLink> = Vec::new();
    if !signed_in.needs_totp_setup {
        let org = actor.organisation_id.unwrap_or_default();
        for (action, key, path) in screens(org) {
            if !may(Some(&actor), action) {
                continue;
            }
            // A count that cannot be read leaves the link without one: the header must show.
            let waiting = match key {
                // Kept like a page's reads: new survivors' items show within seconds.
                "nav-moderation" => state
                    .kept
                    .queue_waiting
                    .read(&state.writes, (), moderation::waiting(&state.db))
                    .await
                    .ok()
                    .flatten(),
                "nav-inbox" => answers::to_answer(state, org, actor.user_id)
                    .await
                    .ok()
                    .flatten(),
                _ => None,
            };
            links.push(NavLink {
                key: key.to_string(),
                path: path.to_string(),
                waiting,
            });
        }
    }
    links.push(NavLink {
        key: "nav-account".to_string(),
        path: "account".to_string(),
        waiting: None,
    });
    Some(crate::views::account::StaffNav {
        display_name: signed_in.display_name,
        role: actor.role,
        links,
        csrf: signed_in.auth.csrf,
    })
}

/// What a form held when it was sent after its session ran out, once (see `open_form`).
pub async fn signed_out_text(state: &AppState, session: &Session) -> Vec<(String, String)> {
    let sealed = session
        .remove::<String>(crate::ssr::auth::guard::SIGNED_OUT_TEXT_KEY)
        .await
        .ok()
        .flatten();
    state
        .sealer
        .open_or_log(sealed.as_deref())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}
