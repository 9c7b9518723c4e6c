//! Test harness: starts the real Samleng server once per test file and backend, each on
//! a random port with a fresh database holding the demo data.
pub mod fixtures;
pub mod logs;
pub mod process;
pub mod reply;
pub mod sealed;
pub mod session;
pub mod survivor;
pub mod tallies;
pub mod tracker;

use std::{
    collections::HashMap,
    panic::Location,
    path::PathBuf,
    sync::{
        Mutex, OnceLock,
        atomic::{AtomicU64, Ordering},
        mpsc,
    },
    time::Duration,
};

use app::ssr::{anonymous_gate::AnonymousLimits, clock::Clock, db, seed, settings};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr, Statement};
use server::{
    config::{Config, MailConfig},
    startup::Application,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// One running server.
#[derive(Clone, Debug)]
pub struct TestApp {
    pub backend: Backend,
    /// `http://127.0.0.1:PORT`
    pub base: String,
    pub database_url: String,
    /// The server's clock: tests move it forward to prove expiries.
    pub clock: Clock,
    /// Where the server writes its email, one `.eml` file per message.
    pub outbox: PathBuf,
    /// The server secret receipt codes are hashed with.
    pub secret_file: PathBuf,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A connection of the caller's own runtime to this server's database.
    pub async fn db(&self) -> DatabaseConnection {
        match connect(&self.database_url, 2).await {
            Ok(conn) => conn,
            Err(e) => panic!("cannot open {}: {e}", self.database_url),
        }
    }
}

/// A connection pool of at most `connections`. A test process runs dozens of servers, and
/// PostgreSQL allows 100 connections in all: pools stay small and let idle connections go.
async fn connect(url: &str, connections: u32) -> Result<DatabaseConnection, DbErr> {
    if url.starts_with("sqlite:") {
        return db::connect(url).await;
    }
    let mut opts = ConnectOptions::new(url);
    opts.max_connections(connections)
        .min_connections(0)
        .idle_timeout(Duration::from_secs(2))
        .sqlx_logging(false);
    Database::connect(opts).await
}

/// The workspace root, where `target/site` holds the built CSS, JS and WASM.
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(PathBuf::from)
        .unwrap_or_default()
}

/// The servers of the calling test file: SQLite always, PostgreSQL when `TEST_DATABASE_URL`
/// is set. Most test files share one binary; each still gets servers of its own, so a file's
/// tests can count what is on them without the other files' data.
#[track_caller]
pub fn apps() -> &'static [TestApp] {
    type ByFile = HashMap<&'static str, &'static OnceLock<Vec<TestApp>>>;
    static SERVERS: OnceLock<Mutex<ByFile>> = OnceLock::new();
    let file = Location::caller().file();
    let servers: &'static OnceLock<Vec<TestApp>> = {
        let mut by_file = match SERVERS.get_or_init(Mutex::default).lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        by_file
            .entry(file)
            .or_insert_with(|| Box::leak(Box::new(OnceLock::new())))
    };
    servers.get_or_init(|| start_all_with(true))
}

/// Servers of their own, for a test that moves the clock or would disturb others.
pub fn isolated_apps() -> Vec<TestApp> {
    start_all_with(true)
}

/// Servers configured as in production (secure cookie, HSTS), though still on plain HTTP.
pub fn production_apps() -> Vec<TestApp> {
    start_all(false, TEST_LIMITS)
}

/// Servers of their own with these flood limits for the anonymous forms.
pub fn apps_with_limits(limits: AnonymousLimits) -> Vec<TestApp> {
    start_all(true, limits)
}

/// Every test client connects from 127.0.0.1: the shared servers let it submit freely.
const TEST_LIMITS: AnonymousLimits = AnonymousLimits {
    submissions_per_address_hour: 100_000,
    lookups_per_address_hour: 100_000,
    global_per_minute: 100_000,
};

/// The servers run on a runtime that outlives every test's own.
fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        match tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
        {
            Ok(rt) => rt,
            Err(e) => panic!("cannot start the test runtime: {e}"),
        }
    })
}

/// A server of its own on an existing database and server secret (a restored backup, say).
pub fn app_on(backend: Backend, database_url: String, secret_file: PathBuf) -> TestApp {
    logs::install();
    on_server_runtime(start(
        backend,
        database_url,
        Some(secret_file),
        true,
        TEST_LIMITS,
    ))
}

/// Two servers on one new PostgreSQL database and secret, with these limits, as a larger
/// deployment runs them behind one proxy; None without PostgreSQL.
pub fn two_servers_on_postgres(limits: AnonymousLimits) -> Option<(TestApp, TestApp)> {
    logs::install();
    on_server_runtime(async move {
        let url = fresh_postgres().await?;
        let pair = || Neighbours {
            beside_another: true,
            ..Neighbours::default()
        };
        let one = start_server(Backend::Postgres, url.clone(), None, true, limits, pair()).await;
        let secret = Some(one.secret_file.clone());
        let two = start_server(Backend::Postgres, url, secret, true, limits, pair()).await;
        Some((one, two))
    })
}

