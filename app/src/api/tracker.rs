//! The public tracker: what survivors recommended and what each body answered.
use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{error::AppError, views::tracker::*};

#[server(input = GetUrl)]
pub async fn get_tracker(filter: TrackerFilter) -> Result<TrackerPage, AppError> {
    use crate::ssr::store::{search_index, tracker, tracker_search};
    let state = expect_context::<crate::ssr::state::AppState>();
    let key = (filter.to_query(filter.after), state.clock.today());
    let read = async {
        match search_index::query_of(&filter) {
            Some(words) => tracker_search::page(&state, &filter, &words).await,
            None => tracker::page(&state, &filter).await,
        }
    };
    state
        .kept
        .tracker_pages
        .read(&state.writes, key, read)
        .await
}

#[server(input = GetUrl)]
pub async fn get_recommendation(id: i32) -> Result<RecommendationDetail, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    let read = crate::ssr::store::tracker_detail::detail(&state, id);
    let key = (id, state.clock.today());
    state
        .kept
        .recommendations
        .read(&state.writes, key, read)
        .await
}

#[server(input = GetUrl)]
pub async fn get_forum(id: i32) -> Result<ForumDetail, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    let read = crate::ssr::store::tracker_detail::forum(&state, id);
    let key = (id, state.clock.today());
    state.kept.forums.read(&state.writes, key, read).await
}

/// How many recommendations the public can read (for the home page).
#[server(input = GetUrl)]
pub async fn get_public_count() -> Result<u64, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    crate::ssr::store::tracker::public_count(&state).await
}
