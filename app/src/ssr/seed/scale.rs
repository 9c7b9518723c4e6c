//! `samleng seed-scale`: a national-scale data set for benchmarks, made deterministically
//! from a seed number (the same seed gives the same rows) and loaded in one transaction with
//! multi-row inserts.
use std::{collections::BTreeMap, time::Instant};

use chrono::{Days, NaiveDate, TimeZone, Utc};
use rand::{Rng, SeedableRng, rngs::StdRng, seq::IndexedRandom};
use sea_orm::{
    ActiveValue::Set, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, Statement, prelude::*,
};

use crate::{
    domain::curation::{Source, TranslationState},
    domain::{
        feedback::{Answer, Channel, ModerationState, ServiceType},
        khmer::to_khmer_digits,
        lang::Lang,
        org::OrgKind,
        province::Province,
        search::Tier,
        status::{BodyAnswer, Position, Stage, Status, derive_status, is_public},
        theme::Theme,
    },
    i18n,
    ssr::{
        db::begin_write,
        entities::{
            feedback, forum, organisation, progress_update, recommendation, recommendation_body,
            response, search_item, search_posting,
        },
        store::{
            search_index,
            search_postings::{self, WordPlaces},
        },
        tallies,
    },
};

/// How much to make.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScaleSize {
    pub organisations: u32,
    pub forums: u32,
    pub recommendations: u32,
    pub feedback: u32,
}

impl Default for ScaleSize {
    fn default() -> Self {
        Self {
            organisations: 200,
            forums: 500,
            recommendations: 100_000,
            feedback: 1_000_000,
        }
    }
}

/// Rows written per table, and how long it took.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ScaleReport {
    pub organisations: u64,
    pub forums: u64,
    pub recommendations: u64,
    pub addressed: u64,
    pub responses: u64,
    pub progress_updates: u64,
    pub feedback: u64,
    /// The search index's rows (each item's words, and the sets of each word), written beside
    /// the data; not in `rows`.
    pub search_rows: u64,
    pub seconds: f64,
    /// Seconds spent in each step, in order: where a slow load spends its time.
    pub phases: Vec<(&'static str, f64)>,
}

impl ScaleReport {
    pub fn rows(&self) -> u64 {
        self.organisations
            + self.forums
            + self.recommendations
            + self.addressed
            + self.responses
            + self.progress_updates
            + self.feedback
    }

    pub fn rows_per_second(&self) -> f64 {
        self.rows() as f64 / self.seconds.max(f64::EPSILON)
    }

    /// Adds the time since `since` to step `name` (a step done in slices is one line).
    fn phase(&mut self, name: &'static str, since: &mut Instant) {
        let seconds = since.elapsed().as_secs_f64();
        match self.phases.iter_mut().find(|(step, _)| *step == name) {
            Some((_, total)) => *total += seconds,
            None => self.phases.push((name, seconds)),
        }
        *since = Instant::now();
    }
}

/// Organisation codes of the scale set start with this; its presence means "already loaded".
const CODE_PREFIX: &str = "scale-";
/// Rows per INSERT: below SQLite's 32 766 and PostgreSQL's 65 535 bound parameters.
const ROWS_PER_INSERT: usize = 1000;
/// Feedback rows made at a time: bounded memory.
const FEEDBACK_SLICE: usize = 100_000;
/// Recommendations made at a time, with their answers and words (about 145 a recommendation):
/// a million at once would not fit in memory.
const RECOMMENDATION_SLICE: u32 = 50_000;

