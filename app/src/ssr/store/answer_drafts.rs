//! Reading the answers that wait for a second official (an organisation may require that
//! another of its officials approve each answer before it publishes). Keeping, approving and
//! taking back a draft are writes: `answer_entries`.
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};

use crate::{
    ssr::entities::{answer_draft, user},
    views::answers::DraftView,
};

/// The kind a draft of a response is stored as.
pub const RESPONSE: &str = "response";

/// The drafts of this organisation on this recommendation, oldest first, as `viewer` sees
/// them (whether each is their own, which they may not approve).
pub async fn waiting(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    recommendation_id: i32,
    viewer: i32,
) -> Result<Vec<DraftView>, DbErr> {
    let drafts = answer_draft::Entity::find()
        .filter(answer_draft::Column::OrganisationId.eq(organisation_id))
        .filter(answer_draft::Column::RecommendationId.eq(recommendation_id))
        .order_by_asc(answer_draft::Column::Id)
        .all(db)
        .await?;
    let authors = user::Entity::find()
        .filter(user::Column::Id.is_in(drafts.iter().map(|d| d.author_id)))
        .all(db)
        .await?;
    Ok(drafts
        .into_iter()
        .map(|d| {
            let author = authors
                .iter()
                .find(|u| u.id == d.author_id)
                .map(|u| u.email.clone())
                .unwrap_or_default();
            DraftView {
                id: d.id,
                is_response: d.kind == RESPONSE,
                input: serde_json::from_str(&d.input).unwrap_or_default(),
                author,
                at: d.created_at,
                mine: d.author_id == viewer,
            }
        })
        .collect())
}

/// The recommendations on which this organisation has drafts someone other than `viewer`
/// wrote: what waits for this official's approval.
pub async fn to_approve(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    viewer: i32,
) -> Result<Vec<i32>, DbErr> {
    let mut ids: Vec<i32> = answer_draft::Entity::find()
        .filter(answer_draft::Column::OrganisationId.eq(organisation_id))
        .filter(answer_draft::Column::AuthorId.ne(viewer))
        .all(db)
        .await?
        .into_iter()
        .map(|d| d.recommendation_id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// How many drafts this organisation has, for its officials' screens.
pub async fn count(db: &impl ConnectionTrait, organisation_id: i32) -> Result<u64, DbErr> {
    answer_draft::Entity::find()
        .filter(answer_draft::Column::OrganisationId.eq(organisation_id))
        .count(db)
        .await
}
