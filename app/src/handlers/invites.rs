//! Invitations: asking for one (an official's, asked by a facilitator, waits for an
//! administrator), deciding one, and accepting one with its link.
use axum::{
    Form,
    extract::{Path, State, rejection::FormRejection},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use sea_orm::EntityTrait;
use serde::Deserialize;
use tower_sessions::Session;

use super::{Answered, people::back, refuse_keeping};
use crate::{
    domain::{
        lang::Lang,
        role::{Action, Role, may},
    },
    i18n::t,
    paths,
    refusal::Refusal,
    ssr::{
        audit::{self, Event},
        auth::guard::{CsrfForm, authorize_form, open_form},
        entities::organisation,
        letters,
        state::AppState,
        store::{
            accounts::{self, AccountError, NewAccount, ask_action, invite_action},
            convert::bilingual,
            invites::{self, Lookup},
            people::NEW_INVITE_KEY,
        },
    },
};

#[derive(Deserialize, Default)]
pub struct InviteForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    organisation: String,
}

/// Back to the invitation form with the problem and everything typed (nothing is lost).
fn back_with(lang: Lang, why: Refusal, form: &InviteForm) -> Response {
    let kept = [
        ("email", form.email.trim()),
        ("role", form.role.trim()),
        ("organisation", form.organisation.trim()),
    ];
    refuse_keeping(&format!("/{}/people#invite", lang.code()), why, &kept)
}

pub async fn invite(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    session: Session,
    form: Result<Form<InviteForm>, FormRejection>,
) -> Response {
    let lang = Lang::parse(&lang).unwrap_or_default();
    let form = form.map(|Form(f)| f).unwrap_or_default();
    let back = |_: Lang, why: Refusal| back_with(lang, why, &form);
    let Some(role) = Role::parse(&form.role) else {
        return back(lang, Refusal::RoleInvalid);
    };
    let organisation_id = form.organisation.trim().parse::<i32>().ok();
    let organisation_id = match role {
        Role::Official => match organisation_id {
            Some(id) => Some(id),
            None => return back(lang, Refusal::OrganisationMissing),
        },
        _ => None,
    };
    // Asking is enough to make the link; whether it works at once depends on who asks.
    let signed_in = match authorize_form(&session, &state, lang, &form.csrf, ask_action(role)).await
    {
        Ok(s) => s,
        Err(response) => return response,
    };
    let needs_approval = !may(Some(&signed_in.actor), invite_action(role, organisation_id));
    let email = form.email.trim().to_lowercase();
    let plausible = email.len() <= 254
        && email
            .split_once('@')
            .is_some_and(|(u, h)| !u.is_empty() && h.contains('.'));
    if !plausible {
        return back(lang, Refusal::EmailInvalid);
    }
    if let Some(id) = organisation_id {
        match organisation::Entity::find_by_id(id).one(&state.db).await {
            Ok(Some(_)) => {}
            Ok(None) => return back(lang, Refusal::OrganisationMissing),
            Err(_) => return back(lang, Refusal::Internal),
        }
    }
    let until = state.clock.now() + invites::VALID_FOR;
    let made = async {
        let txn = crate::ssr::db::begin_write(&state.db).await?;
        let token = invites::create(
            &txn,
            &state.clock,
            &email,
            role,
            organisation_id,
            signed_in.actor.user_id,
            needs_approval,
        )
        .await?;
        let event = Event {
            actor_id: Some(signed_in.actor.user_id),
            action: if needs_approval {
                "invite_requested"
            } else {
                "invite_created"
            },
            object_type: "invite",
            object_id: role.code().to_string(),
        };
        audit::record_with_detail(
            &txn,
            &state.clock,
            event,
            invite_detail(&email, role, organisation_id),
        )
        .await?;
        txn.commit().await?;
        Ok::<_, sea_orm::DbErr>(token)
    }
    .await;
    let Ok(token) = made else {
        return back(lang, Refusal::Internal);
    };
    // A request holds no working link: the approving administrator gets one to send.
    if needs_approval {
        return Redirect::to(&format!("/{}/people?asked=1", lang.code())).into_response();
    }
    let sent = mail_invitation(&state, &email, role, organisation_id, &token, until).await;
    if show_link(&state, &session, lang, &token, &email, role, sent)
        .await
        .is_err()
    {
        return back(lang, Refusal::Internal);
    }
    Redirect::to(&format!("/{}/people", lang.code())).into_response()
}

/// Emails an invitation's link to the person it is for. Whether it went: if not, the
/// inviter is told to pass the link on themselves (it is shown once either way).
pub(super) async fn mail_invitation(
    state: &AppState,
    email: &str,
    role: Role,
    organisation_id: Option<i32>,
    token: &str,
    until: chrono::DateTime<chrono::Utc>,
) -> bool {
    let organisation = match organisation_id {
        Some(id) => match organisation::Entity::find_by_id(id).one(&state.db).await {
            Ok(found) => found.map(|o| bilingual(o.name_km, o.name_en, &o.original_lang)),
            Err(_) => return false,
        },
        None => None,
    };
    let mail = letters::invitation(
        &state.outbox,
        email,
        role,
        organisation.as_ref(),
        token,
        until,
    );
    match state.outbox.send(&mail).await {
        Ok(()) => true,
        Err(e) => {
            tracing::warn!(error = %e, "an invitation could not be emailed; its link is shown to the inviter");
            false
        }
    }
}

/// Keeps a new link for its one showing on the people page, with whom and which role it is
/// for. Sealed: the link is a credential, and the session row is in the database.
pub(super) async fn show_link(
    state: &AppState,
    session: &Session,
    lang: Lang,
    token: &str,
    email: &str,
    role: Role,
    sent: bool,
) -> Result<(), tower_sessions::session::Error> {
    let shown = format!(
        "/{}/invite/{token}\n{email}\n{}\n{}",
        lang.code(),
        role.code(),
        if sent { "sent" } else { "not sent" }
    );
    session
        .insert(NEW_INVITE_KEY, state.sealer.seal(&shown))
        .await
}