/// Loads the scale data set in one transaction: a crash or an error leaves the database as it
/// was, so the command can simply be run again. Refuses when the set is already there.
pub async fn seed_scale(
    db: &DatabaseConnection,
    size: ScaleSize,
    seed: u64,
) -> Result<ScaleReport, DbErr> {
    let started = Instant::now();
    let txn = begin_write(db).await?;
    let already = organisation::Entity::find()
        .filter(organisation::Column::Code.starts_with(CODE_PREFIX))
        .count(&txn)
        .await?;
    if already > 0 {
        return Err(DbErr::Custom(
            "the scale data set is already loaded in this database".into(),
        ));
    }
    let deferred = defer_indexes(&txn, DEFERRED_INDEX_TABLES).await?;
    let cache = LoadCache::enlarge(&txn).await?;
    let mut rng = StdRng::seed_from_u64(seed);
    let mut report = ScaleReport::default();
    let mut step = Instant::now();
    let now = Utc
        .with_ymd_and_hms(2026, 11, 1, 0, 0, 0)
        .single()
        .unwrap_or_else(Utc::now);

    let first_org = next_id(&txn, "organisations").await?;
    let orgs = organisations(&mut rng, size.organisations, first_org, now);
    let org_ids: Vec<i32> = orgs.iter().map(|o| *o.id.as_ref()).collect();
    report.organisations = insert_all::<organisation::Entity, _>(&txn, orgs).await?;

    let first_forum = next_id(&txn, "forums").await?;
    let forums = forums(&mut rng, size.forums, first_forum, now);
    let forum_days: Vec<(i32, NaiveDate)> = forums
        .iter()
        .map(|f| (*f.id.as_ref(), *f.ends_on.as_ref()))
        .collect();
    let forums_for_search: Vec<(i32, search_index::Texts)> = forums
        .iter()
        .map(|f| {
            let texts = [&f.title_km, &f.title_en, &f.summary_km, &f.summary_en]
                .into_iter()
                .zip([Tier::Title, Tier::Title, Tier::Text, Tier::Text])
                .map(|(t, tier)| (t.as_ref().clone(), tier))
                .collect();
            (*f.id.as_ref(), texts)
        })
        .collect();
    report.forums = insert_all::<forum::Entity, _>(&txn, forums).await?;
    report.phase("organisations and forums", &mut step);

    let mut ids = Ids {
        recommendation: next_id(&txn, "recommendations").await?,
        response: next_id(&txn, "responses").await?,
        progress: next_id(&txn, "progress_updates").await?,
    };
    // The postings' sets are made in memory from the same rows as they are written, unless
    // the database had been searched before: then they are rebuilt from all its rows at the
    // end, merged with what was there.
    let searched_before = search_posting::Entity::find().one(&txn).await?.is_some();
    let mut sets = search_postings::Sets::default();
    let mut forums_for_search = Some(forums_for_search);
    // In slices, so memory stays bounded at any size; the generator draws the same numbers
    // in the same order as in one piece, so a seed gives the same rows at any slice size.
    let mut first = 0;
    while first < size.recommendations {
        let n = RECOMMENDATION_SLICE.min(size.recommendations - first);
        let tracker = tracker(&mut rng, first..first + n, &org_ids, &forum_days, ids, now);
        first += n;
        ids = tracker.next;
        let forums = forums_for_search.take().unwrap_or_default();
        // The words are cut (on every core) while the slice's rows are written: the database
        // and the cutting each have a core, instead of taking turns.
        let texts = search_texts(&tracker, &forums);
        let mut slice_sets = std::mem::take(&mut sets);
        let indexing = tokio::task::spawn_blocking(move || -> Result<_, DbErr> {
            let words = cut_words(texts);
            let mut rows = Vec::with_capacity(words.len());
            for (kind, id, places) in &words {
                if !searched_before {
                    slice_sets.add_item(kind, *id, places)?;
                }
                rows.push(search_index::item_row(kind, *id, places));
            }
            Ok((rows, slice_sets))
        });
        report.phase("recommendations made", &mut step);
        report.recommendations +=
            insert_all::<recommendation::Entity, _>(&txn, tracker.recs).await?;
        report.addressed +=
            insert_all::<recommendation_body::Entity, _>(&txn, tracker.bodies).await?;
        report.responses += insert_all::<response::Entity, _>(&txn, tracker.responses).await?;
        report.progress_updates +=
            insert_all::<progress_update::Entity, _>(&txn, tracker.progress).await?;
        report.phase("recommendations written", &mut step);
        let (rows, slice_sets) = indexing
            .await
            .map_err(|e| DbErr::Custom(format!("cutting the scale set's words failed: {e}")))??;
        sets = slice_sets;
        report.search_rows += rows.len() as u64;
        insert_all::<search_item::Entity, _>(&txn, rows).await?;
        report.phase("search index written", &mut step);
    }
    if searched_before {
        report.search_rows += search_postings::rebuild(&txn).await? as u64;
    } else {
        let postings = sets.into_rows()?;
        report.search_rows += postings.len() as u64;
        insert_all::<search_posting::Entity, _>(&txn, postings).await?;
    }
    report.phase("search index written", &mut step);

    // Feedback in slices, so a million rows never sit in memory at once; the services
    // summary's counts are kept as they go (counting afterwards took two more passes).
    let spam = ModerationState::Spam;
    let mut counts = tallies::Changes::default();
    // Every random id is drawn first and handed out in key order, so each slice only appends
    // to the primary key (random ids per slice touched most of its pages in every slice).
    let mut ids: Vec<Uuid> = (0..size.feedback)
        .map(|_| uuid::Builder::from_random_bytes(rng.random()).into_uuid())
        .collect();
    ids.sort_unstable();
    for slice in ids.chunks(FEEDBACK_SLICE) {
        let rows: Vec<feedback::ActiveModel> = slice
            .iter()
            .map(|id| one_feedback(&mut rng, *id, &org_ids, now))
            .collect();
        for r in rows.iter().filter(|r| *r.moderation_state.as_ref() != spam) {
            counts.count(
                r.service_type.as_ref(),
                r.province.as_ref(),
                *r.organisation_id.as_ref(),
                r.channel.as_ref(),
                [
                    r.ans_respect.as_ref(),
                    r.ans_safe.as_ref(),
                    r.ans_privacy.as_ref(),
                    r.ans_rights.as_ref(),
                    r.ans_choice.as_ref(),
                    r.ans_helped.as_ref(),
                ],
                1,
            );
        }
        report.feedback += insert_all::<feedback::Entity, _>(&txn, rows).await?;
    }
    counts.save(&txn).await?;
    report.phase("feedback", &mut step);
    recreate_indexes(&txn, deferred).await?;
    cache.restore(&txn).await?;
    if db.get_database_backend() == DbBackend::Postgres {
        advance_sequences(&txn).await?;
    }
    report.phase("indexes", &mut step);
    txn.commit().await?;
    report.phase("commit", &mut step);
    if db.get_database_backend() == DbBackend::Sqlite {
        // Move the load out of the write-ahead log now rather than on some later request,
        // and give the query planner statistics for the new indexes.
        db.execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)")
            .await?;
    }
    if db.get_database_backend() == DbBackend::Postgres {
        // Also marks the new pages all-visible, so index-only scans (a search's count) need
        // not visit the table: autovacuum would get there, but only some time into a run.
        db.execute_unprepared("VACUUM ANALYZE").await?;
    } else {
        db.execute_unprepared("ANALYZE").await?;
    }
    report.phase("statistics", &mut step);
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// The texts to index of the generated recommendations (with their answers) and forums, as
/// `search_index` gathers them: (kind, id, texts), in key order.
fn search_texts(
    tracker: &Tracker,
    forums: &[(i32, search_index::Texts)],
) -> Vec<(&'static str, i32, search_index::Texts)> {
    // In key order, so each page of the primary key is written once.
    let mut texts: BTreeMap<i32, search_index::Texts> = BTreeMap::new();
    let public = tracker.recs.iter().filter(|r| {
        is_public(
            *r.status.as_ref(),
            *r.published_on.as_ref(),
            *r.canonical_id.as_ref(),
        )
    });
    for r in public {
        texts.entry(*r.id.as_ref()).or_default().extend([
            (Some(r.reference.as_ref().clone()), Tier::Title),
            (r.title_km.as_ref().clone(), Tier::Title),
            (r.title_en.as_ref().clone(), Tier::Title),
            (r.body_km.as_ref().clone(), Tier::Text),
            (r.body_en.as_ref().clone(), Tier::Text),
        ]);
    }
    // Answers and notes of what is not public are left out with it.
    for a in &tracker.responses {
        let Some(texts) = texts.get_mut(a.recommendation_id.as_ref()) else {
            continue;
        };
        texts.extend(
            [&a.text_km, &a.text_en, &a.commitment_km, &a.commitment_en]
                .map(|t| (t.as_ref().clone(), Tier::Answer)),
        );
    }
    for p in &tracker.progress {
        let Some(texts) = texts.get_mut(p.recommendation_id.as_ref()) else {
            continue;
        };
        texts.extend([&p.note_km, &p.note_en].map(|t| (t.as_ref().clone(), Tier::Answer)));
    }
    forums
        .iter()
        .map(|(id, texts)| (search_index::FORUM, *id, texts.clone()))
        .chain(
            texts
                .into_iter()
                .map(|(id, texts)| (search_index::RECOMMENDATION, id, texts)),
        )
        .collect()
}

