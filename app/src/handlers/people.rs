//! Changing someone's role, disabling an account, resetting a lost phone's two-step sign-in.
//! Invitations are `invites`.
use axum::{
    Form,
    extract::{Path, State, rejection::FormRejection},
    response::{IntoResponse, Redirect, Response},
};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
use serde::Deserialize;
use tower_sessions::Session;

use crate::{
    domain::{
        lang::Lang,
        role::{Action, Role},
    },
    handlers::{Answered, refuse},
    refusal::Refusal,
    ssr::{
        audit::{self, Event},
        auth::guard::{CsrfForm, TokenForm, open_form},
        entities::{organisation, user},
        state::AppState,
    },
};

pub(super) fn back(lang: Lang, why: Refusal) -> Response {
    refuse(&format!("/{}/people", lang.code()), why)
}

#[derive(Deserialize, Default)]
pub struct RoleForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    organisation: String,
}

pub async fn change_role(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, i32)>,
    session: Session,
    form: Result<Form<RoleForm>, FormRejection>,
) -> Answered {
    let (lang, form, signed_in) =
        open_form(&state, &session, &lang, form, Action::ManageUsers).await?;
    let Some(role) = Role::parse(&form.role) else {
        return Err(back(lang, Refusal::RoleInvalid));
    };
    if id == signed_in.actor.user_id {
        return Err(back(lang, Refusal::OwnAccount));
    }
    // An official belongs to exactly one organisation; other roles to none.
    let organisation_id = match role {
        Role::Official => {
            let chosen = form.organisation.trim().parse::<i32>().ok();
            let exists = match chosen {
                Some(org) => organisation::Entity::find_by_id(org)
                    .one(&state.db)
                    .await
                    .is_ok_and(|o| o.is_some()),
                None => false,
            };
            if !exists {
                return Err(back(lang, Refusal::OrganisationMissing));
            }
            chosen
        }
        _ => None,
    };
    update_user(
        &state,
        lang,
        id,
        signed_in.actor.user_id,
        "role_change",
        |u| {
            u.role = Set(role);
            u.organisation_id = Set(organisation_id);
        },
    )
    .await
}

#[derive(Deserialize, Default)]
pub struct DisableForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    disabled: String,
}

pub async fn set_disabled(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, i32)>,
    session: Session,
    form: Result<Form<DisableForm>, FormRejection>,
) -> Answered {
    let (lang, form, signed_in) =
        open_form(&state, &session, &lang, form, Action::ManageUsers).await?;
    if id == signed_in.actor.user_id {
        return Err(back(lang, Refusal::OwnAccount));
    }
    let disabled = form.disabled == "true";
    let action = if disabled { "disable" } else { "enable" };
    let response = update_user(&state, lang, id, signed_in.actor.user_id, action, |u| {
        u.disabled = Set(disabled);
    })
    .await;
    if disabled {
        // Disabling ends every session of the account at once.
        let _ = state.sessions.end_all_for(id).await;
    }
    response
}

async fn update_user(
    state: &AppState,
    lang: Lang,
    id: i32,
    actor_id: i32,
    action: &str,
    change: impl FnOnce(&mut user::ActiveModel),
) -> Answered {
    let done = async {
        let txn = crate::ssr::db::begin_write(&state.db).await?;
        let Some(found) = user::Entity::find_by_id(id).one(&txn).await? else {
            return Ok(false);
        };
        let mut active: user::ActiveModel = found.into();
        change(&mut active);
        active.update(&txn).await?;
        let event = Event {
            actor_id: Some(actor_id),
            action,
            object_type: "user",
            object_id: id.to_string(),
        };
        audit::record(&txn, &state.clock, event).await?;
        txn.commit().await?;
        Ok::<_, sea_orm::DbErr>(true)
    }
    .await;
    match done {
        Ok(true) => Ok(Redirect::to(&format!("/{}/people", lang.code())).into_response()),
        Ok(false) => Err(back(lang, Refusal::AccountMissing)),
        Err(_) => Err(back(lang, Refusal::Internal)),
    }
}

/// For a lost phone: turns off someone's two-step sign-in so they can set it up again.
/// Their sessions end; an admin must set it up again at the next sign-in.
pub async fn reset_two_step(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, i32)>,
    session: Session,
    form: Result<Form<TokenForm>, FormRejection>,
) -> Answered {
    let (lang, _, signed_in) =
        open_form(&state, &session, &lang, form, Action::ManageUsers).await?;
    if id == signed_in.actor.user_id {
        return Err(back(lang, Refusal::OwnAccount));
    }
    let response = update_user(
        &state,
        lang,
        id,
        signed_in.actor.user_id,
        "totp_reset",
        |u| {
            u.totp_secret = Set(None);
            u.totp_last_step = Set(None);
        },
    )
    .await;
    let _ = state.sessions.end_all_for(id).await;
    // The lost phone's recovery codes go with it; new ones come with the new set-up.
    let _ = crate::ssr::auth::recovery::forget(&state.db, id).await;
    response
}

impl CsrfForm for RoleForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

impl CsrfForm for DisableForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}