/// What the audit keeps of an invitation: whom it is for, as what, for which organisation.
pub(super) fn invite_detail(email: &str, role: Role, organisation_id: Option<i32>) -> String {
    match organisation_id {
        Some(org) => format!("{} {email} organisation {org}", role.code()),
        None => format!("{} {email}", role.code()),
    }
}

#[derive(Deserialize, Default)]
pub struct DecisionForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    decision: String,
}

/// An administrator approves or refuses an invitation a facilitator asked for.
pub async fn decide(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, i32)>,
    session: Session,
    form: Result<Form<DecisionForm>, FormRejection>,
) -> Answered {
    let (lang, form, signed_in) =
        open_form(&state, &session, &lang, form, Action::ApproveInvitations).await?;
    let approve = match form.decision.as_str() {
        "approve" => true,
        "refuse" => false,
        _ => return Err(back(lang, Refusal::DecisionInvalid)),
    };
    let done = async {
        let txn = crate::ssr::db::begin_write(&state.db).await?;
        let Some((invite, token)) =
            invites::decide(&txn, &state.clock, id, signed_in.actor.user_id, approve).await?
        else {
            return Ok(None);
        };
        let event = Event {
            actor_id: Some(signed_in.actor.user_id),
            action: if approve {
                "invite_approved"
            } else {
                "invite_refused"
            },
            object_type: "invite",
            object_id: invite.id.to_string(),
        };
        let detail = invite_detail(&invite.email, invite.role, invite.organisation_id);
        audit::record_with_detail(&txn, &state.clock, event, detail).await?;
        txn.commit().await?;
        Ok::<_, sea_orm::DbErr>(Some((invite, token)))
    }
    .await;
    Ok(match done {
        // Approved: the link goes by email, and the administrator sees it once too.
        Ok(Some((invite, Some(token)))) => {
            let until = state.clock.now() + invites::VALID_FOR;
            let (email, role) = (invite.email.as_str(), invite.role);
            let sent =
                mail_invitation(&state, email, role, invite.organisation_id, &token, until).await;
            if show_link(&state, &session, lang, &token, email, role, sent)
                .await
                .is_err()
            {
                return Err(back(lang, Refusal::Internal));
            }
            Redirect::to(&format!("/{}/people?decided=approved", lang.code())).into_response()
        }
        Ok(Some(_)) => {
            Redirect::to(&format!("/{}/people?decided=refused", lang.code())).into_response()
        }
        Ok(None) => back(lang, Refusal::AccountMissing),
        Err(_) => back(lang, Refusal::Internal),
    })
}

#[derive(Deserialize, Default)]
pub struct AcceptForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
}

/// Why an invitation was not accepted: the link no longer works, or the form needs a change.
enum NotAccepted {
    Gone,
    Refused(Refusal),
}

pub async fn accept(
    State(state): State<AppState>,
    Path((lang, token)): Path<(String, String)>,
    form: Result<Form<AcceptForm>, FormRejection>,
) -> Response {
    let lang = Lang::parse(&lang).unwrap_or_default();
    let form = form.map(|Form(f)| f).unwrap_or_default();
    let name = form.name.trim();
    // The name comes back with the refusal; the password never travels in an address.
    let again = |why: Refusal| {
        let page = paths::people::ACCEPT_INVITE.at(&[&lang.code(), &token.as_str()]);
        refuse_keeping(&page, why, &[("name", name)])
    };
    if name.is_empty() || name.chars().count() > 200 {
        return again(Refusal::NameMissing);
    }
    let done = async {
        let txn = crate::ssr::db::begin_write(&state.db).await?;
        let invite = match invites::find(&txn, &state.clock, &token).await? {
            Lookup::Valid(i) => i,
            Lookup::Gone | Lookup::Unknown => return Ok(Err(NotAccepted::Gone)),
        };
        if !invites::spend(&txn, &state.clock, invite.id).await? {
            return Ok(Err(NotAccepted::Gone));
        }
        let account = NewAccount {
            email: &invite.email,
            display_name: name,
            role: invite.role,
            organisation_id: invite.organisation_id,
            password: &form.password,
        };
        let created = accounts::create(&txn, &state.clock, invite.invited_by, account).await;
        // Nothing is kept on a refusal: the invitation stays usable for another try.
        let user_id = match created {
            Ok(id) => id,
            Err(AccountError::Password(p)) => return Ok(Err(NotAccepted::Refused(p.into()))),
            Err(AccountError::EmailTaken) => {
                return Ok(Err(NotAccepted::Refused(Refusal::EmailTaken)));
            }
            Err(_) => return Ok(Err(NotAccepted::Refused(Refusal::Internal))),
        };
        let event = Event {
            actor_id: Some(user_id),
            action: "invite_accepted",
            object_type: "user",
            object_id: user_id.to_string(),
        };
        audit::record(&txn, &state.clock, event).await?;
        txn.commit().await?;
        Ok::<_, sea_orm::DbErr>(Ok(()))
    }
    .await;
    match done {
        Ok(Ok(())) => Redirect::to(&format!("/{}/login?welcome=1", lang.code())).into_response(),
        Ok(Err(NotAccepted::Gone)) => {
            (StatusCode::GONE, t(lang, "error-invite-gone")).into_response()
        }
        Ok(Err(NotAccepted::Refused(why))) => again(why),
        Err(_) => again(Refusal::Internal),
    }
}

impl CsrfForm for InviteForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

impl CsrfForm for DecisionForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}
