//! Aggregates over the scale data set's million feedback rows: everyone's services summary
//! and the busiest organisation's (its officials' dashboard). Criterion measures the mean;
//! the lines after it give the p99 of the same calls against the goal (< 50 ms).
//! Run by `scripts/bench`, which loads the data set and sets SAMLENG_BENCH_DATABASE_URL.
use std::time::{Duration, Instant};

use app::ssr::{db, store::services::summary};
use criterion::{Criterion, criterion_group, criterion_main};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use tokio::runtime::Runtime;

const GOAL_P99: Duration = Duration::from_millis(50);
const P99_SAMPLES: usize = 300;

fn database(rt: &Runtime) -> Option<DatabaseConnection> {
    let url = std::env::var("SAMLENG_BENCH_DATABASE_URL").ok()?;
    match rt.block_on(db::connect(&url)) {
        Ok(conn) => Some(conn),
        Err(e) => panic!("cannot open {url}: {e}"),
    }
}

/// The organisation with the most feedback.
async fn busiest(db: &DatabaseConnection) -> i32 {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT organisation_id FROM feedback WHERE organisation_id IS NOT NULL \
             GROUP BY organisation_id ORDER BY COUNT(*) DESC LIMIT 1",
        ))
        .await;
    match row {
        Ok(Some(row)) => row.try_get("", "organisation_id").unwrap_or(1),
        _ => 1,
    }
}

fn p99(mut call: impl FnMut() -> Duration) -> Duration {
    let mut times: Vec<Duration> = (0..P99_SAMPLES).map(|_| call()).collect();
    times.sort();
    times[(times.len() * 99).div_ceil(100) - 1]
}

fn report(name: &str, p99: Duration) {
    let ratio = p99.as_secs_f64() / GOAL_P99.as_secs_f64();
    println!(
        "RESULT {name}: p99 {:.2} ms; goal < {} ms; ratio {ratio:.2} ({})",
        p99.as_secs_f64() * 1000.0,
        GOAL_P99.as_millis(),
        if p99 < GOAL_P99 { "met" } else { "MISSED" }
    );
}

fn aggregates(c: &mut Criterion) {
    let rt = match Runtime::new() {
        Ok(rt) => rt,
        Err(e) => panic!("{e}"),
    };
    let Some(db) = database(&rt) else {
        eprintln!("SAMLENG_BENCH_DATABASE_URL is not set: run scripts/bench");
        return;
    };
    let org = rt.block_on(busiest(&db));
    for (name, organisation) in [
        ("services summary, everyone", None),
        ("services summary, busiest organisation", Some(org)),
    ] {
        c.bench_function(name, |b| {
            b.to_async(&rt).iter(|| async {
                if let Err(e) = summary(&db, organisation, chrono::Utc::now().date_naive()).await {
                    panic!("{e}");
                }
            })
        });
        let p = p99(|| {
            let started = Instant::now();
            if let Err(e) = rt.block_on(summary(&db, organisation, chrono::Utc::now().date_naive()))
            {
                panic!("{e}");
            }
            started.elapsed()
        });
        report(name, p);
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(Duration::from_secs(5));
    targets = aggregates
}
criterion_main!(benches);
