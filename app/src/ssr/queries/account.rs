//! The account page's data.
use sea_orm::EntityTrait;
use tower_sessions::Session;

use super::convert::bilingual;
use crate::{
    api::{account::AccountView, error::AppError},
    domain::role::{Action, Role, may},
    ssr::{
        auth::session::current,
        entities::{organisation, user},
        state::AppState,
    },
};

pub async fn view(state: &AppState, session: &Session) -> Result<AccountView, AppError> {
    let (actor, auth) = current(session, state)
        .await
        .ok_or(AppError::SignInRequired)?;
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
    let can = abilities
        .into_iter()
        .filter(|(action, _)| may(Some(&actor), *action))
        .map(|(_, key)| key.to_string())
        .collect();
    Ok(AccountView {
        display_name: user.display_name,
        email: user.email,
        role: Role::parse(&user.role).unwrap_or(actor.role),
        organisation,
        csrf: auth.csrf,
        can,
    })
}
