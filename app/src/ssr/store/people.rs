//! Reads for the people screen and invitation links.
use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use tower_sessions::Session;

use super::convert::{bilingual, org_ref};
use crate::{
    domain::role::{Action, Role, may},
    error::AppError,
    ssr::{
        auth::guard::{authorize, refuse},
        entities::{organisation, user},
        state::AppState,
        store::{
            accounts::invitable,
            invites::{self, Lookup},
        },
    },
    views::people::{AwaitingInvite, InviteView, NewInvite, PendingInvite, PeoplePage, PersonRow},
};

/// Where a just-made invitation link waits for its one showing.
pub const NEW_INVITE_KEY: &str = "new_invite";

pub async fn page(state: &AppState, session: &Session) -> Result<PeoplePage, AppError> {
    let signed_in = authorize(session, state, Action::ViewOwnAccount).await?;
    let actor = signed_in.actor;
    let can_manage = may(Some(&actor), Action::ManageUsers);
    let invitable = invitable(&actor);
    if !can_manage && invitable.is_empty() {
        return Err(refuse(AppError::Forbidden));
    }
    let orgs = organisation::Entity::find()
        .order_by_asc(organisation::Column::Code)
        .all(&state.db)
        .await?;
    let names: HashMap<i32, &organisation::Model> = orgs.iter().map(|o| (o.id, o)).collect();
    let name_of = |id: Option<i32>| {
        id.and_then(|id| names.get(&id))
            .map(|o| bilingual(o.name_km.clone(), o.name_en.clone(), &o.original_lang))
    };
    let people = if can_manage {
        user::Entity::find()
            .order_by_asc(user::Column::Email)
            .all(&state.db)
            .await?
            .into_iter()
            .map(|u| PersonRow {
                id: u.id,
                organisation_id: u.organisation_id,
                organisation: name_of(u.organisation_id),
                role: u.role,
                has_totp: u.totp_secret.is_some(),
                email: u.email,
                display_name: u.display_name,
                disabled: u.disabled,
            })
            .collect()
    } else {
        Vec::new()
    };
    let sealed = session
        .remove::<String>(NEW_INVITE_KEY)
        .await
        .ok()
        .flatten();
    // The link, then whom and which role it is for (see `forms::people::invite`).
    let opened = state.sealer.open_or_log(sealed.as_deref());
    let mut lines = opened.as_deref().unwrap_or_default().lines();
    let new_invite = lines
        .next()
        .filter(|l| !l.is_empty())
        .map(|link| NewInvite {
            link: link.to_string(),
            email: lines.next().unwrap_or_default().to_string(),
            role: lines.next().and_then(Role::parse),
            sent: lines.next().map(|l| l == "sent"),
        });
    let awaiting = if may(Some(&actor), Action::ApproveInvitations) {
        let waiting = invites::awaiting_approval(&state.db, &state.clock).await?;
        let askers: HashMap<i32, String> = user::Entity::find()
            .filter(user::Column::Id.is_in(waiting.iter().filter_map(|i| i.invited_by)))
            .all(&state.db)
            .await?
            .into_iter()
            .map(|u| (u.id, u.display_name))
            .collect();
        waiting
            .into_iter()
            .map(|i| AwaitingInvite {
                id: i.id,
                role: i.role,
                organisation: name_of(i.organisation_id),
                asked_by: i
                    .invited_by
                    .and_then(|id| askers.get(&id).cloned())
                    .unwrap_or_default(),
                email: i.email,
            })
            .collect()
    } else {
        Vec::new()
    };
    let now = state.clock.now();
    let made_by = (!can_manage).then_some(actor.user_id);
    let pending = invites::pending(&state.db, &state.clock, made_by)
        .await?
        .into_iter()
        .map(|i| PendingInvite {
            id: i.id,
            role: i.role,
            organisation: name_of(i.organisation_id),
            until: i.expires_at,
            expired: i.expires_at <= now,
            email: i.email,
        })
        .collect();
    Ok(PeoplePage {
        pending,
        people,
        organisations: orgs.iter().map(org_ref).collect(),
        invitable,
        can_manage,
        csrf: signed_in.auth.csrf,
        new_invite,
        site_url: state.outbox.public_url.clone(),
        awaiting,
        my_id: actor.user_id,
    })
}

pub async fn invite(state: &AppState, token: &str) -> Result<InviteView, AppError> {
    match invites::find(&state.db, &state.clock, token).await? {
        Lookup::Unknown => Err(AppError::NotFound),
        Lookup::Gone => Err(AppError::Gone),
        Lookup::Valid(i) => view_of(state, i).await,
    }
}

async fn view_of(state: &AppState, i: invites::Invitation) -> Result<InviteView, AppError> {
    let organisation = match i.organisation_id {
        Some(id) => organisation::Entity::find_by_id(id)
            .one(&state.db)
            .await?
            .map(|o| bilingual(o.name_km, o.name_en, &o.original_lang)),
        None => None,
    };
    Ok(InviteView {
        email: i.email,
        role: i.role,
        organisation,
    })
}
