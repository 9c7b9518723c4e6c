//! Keeps each recommendation's stored status in step with its responses and progress.
use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr, QueryOrder, prelude::*};

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

    // Oldest first, so the last write per organisation is its latest word.
    let mut latest_response: HashMap<i32, response::Model> = HashMap::new();
    for r in response::Entity::find()
        .filter(response::Column::RecommendationId.eq(recommendation_id))
        .order_by_asc(response::Column::RespondedOn)
        .order_by_asc(response::Column::Id)
        .all(db)
        .await?
    {
        latest_response.insert(r.organisation_id, r);
    }
    let mut latest_stage: HashMap<i32, Stage> = HashMap::new();
    for p in progress_update::Entity::find()
        .filter(progress_update::Column::RecommendationId.eq(recommendation_id))
        .order_by_asc(progress_update::Column::ReportedOn)
        .order_by_asc(progress_update::Column::Id)
        .all(db)
        .await?
    {
        if let Some(stage) = Stage::parse(&p.stage) {
            latest_stage.insert(p.organisation_id, stage);
        }
    }

    let answers: Vec<(i32, BodyAnswer)> = bodies
        .iter()
        .map(|org| {
            let answer = BodyAnswer {
                position: latest_response
                    .get(org)
                    .and_then(|r| Position::parse(&r.position)),
                stage: latest_stage.get(org).copied(),
            };
            (*org, answer)
        })
        .collect();
    let status = derive_status(
        rec.published_on.is_some(),
        &answers.iter().map(|(_, a)| *a).collect::<Vec<_>>(),
    );
    let earliest_open_due_on: Option<NaiveDate> = answers
        .iter()
        .filter(|(_, a)| {
            a.stage != Some(Stage::Implemented) && a.position != Some(Position::Rejected)
        })
        .filter_map(|(org, _)| latest_response.get(org).and_then(|r| r.due_on))
        .min();

    let mut active: recommendation::ActiveModel = rec.into();
    active.status = Set(status.code().to_string());
    active.earliest_open_due_on = Set(earliest_open_due_on);
    active.updated_at = Set(Utc::now());
    active.update(db).await?;
    Ok(())
}
