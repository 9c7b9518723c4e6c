//! Creating accounts. Invitations (next) and `samleng create-admin` both end here.
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, TransactionSession, TransactionTrait,
};

use crate::domain::{
    password::{NewPassword, PasswordProblem},
    role::Role,
};
use crate::ssr::{
    audit::{self, Event},
    auth::password_hash,
    clock::Clock,
    entities::user,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountError {
    InvalidEmail,
    EmailTaken,
    Password(PasswordProblem),
    Internal,
}

impl AccountError {
    pub fn message_key(self) -> String {
        match self {
            AccountError::InvalidEmail => "account-error-email-invalid".into(),
            AccountError::EmailTaken => "account-error-email-taken".into(),
            AccountError::Password(p) => p.label_key(),
            AccountError::Internal => "error-internal".into(),
        }
    }
}

impl From<sea_orm::DbErr> for AccountError {
    fn from(err: sea_orm::DbErr) -> Self {
        tracing::error!(error = %err, "account database error");
        AccountError::Internal
    }
}

pub struct NewAccount<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub role: Role,
    pub organisation_id: Option<i32>,
    pub password: &'a str,
}

/// Creates an account and audits it; returns its id.
pub async fn create(
    db: &(impl ConnectionTrait + TransactionTrait),
    clock: &Clock,
    actor_id: Option<i32>,
    account: NewAccount<'_>,
) -> Result<i32, AccountError> {
    let email = account.email.trim().to_lowercase();
    let plausible = email.len() <= 254
        && email
            .split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'));
    if !plausible {
        return Err(AccountError::InvalidEmail);
    }
    let password = NewPassword::parse(account.password).map_err(AccountError::Password)?;
    let hash = password_hash::hash(&password)
        .await
        .map_err(|_| AccountError::Internal)?;
    let txn = crate::ssr::db::begin_write(db).await?;
    let taken = user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .one(&txn)
        .await?
        .is_some();
    if taken {
        return Err(AccountError::EmailTaken);
    }
    let created = user::ActiveModel {
        email: Set(email),
        display_name: Set(account.display_name.trim().to_string()),
        role: Set(account.role),
        organisation_id: Set(account.organisation_id),
        password_hash: Set(hash),
        totp_secret: Set(None),
        disabled: Set(false),
        totp_last_step: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let event = Event {
        actor_id,
        action: "user_created",
        object_type: "user",
        object_id: created.id.to_string(),
    };
    audit::record(&txn, clock, event).await?;
    txn.commit().await?;
    Ok(created.id)
}

/// The roles `actor` may invite, most powerful first.
pub fn invitable(actor: &crate::domain::role::Actor) -> Vec<Role> {
    use crate::domain::role::may;
    Role::ALL
        .iter()
        .copied()
        .filter(|role| may(Some(actor), ask_action(*role)))
        .collect()
}

/// What inviting someone to `role` asks of the inviter.
pub fn invite_action(role: Role, organisation_id: Option<i32>) -> crate::domain::role::Action {
    use crate::domain::role::Action;
    match role {
        Role::Admin => Action::ManageUsers,
        Role::Facilitator => Action::InviteFacilitator,
        // Any organisation will do for the question "may they invite officials at all".
        Role::Official => Action::InviteOfficial {
            organisation_id: organisation_id.unwrap_or_default(),
        },
    }
}

/// What asking for an invitation to `role` needs: for an official, asking is enough (the
/// link then waits for an administrator unless the asker may invite officials outright).
pub fn ask_action(role: Role) -> crate::domain::role::Action {
    match role {
        Role::Official => crate::domain::role::Action::AskForOfficial,
        _ => invite_action(role, None),
    }
}

/// `samleng create-admin`: the first administrator, made from the command line.
pub async fn create_admin(
    db: &DatabaseConnection,
    email: &str,
    display_name: &str,
    password: &str,
) -> Result<i32, AccountError> {
    let account = NewAccount {
        email,
        display_name,
        role: Role::Admin,
        organisation_id: None,
        password,
    };
    create(db, &Clock::default(), None, account).await
}
