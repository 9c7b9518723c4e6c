//! A form that was refused comes back with what was typed: the handler keeps the typed
//! values and the problems in the person's session for the next page view, which takes them.
use serde::{Serialize, de::DeserializeOwned};
use tower_sessions::Session;

use crate::{domain::submission::Problems, views::ProblemList};

pub fn problem_list(problems: &Problems) -> ProblemList {
    problems
        .iter()
        .map(|(field, key)| (field.to_string(), key.to_string()))
        .collect()
}

/// Keeps `value` under `key` until the next `take`.
pub async fn put<T: Serialize + Send + Sync>(session: &Session, key: &str, value: &T) {
    if let Err(e) = session.insert(key, value).await {
        tracing::warn!(error = %e, "cannot keep a refused form for its page");
    }
}

/// What was kept under `key`, once.
pub async fn take<T: DeserializeOwned>(session: &Session, key: &str) -> Option<T> {
    session.remove::<T>(key).await.ok().flatten()
}
