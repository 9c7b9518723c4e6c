//! Builds the application from its configuration; tests build it the same way. The routes
//! and the layers around them are in `routes.rs`.
use std::{net::SocketAddr, sync::Arc, time::Duration};

use anyhow::Context;
use app::ssr::{
    anonymous_gate::AnonymousGate,
    auth::{session_store::DbSessionStore, throttle::LoginThrottle},
    clock::Clock,
    digests,
    mail::Outbox,
    receipts::ReadyReceipts,
    reminders, retention,
    seal::Sealer,
    sealed_words,
    secret::ServerSecret,
    state::{AppState, Shared},
    writes::WriteCount,
};
use axum::{Router, extract::Request, serve::ListenerExt};
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;
use tower::Layer;
use tower_http::normalize_path::NormalizePathLayer;

use crate::{assets, config::Config, fellow_servers::Fellows};

pub struct Application {
    listener: TcpListener,
    router: Router,
    state: AppState,
}

/// How often overdue reminders are looked for.
const REMINDER_SWEEP_EVERY: Duration = Duration::from_secs(60 * 60);

impl Application {
    /// Binds the listener and builds the router; the database must already be migrated.
    /// Tests pass a clock they can move; otherwise the system clock is used.
    pub async fn build(
        config: &Config,
        db: DatabaseConnection,
        clock: Option<Clock>,
    ) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(config.site_addr)
            .await
            .with_context(|| format!("cannot listen on {}", config.site_addr))?;
        let hash_file = assets::hash_file(&config.site_root);
        let leptos_options = LeptosOptions::builder()
            .output_name("samleng")
            .site_root(config.site_root.as_str())
            .site_pkg_dir("pkg")
            .hash_files(hash_file.exists())
            .hash_file(hash_file.to_string_lossy().as_ref().into())
            .site_addr(listener.local_addr()?)
            .build();
        let clock = clock.unwrap_or_default();
        let secret = ServerSecret::load_or_create(&config.secret_file).with_context(|| {
            format!(
                "cannot read or make the server secret {}",
                config.secret_file.display()
            )
        })?;
        let keys = Sealer::path_beside(&config.secret_file);
        let sealer = Sealer::load_or_create(&keys)
            .with_context(|| format!("cannot read or make the key file {}", keys.display()))?;
        // Words stored before sealing existed, sealed now, before anyone can read them.
        let sealed = sealed_words::seal_plain(&db, &sealer)
            .await
            .context("cannot seal the words stored before sealing")?;
        if sealed > 0 {
            tracing::info!(sealed, "stored words sealed");
        }
        let ready_receipts = Arc::new(ReadyReceipts::new(secret.clone(), config.ready_receipts));
        if config.ready_receipts > 0 {
            tokio::spawn(ready_receipts.clone().keep_full());
        }
        let writes = Arc::<WriteCount>::default();
        let state = AppState::new(Shared {
            ready_receipts,
            write_turns: Arc::new(tokio::sync::Semaphore::new(1)),
            sessions: DbSessionStore::new(db.clone(), clock.clone(), writes.clone()),
            sealer,
            db,
            leptos_options,
            default_overdue_after_days: config.overdue_after_days,
            clock,
            throttle: Arc::new(LoginThrottle::default()),
            secret,
            gate: Arc::new(AnonymousGate::new(config.anonymous_limits)),
            once: Arc::default(),
            kept: Arc::default(),
            writes,
            survivor_css: assets::stylesheet(&config.site_root, &hash_file),
            outbox: Arc::new(
                Outbox::new(
                    config.mail.smtp_url.as_deref(),
                    config.mail.outbox_dir.clone(),
                    &config.mail.from,
                    &config.mail.public_url,
                )
                .map_err(anyhow::Error::msg)?,
            ),
        });
        let fellows = Fellows::new(&state.db, config.alone);
        fellows
            .clone()
            .spawn(state.writes.clone(), state.gate.clone());
        Ok(Self {
            listener,
            router: crate::routes::router(
                state.clone(),
                fellows,
                config.trusted_proxies.clone(),
                config.dev_http,
            ),
            state,
        })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        tokio::spawn(send_reminders(self.state.clone()));
        // `/km/` and `/km` are one page: trim before routing, so both reach the same route.
        let service = NormalizePathLayer::trim_trailing_slash().layer(self.router);
        // Responses go out in more than one write: with Nagle's algorithm on, the last piece
        // waits for the client's delayed ACK, some 40 ms on a kept-alive connection.
        let listener = self.listener.tap_io(|tcp| {
            if let Err(e) = tcp.set_nodelay(true) {
                tracing::debug!(error = %e, "TCP_NODELAY not set");
            }
        });
        axum::serve(
            listener,
            // The peer address reaches only the anonymous forms' in-memory flood gate.
            axum::ServiceExt::<Request>::into_make_service_with_connect_info::<SocketAddr>(service),
        )
        .with_graceful_shutdown(shutdown_signal())
        .await
    }
}

/// Sends overdue reminders now and then every hour, for as long as the server runs.
async fn send_reminders(state: AppState) {
    let mut every = tokio::time::interval(REMINDER_SWEEP_EVERY);
    loop {
        every.tick().await;
        let sent = async {
            let days = state.overdue_after_days().await?;
            reminders::sweep(&state.db, &state.clock, &state.outbox, days).await
        }
        .await;
        match sent {
            Ok(0) => {}
            Ok(n) => tracing::info!(sent = n, "overdue reminders sent"),
            Err(e) => tracing::warn!(error = %e, "cannot look for overdue reminders"),
        }
        // Facilitators hear what waits in moderation, at most hourly (see `digests`).
        match digests::sweep(&state.db, &state.clock, &state.outbox).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(sent = n, "moderation digests sent"),
            Err(e) => tracing::warn!(error = %e, "cannot send moderation digests"),
        }
        if retention::reorder_due(state.clock.now())
            && let Err(e) = retention::reorder_anonymous_rows(&state.db).await
        {
            tracing::warn!(error = %e, "cannot reorder the anonymous tables");
        }
        // In the same hourly round: survivors' words past their retention period.
        match retention::sweep(&state.db, &state.clock).await {
            Ok(swept) if swept.threads > 0 => {
                tracing::info!(threads = swept.threads, "expired conversations deleted");
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "cannot delete expired conversations"),
        }
    }
}

async fn shutdown_signal() {
    if let Err(err) = tokio::signal::ctrl_c().await {
        tracing::error!(error = %err, "cannot listen for shutdown signal");
        std::future::pending::<()>().await;
    }
}
