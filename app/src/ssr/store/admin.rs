//! Reads for the admin screens. Each asks the guard first.
use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use tower_sessions::Session;

use crate::{
    domain::role::Action,
    error::AppError,
    ssr::{
        auth::guard::authorize,
        entities::{audit_event, organisation, user},
        settings,
        state::AppState,
    },
    views::admin::{
        AUDIT_PAGE, AuditFilter, AuditPage, AuditRow, OrgRow, OrganisationsView, SettingsView,
    },
};

pub async fn audit(
    state: &AppState,
    session: &Session,
    filter: &AuditFilter,
) -> Result<AuditPage, AppError> {
    authorize(session, state, Action::ViewAuditLog).await?;
    let mut query = audit_event::Entity::find();
    if let Some(email) = filter
        .actor
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        let actor = user::Entity::find()
            .filter(user::Column::Email.eq(email.to_lowercase()))
            .one(&state.db)
            .await?;
        // An unknown actor matches nothing, rather than everything.
        query = query.filter(audit_event::Column::ActorId.eq(actor.map(|u| u.id).unwrap_or(-1)));
    }
    if let Some(action) = filter.action.as_deref().filter(|a| !a.is_empty()) {
        query = query.filter(audit_event::Column::Action.eq(action));
    }
    if let Some(from) = filter.from.and_then(|d| d.and_hms_opt(0, 0, 0)) {
        query = query.filter(audit_event::Column::OccurredAt.gte(from.and_utc()));
    }
    if let Some(to) = filter
        .to
        .and_then(|d| d.succ_opt())
        .and_then(|d| d.and_hms_opt(0, 0, 0))
    {
        query = query.filter(audit_event::Column::OccurredAt.lt(to.and_utc()));
    }
    if let Some(before) = filter.before {
        query = query.filter(audit_event::Column::Id.lt(before));
    }
    let mut events = query
        .order_by_desc(audit_event::Column::Id)
        .limit(AUDIT_PAGE + 1)
        .all(&state.db)
        .await?;
    let next_before = if events.len() as u64 > AUDIT_PAGE {
        events.truncate(AUDIT_PAGE as usize);
        events.last().map(|e| e.id)
    } else {
        None
    };
    let ids: Vec<i32> = events.iter().filter_map(|e| e.actor_id).collect();
    let emails: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.email))
        .collect();
    let rows = events
        .into_iter()
        .map(|e| AuditRow {
            id: e.id,
            at: e.occurred_at.format("%Y-%m-%d %H:%M").to_string(),
            actor: e.actor_id.and_then(|id| emails.get(&id).cloned()),
            action: e.action,
            object: match &e.detail {
                Some(detail) => format!("{} {} · {detail}", e.object_type, e.object_id),
                None => format!("{} {}", e.object_type, e.object_id)
                    .trim()
                    .to_string(),
            },
        })
        .collect();
    Ok(AuditPage { rows, next_before })
}

pub async fn settings(state: &AppState, session: &Session) -> Result<SettingsView, AppError> {
    let signed_in = authorize(session, state, Action::ManageSettings).await?;
    Ok(SettingsView {
        require_totp_for_all: settings::totp_required_for_all(&state.db).await?,
        anonymity_threshold: settings::anonymity_threshold(&state.db).await?,
        overdue_after_days: state.overdue_after_days().await?,
        retention_days: crate::ssr::settings::retention_days(&state.db).await?,
        csrf: signed_in.auth.csrf,
    })
}

pub async fn organisations(
    state: &AppState,
    session: &Session,
) -> Result<OrganisationsView, AppError> {
    let signed_in = authorize(session, state, Action::ManageOrganisations).await?;
    let organisations = organisation::Entity::find()
        .order_by_asc(organisation::Column::Code)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|o| OrgRow {
            id: o.id,
            kind: o.kind,
            code: o.code,
            name_km: o.name_km.unwrap_or_default(),
            name_en: o.name_en.unwrap_or_default(),
        })
        .collect();
    Ok(OrganisationsView {
        organisations,
        csrf: signed_in.auth.csrf,
    })
}
