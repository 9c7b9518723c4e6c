//! Nothing acknowledged is lost: survivors submit at once, the server is killed with
//! SIGKILL in the middle, and after a restart every receipt code they were shown still opens
//! its thread. On SQLite and PostgreSQL.
use std::{
    sync::{Arc, Mutex},
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
