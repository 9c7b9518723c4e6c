//! An organisation's report card: everything addressed to it and what it did about it.
use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{error::AppError, views::report_card::*};

/// Page `page` (from 1) of an organisation's report card; past the last page is not found.
#[server(input = GetUrl)]
pub async fn get_report_card(id: i32, page: u32) -> Result<ReportCard, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    crate::ssr::store::report_card::card(&state, id, page).await
}
