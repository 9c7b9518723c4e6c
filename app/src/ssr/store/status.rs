//! Keeps each recommendation's stored status in step with its responses and progress.
use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr, QueryOrder, QuerySelect,
    prelude::*, sea_query::SimpleExpr,
};

use crate::{
    domain::status::{BodyAnswer, Position, Stage, derive_status},
    ssr::entities::{progress_update, recommendation, recommendation_body, response},
};

/// Recomputes and stores `status` and `earliest_open_due_on`. Call it in the same
/// transaction as any change to a recommendation's responses or progress updates.
pub async fn refresh(db: &impl ConnectionTrait, recommendation_id: i32) -> Result<(), DbErr> {
    let Some(rec) = recommendation::Entity::find_by_id(recommendation_id)
        .one(db)
        .await?
    else {
        return Err(DbErr::RecordNotFound(format!(
            "recommendation {recommendation_id}"
        )));
    };
    let bodies: Vec<i32> = recommendation_body::Entity::find()
        .filter(recommendation_body::Column::RecommendationId.eq(recommendation_id))
        .all(db)
        .await?
        .into_iter()
        .map(|b| b.organisation_id)
        .collect();

    let said = answers_on(db, &[recommendation_id]).await?;
    let answers: Vec<OrgAnswer> = bodies
        .iter()
        .map(|org| {
            said.get(&(recommendation_id, *org))
                .copied()
                .unwrap_or_default()
        })
        .collect();
    let status = derive_status(
        rec.published_on.is_some(),
        &answers
            .iter()
            .map(|a| a.answer)
            .collect::<Vec<BodyAnswer>>(),
    );
    let earliest_open_due_on: Option<NaiveDate> = answers
        .iter()
        .filter(|a| {
            a.answer.stage != Some(Stage::Implemented)
                && a.answer.position != Some(Position::Rejected)
        })
        .filter_map(|a| a.due_on)
        .min();

    let mut active: recommendation::ActiveModel = rec.into();
    active.status = Set(status);
    active.earliest_open_due_on = Set(earliest_open_due_on);
    active.updated_at = Set(Utc::now());
    active.update(db).await?;
    Ok(())
}

/// One organisation's word on one recommendation.
#[derive(Clone, Copy, Debug, Default)]
pub struct OrgAnswer {
    pub answer: BodyAnswer,
    /// The day of its first response.
    pub first_on: Option<NaiveDate>,
    /// The due date of its latest response.
    pub due_on: Option<NaiveDate>,
    /// The day of its latest response.
    pub answered_on: Option<NaiveDate>,
    /// The day of its latest progress report.
    pub progress_on: Option<NaiveDate>,
}

/// What one organisation said on every recommendation, by recommendation id, in two queries
/// (the inbox and the report card list many recommendations at once).
pub async fn organisation_answers(
    db: &impl ConnectionTrait,
    organisation_id: i32,
) -> Result<HashMap<i32, OrgAnswer>, DbErr> {
    let answers = answers_where(
        db,
        response::Column::OrganisationId.eq(organisation_id),
        progress_update::Column::OrganisationId.eq(organisation_id),
    )
    .await?;
    Ok(answers
        .into_iter()
        .map(|((recommendation_id, _), answer)| (recommendation_id, answer))
        .collect())
}

/// What every organisation said on these recommendations, by (recommendation, organisation),
/// in two queries.
pub async fn answers_on(
    db: &impl ConnectionTrait,
    recommendation_ids: &[i32],
) -> Result<HashMap<(i32, i32), OrgAnswer>, DbErr> {
    let ids = || recommendation_ids.iter().copied();
    answers_where(
        db,
        response::Column::RecommendationId.is_in(ids()),
        progress_update::Column::RecommendationId.is_in(ids()),
    )
    .await
}

/// The answers in the responses and progress updates these conditions pick, by
/// (recommendation, organisation).
async fn answers_where(
    db: &impl ConnectionTrait,
    responses: SimpleExpr,
    progress: SimpleExpr,
) -> Result<HashMap<(i32, i32), OrgAnswer>, DbErr> {
    let mut answers: HashMap<(i32, i32), OrgAnswer> = HashMap::new();
    // Oldest first: the first response sets `first_on`, the last one the position and due date.
    // Only the columns needed (not the texts).
    for (recommendation_id, organisation_id, responded_on, position, due_on) in
        response::Entity::find()
            .select_only()
            .columns([
                response::Column::RecommendationId,
                response::Column::OrganisationId,
                response::Column::RespondedOn,
                response::Column::Position,
                response::Column::DueOn,
            ])
            .filter(responses)
            .order_by_asc(response::Column::RespondedOn)
            .order_by_asc(response::Column::Id)
            .into_tuple::<(i32, i32, NaiveDate, String, Option<NaiveDate>)>()
            .all(db)
            .await?
    {
        let entry = answers
            .entry((recommendation_id, organisation_id))
            .or_default();
        entry.first_on.get_or_insert(responded_on);
        entry.answer.position = Position::parse(&position);
        entry.due_on = due_on;
        entry.answered_on = Some(responded_on);
    }
    for (recommendation_id, organisation_id, stage, reported_on) in progress_update::Entity::find()
        .select_only()
        .columns([
            progress_update::Column::RecommendationId,
            progress_update::Column::OrganisationId,
            progress_update::Column::Stage,
            progress_update::Column::ReportedOn,
        ])
        .filter(progress)
        .order_by_asc(progress_update::Column::ReportedOn)
        .order_by_asc(progress_update::Column::Id)
        .into_tuple::<(i32, i32, String, NaiveDate)>()
        .all(db)
        .await?
    {
        if let Some(stage) = Stage::parse(&stage) {
            let entry = answers
                .entry((recommendation_id, organisation_id))
                .or_default();
            entry.answer.stage = Some(stage);
            entry.progress_on = Some(reported_on);
        }
    }
    Ok(answers)
}
