//! Running counts of survivors' word on each claim, kept in the same transaction as every
//! change that moves them, and the counts as the public sees them: released in steps of at
//! least K people, as the services figures are, so a figure never moves because of one
//! answer and a snapshot before and after one survivor's answer cannot tell it apart.
use std::collections::HashMap;

use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement, Value};

use crate::domain::check::{CheckTally, Verdict};

const RUNNING: &str = "claim_check_tallies";
const RELEASED: &str = "claim_check_tallies_released";

/// The count column of each verdict, in `Verdict::ALL` order.
const SAID: [&str; 4] = ["said_yes", "said_partly", "said_no", "said_dont_know"];

fn said(verdict: Verdict) -> &'static str {
    let i = Verdict::ALL.iter().position(|v| *v == verdict).unwrap_or(3);
    SAID[i]
}

fn mark(backend: DbBackend, n: usize) -> String {
    match backend {
        DbBackend::Postgres => format!("${n}"),
        _ => "?".to_string(),
    }
}

/// Counts one answer in (`delta` 1) or out (`delta` -1), then releases the recommendation's
/// counts if they moved far enough.
pub async fn add(
    db: &impl ConnectionTrait,
    recommendation_id: i32,
    verdict: Verdict,
    delta: i64,
) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let column = said(verdict);
    let sql = format!(
        "INSERT INTO {RUNNING} (recommendation_id, people, {column}) VALUES ({}, {}, {}) \
         ON CONFLICT (recommendation_id) DO UPDATE SET \
         people = {RUNNING}.people + excluded.people, \
         {column} = {RUNNING}.{column} + excluded.{column}",
        mark(backend, 1),
        mark(backend, 2),
        mark(backend, 3)
    );
    let values: Vec<Value> = vec![recommendation_id.into(), delta.into(), delta.into()];
    db.execute_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    release(db, recommendation_id).await
}

/// Withdraws released counts that are K or more away from the running ones, then releases
/// the running counts of K or more people that have none released.
async fn release(db: &impl ConnectionTrait, recommendation_id: i32) -> Result<(), DbErr> {
    let k = i64::from(crate::ssr::settings::anonymity_threshold(db).await?);
    let backend = db.get_database_backend();
    let id = mark(backend, 1);
    let columns = SAID.join(", ");
    let from_t = SAID.map(|c| format!("t.{c}")).join(", ");
    let stale = format!(
        "DELETE FROM {RELEASED} WHERE recommendation_id = {id} AND EXISTS (SELECT 1 FROM \
         {RUNNING} t WHERE t.recommendation_id = {RELEASED}.recommendation_id \
         AND ABS(t.people - {RELEASED}.people) >= {k})"
    );
    let fresh = format!(
        "INSERT INTO {RELEASED} (recommendation_id, people, {columns}) \
         SELECT t.recommendation_id, t.people, {from_t} FROM {RUNNING} t \
         WHERE t.recommendation_id = {id} AND t.people >= {k} AND NOT EXISTS \
         (SELECT 1 FROM {RELEASED} r WHERE r.recommendation_id = t.recommendation_id)"
    );
    for sql in [stale, fresh] {
        let values: Vec<Value> = vec![recommendation_id.into()];
        db.execute_raw(Statement::from_sql_and_values(backend, sql, values))
            .await?;
    }
    Ok(())
}

/// The released counts of each of `ids` that has any.
pub async fn released(
    db: &impl ConnectionTrait,
    ids: &[i32],
) -> Result<HashMap<i32, CheckTally>, DbErr> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    // Ids are numbers from the database, never typed by anyone: safe to write in.
    let list = ids
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT recommendation_id, people, {} FROM {RELEASED} WHERE recommendation_id IN ({list})",
        SAID.join(", ")
    );
    let backend = db.get_database_backend();
    let rows = db
        .query_all_raw(Statement::from_string(backend, sql))
        .await?;
    let mut found = HashMap::new();
    for row in rows {
        let count = |name: &str| -> Result<u32, DbErr> {
            let n: i64 = row.try_get("", name)?;
            Ok(u32::try_from(n).unwrap_or(0))
        };
        let mut tally = CheckTally {
            people: count("people")?,
            ..CheckTally::default()
        };
        for (slot, column) in tally.counts.iter_mut().zip(SAID) {
            *slot = count(column)?;
        }
        found.insert(row.try_get("", "recommendation_id")?, tally);
    }
    Ok(found)
}
