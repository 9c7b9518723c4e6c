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

use super::people::back;
use crate::{
    domain::{
        lang::Lang,
        role::{Action, Role, may},
    },
    i18n::t,
    ssr::{
        audit::{self, Event},
        auth::guard::{CsrfForm, authorize_form, open_form},
        entities::organisation,
        state::AppState,
        store::{
            accounts::{self, AccountError, NewAccount, ask_action, invite_action},
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
fn back_with(lang: Lang, error: &str, form: &InviteForm) -> Response {
    let query: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("error", error)
        .append_pair("email", form.email.trim())
        .append_pair("role", form.role.trim())
        .append_pair("organisation", form.organisation.trim())
        .finish();
    Redirect::to(&format!("/{}/people?{query}#invite", lang.code())).into_response()
}

pub async fn invite(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    session: Session,
    form: Result<Form<InviteForm>, FormRejection>,
) -> Response {
    let lang = Lang::parse(&lang).unwrap_or_default();
    let form = form.map(|Form(f)| f).unwrap_or_default();
    let back = |_: Lang, error: &str| back_with(lang, error, &form);
    let Some(role) = Role::parse(&form.role) else {
        return back(lang, "role");
    };
    let organisation_id = form.organisation.trim().parse::<i32>().ok();
    let organisation_id = match role {
        Role::Official => match organisation_id {
            Some(id) => Some(id),
            None => return back(lang, "organisation"),
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
        return back(lang, "email");
    }
    if let Some(id) = organisation_id {
        match organisation::Entity::find_by_id(id).one(&state.db).await {
            Ok(Some(_)) => {}
            Ok(None) => return back(lang, "organisation"),
            Err(_) => return back(lang, "internal"),
        }
    }
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
        return back(lang, "internal");
    };
    // A request holds no working link: the approving administrator gets one to send.
    if needs_approval {
        return Redirect::to(&format!("/{}/people?asked=1", lang.code())).into_response();
    }
    if show_link(&state, &session, lang, &token, &email, role)
        .await
        .is_err()
    {
        return back(lang, "internal");
    }
    Redirect::to(&format!("/{}/people", lang.code())).into_response()
}

/// Keeps a new link for its one showing on the people page, with whom and which role it is
/// for. Sealed: the link is a credential, and the session row is in the database.
async fn show_link(
    state: &AppState,
    session: &Session,
    lang: Lang,
    token: &str,
    email: &str,
    role: Role,
) -> Result<(), tower_sessions::session::Error> {
    let shown = format!("/{}/invite/{token}\n{email}\n{}", lang.code(), role.code());
    session
        .insert(NEW_INVITE_KEY, state.sealer.seal(&shown))
        .await
}

/// What the audit keeps of an invitation: whom it is for, as what, for which organisation.
fn invite_detail(email: &str, role: Role, organisation_id: Option<i32>) -> String {
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
) -> Response {
    let (lang, form, signed_in) =
        match open_form(&state, &session, &lang, form, Action::ApproveInvitations).await {
            Ok(opened) => opened,
            Err(response) => return response,
        };
    let approve = match form.decision.as_str() {
        "approve" => true,
        "refuse" => false,
        _ => return back(lang, "decision"),
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
        let role = invite.role;
        let detail = invite_detail(&invite.email, role, invite.organisation_id);
        audit::record_with_detail(&txn, &state.clock, event, detail).await?;
        txn.commit().await?;
        Ok::<_, sea_orm::DbErr>(Some((invite.email, role, token)))
    }
    .await;
    match done {
        // Approved: the administrator sees the working link, to send to that address.
        Ok(Some((email, role, Some(token)))) => {
            if show_link(&state, &session, lang, &token, &email, role)
                .await
                .is_err()
            {
                return back(lang, "internal");
            }
            Redirect::to(&format!("/{}/people?decided=approved", lang.code())).into_response()
        }
        Ok(Some(_)) => {
            Redirect::to(&format!("/{}/people?decided=refused", lang.code())).into_response()
        }
        Ok(None) => back(lang, "missing"),
        Err(_) => back(lang, "internal"),
    }
}

#[derive(Deserialize, Default)]
pub struct AcceptForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
}

pub async fn accept(
    State(state): State<AppState>,
    Path((lang, token)): Path<(String, String)>,
    form: Result<Form<AcceptForm>, FormRejection>,
) -> Response {
    let lang = Lang::parse(&lang).unwrap_or_default();
    let again = |code: &str| {
        Redirect::to(&format!("/{}/invite/{token}?error={code}", lang.code())).into_response()
    };
    let form = form.map(|Form(f)| f).unwrap_or_default();
    let name = form.name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return again("name");
    }
    let done = async {
        let txn = crate::ssr::db::begin_write(&state.db).await?;
        let invite = match invites::find(&txn, &state.clock, &token).await? {
            Lookup::Valid(i) => i,
            Lookup::Gone | Lookup::Unknown => return Ok(Err("gone".to_string())),
        };
        if !invites::spend(&txn, &state.clock, invite.id).await? {
            return Ok(Err("gone".to_string()));
        }
        let account = NewAccount {
            email: &invite.email,
            display_name: name,
            role: invite.role,
            organisation_id: invite.organisation_id,
            password: &form.password,
        };
        let created = accounts::create(&txn, &state.clock, invite.invited_by, account).await;
        let user_id = match created {
            Ok(id) => id,
            // Nothing is kept: the invitation stays usable for another try.
            Err(AccountError::Password(p)) => return Ok(Err(p.code().to_string())),
            Err(AccountError::EmailTaken) => return Ok(Err("taken".to_string())),
            Err(_) => return Ok(Err("internal".to_string())),
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
        Ok(Err(code)) if code == "gone" => {
            (StatusCode::GONE, t(lang, "error-invite-gone")).into_response()
        }
        Ok(Err(code)) => again(&code),
        Err(_) => again("internal"),
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
