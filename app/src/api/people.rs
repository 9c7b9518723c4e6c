//! Accounts seen by those who manage them, and invitations.
use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{error::AppError, views::people::*};

#[server(input = GetUrl)]
pub async fn get_people() -> Result<PeoplePage, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    let session = super::session().await?;
    crate::ssr::store::people::page(&state, &session).await
}

/// An invitation, by the token in its link. The token is the credential: no sign-in.
#[server(input = GetUrl)]
pub async fn get_invite(token: String) -> Result<InviteView, AppError> {
    let state = expect_context::<crate::ssr::state::AppState>();
    crate::ssr::store::people::invite(&state, &token).await
}