/// Each item's words, made the way `search_index` makes them (an item without any is left
/// out, as it would be). Cutting texts into words is most of making the index: it runs on
/// every core, in slices whose rows are joined back in order.
fn cut_words(
    items: Vec<(&'static str, i32, search_index::Texts)>,
) -> Vec<(&'static str, i32, WordPlaces)> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let slice = items.len().div_ceil(cores).max(1);
    let mut rows = Vec::with_capacity(items.len());
    std::thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks(slice)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|(kind, id, texts)| (*kind, *id, search_index::places_for(texts)))
                        .filter(|(_, _, places)| !places.is_empty())
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for worker in workers {
            match worker.join() {
                Ok(part) => rows.extend(part),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
    });
    rows
}

/// The first free id of a table (the scale set writes its ids itself, to link rows without
/// reading them back).
async fn next_id<C: ConnectionTrait>(db: &C, table: &str) -> Result<i32, DbErr> {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            format!("SELECT CAST(COALESCE(MAX(id), 0) + 1 AS BIGINT) AS next FROM {table}"),
        ))
        .await?;
    Ok(match row {
        Some(row) => row.try_get::<i64>("", "next").map(|n| n as i32)?,
        None => 1,
    })
}

/// PostgreSQL's id sequences do not move for ids written explicitly: move them past ours.
async fn advance_sequences<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    for table in [
        "organisations",
        "forums",
        "recommendations",
        "responses",
        "progress_updates",
    ] {
        db.execute_unprepared(&format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
             (SELECT COALESCE(MAX(id), 1) FROM {table}))"
        ))
        .await?;
    }
    Ok(())
}

