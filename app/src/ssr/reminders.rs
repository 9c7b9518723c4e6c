//! Telling an organisation's officials by email: when a recommendation is addressed to them,
//! when their answer is overdue, and when a commitment passes its due date. Each reminder is
//! remembered (`reminders`), so it goes out once.
use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};

use super::{
    clock::Clock,
    entities::{recommendation, recommendation_body, reminder, response, user},
    mail::{Mail, Outbox},
    queries::status::latest_answers,
};
use crate::{
    domain::{
        lang::Lang,
        role::Role,
        status::{Position, Stage, Status},
    },
    i18n::t_args,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Addressed,
    ResponseOverdue,
    CommitmentOverdue,
}

impl Kind {
    fn code(self) -> &'static str {
        match self {
            Kind::Addressed => "addressed",
            Kind::ResponseOverdue => "response_overdue",
            Kind::CommitmentOverdue => "commitment_overdue",
        }
    }
}

/// The email addresses of an organisation's officials who can sign in.
async fn officials(db: &impl ConnectionTrait, organisation_id: i32) -> Result<Vec<String>, DbErr> {
    Ok(user::Entity::find()
        .filter(user::Column::OrganisationId.eq(organisation_id))
        .filter(user::Column::Role.eq(Role::Official.code()))
        .filter(user::Column::Disabled.eq(false))
        .order_by_asc(user::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|u| u.email)
        .collect())
}

/// The message, in Khmer then English: officials may read either.
fn compose(
    outbox: &Outbox,
    kind: Kind,
    rec: &recommendation::Model,
    due: Option<NaiveDate>,
) -> (String, String) {
    let link = format!("{}/{{lang}}/inbox/{}", outbox.public_url, rec.id);
    let part = |lang: Lang, key: &str| {
        let title = match lang {
            Lang::Km => rec.title_km.as_deref().or(rec.title_en.as_deref()),
            Lang::En => rec.title_en.as_deref().or(rec.title_km.as_deref()),
        }
        .unwrap_or_default()
        .to_string();
        t_args(
            lang,
            key,
            &[
                ("reference", rec.reference.clone().into()),
                ("title", title.into()),
                ("due", due.map(|d| d.to_string()).unwrap_or_default().into()),
                ("link", link.replace("{lang}", lang.code()).into()),
            ],
        )
    };
    let subject_key = format!("mail-{}-subject", kind.code().replace('_', "-"));
    let body_key = format!("mail-{}-body", kind.code().replace('_', "-"));
    let subject = format!(
        "{} / {}",
        part(Lang::Km, &subject_key),
        part(Lang::En, &subject_key)
    );
    let body = format!(
        "{}\n\n----\n\n{}\n",
        part(Lang::Km, &body_key),
        part(Lang::En, &body_key)
    );
    (subject, body)
}

/// Sends one reminder unless it went out before. Returns whether it was sent now.
async fn remind(
    db: &impl ConnectionTrait,
    clock: &Clock,
    outbox: &Outbox,
    kind: Kind,
    rec: &recommendation::Model,
    organisation_id: i32,
    due: Option<NaiveDate>,
) -> Result<bool, DbErr> {
    let due_key = due.map(|d| d.to_string()).unwrap_or_default();
    let sent_before = reminder::Entity::find()
        .filter(reminder::Column::RecommendationId.eq(rec.id))
        .filter(reminder::Column::OrganisationId.eq(organisation_id))
        .filter(reminder::Column::Kind.eq(kind.code()))
        .filter(reminder::Column::DueOn.eq(due_key.as_str()))
        .one(db)
        .await?
        .is_some();
    let to = officials(db, organisation_id).await?;
    // Nobody to tell yet: try again once the organisation has an official.
    if sent_before || to.is_empty() {
        return Ok(false);
    }
    let (subject, body) = compose(outbox, kind, rec, due);
    if let Err(e) = outbox.send(&Mail { to, subject, body }).await {
        tracing::warn!(error = %e, kind = kind.code(), "a reminder could not be sent; it will be tried again");
        return Ok(false);
    }
    let recorded = reminder::ActiveModel {
        recommendation_id: Set(rec.id),
        organisation_id: Set(organisation_id),
        kind: Set(kind.code().to_string()),
        due_on: Set(due_key),
        sent_at: Set(clock.now()),
        ..Default::default()
    }
    .insert(db)
    .await;
    // Two sweeps at once: the other one recorded it first, which is fine.
    if let Err(e) = recorded {
        tracing::debug!(error = %e, "reminder already recorded");
    }
    Ok(true)
}

/// Tells these bodies a published recommendation is now addressed to them.
pub async fn addressed(
    db: &impl ConnectionTrait,
    clock: &Clock,
    outbox: &Outbox,
    recommendation_id: i32,
    bodies: &[i32],
) -> Result<usize, DbErr> {
    let Some(rec) = recommendation::Entity::find_by_id(recommendation_id)
        .one(db)
        .await?
    else {
        return Ok(0);
    };
    let mut sent = 0;
    for org in bodies {
        sent += usize::from(remind(db, clock, outbox, Kind::Addressed, &rec, *org, None).await?);
    }
    Ok(sent)
}

/// Sends every overdue reminder not sent yet; returns how many went out.
pub async fn sweep(
    db: &impl ConnectionTrait,
    clock: &Clock,
    outbox: &Outbox,
    overdue_after_days: u32,
) -> Result<usize, DbErr> {
    let today = clock.today();
    let open = recommendation::Entity::find()
        .filter(recommendation::Column::PublishedOn.is_not_null())
        .filter(recommendation::Column::CanonicalId.is_null())
        .filter(recommendation::Column::Status.is_not_in([
            Status::Draft.code(),
            Status::Implemented.code(),
            Status::NotImplemented.code(),
        ]))
        .all(db)
        .await?;
    let mut sent = 0;
    for rec in open {
        let Some(published) = rec.published_on else {
            continue;
        };
        let bodies: Vec<i32> = recommendation_body::Entity::find()
            .filter(recommendation_body::Column::RecommendationId.eq(rec.id))
            .all(db)
            .await?
            .into_iter()
            .map(|b| b.organisation_id)
            .collect();
        let answers = latest_answers(db, rec.id).await?;
        let due_dates: HashMap<i32, Option<NaiveDate>> = response::Entity::find()
            .filter(response::Column::RecommendationId.eq(rec.id))
            .order_by_asc(response::Column::RespondedOn)
            .order_by_asc(response::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|r| (r.organisation_id, r.due_on))
            .collect();
        for org in bodies {
            let answer = answers.get(&org).copied().unwrap_or_default();
            let response_limit = published
                .checked_add_days(Days::new(u64::from(overdue_after_days)))
                .unwrap_or(NaiveDate::MAX);
            let (kind, due) = match answer.position {
                None if today > response_limit => (Kind::ResponseOverdue, response_limit),
                Some(position) if position != Position::Rejected => {
                    match due_dates.get(&org).copied().flatten() {
                        Some(due) if today > due && answer.stage != Some(Stage::Implemented) => {
                            (Kind::CommitmentOverdue, due)
                        }
                        _ => continue,
                    }
                }
                _ => continue,
            };
            sent += usize::from(remind(db, clock, outbox, kind, &rec, org, Some(due)).await?);
        }
    }
    Ok(sent)
}
