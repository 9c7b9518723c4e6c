//! Telling an organisation's officials by email: when a recommendation is addressed to them,
//! when their answer is overdue, and when a commitment passes its due date. Each reminder is
//! remembered (`reminders`), so it goes out once.
use std::collections::{HashMap, HashSet};

use chrono::{Days, NaiveDate};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::{
    clock::Clock,
    entities::{recommendation, recommendation_body, reminder, user},
    mail::{Mail, Outbox},
    store::status::{OrgAnswer, answers_on},
};
use crate::domain::{
    khmer,
    lang::Lang,
    role::Role,
    status::{Position, Stage, Status},
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
    to: Vec<String>,
    kind: Kind,
    rec: &recommendation::Model,
    due: Option<NaiveDate>,
) -> Mail {
    let key = kind.code().replace('_', "-");
    Mail::in_both_languages(
        to,
        &format!("mail-{key}-subject"),
        &format!("mail-{key}-body"),
        |lang| {
            let title = match lang {
                Lang::Km => rec.title_km.as_deref().or(rec.title_en.as_deref()),
                Lang::En => rec.title_en.as_deref().or(rec.title_km.as_deref()),
            };
            vec![
                ("reference", rec.reference.clone().into()),
                ("title", title.unwrap_or_default().to_string().into()),
                // As the pages write it: "31 July 2026", "៣១ កក្កដា ២០២៦".
                (
                    "due",
                    due.map(|d| khmer::date(d, lang)).unwrap_or_default().into(),
                ),
                (
                    "link",
                    format!("{}/{}/inbox/{}", outbox.public_url, lang.code(), rec.id).into(),
                ),
            ]
        },
    )
}

/// One reminder: what about, to which organisation.
struct Reminder<'a> {
    kind: Kind,
    rec: &'a recommendation::Model,
    organisation_id: i32,
    due: Option<NaiveDate>,
}

fn due_key(due: Option<NaiveDate>) -> String {
    due.map(|d| d.to_string()).unwrap_or_default()
}

/// Sends one reminder unless it went out before. Returns whether it was sent now.
async fn remind(
    db: &impl ConnectionTrait,
    clock: &Clock,
    outbox: &Outbox,
    reminder: Reminder<'_>,
) -> Result<bool, DbErr> {
    let sent_before = reminder::Entity::find()
        .filter(reminder::Column::RecommendationId.eq(reminder.rec.id))
        .filter(reminder::Column::OrganisationId.eq(reminder.organisation_id))
        .filter(reminder::Column::Kind.eq(reminder.kind.code()))
        .filter(reminder::Column::DueOn.eq(due_key(reminder.due)))
        .one(db)
        .await?
        .is_some();
    if sent_before {
        return Ok(false);
    }
    let to = officials(db, reminder.organisation_id).await?;
    deliver(db, clock, outbox, reminder, to).await
}

/// Sends a reminder not sent before to `to`, and remembers it. Returns whether it was sent.
async fn deliver(
    db: &impl ConnectionTrait,
    clock: &Clock,
    outbox: &Outbox,
    reminder: Reminder<'_>,
    to: Vec<String>,
) -> Result<bool, DbErr> {
    // Nobody to tell yet: try again once the organisation has an official.
    if to.is_empty() {
        return Ok(false);
    }
    let Reminder {
        kind,
        rec,
        organisation_id,
        due,
    } = reminder;
    if let Err(e) = outbox.send(&compose(outbox, to, kind, rec, due)).await {
        tracing::warn!(error = %e, kind = kind.code(), "a reminder could not be sent; it will be tried again");
        return Ok(false);
    }
    let recorded = reminder::ActiveModel {
        recommendation_id: Set(rec.id),
        organisation_id: Set(organisation_id),
        kind: Set(kind.code().to_string()),
        due_on: Set(due_key(due)),
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
        let reminder = Reminder {
            kind: Kind::Addressed,
            rec: &rec,
            organisation_id: *org,
            due: None,
        };
        sent += usize::from(remind(db, clock, outbox, reminder).await?);
    }
    Ok(sent)
}

/// Open recommendations a sweep reads at once (a few queries per batch, not per recommendation).
const SWEEP_BATCH: usize = 500;

