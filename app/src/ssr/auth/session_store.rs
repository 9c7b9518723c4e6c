//! tower-sessions' store on our own database, so sessions work the same on SQLite and
//! PostgreSQL and can be ended for a user at once.
use std::{
    collections::HashMap,
    sync::{Arc, Mutex, PoisonError},
};

use async_trait::async_trait;
use chrono::DateTime;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, DatabaseConnection, EntityTrait, QueryFilter, prelude::*,
};
use time::OffsetDateTime;
use tower_sessions::{
    SessionStore,
    session::{Id, Record},
    session_store::{Error, Result},
};

use crate::ssr::{clock::Clock, entities::session};

/// Where a session keeps who signed in (see `session::SessionAuth`); the store reads it to
/// end every session of one person.
pub const AUTH_KEY: &str = "auth";

/// A session whose words are unchanged is written again only when its idle limit has moved
/// by more than this: tower-sessions saves after every request (to push the limit back), and
/// one write per page view would queue every signed-in page behind SQLite's one writer.
/// The limit in the database may so lag the cookie's by up to this much.
const REWRITE_AFTER: chrono::TimeDelta = chrono::TimeDelta::seconds(60);

/// Sessions this server remembers having read or written; past this many it forgets them
/// all (each is then written once more at its next request).
const REMEMBER_AT_MOST: usize = 10_000;

type SessionData = std::collections::HashMap<String, serde_json::Value>;
/// Each session's words and idle limit as last read from or written to the database.
type Stored = HashMap<String, (SessionData, DateTime<chrono::Utc>)>;

#[derive(Clone, Debug)]
pub struct DbSessionStore {
    db: DatabaseConnection,
    clock: Clock,
    /// What each session last had in the database: its words and its idle limit.
    stored: Arc<Mutex<Stored>>,
}

impl DbSessionStore {
    pub fn new(db: DatabaseConnection, clock: Clock) -> Self {
        Self {
            db,
            clock,
            stored: Arc::default(),
        }
    }

    fn remember(&self, id: String, data: SessionData, expires_at: DateTime<chrono::Utc>) {
        let mut stored = self.stored.lock().unwrap_or_else(PoisonError::into_inner);
        if stored.len() >= REMEMBER_AT_MOST {
            stored.clear();
        }
        stored.insert(id, (data, expires_at));
    }

    fn forget(&self, id: &str) {
        self.stored
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(id);
    }

    /// Whether the database already has these words and an idle limit close enough.
    fn already_stored(&self, record: &Record, expires_at: DateTime<chrono::Utc>) -> bool {
        let stored = self.stored.lock().unwrap_or_else(PoisonError::into_inner);
        stored
            .get(&record.id.to_string())
            .is_some_and(|(data, at)| *data == record.data && expires_at - *at < REWRITE_AFTER)
    }

    /// Ends every session of a user (sign-out everywhere, password change, disabling).
    pub async fn end_all_for(&self, user_id: i32) -> std::result::Result<(), DbErr> {
        session::Entity::delete_many()
            .filter(session::Column::UserId.eq(user_id))
            .exec(&self.db)
            .await?;
        Ok(())
    }

    /// tower-sessions stamps expiry by the system clock; we keep it on ours.
    fn expires_at(&self, record: &Record) -> Result<DateTime<chrono::Utc>> {
        Ok(
            DateTime::from_timestamp(record.expiry_date.unix_timestamp(), 0)
                .ok_or_else(|| Error::Encode("expiry out of range".into()))?
                + self.clock.offset(),
        )
    }

    fn row(&self, record: &Record) -> Result<session::ActiveModel> {
        let data = serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))?;
        let user_id = record
            .data
            .get(AUTH_KEY)
            .and_then(|auth| auth.get("user_id"))
            .and_then(serde_json::Value::as_i64)
            .and_then(|id| i32::try_from(id).ok());
        let expires_at = self.expires_at(record)?;
        Ok(session::ActiveModel {
            id: Set(record.id.to_string()),
            user_id: Set(user_id),
            data: Set(data),
            expires_at: Set(expires_at),
        })
    }
}

fn backend(e: DbErr) -> Error {
    Error::Backend(e.to_string())
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        // A 128-bit id colliding is next to impossible; still, never overwrite another's.
        while session::Entity::find_by_id(record.id.to_string())
            .one(&self.db)
            .await
            .map_err(backend)?
            .is_some()
        {
            record.id = Id::default();
        }
        self.row(record)?.insert(&self.db).await.map_err(backend)?;
        self.remember(
            record.id.to_string(),
            record.data.clone(),
            self.expires_at(record)?,
        );
        Ok(())
    }

    /// Updates only: a session that was ended (sign-out everywhere, password change,
    /// disabling) while a request was in flight must not come back when it finishes.
    /// New sessions arrive through `create`.
    async fn save(&self, record: &Record) -> Result<()> {
        let expires_at = self.expires_at(record)?;
        if self.already_stored(record, expires_at) {
            return Ok(());
        }
        let row = self.row(record)?;
        session::Entity::update_many()
            .set(row)
            .filter(session::Column::Id.eq(record.id.to_string()))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        self.remember(record.id.to_string(), record.data.clone(), expires_at);
        Ok(())
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let Some(row) = session::Entity::find_by_id(id.to_string())
            .one(&self.db)
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        if row.expires_at <= self.clock.now() {
            self.delete(id).await?;
            return Ok(None);
        }
        let data: SessionData =
            serde_json::from_str(&row.data).map_err(|e| Error::Decode(e.to_string()))?;
        self.remember(row.id.clone(), data.clone(), row.expires_at);
        let system_expiry = row.expires_at - self.clock.offset();
        let expiry_date = OffsetDateTime::from_unix_timestamp(system_expiry.timestamp())
            .map_err(|e| Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        self.forget(&id.to_string());
        session::Entity::delete_by_id(id.to_string())
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }
}
