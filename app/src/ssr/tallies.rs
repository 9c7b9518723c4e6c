//! Running counts of survivors' feedback, kept in the same transaction as every change that
//! moves them, so the services summary reads a few thousand rows instead of counting a
//! million answers on each visit. One row per service and province and one per service and
//! organisation (`dimension` says which; `value` is the province code, or the organisation's
//! id, "" for "I don't know"), and for an organisation's own dashboard one per service and
//! province of its feedback (`dimension` "org:ID", `value` the province). Spam is never counted.
use std::collections::HashMap;

use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement, Value};

use crate::{
    domain::{
        anonymity::Tally,
        feedback::{Answer, ModerationState, Question, ServiceType},
    },
    ssr::entities::feedback,
};

pub const TABLE: &str = "feedback_tallies";
/// The counts as the public and officials see them: released from `TABLE` in steps of at
/// least K answers (see `release`).
pub const RELEASED: &str = "feedback_tallies_released";
pub const BY_PROVINCE: &str = "province";
pub const BY_ORGANISATION: &str = "organisation";
/// How the feedback came in (`Channel` codes: online, assisted), for "how voices came in".
pub const BY_CHANNEL: &str = "channel";

/// Before an organisation's id: the dimension of its own counts by province.
const OWN_COUNTS: &str = "org:";

fn of_organisation(id: i32) -> String {
    format!("{OWN_COUNTS}{id}")
}

/// The feedback column holding the answers to `question`.
fn answer_column(question: Question) -> &'static str {
    match question {
        Question::Respect => "ans_respect",
        Question::Safe => "ans_safe",
        Question::Privacy => "ans_privacy",
        Question::Rights => "ans_rights",
        Question::Choice => "ans_choice",
        Question::Helped => "ans_helped",
    }
}

/// The tally column counting `answer` to question number `q`, answer number `a`.
pub fn count_column(q: usize, a: usize) -> String {
    format!("q{q}_a{a}")
}

/// Every count column, in `Tally::answers` order.
pub fn count_columns() -> Vec<String> {
    (0..Question::ALL.len())
        .flat_map(|q| (0..Answer::ALL.len()).map(move |a| count_column(q, a)))
        .collect()
}

/// `SUM(CASE …)` of every answer, named as the count columns: one grouped scan counts all.
fn answer_sums() -> String {
    let mut sums = Vec::new();
    for (q, question) in Question::ALL.iter().enumerate() {
        for (a, answer) in Answer::ALL.iter().enumerate() {
            sums.push(format!(
                "SUM(CASE WHEN {} = '{}' THEN 1 ELSE 0 END) AS {}",
                answer_column(*question),
                answer.code(),
                count_column(q, a)
            ));
        }
    }
    sums.join(", ")
}

/// The shape of a table of counts (`TABLE`, and `RELEASED` beside it): one row per service,
/// dimension and value, holding `people` and every count column.
pub fn table_of_counts(name: &str) -> sea_orm::sea_query::TableCreateStatement {
    use sea_orm::sea_query::{Alias, Index, Table};
    use sea_orm_migration::schema::{big_integer, string_len};
    let mut table = Table::create();
    table
        .table(Alias::new(name))
        .col(string_len(Alias::new("service_type"), 32))
        .col(string_len(Alias::new("dimension"), 16))
        .col(string_len(Alias::new("value"), 32))
        .col(big_integer(Alias::new("people")).default(0));
    for column in count_columns() {
        table.col(big_integer(Alias::new(column)).default(0));
    }
    table.primary_key(
        Index::create()
            .col(Alias::new("service_type"))
            .col(Alias::new("dimension"))
            .col(Alias::new("value")),
    );
    table.to_owned()
}

/// A tally row read back: where it counts, and what.
pub struct Counted {
    pub service: ServiceType,
    pub dimension: String,
    pub value: String,
    pub tally: Tally,
}

