//! What a facilitator sees before a merge: both recommendations side by side, what each is
//! addressed to and how many answers it has, and whether the merge is allowed.
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use tower_sessions::Session;

use super::{
    convert::{bilingual, org_ref},
    curation_changes::may_merge,
};
use crate::{
    domain::{curation::normal_reference, role::Action},
    error::AppError,
    ssr::{
        auth::guard::authorize,
        entities::{organisation, recommendation, recommendation_body, response},
        state::AppState,
    },
    views::curation::{MergePreview, MergeSide},
};

pub async fn preview(
    state: &AppState,
    session: &Session,
    id: i32,
    typed: &str,
) -> Result<MergePreview, AppError> {
    let signed_in = authorize(session, state, Action::CurateRecommendations).await?;
    let db = &state.db;
    let dup = recommendation::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let reference = normal_reference(typed);
    let canon = recommendation::Entity::find()
        .filter(recommendation::Column::Reference.eq(reference.as_str()))
        .one(db)
        .await?;
    let allowed = canon.as_ref().is_some_and(|c| may_merge(&dup, c));
    let canonical = match canon {
        Some(c) => Some(side(state, c).await?),
        None => None,
    };
    Ok(MergePreview {
        duplicate: side(state, dup).await?,
        canonical,
        allowed,
        typed: typed.chars().take(32).collect(),
        csrf: signed_in.auth.csrf,
    })
}

async fn side(state: &AppState, r: recommendation::Model) -> Result<MergeSide, AppError> {
    let db = &state.db;
    let body_ids = recommendation_body::Entity::find()
        .filter(recommendation_body::Column::RecommendationId.eq(r.id))
        .all(db)
        .await?
        .into_iter()
        .map(|b| b.organisation_id);
    let bodies = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(body_ids))
        .order_by_asc(organisation::Column::Code)
        .all(db)
        .await?
        .iter()
        .map(org_ref)
        .collect();
    let answers = response::Entity::find()
        .filter(response::Column::RecommendationId.eq(r.id))
        .count(db)
        .await?;
    Ok(MergeSide {
        id: r.id,
        title: bilingual(r.title_km, r.title_en, &r.original_lang),
        status: r.status,
        bodies,
        answers,
        published: r.published_on.is_some(),
        reference: r.reference,
    })
}