/// Tables whose secondary indexes (and, on PostgreSQL, foreign keys) are made once after the
/// load instead of kept row by row.
const DEFERRED_INDEX_TABLES: &[&str] = &[
    "feedback",
    "recommendations",
    "recommendation_bodies",
    "responses",
    "progress_updates",
];

/// An index or constraint dropped for the load: the statements that drop it and make it again.
struct Deferred {
    drop: String,
    make: String,
}

/// Drops the named tables' secondary indexes, and on PostgreSQL their foreign keys: an index
/// built from sorted rows at the end costs a fraction of keeping it up to date through a
/// million inserts, on both databases, and a foreign key checked once for the whole table
/// (when it is made again) a fraction of a lookup per row (as `pg_dump` loads). Inside the
/// load's transaction, so a failed load gets them back on rollback. (SQLite cannot drop a
/// foreign key, nor turn the checks off inside a transaction.)
async fn defer_indexes<C: ConnectionTrait>(
    db: &C,
    tables: &[&str],
) -> Result<Vec<Deferred>, DbErr> {
    let backend = db.get_database_backend();
    // Indexes behind UNIQUE and PRIMARY KEY constraints stay: SQLite gives them no SQL and
    // cannot drop them; PostgreSQL names them in `pg_constraint`.
    let indexes = match backend {
        DbBackend::Sqlite => {
            "SELECT name, sql FROM sqlite_master \
             WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL"
        }
        _ => {
            "SELECT i.relname AS name, pg_get_indexdef(i.oid) AS sql \
             FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid \
             JOIN pg_class t ON t.oid = x.indrelid \
             WHERE t.relname = $1 AND pg_table_is_visible(t.oid) \
             AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)"
        }
    };
    let foreign_keys = "SELECT c.conname AS name, pg_get_constraintdef(c.oid) AS sql \
         FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid \
         WHERE t.relname = $1 AND pg_table_is_visible(t.oid) AND c.contype = 'f'";
    let mut indexes_found = Vec::new();
    let mut keys_found = Vec::new();
    for table in tables {
        for row in query_rows(db, indexes, table).await? {
            let name: String = row.try_get("", "name")?;
            indexes_found.push(Deferred {
                drop: format!("DROP INDEX \"{name}\""),
                make: row.try_get("", "sql")?,
            });
        }
        if backend != DbBackend::Postgres {
            continue;
        }
        for row in query_rows(db, foreign_keys, table).await? {
            let name: String = row.try_get("", "name")?;
            let definition: String = row.try_get("", "sql")?;
            keys_found.push(Deferred {
                drop: format!("ALTER TABLE \"{table}\" DROP CONSTRAINT \"{name}\""),
                make: format!("ALTER TABLE \"{table}\" ADD CONSTRAINT \"{name}\" {definition}"),
            });
        }
    }
    // Made again in this order: the indexes, then the keys checked against the data.
    let deferred: Vec<Deferred> = indexes_found.into_iter().chain(keys_found).collect();
    for item in &deferred {
        db.execute_unprepared(&item.drop).await?;
    }
    Ok(deferred)
}

async fn query_rows<C: ConnectionTrait>(
    db: &C,
    sql: &str,
    table: &str,
) -> Result<Vec<sea_orm::QueryResult>, DbErr> {
    db.query_all_raw(Statement::from_sql_and_values(
        db.get_database_backend(),
        sql,
        [table.into()],
    ))
    .await
}

/// Memory and threads for the load. SQLite's page cache (16 MiB on our connections) spilled
/// the load's pages to the write-ahead log again and again before its one commit, and it sorts
/// for an index on one thread unless told otherwise; PostgreSQL sorts each deferred index in
/// `maintenance_work_mem` (64 MiB by default) instead of on disk.
enum LoadCache {
    Sqlite { pages: i64 },
    Postgres,
}

