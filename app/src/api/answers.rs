//! What officials read: the recommendations addressed to their organisation, and one of them
//! with the forms to answer it.
use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{error::AppError, views::answers::*};

#[server(input = GetUrl)]
pub async fn get_inbox(overdue: u32, awaiting: u32, answered: u32) -> Result<InboxView, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    let pages = [overdue, awaiting, answered];
    crate::ssr::store::answers::inbox(&state, &super::session().await?, pages).await
}

#[server(input = GetUrl)]
pub async fn get_answer(id: i32) -> Result<AnswerView, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    crate::ssr::store::answers::answer(&state, &super::session().await?, id).await
}
