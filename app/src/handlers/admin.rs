//! Settings and organisations, changed by administrators.
use axum::{
    Form,
    extract::{Path, State, rejection::FormRejection},
    response::{IntoResponse, Redirect, Response},
};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde::Deserialize;
use tower_sessions::Session;

use crate::{
    domain::{anonymity::MIN_THRESHOLD, org::OrgKind, role::Action},
    ssr::{
        audit::{self, Event},
        auth::guard::{CsrfForm, open_form},
        db::begin_write,
        entities::{organisation, setting},
        settings::{
            ANONYMITY_THRESHOLD, OVERDUE_AFTER_DAYS, OVERDUE_DAYS_RANGE, REQUIRE_TOTP_FOR_ALL,
            RETENTION_DAYS, RETENTION_DAYS_RANGE, put,
        },
        state::AppState,
    },
};

#[derive(Deserialize, Default)]
pub struct SettingsForm {
    #[serde(default)]
    csrf: String,
    /// A checkbox: present when ticked.
    #[serde(default)]
    require_totp_for_all: Option<String>,
    /// Left out: unchanged.
    #[serde(default)]
    anonymity_threshold: Option<String>,
    /// Left out: unchanged.
    #[serde(default)]
    overdue_after_days: Option<String>,
    /// Left out: unchanged.
    #[serde(default)]
    retention_days: Option<String>,
}

pub async fn save_settings(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    session: Session,
    form: Result<Form<SettingsForm>, FormRejection>,
) -> Response {
    let (lang, form, signed_in) =
        match open_form(&state, &session, &lang, form, Action::ManageSettings).await {
            Ok(opened) => opened,
            Err(response) => return response,
        };
    let value = if form.require_totp_for_all.is_some() {
        "true"
    } else {
        "false"
    };
    let typed = form.anonymity_threshold.as_deref().map(str::trim);
    let threshold = match typed.filter(|t| !t.is_empty()).map(str::parse::<u32>) {
        None => None,
        Some(Ok(k)) if (MIN_THRESHOLD..=1000).contains(&k) => Some(k),
        Some(_) => {
            return Redirect::to(&format!("/{}/settings?error=threshold", lang.code()))
                .into_response();
        }
    };
    let typed = form.overdue_after_days.as_deref().map(str::trim);
    let overdue = match typed.filter(|t| !t.is_empty()).map(str::parse::<u32>) {
        None => None,
        Some(Ok(n)) if OVERDUE_DAYS_RANGE.contains(&n) => Some(n),
        Some(_) => {
            return Redirect::to(&format!("/{}/settings?error=overdue", lang.code()))
                .into_response();
        }
    };
    let typed = form.retention_days.as_deref().map(str::trim);
    let retention = match typed.filter(|t| !t.is_empty()).map(str::parse::<u32>) {
        None => None,
        Some(Ok(n)) if RETENTION_DAYS_RANGE.contains(&n) => Some(n),
        Some(_) => {
            return Redirect::to(&format!("/{}/settings?error=retention", lang.code()))
                .into_response();
        }
    };
    let done = async {
        let txn = begin_write(&state.db).await?;
        let changes = [
            Some((REQUIRE_TOTP_FOR_ALL, value.to_string())),
            threshold.map(|k| (ANONYMITY_THRESHOLD, k.to_string())),
            overdue.map(|n| (OVERDUE_AFTER_DAYS, n.to_string())),
            retention.map(|n| (RETENTION_DAYS, n.to_string())),
        ];
        for (key, value) in changes.into_iter().flatten() {
            // Only what changed is written and audited.
            let before = setting::Entity::find_by_id(key.to_string())
                .one(&txn)
                .await?;
            if before.is_some_and(|s| s.value == value) {
                continue;
            }
            put(&txn, key, &value).await?;
            let event = Event {
                actor_id: Some(signed_in.actor.user_id),
                action: "setting_change",
                object_type: "setting",
                object_id: format!("{key}={value}"),
            };
            audit::record(&txn, &state.clock, event).await?;
        }
        txn.commit().await
    }
    .await;
    let suffix = if done.is_ok() {
        "?saved=1"
    } else {
        "?error=internal"
    };
    Redirect::to(&format!("/{}/settings{suffix}", lang.code())).into_response()
}

#[derive(Deserialize, Default)]
pub struct OrganisationForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    name_km: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    kind: String,
}

/// An organisation form that passed its checks.
struct OrgFields {
    code: String,
    km: Option<String>,
    en: Option<String>,
    kind: OrgKind,
}

/// Checks an organisation form; the error is a code the page translates.
fn parse(form: &OrganisationForm) -> Result<OrgFields, &'static str> {
    let code = form.code.trim().to_lowercase();
    let code_ok = (2..=64).contains(&code.len())
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !code_ok {
        return Err("code");
    }
    let name =
        |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty() && s.chars().count() <= 300);
    let (km, en) = (name(&form.name_km), name(&form.name_en));
    if km.is_none() && en.is_none() {
        return Err("name");
    }
    let kind = OrgKind::parse(&form.kind).ok_or("kind")?;
    Ok(OrgFields { code, km, en, kind })
}

pub async fn save_organisation(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, String)>,
    session: Session,
    form: Result<Form<OrganisationForm>, FormRejection>,
) -> Response {
    let (lang, form, signed_in) =
        match open_form(&state, &session, &lang, form, Action::ManageOrganisations).await {
            Ok(opened) => opened,
            Err(response) => return response,
        };
    let back = |code: &str| {
        Redirect::to(&format!("/{}/organisations?error={code}", lang.code())).into_response()
    };
    let OrgFields { code, km, en, kind } = match parse(&form) {
        Ok(parsed) => parsed,
        Err(code) => return back(code),
    };
    // "new" makes one; a number edits that one.
    let existing_id = id.parse::<i32>().ok();
    let done = async {
        let txn = begin_write(&state.db).await?;
        let clash = organisation::Entity::find()
            .filter(organisation::Column::Code.eq(&code))
            .one(&txn)
            .await?
            .is_some_and(|o| Some(o.id) != existing_id);
        if clash {
            return Ok(Err("taken"));
        }
        let original = if en.is_some() { "en" } else { "km" };
        let (action, saved) = match existing_id {
            Some(id) => {
                let Some(found) = organisation::Entity::find_by_id(id).one(&txn).await? else {
                    return Ok(Err("missing"));
                };
                let mut active: organisation::ActiveModel = found.into();
                active.code = Set(code);
                active.name_km = Set(km);
                active.name_en = Set(en);
                active.kind = Set(kind);
                ("organisation_updated", active.update(&txn).await?)
            }
            None => {
                let created = organisation::ActiveModel {
                    code: Set(code),
                    name_km: Set(km),
                    name_en: Set(en),
                    original_lang: Set(original.to_string()),
                    kind: Set(kind),
                    is_demo: Set(false),
                    created_at: Set(Utc::now()),
                    ..Default::default()
                };
                ("organisation_created", created.insert(&txn).await?)
            }
        };
        let event = Event {
            actor_id: Some(signed_in.actor.user_id),
            action,
            object_type: "organisation",
            object_id: saved.id.to_string(),
        };
        audit::record(&txn, &state.clock, event).await?;
        txn.commit().await?;
        Ok::<_, sea_orm::DbErr>(Ok(()))
    }
    .await;
    match done {
        Ok(Ok(())) => Redirect::to(&format!("/{}/organisations", lang.code())).into_response(),
        Ok(Err(code)) => back(code),
        Err(_) => back("internal"),
    }
}

impl CsrfForm for SettingsForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

impl CsrfForm for OrganisationForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}