/// A server (SQLite) that hashes `n` receipt codes ahead, as a deployed one does.
pub fn app_with_ready_receipts(n: usize) -> TestApp {
    logs::install();
    on_server_runtime(async move {
        let ready = Neighbours {
            ready_receipts: n,
            ..Neighbours::default()
        };
        start_server(
            Backend::Sqlite,
            sqlite_url(),
            None,
            true,
            TEST_LIMITS,
            ready,
        )
        .await
    })
}

/// A server (SQLite) behind a reverse proxy on this machine, with these limits: requests from
/// 127.0.0.1 count against the address their `X-Forwarded-For` names last.
pub fn app_behind_proxy(limits: AnonymousLimits) -> TestApp {
    logs::install();
    on_server_runtime(async move {
        let proxy = Neighbours {
            trusted_proxies: vec![[127, 0, 0, 1].into()],
            ..Neighbours::default()
        };
        start_server(Backend::Sqlite, sqlite_url(), None, true, limits, proxy).await
    })
}

fn start_all_with(dev_http: bool) -> Vec<TestApp> {
    start_all(dev_http, TEST_LIMITS)
}

fn start_all(dev_http: bool, limits: AnonymousLimits) -> Vec<TestApp> {
    logs::install();
    on_server_runtime(async move {
        let mut apps = vec![start(Backend::Sqlite, sqlite_url(), None, dev_http, limits).await];
        if let Some(url) = fresh_postgres().await {
            apps.push(start(Backend::Postgres, url, None, dev_http, limits).await);
        }
        apps
    })
}

/// Runs `work` on the servers' runtime and waits for it. A panic there is raised again here
/// with its message: the runtime's own output goes to whichever test first started it.
fn on_server_runtime<T: Send + 'static>(work: impl Future<Output = T> + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    runtime().spawn(async move {
        let outcome = tokio::spawn(work)
            .await
            .map_err(|e| match e.try_into_panic() {
                Ok(payload) => payload
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_string()))
                    .unwrap_or_default(),
                Err(e) => e.to_string(),
            });
        let _ = tx.send(outcome);
    });
    match rx.recv() {
        Ok(Ok(value)) => value,
        Ok(Err(message)) => panic!("the test servers failed to start: {message}"),
        Err(_) => panic!("the test servers' runtime stopped"),
    }
}

pub fn temp_dir() -> PathBuf {
    match tempfile::tempdir() {
        Ok(dir) => dir.keep(),
        Err(e) => panic!("cannot make a temporary folder: {e}"),
    }
}

/// A new SQLite database file in a folder of its own.
pub fn sqlite_url() -> String {
    format!("sqlite://{}", temp_dir().join("samleng.db").display())
}

/// A new, empty PostgreSQL database when `TEST_DATABASE_URL` is set.
pub async fn fresh_postgres() -> Option<String> {
    let admin_url = std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())?;
    Some(create_postgres(&admin_url).await)
}

/// Creates `samleng_test_<pid>_<time>_<n>` and drops those left by test processes that are gone.
async fn create_postgres(admin_url: &str) -> String {
    let admin = match connect(admin_url, 1).await {
        Ok(c) => c,
        Err(e) => panic!("cannot reach PostgreSQL at TEST_DATABASE_URL: {e}"),
    };
    let leftovers = admin
        .query_all_raw(Statement::from_string(
            admin.get_database_backend(),
            "SELECT datname FROM pg_database WHERE datname LIKE 'samleng_test_%'",
        ))
        .await
        .unwrap_or_default();
    for row in leftovers {
        let Ok(name) = row.try_get::<String>("", "datname") else {
            continue;
        };
        let pid = name.split('_').nth(2).unwrap_or_default();
        if !PathBuf::from(format!("/proc/{pid}")).exists() {
            let _ = admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\""))
                .await;
        }
    }
    // Two test files can start servers in the same microsecond: a counter keeps names apart.
    static CREATED: AtomicU64 = AtomicU64::new(0);
    let name = format!(
        "samleng_test_{}_{}_{}",
        std::process::id(),
        chrono::Utc::now().timestamp_micros(),
        CREATED.fetch_add(1, Ordering::Relaxed)
    );
    if let Err(e) = admin
        .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
        .await
    {
        panic!("cannot create test database {name}: {e}");
    }
    match admin_url.rsplit_once('/') {
        Some((server, _)) => format!("{server}/{name}"),
        None => panic!("TEST_DATABASE_URL must end with /DATABASE"),
    }
}

async fn start(
    backend: Backend,
    database_url: String,
    secret_file: Option<PathBuf>,
    dev_http: bool,
    anonymous_limits: AnonymousLimits,
) -> TestApp {
    let alone = Neighbours::default();
    start_server(
        backend,
        database_url,
        secret_file,
        dev_http,
        anonymous_limits,
        alone,
    )
    .await
}