impl LoadCache {
    async fn enlarge<C: ConnectionTrait>(db: &C) -> Result<Self, DbErr> {
        if db.get_database_backend() == DbBackend::Postgres {
            // SET LOCAL: ends with the load's transaction, on this connection only.
            db.execute_unprepared("SET LOCAL maintenance_work_mem = '512MB'")
                .await?;
            return Ok(Self::Postgres);
        }
        let pages = match db
            .query_one_raw(Statement::from_string(
                DbBackend::Sqlite,
                "PRAGMA cache_size",
            ))
            .await?
        {
            Some(row) => row.try_get_by_index::<i64>(0)?,
            None => -16384,
        };
        db.execute_unprepared("PRAGMA cache_size = -524288").await?;
        // Sorting for the deferred indexes on more than one core.
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        db.execute_unprepared(&format!("PRAGMA threads = {}", cores.min(8)))
            .await?;
        Ok(Self::Sqlite { pages })
    }

    /// Gives the pooled connection its usual cache back.
    async fn restore<C: ConnectionTrait>(self, db: &C) -> Result<(), DbErr> {
        match self {
            Self::Sqlite { pages } => {
                db.execute_unprepared(&format!("PRAGMA cache_size = {pages}"))
                    .await?;
                db.execute_unprepared("PRAGMA threads = 0").await?;
            }
            Self::Postgres => {}
        }
        Ok(())
    }
}

async fn recreate_indexes<C: ConnectionTrait>(
    db: &C,
    deferred: Vec<Deferred>,
) -> Result<(), DbErr> {
    for item in deferred {
        db.execute_unprepared(&item.make).await?;
    }
    Ok(())
}

/// Inserts rows in multi-row statements.
async fn insert_all<E, A>(db: &impl ConnectionTrait, rows: Vec<A>) -> Result<u64, DbErr>
where
    E: EntityTrait,
    A: sea_orm::ActiveModelTrait<Entity = E> + Send,
{
    let total = rows.len() as u64;
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let batch: Vec<A> = rows.by_ref().take(ROWS_PER_INSERT).collect();
        E::insert_many(batch).exec_without_returning(db).await?;
    }
    Ok(total)
}

fn organisations(
    rng: &mut StdRng,
    n: u32,
    first_id: i32,
    now: DateTimeUtc,
) -> Vec<organisation::ActiveModel> {
    (0..n)
        .map(|i| {
            let kind = *OrgKind::ALL.choose(rng).unwrap_or(&OrgKind::Ngo);
            let (km, en) = ORG_KINDS_NAMES
                .iter()
                .find(|(k, _, _)| *k == kind)
                .map(|(_, km, en)| (*km, *en))
                .unwrap_or(("អង្គការ", "Organisation"));
            let place = Province::ALL[i as usize % Province::ALL.len()];
            organisation::ActiveModel {
                id: Set(first_id + i as i32),
                code: Set(format!("{CODE_PREFIX}{:03}", i + 1)),
                name_km: Set(Some(format!(
                    "{km} {} {}",
                    province_name(Lang::Km, place),
                    to_khmer_digits(&(i + 1).to_string())
                ))),
                name_en: Set(Some(format!(
                    "{en} {} {}",
                    province_name(Lang::En, place),
                    i + 1
                ))),
                original_lang: Set("km".into()),
                kind: Set(kind),
                is_demo: Set(false),
                answers_need_approval: Set(false),
                created_at: Set(now),
            }
        })
        .collect()
}

const ORG_KINDS_NAMES: &[(OrgKind, &str, &str)] = &[
    (OrgKind::Government, "មន្ទីរសង្គមកិច្ច", "Social affairs department"),
    (OrgKind::Ngo, "អង្គការជំនួយ", "Support organisation"),
    (OrgKind::Donor, "មូលនិធិ", "Fund"),
    (
        OrgKind::International,
        "ទីភ្នាក់ងារអន្តរជាតិ",
        "International agency",
    ),
];

fn forums(rng: &mut StdRng, n: u32, first_id: i32, now: DateTimeUtc) -> Vec<forum::ActiveModel> {
    (0..n)
        .map(|i| {
            let province = *Province::ALL.choose(rng).unwrap_or(&Province::SiemReap);
            let starts_on = day_before(now, rng.random_range(60..3650));
            let ends_on = starts_on + Days::new(rng.random_range(0..3));
            forum::ActiveModel {
                id: Set(first_id + i as i32),
                title_km: Set(Some(format!(
                    "វេទិកាអ្នករស់រានមានជីវិត {} លើកទី{}",
                    province_name(Lang::Km, province),
                    to_khmer_digits(&(i + 1).to_string())
                ))),
                title_en: Set(Some(format!(
                    "Survivor forum, {}, no. {}",
                    province_name(Lang::En, province),
                    i + 1
                ))),
                original_lang: Set("km".into()),
                province: Set(province.code().into()),
                starts_on: Set(starts_on),
                ends_on: Set(ends_on),
                organisers_km: Set(Some("បណ្ដាញប្រឆាំងការជួញដូរមនុស្ស".into())),
                organisers_en: Set(Some("Counter-trafficking network".into())),
                participants: Set(Some(rng.random_range(12..80))),
                summary_km: Set(Some(sentence_km(rng))),
                summary_en: Set(Some("What survivors asked for at this forum.".into())),
                is_demo: Set(false),
                created_at: Set(now),
                published_at: Set(Some(now)),
                ..Default::default()
            }
        })
        .collect()
}

