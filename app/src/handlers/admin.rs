//! Settings and organisations, changed by administrators.
use axum::{
    Form,
    extract::{Path, State, rejection::FormRejection},
    response::{IntoResponse, Redirect},
};
use std::ops::RangeInclusive;

use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde::Deserialize;
use tower_sessions::Session;

use super::{Answered, refuse};
use crate::{
    domain::{anonymity::MIN_THRESHOLD, org::OrgKind, role::Action},
    refusal::Refusal,
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
) -> Answered {
    let (lang, form, signed_in) =
        open_form(&state, &session, &lang, form, Action::ManageSettings).await?;
    let value = if form.require_totp_for_all.is_some() {
        "true"
    } else {
        "false"
    };
    let page = format!("/{}/settings", lang.code());
    let refused = |why| refuse(&page, why);
    let threshold = number_in(
        &form.anonymity_threshold,
        MIN_THRESHOLD..=1000,
        Refusal::Threshold,
    );
    let overdue = number_in(
        &form.overdue_after_days,
        OVERDUE_DAYS_RANGE,
        Refusal::Overdue,
    );
    let retention = number_in(
        &form.retention_days,
        RETENTION_DAYS_RANGE,
        Refusal::Retention,
    );
    let (threshold, overdue, retention) = (
        threshold.map_err(refused)?,
        overdue.map_err(refused)?,
        retention.map_err(refused)?,
    );
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
    done.map_err(|_| refused(Refusal::Internal))?;
    Ok(Redirect::to(&format!("{page}?saved=1")).into_response())
}

/// A number field: left empty, unchanged; outside `range` or not a number, refused with `why`.
fn number_in(
    typed: &Option<String>,
    range: RangeInclusive<u32>,
    why: Refusal,
) -> Result<Option<u32>, Refusal> {
    let typed = typed.as_deref().map(str::trim).filter(|t| !t.is_empty());
    match typed.map(str::parse::<u32>) {
        None => Ok(None),
        Some(Ok(n)) if range.contains(&n) => Ok(Some(n)),
        Some(_) => Err(why),
    }
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
    /// A checkbox: present ("on") when ticked.
    #[serde(default)]
    answers_need_approval: Option<String>,
}

/// An organisation form that passed its checks.
struct OrgFields {
    code: String,
    km: Option<String>,
    en: Option<String>,
    kind: OrgKind,
    needs_approval: bool,
}

/// Checks an organisation form.
fn parse(form: &OrganisationForm) -> Result<OrgFields, Refusal> {
    let code = form.code.trim().to_lowercase();
    let code_ok = (2..=64).contains(&code.len())
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !code_ok {
        return Err(Refusal::OrgCode);
    }
    let name =
        |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty() && s.chars().count() <= 300);
    let (km, en) = (name(&form.name_km), name(&form.name_en));
    if km.is_none() && en.is_none() {
        return Err(Refusal::OrgName);
    }
    let kind = OrgKind::parse(&form.kind).ok_or(Refusal::OrgKind)?;
    let needs_approval = match form.answers_need_approval.as_deref() {
        None => false,
        Some("on") => true,
        Some(_) => return Err(Refusal::UnknownChoice),
    };
    Ok(OrgFields {
        code,
        km,
        en,
        kind,
        needs_approval,
    })
}

pub async fn save_organisation(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, String)>,
    session: Session,
    form: Result<Form<OrganisationForm>, FormRejection>,
) -> Answered {
    let (lang, form, signed_in) =
        open_form(&state, &session, &lang, form, Action::ManageOrganisations).await?;
    let page = format!("/{}/organisations", lang.code());
    let refused = |why| refuse(&page, why);
    let OrgFields {
        code,
        km,
        en,
        kind,
        needs_approval,
    } = parse(&form).map_err(refused)?;
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
            return Ok(Err(Refusal::OrgTaken));
        }
        let original = if en.is_some() { "en" } else { "km" };
        let (action, saved) = match existing_id {
            Some(id) => {
                let Some(found) = organisation::Entity::find_by_id(id).one(&txn).await? else {
                    return Ok(Err(Refusal::OrgMissing));
                };
                let mut active: organisation::ActiveModel = found.into();
                active.code = Set(code);
                active.name_km = Set(km);
                active.name_en = Set(en);
                active.kind = Set(kind);
                active.answers_need_approval = Set(needs_approval);
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
                    answers_need_approval: Set(needs_approval),
                    created_at: Set(state.clock.now()),
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
        Ok(Ok(())) => Ok(Redirect::to(&page).into_response()),
        Ok(Err(why)) => Err(refused(why)),
        Err(_) => Err(refused(Refusal::Internal)),
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
