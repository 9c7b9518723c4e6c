//! A snapshot taken while survivors keep submitting restores into an empty database, passes
//! the integrity check, and holds every submission acknowledged before it was taken.
//! SQLite through `samleng backup`/`restore`; PostgreSQL through pg_dump/pg_restore as the
//! README shows.
use std::{
    path::Path,
    process::Command,
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
    time::Duration,
};

use app::ssr::{backup, db};
use tests::{
    Backend, TestApp, app_on, apps, fresh_postgres, sqlite_url,
    survivor::{receipt_resolves, submit_feedback},
    temp_dir,
};

const CLIENTS: usize = 6;

/// Submits from several clients until told to stop; returns the codes acknowledged before
/// `snapshot` began, after running it while the writes go on.
async fn snapshot_during_writes<F, Fut>(app: &TestApp, snapshot: F) -> Vec<String>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let seen: Arc<Mutex<Vec<String>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let clients: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (app, seen, stop) = (app.clone(), seen.clone(), stop.clone());
            tokio::spawn(async move {
                while !stop.load(Ordering::Relaxed) {
                    if let Some(code) = submit_feedback(&app, "Kept safe.").await {
                        seen.lock().map(|mut s| s.push(code)).ok();
                    }
                }
            })
        })
        .collect();
    while seen.lock().map(|s| s.len()).unwrap_or_default() < 12 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let before = seen.lock().map(|s| s.clone()).unwrap_or_default();
    snapshot().await;
    // Writes go on for a moment after the snapshot, too.
    tokio::time::sleep(Duration::from_millis(300)).await;
    stop.store(true, Ordering::Relaxed);
    for client in clients {
        let _ = client.await;
    }
    assert!(
        seen.lock().map(|s| s.len()).unwrap_or_default() > before.len(),
        "no writes went on around the snapshot"
    );
    before
}

async fn assert_all_resolve(restored: &TestApp, codes: &[String]) {
    for code in codes {
        assert!(
            receipt_resolves(restored, code).await,
            "{:?}: an acknowledged submission is missing from the restored copy",
            restored.backend
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_sqlite_snapshot_taken_during_writes_restores_every_acknowledged_submission() {
    let app = &apps()[0];
    let live = app.db().await;
    let file = temp_dir().join("snapshot.db");
    let acknowledged = snapshot_during_writes(app, || async {
        if let Err(e) = backup::backup(&live, &file).await {
            panic!("backup failed: {e}");
        }
    })
    .await;
    assert!(
        matches!(
            backup::backup(&live, &file).await,
            Err(backup::BackupError::Exists(_))
        ),
        "a snapshot must never overwrite a file"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file)
            .map(|m| m.permissions().mode() & 0o777)
            .unwrap_or_default();
        assert_eq!(mode, 0o600, "a snapshot is readable by the server only");
    }

    let url = sqlite_url();
    let rows = match backup::restore(&url, &file).await {
        Ok(rows) => rows,
        Err(e) => panic!("restore failed: {e}"),
    };
    assert!(rows > acknowledged.len() as u64);
    let restored = match db::connect(&url).await {
        Ok(c) => c,
        Err(e) => panic!("cannot open the restored copy: {e}"),
    };
    assert_eq!(
        backup::integrity_check(&restored, "main")
            .await
            .ok()
            .as_deref(),
        Some("ok")
    );
    assert!(
        matches!(
            backup::restore(&url, &file).await,
            Err(backup::BackupError::NotEmpty(_))
        ),
        "a restore must never mix into a database with data"
    );
    let restored_app = app_on(Backend::Sqlite, url, app.secret_file.clone());
    assert_all_resolve(&restored_app, &acknowledged).await;
}

#[tokio::test]
async fn a_restore_refuses_what_is_not_a_snapshot() {
    let not_a_database = temp_dir().join("notes.db");
    if let Err(e) = std::fs::write(&not_a_database, b"just some text, not SQLite") {
        panic!("cannot write {}: {e}", not_a_database.display());
    }
    for file in [
        not_a_database.as_path(),
        Path::new("/nonexistent/snapshot.db"),
    ] {
        assert!(matches!(
            backup::restore(&sqlite_url(), file).await,
            Err(backup::BackupError::BadSnapshot(..))
        ));
    }
}

fn run(command: &mut Command) {
    match command.status() {
        Ok(status) if status.success() => {}
        Ok(status) => panic!("{command:?}: {status}"),
        Err(e) => panic!("{command:?}: {e}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_pg_dump_taken_during_writes_restores_every_acknowledged_submission() {
    let Some(app) = apps().iter().find(|a| a.backend == Backend::Postgres) else {
        return; // PostgreSQL is tested when TEST_DATABASE_URL is set.
    };
    let file = temp_dir().join("snapshot.dump");
    let acknowledged = snapshot_during_writes(app, || async {
        run(Command::new("pg_dump")
            .args(["--format=custom", "--file"])
            .arg(&file)
            .arg(&app.database_url));
    })
    .await;
    let Some(url) = fresh_postgres().await else {
        return;
    };
    run(Command::new("pg_restore")
        .args(["--no-owner", "--exit-on-error", "--dbname"])
        .arg(&url)
        .arg(&file));
    let restored_app = app_on(Backend::Postgres, url, app.secret_file.clone());
    assert_all_resolve(&restored_app, &acknowledged).await;
}