/// Reads a tally from a row holding `people` and the count columns.
fn tally_of(row: &sea_orm::QueryResult) -> Result<Tally, DbErr> {
    let count = |name: &str| -> Result<u32, DbErr> {
        let n: i64 = row.try_get("", name)?;
        Ok(u32::try_from(n).unwrap_or(0))
    };
    let mut tally = Tally {
        people: count("people")?,
        ..Tally::default()
    };
    for (q, per_answer) in tally.answers.iter_mut().enumerate() {
        for (a, slot) in per_answer.iter_mut().enumerate() {
            *slot = count(&count_column(q, a))?;
        }
    }
    Ok(tally)
}

/// Every running tally row with anyone in it, of every kind (tests compare them with a
/// recount).
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<Counted>, DbErr> {
    read(db, TABLE, "TRUE", Vec::new()).await
}

/// Everyone's counts as released: by service and province, by service and organisation.
pub async fn nationwide(db: &impl ConnectionTrait) -> Result<Vec<Counted>, DbErr> {
    let dimensions = format!("dimension IN ('{BY_PROVINCE}', '{BY_ORGANISATION}', '{BY_CHANNEL}')");
    read(db, RELEASED, &dimensions, Vec::new()).await
}

/// One organisation's counts by service and province, as released.
pub async fn organisation(db: &impl ConnectionTrait, id: i32) -> Result<Vec<Counted>, DbErr> {
    let mark = match db.get_database_backend() {
        DbBackend::Postgres => "$1",
        _ => "?",
    };
    let dimension = format!("dimension = {mark}");
    read(db, RELEASED, &dimension, vec![of_organisation(id).into()]).await
}

async fn read(
    db: &impl ConnectionTrait,
    table: &str,
    condition: &str,
    values: Vec<Value>,
) -> Result<Vec<Counted>, DbErr> {
    let sql = format!(
        "SELECT service_type, dimension, value, people, {} FROM {table} \
         WHERE people > 0 AND {condition}",
        count_columns().join(", ")
    );
    let backend = db.get_database_backend();
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    let mut counted = Vec::with_capacity(rows.len());
    for row in rows {
        let Some(service) = ServiceType::parse(&row.try_get::<String>("", "service_type")?) else {
            continue;
        };
        counted.push(Counted {
            service,
            dimension: row.try_get("", "dimension")?,
            value: row.try_get("", "value")?,
            tally: tally_of(&row)?,
        });
    }
    Ok(counted)
}

/// Counts one piece of feedback in (`delta` 1) or out (`delta` -1).
pub async fn add(
    db: &impl ConnectionTrait,
    row: &feedback::Model,
    delta: i64,
) -> Result<(), DbErr> {
    let mut changes = Changes::default();
    changes.count(
        &row.service_type,
        &row.province,
        row.organisation_id,
        &row.channel,
        [
            &row.ans_respect,
            &row.ans_safe,
            &row.ans_privacy,
            &row.ans_rights,
            &row.ans_choice,
            &row.ans_helped,
        ],
        delta,
    );
    changes.save(db).await
}

/// `people` and then the count columns.
const WIDTH: usize = 1 + Question::ALL.len() * Answer::ALL.len();

/// Changes to the counts gathered in memory and written in a few statements: one piece of
/// feedback on each submission, a million at once when the scale data set loads.
#[derive(Default)]
pub struct Changes(HashMap<(String, String, String), [i64; WIDTH]>);

impl Changes {
    /// Counts one piece of feedback in (`delta` 1) or out (`delta` -1). `answers` are the
    /// answer codes in `Question::ALL` order.
    pub fn count(
        &mut self,
        service_type: &str,
        province: &str,
        organisation_id: Option<i32>,
        channel: &str,
        answers: [&str; Question::ALL.len()],
        delta: i64,
    ) {
        let mut row = [0; WIDTH];
        row[0] = delta;
        for (q, given) in answers.iter().enumerate() {
            if let Some(a) = Answer::ALL.iter().position(|a| a.code() == *given) {
                row[1 + q * Answer::ALL.len() + a] = delta;
            }
        }
        let organisation = organisation_id.map(|id| id.to_string()).unwrap_or_default();
        let own = organisation_id.map(|id| (of_organisation(id), province.to_string()));
        let rows = [
            (BY_PROVINCE.to_string(), province.to_string()),
            (BY_ORGANISATION.to_string(), organisation),
            (BY_CHANNEL.to_string(), channel.to_string()),
        ];
        for (dimension, value) in rows.into_iter().chain(own) {
            let counts = self
                .0
                .entry((service_type.to_string(), dimension, value))
                .or_insert([0; WIDTH]);
            for (count, change) in counts.iter_mut().zip(row) {
                *count += change;
            }
        }
    }