/// Sends every overdue reminder not sent yet; returns how many went out.
pub async fn sweep(
    db: &impl ConnectionTrait,
    clock: &Clock,
    outbox: &Outbox,
    overdue_after_days: u32,
) -> Result<usize, DbErr> {
    let today = clock.today();
    let days = Days::new(u64::from(overdue_after_days));
    let published_by = today.checked_sub_days(days).unwrap_or(NaiveDate::MIN);
    // Only those that can be overdue: waiting longer than N days for an answer, or with a
    // commitment past its due date.
    let open: Vec<(i32, NaiveDate)> = recommendation::Entity::find()
        .select_only()
        .columns([
            recommendation::Column::Id,
            recommendation::Column::PublishedOn,
        ])
        .filter(recommendation::Column::PublishedOn.is_not_null())
        .filter(recommendation::Column::CanonicalId.is_null())
        .filter(recommendation::Column::Status.is_not_in([
            Status::Draft.code(),
            Status::Implemented.code(),
            Status::NotImplemented.code(),
        ]))
        .filter(
            Condition::any()
                .add(recommendation::Column::PublishedOn.lt(published_by))
                .add(recommendation::Column::EarliestOpenDueOn.lt(today)),
        )
        .order_by_asc(recommendation::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let mut officials_of: HashMap<i32, Vec<String>> = HashMap::new();
    let mut sent = 0;
    for batch in open.chunks(SWEEP_BATCH) {
        let ids: Vec<i32> = batch.iter().map(|(id, _)| *id).collect();
        let published: HashMap<i32, NaiveDate> = batch.iter().copied().collect();
        let bodies: Vec<(i32, i32)> = recommendation_body::Entity::find()
            .select_only()
            .columns([
                recommendation_body::Column::RecommendationId,
                recommendation_body::Column::OrganisationId,
            ])
            .filter(recommendation_body::Column::RecommendationId.is_in(ids.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        let answers = answers_on(db, &ids).await?;
        let sent_before: HashSet<(i32, i32, String, String)> = reminder::Entity::find()
            .filter(reminder::Column::RecommendationId.is_in(ids.iter().copied()))
            .all(db)
            .await?
            .into_iter()
            .map(|r| (r.recommendation_id, r.organisation_id, r.kind, r.due_on))
            .collect();
        for (rec_id, org) in bodies {
            let Some(published) = published.get(&rec_id) else {
                continue;
            };
            let said = answers.get(&(rec_id, org)).copied().unwrap_or_default();
            let Some((kind, due)) = overdue(said, *published, days, today) else {
                continue;
            };
            let key = (rec_id, org, kind.code().to_string(), due.to_string());
            if sent_before.contains(&key) {
                continue;
            }
            let to = match officials_of.get(&org) {
                Some(to) => to.clone(),
                None => {
                    let to = officials(db, org).await?;
                    officials_of.insert(org, to.clone());
                    to
                }
            };
            if to.is_empty() {
                continue;
            }
            let Some(rec) = recommendation::Entity::find_by_id(rec_id).one(db).await? else {
                continue;
            };
            let reminder = Reminder {
                kind,
                rec: &rec,
                organisation_id: org,
                due: Some(due),
            };
            sent += usize::from(deliver(db, clock, outbox, reminder, to).await?);
        }
    }
    Ok(sent)
}

/// What an organisation is overdue with on a recommendation published on `published`, if
/// anything: a first answer after `answer_within`, or a commitment past its due date.
fn overdue(
    said: OrgAnswer,
    published: NaiveDate,
    answer_within: Days,
    today: NaiveDate,
) -> Option<(Kind, NaiveDate)> {
    let response_limit = published
        .checked_add_days(answer_within)
        .unwrap_or(NaiveDate::MAX);
    match said.answer.position {
        None if today > response_limit => Some((Kind::ResponseOverdue, response_limit)),
        Some(position) if position != Position::Rejected => match said.due_on {
            Some(due) if today > due && said.answer.stage != Some(Stage::Implemented) => {
                Some((Kind::CommitmentOverdue, due))
            }
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::status::BodyAnswer;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap_or_default()
    }

    fn said(position: Option<Position>, stage: Option<Stage>, due: Option<NaiveDate>) -> OrgAnswer {
        OrgAnswer {
            answer: BodyAnswer { position, stage },
            first_on: None,
            due_on: due,
            ..OrgAnswer::default()
        }
    }

    #[test]
    fn an_answer_is_overdue_the_day_after_its_limit() {
        let silent = said(None, None, None);
        let ten = Days::new(10);
        assert_eq!(overdue(silent, day(1), ten, day(11)), None, "the last day");
        assert_eq!(
            overdue(silent, day(1), ten, day(12)),
            Some((Kind::ResponseOverdue, day(11)))
        );
    }

    #[test]
    fn a_commitment_is_overdue_after_its_due_date_unless_done_or_rejected() {
        let ten = Days::new(10);
        let promised = said(Some(Position::Accepted), None, Some(day(20)));
        assert_eq!(overdue(promised, day(1), ten, day(20)), None);
        assert_eq!(
            overdue(promised, day(1), ten, day(21)),
            Some((Kind::CommitmentOverdue, day(20)))
        );
        let done = said(
            Some(Position::Accepted),
            Some(Stage::Implemented),
            Some(day(20)),
        );
        assert_eq!(overdue(done, day(1), ten, day(25)), None);
        let rejected = said(Some(Position::Rejected), None, Some(day(20)));
        assert_eq!(overdue(rejected, day(1), ten, day(25)), None);
        let no_date = said(Some(Position::Accepted), None, None);
        assert_eq!(overdue(no_date, day(1), ten, day(25)), None);
    }
}
