//! `samleng`: serve the site, migrate the database, or load the demo data.
use anyhow::Context;
use app::{
    domain::lang::Lang,
    i18n::t,
    ssr::{
        backup,
        clock::Clock,
        db, seal, sealed_words, seed,
        store::{accounts, search_index, search_postings},
    },
};
use clap::{Parser, Subcommand};
use server::{config::Config, startup::Application};
use tracing_subscriber::EnvFilter;

/// Rendering a page makes many small allocations on every thread at once; under load glibc's
/// allocator spent 40 % of the server's time in malloc and free (perf, issue #21).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "samleng",
    about = "Survivors' recommendations and what became of them"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the site (the default). Migrates the database first.
    Serve {
        /// Load the demo data when the database has none.
        #[arg(long)]
        demo: bool,
    },
    /// Bring the database schema up to date.
    Migrate,
    /// Load the demo data set (safe to run again).
    SeedDemo,
    /// Load the national-scale data set for benchmarks (deterministic from --seed).
    SeedScale {
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, default_value_t = 200)]
        organisations: u32,
        #[arg(long, default_value_t = 500)]
        forums: u32,
        #[arg(long, default_value_t = 100_000)]
        recommendations: u32,
        #[arg(long, default_value_t = 1_000_000)]
        feedback: u32,
    },
    /// Write a consistent snapshot of the (SQLite) database to PATH while the site runs.
    Backup { path: std::path::PathBuf },
    /// Restore a snapshot made by `backup` into an empty database.
    Restore { path: std::path::PathBuf },
    /// Seal survivors' words and two-step secrets again under a new key, then forget the old
    /// one. Back up the new key file (beside the server secret) apart from the database.
    RotateKey,
    /// Build the search index again from what is stored (after a restore, or to be sure).
    Reindex,
    /// Make the first administrator. The password is read from standard input.
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn")),
        )
        .init();
    let cli = Cli::parse();
    let config = Config::from_env()?;
    let conn = db::connect(&config.database_url)
        .await
        .with_context(|| format!("cannot open the database at {}", config.database_url))?;
    db::migrate(&conn).await.context("migration failed")?;

    match cli.command.unwrap_or(Command::Serve { demo: false }) {
        Command::Migrate => tracing::info!("database is up to date"),
        Command::SeedDemo => {
            let report = seed::seed_demo(&conn).await?;
            let feedback = seed::seed_demo_feedback(&conn, &Clock::default()).await?;
            tracing::info!(?report, feedback, "demo data loaded");
        }
        Command::SeedScale {
            seed,
            organisations,
            forums,
            recommendations,
            feedback,
        } => {
            let size = seed::ScaleSize {
                organisations,
                forums,
                recommendations,
                feedback,
            };
            let report = seed::seed_scale(&conn, size, seed).await?;
            seed::seed_scale_staff(&conn).await?;
            println!(
                "loaded {} rows in {:.1} s: {:.0} rows a second, and {} rows of the search index ({report:?})",
                report.rows(),
                report.seconds,
                report.rows_per_second(),
                report.search_rows
            );
            let phases: Vec<String> = report
                .phases
                .iter()
                .map(|(name, seconds)| format!("{name} {seconds:.1} s"))
                .collect();
            println!("phases: {}", phases.join(", "));
        }
        Command::Reindex => {
            let txn = db::begin_write(&conn).await?;
            let items = search_index::rebuild(&txn).await?;
            txn.commit().await?;
            println!("search index rebuilt: {items} recommendations and forums");
        }
        Command::Backup { path } => {
            backup::backup(&conn, &path).await?;
            println!("snapshot written to {}", path.display());
        }
        Command::Restore { path } => {
            let rows = backup::restore(&config.database_url, &path).await?;
            println!("restored {rows} rows from {}", path.display());
        }
        Command::RotateKey => {
            let path = seal::Sealer::path_beside(&config.secret_file);
            let old = seal::Sealer::load_or_create(&path)
                .with_context(|| format!("cannot read the key file {}", path.display()))?;
            // The new key is written (beside the old) before anything is sealed with it, and
            // the old is forgotten only after everything is: a crash loses nothing.
            let both = old.with_new_key();
            both.save(&path)
                .with_context(|| format!("cannot write the key file {}", path.display()))?;
            let resealed = sealed_words::reseal(&conn, &both).await?;
            both.newest_only()
                .save(&path)
                .with_context(|| format!("cannot write the key file {}", path.display()))?;
            println!(
                "sealed {resealed} values under a new key; back up {}",
                path.display()
            );
        }
        Command::CreateAdmin { email, name } => {
            let mut password = String::new();
            std::io::stdin()
                .read_line(&mut password)
                .context("cannot read the password from standard input")?;
            let password = password.trim_end_matches(['\r', '\n']);
            let id = accounts::create_admin(&conn, &email, &name, password)
                .await
                .map_err(|e| anyhow::anyhow!(t(Lang::En, &e.message_key())))?;
            tracing::info!(user_id = id, "administrator created");
        }
        Command::Serve { demo } => {
            if demo {
                let report = seed::seed_demo(&conn).await?;
                let feedback = seed::seed_demo_feedback(&conn, &Clock::default()).await?;
                tracing::info!(?report, feedback, "demo data checked");
            }
            // A database made before search (or restored without its index) gets one now;
            // one made before the postings' sets gets those, from the words it has.
            if search_index::is_empty(&conn).await? {
                let txn = db::begin_write(&conn).await?;
                let items = search_index::rebuild(&txn).await?;
                txn.commit().await?;
                tracing::info!(items, "search index built");
            } else if search_postings::is_empty(&conn).await? {
                let txn = db::begin_write(&conn).await?;
                let sets = search_postings::rebuild(&txn).await?;
                txn.commit().await?;
                tracing::info!(sets, "search postings built");
            }
            let app = Application::build(&config, conn, None).await?;
            let addr = app.local_addr()?;
            println!("Samleng is running: open http://{addr}/");
            app.run_until_stopped().await?;
        }
    }
    Ok(())
}