    /// Adds the changes to the stored counts (rows that are new start from zero).
    pub async fn save(self, db: &impl ConnectionTrait) -> Result<(), DbErr> {
        // 500 rows of 28 values each stay under SQLite's limit of 32,766 bound values.
        const ROWS_PER_STATEMENT: usize = 500;
        let backend = db.get_database_backend();
        let columns = count_columns();
        let per_row = 3 + WIDTH;
        let updates: Vec<String> = std::iter::once("people".to_string())
            .chain(columns.iter().cloned())
            .map(|c| format!("{c} = {TABLE}.{c} + excluded.{c}"))
            .collect();
        // Always in one order: two submissions locking the same groups in different orders
        // (a map's order differs from map to map) deadlock on PostgreSQL.
        let mut rows: Vec<_> = self.0.into_iter().collect();
        rows.sort_by(|a, b| a.0.cmp(&b.0));
        for chunk in rows.chunks(ROWS_PER_STATEMENT) {
            let tuples: Vec<String> = (0..chunk.len())
                .map(|r| {
                    let marks: Vec<String> = (1..=per_row)
                        .map(|i| match backend {
                            DbBackend::Postgres => format!("${}", r * per_row + i),
                            _ => "?".to_string(),
                        })
                        .collect();
                    format!("({})", marks.join(", "))
                })
                .collect();
            let sql = format!(
                "INSERT INTO {TABLE} (service_type, dimension, value, people, {}) VALUES {} \
                 ON CONFLICT (service_type, dimension, value) DO UPDATE SET {}",
                columns.join(", "),
                tuples.join(", "),
                updates.join(", ")
            );
            let mut values: Vec<Value> = Vec::with_capacity(chunk.len() * per_row);
            for ((service, dimension, value), counts) in chunk {
                values.push(service.clone().into());
                values.push(dimension.clone().into());
                values.push(value.clone().into());
                values.extend(counts.iter().map(|&n| Value::from(n)));
            }
            db.execute_raw(Statement::from_sql_and_values(backend, sql, values))
                .await?;
        }
        // Few groups (a submission touches three): release those; many (the scale data set
        // loading): one pass over every group.
        if rows.len() <= 64 {
            for ((service, dimension, value), _) in &rows {
                release(db, Some((service, dimension, value))).await?;
            }
        } else {
            release(db, None).await?;
        }
        Ok(())
    }
}

/// Releases every group whose running counts are at least K answers away from what was last
/// released (or were never released and count K people): the public figures of a group move
/// only in steps of K or more, so no snapshot taken before and after one survivor's answer
/// tells her answer apart. A group that falls below K is withdrawn the same way.
pub async fn release_all(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    release(db, None).await
}

