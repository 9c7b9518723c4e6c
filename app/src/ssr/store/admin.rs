//! Reads for the admin screens. Each asks the guard first.
use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use tower_sessions::Session;

use crate::{
    domain::{khmer::CAMBODIA, role::Action},
    error::AppError,
    ssr::{
        auth::guard::authorize,
        entities::{audit_event, forum, organisation, recommendation, user},
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
    // The days asked for are Cambodia's, as the log shows them.
    if let Some(from) = filter.from.and_then(|d| d.and_hms_opt(0, 0, 0)) {
        query = query.filter(audit_event::Column::OccurredAt.gte(from.and_utc() - CAMBODIA));
    }
    if let Some(to) = filter
        .to
        .and_then(|d| d.succ_opt())
        .and_then(|d| d.and_hms_opt(0, 0, 0))
    {
        query = query.filter(audit_event::Column::OccurredAt.lt(to.and_utc() - CAMBODIA));
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
    let names = object_names(&state.db, &events).await?;
    let rows = events
        .into_iter()
        .map(|e| {
            let (id, rest) = id_and_rest(&e.object_id);
            let named = id
                .and_then(|id| names.get(&(e.object_type.clone(), id)))
                .cloned()
                // A recommendation's edits name it by its reference already.
                .or_else(|| {
                    (e.object_type == "recommendation" && id.is_none()).then(|| e.object_id.clone())
                });
            let object = match (named, rest) {
                (Some(name), Some(rest)) => format!("{name} ({rest})"),
                (Some(name), None) => name,
                (None, _) => format!("{} {}", e.object_type, e.object_id)
                    .trim()
                    .to_string(),
            };
            AuditRow {
                id: e.id,
                at: (e.occurred_at + CAMBODIA)
                    .format("%Y-%m-%d %H:%M")
                    .to_string(),
                actor: e.actor_id.and_then(|id| emails.get(&id).cloned()),
                action: e.action,
                object: match &e.detail {
                    Some(detail) => format!("{object} · {detail}"),
                    None => object,
                },
            }
        })
        .collect();
    Ok(AuditPage { rows, next_before })
}

/// An event's object id: the object's number, and what follows a `:` (what was saved on
/// it, how many rows), when there is such a part.
fn id_and_rest(object_id: &str) -> (Option<i32>, Option<&str>) {
    match object_id.split_once(':') {
        Some((id, rest)) => (id.parse().ok(), Some(rest)),
        None => (object_id.parse().ok(), None),
    }
}

/// What people call the objects of these events, by (type, id): a recommendation's reference,
/// a forum's title, an organisation's code, an account's email. Others keep type and id.
async fn object_names(
    db: &impl ConnectionTrait,
    events: &[audit_event::Model],
) -> Result<HashMap<(String, i32), String>, DbErr> {
    let ids = |kind: &str| -> Vec<i32> {
        events
            .iter()
            .filter(|e| e.object_type == kind)
            .filter_map(|e| id_and_rest(&e.object_id).0)
            .collect()
    };
    let mut names = HashMap::new();
    let mut name = |kind: &str, id: i32, text: String| {
        names.insert((kind.to_string(), id), text);
    };
    for r in recommendation::Entity::find()
        .filter(recommendation::Column::Id.is_in(ids("recommendation")))
        .all(db)
        .await?
    {
        name("recommendation", r.id, r.reference);
    }
    for f in forum::Entity::find()
        .filter(forum::Column::Id.is_in(ids("forum")))
        .all(db)
        .await?
    {
        let title = f.title_en.or(f.title_km).unwrap_or_default();
        name("forum", f.id, title);
    }
    for o in organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(ids("organisation")))
        .all(db)
        .await?
    {
        name("organisation", o.id, o.code);
    }
    for u in user::Entity::find()
        .filter(user::Column::Id.is_in(ids("user")))
        .all(db)
        .await?
    {
        name("user", u.id, u.email);
    }
    Ok(names)
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
            answers_need_approval: o.answers_need_approval,
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
