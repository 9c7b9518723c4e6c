//! What a person sets for themselves on their account page: how often they are emailed what
//! waits in moderation. (Passwords are `password`; two-step sign-in is `sign_in`.)
use axum::{
    Form,
    extract::{Path, State, rejection::FormRejection},
    response::{IntoResponse, Redirect},
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};

use tower_sessions::Session;

use super::{Answered, Pairs, refuse};
use crate::{
    domain::{digest::DigestEvery, role::Action},
    refusal::Refusal,
    ssr::{
        audit::{self, Event},
        auth::guard::open_form,
        db::begin_write,
        entities::user,
        state::AppState,
    },
};

pub async fn digest(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
) -> Answered {
    let (lang, form, signed_in) =
        open_form(&state, &session, &lang, form, Action::ModerateFeedback).await?;
    let page = format!("/{}/account", lang.code());
    let Some(every) = DigestEvery::parse(form.one("every")) else {
        return Err(refuse(&format!("{page}#digest"), Refusal::UnknownChoice));
    };
    let user_id = signed_in.actor.user_id;
    let saved = async {
        let txn = begin_write(&state.db).await?;
        user::Entity::update_many()
            .col_expr(user::Column::Digest, Expr::value(every))
            .filter(user::Column::Id.eq(user_id))
            .exec(&txn)
            .await?;
        let event = Event {
            actor_id: Some(user_id),
            action: "digest_changed",
            object_type: "user",
            object_id: format!("{user_id}:{}", every.code()),
        };
        audit::record(&txn, &state.clock, event).await?;
        txn.commit().await
    }
    .await;
    match saved {
        Ok(()) => Ok(Redirect::to(&format!("{page}?digest=saved#digest")).into_response()),
        Err(_) => Err(refuse(&format!("{page}#digest"), Refusal::Internal)),
    }
}
