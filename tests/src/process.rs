//! The `samleng` binary as a process of its own, for tests that kill it with SIGKILL.
use std::{
    net::TcpListener,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use app::ssr::clock::Clock;

use crate::{Backend, TestApp, temp_dir, workspace_root};

pub struct ServerProcess {
    child: Child,
    pub app: TestApp,
}

/// The server binary `cargo leptos build` makes (`scripts/test` runs it first).
fn binary() -> PathBuf {
    let path = workspace_root().join("target/debug/samleng");
    if !path.is_file() {
        panic!(
            "{} is missing: run `cargo leptos build` first (scripts/test does)",
            path.display()
        );
    }
    path
}

fn free_port() -> u16 {
    match TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()) {
        Ok(addr) => addr.port(),
        Err(e) => panic!("no free port: {e}"),
    }
}

impl ServerProcess {
    /// Starts `samleng serve` on `database_url` with this server secret, and waits until it
    /// answers.
    pub async fn start(backend: Backend, database_url: &str, secret_file: &Path) -> Self {
        let port = free_port();
        let outbox = temp_dir().join("outbox");
        let child = Command::new(binary())
            .arg("serve")
            .env("DATABASE_URL", database_url)
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("LEPTOS_SITE_ROOT", workspace_root().join("target/site"))
            .env("SAMLENG_SECRET_FILE", secret_file)
            .env("SAMLENG_OUTBOX_DIR", &outbox)
            .env("SAMLENG_DEV_HTTP", "1")
            .env("SAMLENG_LIMIT_SUBMISSIONS", "1000000")
            .env("SAMLENG_LIMIT_LOOKUPS", "1000000")
            .env("SAMLENG_LIMIT_GLOBAL", "1000000")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .spawn();
        let child = match child {
            Ok(c) => c,
            Err(e) => panic!("cannot start {}: {e}", binary().display()),
        };
        let app = TestApp {
            backend,
            base: format!("http://127.0.0.1:{port}"),
            database_url: database_url.to_string(),
            clock: Clock::default(),
            outbox,
            secret_file: secret_file.to_path_buf(),
        };
        let mut server = Self { child, app };
        server.wait_until_up().await;
        server
    }

    async fn wait_until_up(&mut self) {
        let started = Instant::now();
        let url = self.app.url("/en/feedback");
        while started.elapsed() < Duration::from_secs(120) {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("the server exited at start: {status}");
            }
            if reqwest::get(&url)
                .await
                .is_ok_and(|r| r.status().is_success())
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the server did not answer within two minutes");
    }

    /// SIGKILL: no shutdown, no flushing, as in a crash or a power cut of the process.
    pub fn kill_9(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
