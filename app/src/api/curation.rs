//! What facilitators read to curate: every recommendation (drafts too), one recommendation's
//! editor with its history, a forum's editor, and a CSV import's preview.
use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{error::AppError, views::curation::*};

#[server(input = GetUrl)]
pub async fn get_curation(after: Option<i32>) -> Result<CurationList, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    crate::ssr::store::curation::list(&state, &super::session().await?, after).await
}

/// `id` is `None` for a new recommendation.
#[server(input = GetUrl)]
pub async fn get_recommendation_editor(id: Option<i32>) -> Result<RecommendationEditor, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    crate::ssr::store::curation::editor(&state, &super::session().await?, id).await
}

#[server(input = GetUrl)]
pub async fn get_forum_editor(id: Option<i32>) -> Result<ForumEditor, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    crate::ssr::store::curation::forum_editor(&state, &super::session().await?, id).await
}

#[server(input = GetUrl)]
pub async fn get_import() -> Result<ImportView, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    crate::ssr::store::curation::import(&state, &super::session().await?).await
}

/// Both sides of a merge, before it is made: `canonical` is the reference typed.
#[server(input = GetUrl)]
pub async fn get_merge_preview(id: i32, canonical: String) -> Result<MergePreview, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    let session = super::session().await?;
    crate::ssr::store::curation_merge::preview(&state, &session, id, &canonical).await
}

/// A forum on its day: its drafts in order, and the quick-add form.
#[server(input = GetUrl)]
pub async fn get_forum_day(id: i32) -> Result<crate::views::forum_day::ForumDayView, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    crate::ssr::store::forum_day::view(&state, &super::session().await?, id).await
}