/// Who a test server has around it.
#[derive(Default)]
struct Neighbours {
    /// Another server on the same database.
    beside_another: bool,
    /// Reverse proxies it trusts (`SAMLENG_TRUSTED_PROXIES`).
    trusted_proxies: Vec<std::net::IpAddr>,
    /// Receipt codes it hashes ahead (`SAMLENG_READY_RECEIPTS`): none but where a test asks,
    /// or the suite's dozens of servers would each hash a thousand at start.
    ready_receipts: usize,
}

async fn start_server(
    backend: Backend,
    database_url: String,
    secret_file: Option<PathBuf>,
    dev_http: bool,
    anonymous_limits: AnonymousLimits,
    neighbours: Neighbours,
) -> TestApp {
    let conn = match connect(&database_url, 6).await {
        Ok(c) => c,
        Err(e) => panic!("{backend:?}: cannot open {database_url}: {e}"),
    };
    if let Err(e) = db::migrate(&conn).await {
        panic!("{backend:?}: migration failed: {e}");
    }
    // A new server gets the demo data; one on an existing database and secret keeps its own.
    let secret_file = match secret_file {
        Some(file) => file,
        None => {
            if let Err(e) = seed::seed_demo(&conn).await {
                panic!("{backend:?}: demo data failed: {e}");
            }
            // Two-step sign-in is required of all staff by default; tests of everything else
            // sign in facilitators and officials without a phone. Servers configured as in
            // production keep the default, and `two_step.rs` proves it there.
            if dev_http {
                let off = settings::put(&conn, settings::REQUIRE_TOTP_FOR_ALL, "false").await;
                if let Err(e) = off {
                    panic!("{backend:?}: cannot set up the test settings: {e}");
                }
            }
            temp_dir().join("samleng.key")
        }
    };
    let outbox = temp_dir().join("outbox");
    let config = Config {
        database_url: database_url.clone(),
        site_addr: ([127, 0, 0, 1], 0).into(),
        site_root: workspace_root().join("target/site").display().to_string(),
        overdue_after_days: app::ssr::state::DEFAULT_OVERDUE_AFTER_DAYS,
        // Plain HTTP on loopback: most tests need a cookie without `Secure`.
        dev_http,
        secret_file: secret_file.clone(),
        anonymous_limits,
        mail: MailConfig::folder(outbox.clone()),
        trusted_proxies: neighbours.trusted_proxies,
        // Dozens of servers, each alone on its database but for the pairs made on purpose.
        alone: !neighbours.beside_another,
        ready_receipts: neighbours.ready_receipts,
    };
    let clock = Clock::default();
    let app = match Application::build(&config, conn, Some(clock.clone())).await {
        Ok(a) => a,
        Err(e) => panic!("{backend:?}: cannot build the app: {e}"),
    };
    let addr = match app.local_addr() {
        Ok(a) => a,
        Err(e) => panic!("{backend:?}: no local address: {e}"),
    };
    tokio::spawn(app.run_until_stopped());
    TestApp {
        backend,
        base: format!("http://{addr}"),
        database_url,
        clock,
        outbox,
        secret_file,
    }
}

/// An HTTP client that keeps cookies, as a browser would, and sends the `Origin` a browser
/// sends with a form post from our own pages.
/// A request still unanswered after this is a stalled server: the test fails and names it,
/// instead of waiting until CI gives up on the whole run.
const LONGEST_ANSWER: Duration = Duration::from_secs(180);

pub fn browser_like(app: &TestApp) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    if let Ok(origin) = reqwest::header::HeaderValue::from_str(&app.base) {
        headers.insert(reqwest::header::ORIGIN, origin);
    }
    match reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .default_headers(headers)
        .timeout(LONGEST_ANSWER)
        .build()
    {
        Ok(c) => c,
        Err(e) => panic!("cannot build an HTTP client: {e}"),
    }
}

/// An HTTP client that shows redirects instead of following them.
pub fn client() -> reqwest::Client {
    match reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(LONGEST_ANSWER)
        .build()
    {
        Ok(c) => c,
        Err(e) => panic!("cannot build an HTTP client: {e}"),
    }
}

/// Where a response redirects to (empty when it does not).
pub fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

/// The path of a built file (`css`, `js` or `wasm`) as a public page links it: with
/// `hash-files` its name carries a hash of its content.
pub async fn built_file(app: &TestApp, extension: &str) -> String {
    let html = match client().get(app.url("/en/recommendations")).send().await {
        Ok(r) => r.text().await.unwrap_or_default(),
        Err(e) => panic!("GET /en/recommendations: {e}"),
    };
    let suffix = format!(".{extension}");
    html.match_indices("/pkg/samleng")
        .map(|(at, _)| {
            let rest = &html[at..];
            let end = rest
                .find(|c: char| c == '"' || c == '\'' || c.is_whitespace())
                .unwrap_or(rest.len());
            rest[..end].to_string()
        })
        .find(|path| path.ends_with(&suffix))
        .unwrap_or_else(|| panic!("the page links no {suffix} file"))
}