#[derive(Clone, Copy)]
struct Ids {
    recommendation: i32,
    response: i32,
    progress: i32,
}

struct Tracker {
    recs: Vec<recommendation::ActiveModel>,
    bodies: Vec<recommendation_body::ActiveModel>,
    responses: Vec<response::ActiveModel>,
    progress: Vec<progress_update::ActiveModel>,
    /// The first ids after these rows.
    next: Ids,
}

/// Recommendations, whom each is addressed to, and the answers, with the stored status
/// derived exactly as the site derives it. `numbers` are the recommendations' places in the
/// whole set (their references say it), `ids` the first free ids.
fn tracker(
    rng: &mut StdRng,
    numbers: std::ops::Range<u32>,
    org_ids: &[i32],
    forum_days: &[(i32, NaiveDate)],
    mut ids: Ids,
    now: DateTimeUtc,
) -> Tracker {
    let today = now.date_naive();
    let mut out = Tracker {
        recs: Vec::with_capacity(numbers.len()),
        bodies: Vec::new(),
        responses: Vec::new(),
        progress: Vec::new(),
        next: ids,
    };
    for i in numbers {
        let id = ids.recommendation;
        ids.recommendation += 1;
        let &(forum_id, forum_day) = forum_days.choose(rng).unwrap_or(&(0, today));
        let from_forum = forum_id != 0 && rng.random_bool(0.9);
        let published = rng.random_bool(0.97);
        let published_on =
            published.then(|| (forum_day + Days::new(rng.random_range(7..120))).min(today));
        let how_many = rng.random_range(1..=3);
        let mut addressed: Vec<i32> = org_ids.choose_multiple(rng, how_many).copied().collect();
        addressed.sort_unstable();
        let mut answers = Vec::with_capacity(addressed.len());
        let mut open_due: Option<NaiveDate> = None;
        for &org in &addressed {
            out.bodies.push(recommendation_body::ActiveModel {
                recommendation_id: Set(id),
                organisation_id: Set(org),
            });
            let mut answer = BodyAnswer::default();
            if let Some(published_on) = published_on
                && rng.random_bool(0.65)
            {
                let responded_on = (published_on + Days::new(rng.random_range(3..200))).min(today);
                let position = *[
                    Position::Accepted,
                    Position::Accepted,
                    Position::PartiallyAccepted,
                    Position::Noted,
                    Position::Rejected,
                ]
                .choose(rng)
                .unwrap_or(&Position::Noted);
                let committed = position != Position::Rejected && rng.random_bool(0.5);
                let due_on = committed.then(|| responded_on + Days::new(rng.random_range(30..540)));
                out.responses.push(response::ActiveModel {
                    id: Set(ids.response),
                    recommendation_id: Set(id),
                    organisation_id: Set(org),
                    position: Set(position),
                    text_km: Set(Some(sentence_km(rng))),
                    text_en: Set(rng.random_bool(0.8).then(|| sentence_en(rng))),
                    original_lang: Set("km".into()),
                    commitment_km: Set(committed.then(|| sentence_km(rng))),
                    commitment_en: Set(committed.then(|| sentence_en(rng))),
                    due_on: Set(due_on),
                    author_id: Set(None),
                    responded_on: Set(responded_on),
                    corrects_id: Set(None),
                    created_at: Set(now),
                });
                ids.response += 1;
                answer.position = Some(position);
                if matches!(position, Position::Accepted | Position::PartiallyAccepted)
                    && rng.random_bool(0.5)
                {
                    let stage = *[
                        Stage::NotStarted,
                        Stage::InProgress,
                        Stage::InProgress,
                        Stage::Implemented,
                        Stage::Stalled,
                    ]
                    .choose(rng)
                    .unwrap_or(&Stage::InProgress);
                    out.progress.push(progress_update::ActiveModel {
                        id: Set(ids.progress),
                        recommendation_id: Set(id),
                        organisation_id: Set(org),
                        stage: Set(stage),
                        note_km: Set(Some(sentence_km(rng))),
                        note_en: Set(Some(sentence_en(rng))),
                        original_lang: Set("km".into()),
                        author_id: Set(None),
                        reported_on: Set(
                            (responded_on + Days::new(rng.random_range(10..300))).min(today)
                        ),
                        corrects_id: Set(None),
                        created_at: Set(now),
                    });
                    ids.progress += 1;
                    answer.stage = Some(stage);
                }
                if answer.stage != Some(Stage::Implemented) {
                    open_due = match (open_due, due_on) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    };
                }
            }
            answers.push(answer);
        }
        let status = derive_status(published, &answers);
        let theme = *Theme::ALL.choose(rng).unwrap_or(&Theme::Protection);
        out.recs.push(recommendation::ActiveModel {
            id: Set(id),
            reference: Set(format!("N-{:06}", i + 1)),
            forum_id: Set(from_forum.then_some(forum_id)),
            source: Set(if from_forum {
                Source::Forum
            } else {
                Source::SurvivorProposal
            }),
            theme: Set(theme),
            title_km: Set(Some(title_km(rng))),
            title_en: Set(Some(title_en(rng))),
            body_km: Set(Some(sentence_km(rng))),
            body_en: Set(Some(sentence_en(rng))),
            original_lang: Set("km".into()),
            translation_state: Set(TranslationState::Human),
            status: Set(status),
            published_on: Set(published_on),
            earliest_open_due_on: Set(if status == Status::Draft {
                None
            } else {
                open_due
            }),
            canonical_id: Set(None),
            is_demo: Set(false),
            created_at: Set(now),
            updated_at: Set(now),
            discussion_group: Set(None),
            day_order: Set(None),
            is_priority: Set(false),
            day_votes: Set(0),
            phone_votes: Set(0),
        });
    }
    out.next = ids;
    out
}

