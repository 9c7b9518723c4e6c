//! Nothing acknowledged is lost: survivors submit at once, the server is killed with
//! SIGKILL in the middle, and after a restart every receipt code they were shown still opens
//! its thread. On SQLite and PostgreSQL; and with two servers on one PostgreSQL database,
//! one of them killed while both take submissions.
use std::{
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
    time::Duration,
};

use tests::{
    Backend, fresh_postgres,
    process::ServerProcess,
    sqlite_url,
    survivor::{receipt_resolves, submit_feedback},
    temp_dir,
};

/// Survivors submitting at the same time.
const CLIENTS: usize = 16;
/// Acknowledged submissions to wait for before the kill.
const BEFORE_KILL: usize = 24;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_receipt_shown_before_a_kill_9_resolves_after_restart() {
    let mut databases = vec![(Backend::Sqlite, sqlite_url())];
    if let Some(url) = fresh_postgres().await {
        databases.push((Backend::Postgres, url));
    }
    for (backend, url) in databases {
        let secret = temp_dir().join("samleng.key");
        let server = ServerProcess::start(backend, &url, &secret).await;
        let seen: Arc<Mutex<Vec<String>>> = Arc::default();
        let clients: Vec<_> = (0..CLIENTS)
            .map(|_| {
                let app = server.app.clone();
                let seen = seen.clone();
                tokio::spawn(async move {
                    // Until the server is gone: each code is kept only once the page showed it.
                    while let Some(code) = submit_feedback(&app, "The shelter was safe.").await {
                        seen.lock().map(|mut s| s.push(code)).ok();
                    }
                })
            })
            .collect();
        let started = std::time::Instant::now();
        while seen.lock().map(|s| s.len()).unwrap_or_default() < BEFORE_KILL {
            assert!(
                started.elapsed() < Duration::from_secs(120),
                "{backend:?}: too few submissions were acknowledged"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        server.kill_9();
        for client in clients {
            let _ = client.await;
        }
        let seen = seen.lock().map(|s| s.clone()).unwrap_or_default();
        assert!(seen.len() >= BEFORE_KILL, "{backend:?}");

        let server = ServerProcess::start(backend, &url, &secret).await;
        let mut lost = Vec::new();
        for code in &seen {
            if !receipt_resolves(&server.app, code).await {
                lost.push(code.clone());
            }
        }
        assert!(
            lost.is_empty(),
            "{backend:?}: {} of {} acknowledged receipts lost",
            lost.len(),
            seen.len()
        );
    }
}

/// How many acknowledged submissions are in `seen`.
fn acknowledged(seen: &Mutex<Vec<String>>) -> usize {
    seen.lock().map(|s| s.len()).unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn killing_one_of_two_servers_loses_nothing_either_acknowledged() {
    let Some(url) = fresh_postgres().await else {
        eprintln!("no PostgreSQL (TEST_DATABASE_URL): two servers need one");
        return;
    };
    let secret = temp_dir().join("samleng.key");
    let doomed = ServerProcess::start(Backend::Postgres, &url, &secret).await;
    let survivor = ServerProcess::start(Backend::Postgres, &url, &secret).await;
    let seen: Arc<Mutex<Vec<String>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    // Half the survivors reach one server, half the other, as a proxy would share them out.
    let clients: Vec<_> = (0..CLIENTS)
        .map(|i| {
            let app = if i % 2 == 0 {
                doomed.app.clone()
            } else {
                survivor.app.clone()
            };
            let (seen, stop) = (seen.clone(), stop.clone());
            tokio::spawn(async move {
                while !stop.load(Ordering::Acquire)
                    && let Some(code) = submit_feedback(&app, "Two servers, one killed.").await
                {
                    seen.lock().map(|mut s| s.push(code)).ok();
                }
            })
        })
        .collect();
    let started = std::time::Instant::now();
    let wait_for = |count: usize| {
        let seen = seen.clone();
        async move {
            while acknowledged(&seen) < count {
                assert!(
                    started.elapsed() < Duration::from_secs(120),
                    "too few submissions were acknowledged"
                );
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
    };
    wait_for(BEFORE_KILL).await;
    doomed.kill_9();
    // The other server goes on taking submissions.
    let at_kill = acknowledged(&seen);
    wait_for(at_kill + BEFORE_KILL / 2).await;
    stop.store(true, Ordering::Release);
    for client in clients {
        let _ = client.await;
    }
    let seen = seen.lock().map(|s| s.clone()).unwrap_or_default();
    let mut lost = Vec::new();
    for code in &seen {
        if !receipt_resolves(&survivor.app, code).await {
            lost.push(code.clone());
        }
    }
    assert!(
        lost.is_empty(),
        "{} of {} acknowledged receipts lost",
        lost.len(),
        seen.len()
    );
}
