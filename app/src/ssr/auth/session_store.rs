//! tower-sessions' store on our own database, so sessions work the same on SQLite and
//! PostgreSQL and can be ended for a user at once.
use std::{
    collections::HashMap,
    sync::{Arc, Mutex, PoisonError},
    time::Instant,
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

use crate::ssr::{
    clock::Clock,
    entities::session,
    writes::{KEEP_AT_MOST, Seen, WriteCount},
};

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
/// Each session as last read from or written to the database, by id.
type Stored = HashMap<String, Remembered>;

/// A session as this server last read or wrote it.
#[derive(Clone, Debug)]
struct Remembered {
    data: SessionData,
    /// Its idle limit, on our clock.
    expires_at: DateTime<chrono::Utc>,
    /// When, and after which writes, it was read or written: it is loaded from here, not the
    /// database, until a curation write (signing out everywhere, a password change or
    /// disabling someone is one, on any server) or `KEEP_AT_MOST`. Every page a signed-in
    /// person opens loads their session, and on SQLite a read is a trip to another thread.
    at: Instant,
    seen: Seen,
}

#[derive(Clone, Debug)]
pub struct DbSessionStore {
    db: DatabaseConnection,
    clock: Clock,
    writes: Arc<WriteCount>,
    /// What each session last had in the database: its words and its idle limit.
    stored: Arc<Mutex<Stored>>,
}

impl DbSessionStore {
    pub fn new(db: DatabaseConnection, clock: Clock, writes: Arc<WriteCount>) -> Self {
        Self {
            db,
            clock,
            writes,
            stored: Arc::default(),
        }
    }

    fn remember(&self, id: String, data: SessionData, expires_at: DateTime<chrono::Utc>) {
        let remembered = Remembered {
            data,
            expires_at,
            at: Instant::now(),
            seen: self.writes.seen(),
        };
        let mut stored = self.stored.lock().unwrap_or_else(PoisonError::into_inner);
        if stored.len() >= REMEMBER_AT_MOST {
            stored.clear();
        }
        stored.insert(id, remembered);
    }

    /// The session as last read or written, while nothing can have changed it elsewhere and
    /// its idle limit has not passed.
    fn recalled(&self, id: &str) -> Option<Remembered> {
        let stored = self.stored.lock().unwrap_or_else(PoisonError::into_inner);
        stored
            .get(id)
            .filter(|r| r.at.elapsed() < KEEP_AT_MOST)
            .filter(|r| r.seen.covers_curation(self.writes.seen()))
            .filter(|r| r.expires_at > self.clock.now())
            .cloned()
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
            .is_some_and(|r| r.data == record.data && expires_at - r.expires_at < REWRITE_AFTER)
    }

    /// Ends every session of a user (sign-out everywhere, password change, disabling).
    pub async fn end_all_for(&self, user_id: i32) -> std::result::Result<(), DbErr> {
        self.stored
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .retain(|_, r| user_of(&r.data) != Some(user_id));
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
        let user_id = user_of(&record.data);
        let expires_at = self.expires_at(record)?;
        Ok(session::ActiveModel {
            id: Set(record.id.to_string()),
            user_id: Set(user_id),
            data: Set(data),
            expires_at: Set(expires_at),
        })
    }
}

/// Who signed in on a session, if anyone.
fn user_of(data: &SessionData) -> Option<i32> {
    data.get(AUTH_KEY)
        .and_then(|auth| auth.get("user_id"))
        .and_then(serde_json::Value::as_i64)
        .and_then(|id| i32::try_from(id).ok())
}

/// A session's record as tower-sessions keeps it: the expiry on the system clock.
fn record(
    id: Id,
    data: SessionData,
    expires_at: DateTime<chrono::Utc>,
    clock: &Clock,
) -> Result<Record> {
    let system_expiry = expires_at - clock.offset();
    let expiry_date = OffsetDateTime::from_unix_timestamp(system_expiry.timestamp())
        .map_err(|e| Error::Decode(e.to_string()))?;
    Ok(Record {
        id,
        data,
        expiry_date,
    })
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
        if let Some(r) = self.recalled(&id.to_string()) {
            return record(*id, r.data, r.expires_at, &self.clock).map(Some);
        }
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
        record(*id, data, row.expires_at, &self.clock).map(Some)
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