fn one_feedback(
    rng: &mut StdRng,
    id: Uuid,
    org_ids: &[i32],
    now: DateTimeUtc,
) -> feedback::ActiveModel {
    let answer = |rng: &mut StdRng| {
        let pick: f64 = rng.random();
        match pick {
            p if p < 0.5 => Answer::Yes,
            p if p < 0.75 => Answer::Partly,
            p if p < 0.93 => Answer::No,
            _ => Answer::RatherNotSay,
        }
        .code()
        .to_string()
    };
    let wrote = rng.random_bool(0.1);
    let state = match rng.random_range(0..100) {
        0..=79 => ModerationState::New,
        80..=89 => ModerationState::Published,
        90..=95 => ModerationState::Withheld,
        _ => ModerationState::Spam,
    };
    let text = wrote.then(|| sentence_km(rng));
    feedback::ActiveModel {
        id: Set(id),
        service_type: Set(ServiceType::ALL
            .choose(rng)
            .unwrap_or(&ServiceType::Other)
            .code()
            .into()),
        province: Set(Province::ALL
            .choose(rng)
            .unwrap_or(&Province::PhnomPenh)
            .code()
            .into()),
        organisation_id: Set(rng
            .random_bool(0.8)
            .then(|| org_ids.choose(rng).copied())
            .flatten()),
        ans_respect: Set(answer(rng)),
        ans_safe: Set(answer(rng)),
        ans_privacy: Set(answer(rng)),
        ans_rights: Set(answer(rng)),
        ans_choice: Set(answer(rng)),
        ans_helped: Set(answer(rng)),
        text_lang: Set(wrote.then(|| "km".into())),
        text_redacted: Set(text.clone().filter(|_| state == ModerationState::Published)),
        text_translated: Set(text
            .as_ref()
            .filter(|_| state == ModerationState::Published)
            .map(|_| sentence_en(rng))),
        kept_flags: Set(None),
        text_original: Set(text),
        moderation_state: Set(state),
        received_on: Set(day_before(now, rng.random_range(0..1095))),
        channel: Set(Channel::Online.code().into()),
    }
}

fn province_name(lang: Lang, province: Province) -> String {
    i18n::t(lang, &format!("province-{}", province.code()))
}

fn day_before(now: DateTimeUtc, days: u64) -> NaiveDate {
    now.date_naive() - Days::new(days)
}

/// Who, does what, where: small bilingual pieces that make varied, readable sentences.
const WHO: &[(&str, &str)] = &[
    ("នគរបាល", "The police"),
    ("បុគ្គលិកមណ្ឌលស្នាក់នៅបណ្ដោះអាសន្ន", "Shelter staff"),
    ("តុលាការ", "The courts"),
    ("មេធាវី", "Lawyers"),
    ("អាជ្ញាធរភូមិ", "Village authorities"),
    ("ក្រសួងការងារ", "The labour ministry"),
    ("អង្គការមិនមែនរដ្ឋាភិបាល", "NGOs"),
];
const DOES: &[(&str, &str)] = &[
    (
        "គួរស្ដាប់អ្នករស់រានមានជីវិតដោយគោរព",
        "should listen to survivors with respect",
    ),
    (
        "គួររក្សាព័ត៌មានរបស់អ្នករស់រានមានជីវិតជាការសម្ងាត់",
        "should keep survivors' details private",
    ),
    ("គួរពន្យល់សិទ្ធិជាភាសាខ្មែរ", "should explain rights in Khmer"),
    ("គួរផ្ដល់ការបណ្ដុះបណ្ដាលជំនាញ", "should offer skills training"),
    (
        "គួរជួយរកការងារដែលមានសុវត្ថិភាព",
        "should help people find safe work",
    ),
    ("គួរដំណើរការរឿងក្ដីឱ្យបានលឿន", "should move cases forward quickly"),
    (
        "គួរផ្ដល់សេវាសុខាភិបាលដោយឥតគិតថ្លៃ",
        "should give health care free of charge",
    ),
];
const WHERE: &[(&str, &str)] = &[
    ("នៅគ្រប់ខេត្ត", "in every province"),
    ("នៅតាមព្រំដែន", "at the borders"),
    ("នៅក្នុងភូមិ", "in villages"),
    ("ក្រោយពេលត្រឡប់មកផ្ទះវិញ", "after people come home"),
];

