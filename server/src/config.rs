//! Configuration, read once from the environment and passed in.
use std::{net::SocketAddr, path::PathBuf};

use anyhow::Context;
use app::ssr::{
    anonymous_gate::AnonymousLimits, db::DEFAULT_URL, state::DEFAULT_OVERDUE_AFTER_DAYS,
};

#[derive(Clone, Debug)]
pub struct Config {
    /// `DATABASE_URL`: `sqlite://path` (default `sqlite://data/samleng.db`) or `postgres://…`.
    pub database_url: String,
    /// `LEPTOS_SITE_ADDR`: where to listen (default `127.0.0.1:3000`; port 0 picks a free one).
    pub site_addr: SocketAddr,
    /// `LEPTOS_SITE_ROOT`: the folder holding `pkg/` with the built CSS, JS and WASM.
    pub site_root: String,
    /// `SAMLENG_OVERDUE_DAYS`: days a published recommendation may wait for an answer.
    pub overdue_after_days: u32,
    /// `SAMLENG_DEV_HTTP=1`: plain-HTTP development. The session cookie then loses its
    /// `__Host-` prefix and `Secure` flag, and no HSTS is sent. Never in production.
    pub dev_http: bool,
    /// `SAMLENG_SECRET_FILE`: the server secret receipt hashes are keyed with (default
    /// `data/samleng.key`, made on first start). Back it up with the database: without it no
    /// receipt code can be found again.
    pub secret_file: PathBuf,
    /// `SAMLENG_LIMIT_SUBMISSIONS` (per address per hour, default 20),
    /// `SAMLENG_LIMIT_LOOKUPS` (receipt look-ups per address per hour, default 30) and
    /// `SAMLENG_LIMIT_GLOBAL` (all anonymous requests per minute, default 6000).
    pub anonymous_limits: AnonymousLimits,
    /// Reminders to officials. `SAMLENG_SMTP_URL` (e.g. `smtps://user:password@mail.example.org`)
    /// sends through SMTP; without it each message is written as an `.eml` file to
    /// `SAMLENG_OUTBOX_DIR` (default `data/outbox`).
    pub mail: MailConfig,
    /// `SAMLENG_TRUSTED_PROXIES`: the addresses of reverse proxies in front of this server,
    /// comma-separated (e.g. `127.0.0.1`). A request from one of them is counted against the
    /// address its `X-Forwarded-For` names last (the one the proxy saw); from anywhere else the
    /// header is ignored. Without it, every visitor behind a proxy shares one address's limits.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// `SAMLENG_ALONE=1`: no other server shares this PostgreSQL database, so this one neither
    /// tells others of its writes nor listens for theirs (`fellow_servers.rs`), and keeps no
    /// connection open for it. The test suite starts dozens of servers this way.
    pub alone: bool,
    /// `SAMLENG_READY_RECEIPTS`: how many receipt codes to hash ahead, while no survivor waits
    /// (default 1024, about 100 bytes each; 0 makes each as it is needed). On two cores a
    /// server hashes about 28 a second; the ready ones carry a burst beyond that.
    pub ready_receipts: usize,
}

#[derive(Clone, Debug)]
pub struct MailConfig {
    pub smtp_url: Option<String>,
    pub outbox_dir: PathBuf,
    /// `SAMLENG_MAIL_FROM` (default `Samleng <samleng@localhost>`).
    pub from: String,
    /// `SAMLENG_PUBLIC_URL`: where links in messages point (default `http://127.0.0.1:3000`).
    pub public_url: String,
}

impl MailConfig {
    /// Messages as files in `outbox_dir`, as in development and tests.
    pub fn folder(outbox_dir: PathBuf) -> Self {
        Self {
            smtp_url: None,
            outbox_dir,
            from: "Samleng <samleng@localhost>".to_string(),
            public_url: "http://127.0.0.1:3000".to_string(),
        }
    }
}

impl Config {
    pub fn from_env() -> anyhow::Result<Self> {
        let var = |key: &str| std::env::var(key).ok().filter(|v| !v.trim().is_empty());
        let site_addr = var("LEPTOS_SITE_ADDR")
            .unwrap_or_else(|| "127.0.0.1:3000".to_string())
            .parse()
            .context("LEPTOS_SITE_ADDR must look like 127.0.0.1:3000")?;
        let overdue_after_days = match var("SAMLENG_OVERDUE_DAYS") {
            Some(v) => v
                .parse()
                .context("SAMLENG_OVERDUE_DAYS must be a whole number of days")?,
            None => DEFAULT_OVERDUE_AFTER_DAYS,
        };
        let number = |key: &str, default: u32| -> anyhow::Result<u32> {
            match var(key) {
                Some(v) => v
                    .parse()
                    .with_context(|| format!("{key} must be a whole number")),
                None => Ok(default),
            }
        };
        let defaults = AnonymousLimits::default();
        let anonymous_limits = AnonymousLimits {
            submissions_per_address_hour: number(
                "SAMLENG_LIMIT_SUBMISSIONS",
                defaults.submissions_per_address_hour,
            )?,
            lookups_per_address_hour: number(
                "SAMLENG_LIMIT_LOOKUPS",
                defaults.lookups_per_address_hour,
            )?,
            global_per_minute: number("SAMLENG_LIMIT_GLOBAL", defaults.global_per_minute)?,
        };
        let trusted_proxies = var("SAMLENG_TRUSTED_PROXIES")
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(|a| {
                a.parse()
                    .with_context(|| format!("SAMLENG_TRUSTED_PROXIES: {a} is not an address"))
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        Ok(Self {
            ready_receipts: number("SAMLENG_READY_RECEIPTS", 1024)? as usize,
            trusted_proxies,
            alone: matches!(var("SAMLENG_ALONE").as_deref(), Some("1" | "true")),
            database_url: var("DATABASE_URL").unwrap_or_else(|| DEFAULT_URL.to_string()),
            site_addr,
            site_root: var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".to_string()),
            overdue_after_days,
            dev_http: matches!(var("SAMLENG_DEV_HTTP").as_deref(), Some("1" | "true")),
            secret_file: var("SAMLENG_SECRET_FILE")
                .unwrap_or_else(|| "data/samleng.key".to_string())
                .into(),
            anonymous_limits,
            mail: MailConfig {
                smtp_url: var("SAMLENG_SMTP_URL"),
                from: var("SAMLENG_MAIL_FROM")
                    .unwrap_or_else(|| "Samleng <samleng@localhost>".to_string()),
                public_url: var("SAMLENG_PUBLIC_URL")
                    .unwrap_or_else(|| "http://127.0.0.1:3000".to_string()),
                ..MailConfig::folder(
                    var("SAMLENG_OUTBOX_DIR")
                        .unwrap_or_else(|| "data/outbox".to_string())
                        .into(),
                )
            },
        })
    }
}
