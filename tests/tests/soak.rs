//! The CI version of the soak run (`scripts/bench` runs it for 5 minutes): 200 clients at
//! once, most reading public pages, some giving feedback, for 20 seconds. Not one request
//! may fail, and memory must not keep growing.
use std::{
    sync::{
        Arc,
        atomic::{AtomicBool, AtomicU64, Ordering},
    },
    time::Duration,
};

use tests::{apps, survivor::submit_feedback};

const READERS: usize = 150;
const WRITERS: usize = 50;
const RUN: Duration = Duration::from_secs(20);
const WARM_UP: Duration = Duration::from_secs(5);

const PAGES: [&str; 6] = [
    "/en/recommendations",
    "/km/recommendations",
    "/en/recommendations?page=2",
    "/km/services",
    "/en/forums/1",
    "/km/feedback",
];

/// This process's resident memory in KiB (the servers run inside it).
fn resident_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_clients_for_twenty_seconds_without_one_failure() {
    for app in apps() {
        soak(app).await;
    }
}

async fn soak(app: &tests::TestApp) {
    let stop = Arc::new(AtomicBool::new(false));
    let (served, failed, acknowledged) = (
        Arc::new(AtomicU64::new(0)),
        Arc::new(AtomicU64::new(0)),
        Arc::new(AtomicU64::new(0)),
    );
    let http = match reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .pool_max_idle_per_host(READERS)
        .build()
    {
        Ok(c) => c,
        Err(e) => panic!("{e}"),
    };
    let mut clients = Vec::new();
    for n in 0..READERS {
        let (http, app, stop, served, failed) = (
            http.clone(),
            app.clone(),
            stop.clone(),
            served.clone(),
            failed.clone(),
        );
        clients.push(tokio::spawn(async move {
            let mut i = n;
            while !stop.load(Ordering::Relaxed) {
                let path = PAGES[i % PAGES.len()];
                i += 1;
                let ok = match http.get(app.url(path)).send().await {
                    Ok(r) => r.status().is_success() && r.bytes().await.is_ok(),
                    Err(_) => false,
                };
                let counter = if ok { &served } else { &failed };
                counter.fetch_add(1, Ordering::Relaxed);
            }
        }));
    }
    for _ in 0..WRITERS {
        let (app, stop, acknowledged, failed) = (
            app.clone(),
            stop.clone(),
            acknowledged.clone(),
            failed.clone(),
        );
        clients.push(tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                match submit_feedback(&app, "The shelter staff listened to me.").await {
                    Some(_) => acknowledged.fetch_add(1, Ordering::Relaxed),
                    None => failed.fetch_add(1, Ordering::Relaxed),
                };
            }
        }));
    }
    tokio::time::sleep(WARM_UP).await;
    let warm = resident_kib();
    tokio::time::sleep(RUN - WARM_UP).await;
    stop.store(true, Ordering::Relaxed);
    for client in clients {
        let _ = client.await;
    }
    let end = resident_kib();
    let (served, failed, acknowledged) = (
        served.load(Ordering::Relaxed),
        failed.load(Ordering::Relaxed),
        acknowledged.load(Ordering::Relaxed),
    );
    println!(
        "soak {:?}: {served} pages, {acknowledged} submissions, {failed} failed; \
         memory {} MB after warm-up, {} MB at the end",
        app.backend,
        warm / 1024,
        end / 1024
    );
    assert_eq!(failed, 0, "{:?}: requests failed under load", app.backend);
    assert!(served > 0 && acknowledged > 0, "the load never ran");
    // Flat: caches and pools fill during warm-up; after it, no more than a little growth.
    assert!(
        end <= warm + warm / 2 + 32 * 1024,
        "memory kept growing: {warm} KiB after warm-up, {end} KiB at the end"
    );
}
