//! Creating accounts. Invitations (next) and `samleng create-admin` both end here.
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    TransactionTrait,
};

use super::{
    audit::{self, Event},
    auth::password_hash,
    clock::Clock,
    entities::user,
};
use crate::domain::{
    password::{NewPassword, PasswordProblem},
    role::Role,
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
    db: &DatabaseConnection,
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
    let txn = db.begin().await?;
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
        role: Set(account.role.code().to_string()),
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