async fn release(
    db: &impl ConnectionTrait,
    group: Option<(&String, &String, &String)>,
) -> Result<(), DbErr> {
    let k = i64::from(crate::ssr::settings::anonymity_threshold(db).await?);
    let backend = db.get_database_backend();
    let mark = |n: usize| match backend {
        DbBackend::Postgres => format!("${n}"),
        _ => "?".to_string(),
    };
    // The group by its key, on the running counts (`t`) and on the released ones: without the
    // latter, withdrawing visited every released group (57 000 at national scale) for each
    // submission, which capped SQLite near 25 submissions a second.
    let (only, only_released, values): (String, String, Vec<Value>) = match group {
        Some((service, dimension, value)) => (
            format!(
                "t.service_type = {} AND t.dimension = {} AND t.value = {}",
                mark(1),
                mark(2),
                mark(3)
            ),
            format!(
                "{RELEASED}.service_type = {} AND {RELEASED}.dimension = {} AND {RELEASED}.value = {}",
                mark(1),
                mark(2),
                mark(3)
            ),
            vec![
                service.clone().into(),
                dimension.clone().into(),
                value.clone().into(),
            ],
        ),
        None => ("TRUE".to_string(), "TRUE".to_string(), Vec::new()),
    };
    let same =
        "r.service_type = t.service_type AND r.dimension = t.dimension AND r.value = t.value";
    let columns = std::iter::once("people".to_string())
        .chain(count_columns())
        .collect::<Vec<_>>()
        .join(", ");
    let from_t = std::iter::once("t.people".to_string())
        .chain(count_columns().into_iter().map(|c| format!("t.{c}")))
        .collect::<Vec<_>>()
        .join(", ");
    // Far enough from the released counts: withdraw them, to be put back below if still >= K.
    let stale = format!(
        "DELETE FROM {RELEASED} WHERE {only_released} AND EXISTS (SELECT 1 FROM {TABLE} t \
         WHERE t.service_type = {RELEASED}.service_type \
         AND t.dimension = {RELEASED}.dimension AND t.value = {RELEASED}.value \
         AND ABS(t.people - {RELEASED}.people) >= {k})"
    );
    let fresh = format!(
        "INSERT INTO {RELEASED} (service_type, dimension, value, {columns}) \
         SELECT t.service_type, t.dimension, t.value, {from_t} FROM {TABLE} t \
         WHERE {only} AND t.people >= {k} \
         AND NOT EXISTS (SELECT 1 FROM {RELEASED} r WHERE {same})"
    );
    for sql in [stale, fresh] {
        db.execute_raw(Statement::from_sql_and_values(backend, sql, values.clone()))
            .await?;
    }
    Ok(())
}

/// Keeps the counts right when moderation moves feedback into or out of spam.
pub async fn restate(
    db: &impl ConnectionTrait,
    row: &feedback::Model,
    from: ModerationState,
    to: ModerationState,
) -> Result<(), DbErr> {
    let spam = ModerationState::Spam;
    match (from == spam, to == spam) {
        (false, true) => add(db, row, -1).await,
        (true, false) => add(db, row, 1).await,
        _ => Ok(()),
    }
}

/// Counts everything again from the feedback table: when the table is first made, and after
/// the demo data loads.
pub async fn rebuild(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    rebuild_with(db, true).await
}

/// The same, for the migrations that ran before feedback had a channel (migration 29 counts
/// the channels): the column they would name does not exist yet on a new database.
pub async fn rebuild_before_channels(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    rebuild_with(db, false).await
}

async fn rebuild_with(db: &impl ConnectionTrait, channels: bool) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    db.execute_unprepared(&format!("DELETE FROM {TABLE}"))
        .await?;
    let columns = count_columns().join(", ");
    let sums = answer_sums();
    let spam = ModerationState::Spam.code();
    for (dimension, value, group, only) in [
        (format!("'{BY_PROVINCE}'"), "province", "province", "TRUE"),
        (
            format!("'{BY_ORGANISATION}'"),
            "COALESCE(CAST(organisation_id AS TEXT), '')",
            "organisation_id",
            "TRUE",
        ),
        (
            format!("'{OWN_COUNTS}' || CAST(organisation_id AS TEXT)"),
            "province",
            "organisation_id, province",
            "organisation_id IS NOT NULL",
        ),
    ]
    .into_iter()
    .chain(channels.then(|| (format!("'{BY_CHANNEL}'"), "channel", "channel", "TRUE")))
    {
        db.execute_raw(Statement::from_string(
            backend,
            format!(
                "INSERT INTO {TABLE} (service_type, dimension, value, people, {columns}) \
                 SELECT service_type, {dimension}, {value}, COUNT(*), {sums} \
                 FROM feedback WHERE moderation_state <> '{spam}' AND {only} \
                 GROUP BY service_type, {group}"
            ),
        ))
        .await?;
    }
    Ok(())
}
