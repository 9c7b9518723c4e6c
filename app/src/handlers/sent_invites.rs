//! Invitations already sent: revoking one whose link should stop working, and sending a fresh
//! link to one that was lost or ran out. An administrator may do either to any invitation;
//! whoever else may invite, to their own.
use axum::{
    Form,
    extract::{Path, State, rejection::FormRejection},
    http::StatusCode,
    response::{IntoResponse, Redirect},
};
use tower_sessions::Session;

use super::{
    Answered,
    invites::{invite_detail, mail_invitation, show_link},
    people::back,
};
use crate::{
    domain::role::{Action, may},
    i18n::t,
    refusal::Refusal,
    ssr::{
        audit::{self, Event},
        auth::guard::{TokenForm, open_form},
        db::begin_write,
        state::AppState,
        store::{
            accounts::{ask_action, invitable, invite_action},
            invites::{self, Change, VALID_FOR},
        },
    },
};

pub async fn revoke(
    state: State<AppState>,
    path: Path<(String, i32)>,
    session: Session,
    form: Result<Form<TokenForm>, FormRejection>,
) -> Answered {
    change(state, path, session, form, Change::Revoke).await
}

pub async fn resend(
    state: State<AppState>,
    path: Path<(String, i32)>,
    session: Session,
    form: Result<Form<TokenForm>, FormRejection>,
) -> Answered {
    // Whether it must wait for an administrator is known once the invitation is read.
    let renew = Change::Renew {
        needs_approval: false,
    };
    change(state, path, session, form, renew).await
}

async fn change(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, i32)>,
    session: Session,
    form: Result<Form<TokenForm>, FormRejection>,
    what: Change,
) -> Answered {
    let (lang, _, signed_in) =
        open_form(&state, &session, &lang, form, Action::ViewOwnAccount).await?;
    let actor = &signed_in.actor;
    // Anyone else only touches invitations they made, for a role they may still ask for.
    let made_by = if may(Some(actor), Action::ManageUsers) {
        None
    } else if invitable(actor).is_empty() {
        return Err((StatusCode::FORBIDDEN, t(lang, "error-forbidden")).into_response());
    } else {
        Some(actor.user_id)
    };
    let renew = matches!(what, Change::Renew { .. });
    let done = async {
        let txn = begin_write(&state.db).await?;
        let Some((role, organisation_id)) = invites::role_of(&txn, id).await? else {
            return Ok(None);
        };
        // Sent again by someone who may not invite to it outright: it waits for approval.
        let what = match what {
            Change::Renew { .. } => Change::Renew {
                needs_approval: !may(Some(actor), invite_action(role, organisation_id)),
            },
            revoke => revoke,
        };
        let asked = matches!(
            what,
            Change::Renew {
                needs_approval: true
            }
        );
        let Some((invite, token)) = invites::change(&txn, &state.clock, id, made_by, what).await?
        else {
            return Ok(None);
        };
        // Dropped without a commit: the change is undone.
        if made_by.is_some() && !may(Some(actor), ask_action(invite.role)) {
            return Ok(None);
        }
        let event = Event {
            actor_id: Some(actor.user_id),
            action: if renew {
                "invite_resent"
            } else {
                "invite_revoked"
            },
            object_type: "invite",
            object_id: invite.id.to_string(),
        };
        let detail = invite_detail(&invite.email, invite.role, invite.organisation_id);
        audit::record_with_detail(&txn, &state.clock, event, detail).await?;
        txn.commit().await?;
        Ok::<_, sea_orm::DbErr>(Some((invite, token, asked)))
    }
    .await;
    let (invite, token, asked) = match done {
        Ok(Some(found)) => found,
        Ok(None) => return Err(back(lang, Refusal::AccountMissing)),
        Err(_) => return Err(back(lang, Refusal::Internal)),
    };
    let people = format!("/{}/people", lang.code());
    if asked {
        return Ok(Redirect::to(&format!("{people}?asked=1")).into_response());
    }
    let Some(token) = token else {
        return Ok(Redirect::to(&format!("{people}?revoked=1#sent")).into_response());
    };
    let until = state.clock.now() + VALID_FOR;
    let (email, role) = (invite.email.as_str(), invite.role);
    let sent = mail_invitation(&state, email, role, invite.organisation_id, &token, until).await;
    if show_link(&state, &session, lang, &token, email, role, sent)
        .await
        .is_err()
    {
        return Err(back(lang, Refusal::Internal));
    }
    Ok(Redirect::to(&people).into_response())
}