fn title_km(rng: &mut StdRng) -> String {
    let (who, does) = (pick(rng, WHO).0, pick(rng, DOES).0);
    format!("{who}{does}")
}

fn title_en(rng: &mut StdRng) -> String {
    let (who, does) = (pick(rng, WHO).1, pick(rng, DOES).1);
    format!("{who} {does}")
}

fn sentence_km(rng: &mut StdRng) -> String {
    let (who, does, place) = (pick(rng, WHO).0, pick(rng, DOES).0, pick(rng, WHERE).0);
    format!("{who}{does}{place}។")
}

fn sentence_en(rng: &mut StdRng) -> String {
    let (who, does, place) = (pick(rng, WHO).1, pick(rng, DOES).1, pick(rng, WHERE).1);
    format!("{who} {does} {place}.")
}

fn pick(
    rng: &mut StdRng,
    from: &'static [(&'static str, &'static str)],
) -> (&'static str, &'static str) {
    *from.choose(rng).unwrap_or(&("", ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_rows() {
        let now = Utc::now();
        let make = |seed| {
            let mut rng = StdRng::seed_from_u64(seed);
            let t = tracker(
                &mut rng,
                0..200,
                &[1, 2, 3, 4],
                &[(1, now.date_naive())],
                Ids {
                    recommendation: 1,
                    response: 1,
                    progress: 1,
                },
                now,
            );
            t.recs
                .iter()
                .map(|r| (r.title_en.clone(), r.status.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(make(7), make(7));
        assert_ne!(make(7), make(8));
    }

    #[test]
    fn slices_give_the_rows_one_piece_gives() {
        let now = Utc::now();
        let days = [(1, now.date_naive() - Days::new(100))];
        let first = Ids {
            recommendation: 10,
            response: 20,
            progress: 30,
        };
        let rows = |t: &Tracker| {
            let recs: Vec<_> = t
                .recs
                .iter()
                .map(|r| (r.id.clone(), r.reference.clone(), r.title_en.clone()))
                .collect();
            let responses: Vec<_> = t
                .responses
                .iter()
                .map(|a| (a.id.clone(), a.recommendation_id.clone(), a.text_km.clone()))
                .collect();
            let progress: Vec<_> = t.progress.iter().map(|p| p.id.clone()).collect();
            (recs, responses, progress)
        };
        let mut rng = StdRng::seed_from_u64(3);
        let whole = tracker(&mut rng, 0..300, &[1, 2, 3], &days, first, now);
        let mut rng = StdRng::seed_from_u64(3);
        let a = tracker(&mut rng, 0..120, &[1, 2, 3], &days, first, now);
        let b = tracker(&mut rng, 120..300, &[1, 2, 3], &days, a.next, now);
        let (mut recs, mut responses, mut progress) = rows(&a);
        let (r, a2, p) = rows(&b);
        recs.extend(r);
        responses.extend(a2);
        progress.extend(p);
        assert_eq!((recs, responses, progress), rows(&whole));
        assert_eq!(b.next.recommendation, whole.next.recommendation);
        assert_eq!(b.next.response, whole.next.response);
        assert_eq!(b.next.progress, whole.next.progress);
    }

    #[test]
    fn stored_statuses_cover_every_public_status() {
        let now = Utc::now();
        let mut rng = StdRng::seed_from_u64(1);
        let t = tracker(
            &mut rng,
            0..2000,
            &[1, 2, 3, 4, 5],
            &[(1, now.date_naive() - Days::new(400))],
            Ids {
                recommendation: 1,
                response: 1,
                progress: 1,
            },
            now,
        );
        for status in Status::PUBLIC {
            assert!(
                t.recs.iter().any(|r| r.status.as_ref() == status),
                "no {status:?}"
            );
        }
    }
}
