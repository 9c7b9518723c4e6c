//! Opening the database: SQLite (the embedded default) or PostgreSQL, same migrations.
use std::{path::Path, str::FromStr, time::Duration};

use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr,
    SqliteTransactionMode, SqlxSqliteConnector, TransactionOptions, TransactionTrait,
    sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};
use sea_orm_migration::MigratorTrait;

use super::migration::Migrator;

/// Where the data lives when `DATABASE_URL` is not set.
pub const DEFAULT_URL: &str = "sqlite://data/samleng.db";

pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    if url.starts_with("sqlite:") {
        connect_sqlite(url, 8).await
    } else {
        let mut opts = ConnectOptions::new(url);
        opts.max_connections(16)
            .min_connections(1)
            .sqlx_logging(false);
        Database::connect(opts).await
    }
}

/// One SQLite connection, for work that belongs to a connection (ATTACH, pragmas).
pub async fn connect_single(url: &str) -> Result<DatabaseConnection, DbErr> {
    connect_sqlite(url, 1).await
}

/// sqlx sets none of these by default; acknowledged writes must survive a power cut.
async fn connect_sqlite(url: &str, connections: u32) -> Result<DatabaseConnection, DbErr> {
    let opts = SqliteConnectOptions::from_str(url)
        .map_err(|e| DbErr::Custom(format!("bad DATABASE_URL: {e}")))?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        // Deleted words (a survivor's original past its retention) are overwritten, not
        // left in free pages for a copy of the file to show.
        .pragma("secure_delete", "ON")
        .busy_timeout(Duration::from_secs(5))
        // 16 MB of page cache per connection (the default is 2 MB): indexes of a national data
        // set stay in memory, and eight connections still hold at most 128 MB.
        .pragma("cache_size", "-16384");
    if let Some(dir) = Path::new(opts.get_filename()).parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir)
            .map_err(|e| DbErr::Custom(format!("cannot create {}: {e}", dir.display())))?;
    }
    let file = opts.get_filename();
    // sqlx names an in-memory database `file:sqlx-in-memory-N`: no file to protect (making
    // one left empty files beside whoever opened it).
    let in_memory = url.contains(":memory:") || url.contains("mode=memory");
    if !in_memory {
        private_file(file)
            .map_err(|e| DbErr::Custom(format!("cannot protect {}: {e}", file.display())))?;
    }
    let pool = SqlitePoolOptions::new()
        .max_connections(connections)
        .connect_with(opts)
        .await
        .map_err(|e| DbErr::Conn(sea_orm::RuntimeErr::SqlxError(std::sync::Arc::new(e))))?;
    Ok(SqlxSqliteConnector::from_sqlx_sqlite_pool(pool))
}

/// Makes `path` readable by this user only, creating it empty if missing (SQLite takes an empty
/// file as a new database, and gives its `-wal` and `-shm` files the database file's mode).
/// Files an earlier version made with the usual 0644 are closed too, with their `-wal`/`-shm`.
pub fn private_file(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(path)?;
        for suffix in ["", "-wal", "-shm"] {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            let file = Path::new(&name);
            if file.exists() {
                std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o600))?;
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await?;
    if db.get_database_backend() == DbBackend::Sqlite {
        // Statistics for indexes a migration just made, so the planner can weigh them.
        db.execute_unprepared("PRAGMA optimize").await?;
    }
    Ok(())
}

/// Begins a transaction that will write. On SQLite it takes the write lock at once
/// (`BEGIN IMMEDIATE`): a deferred one that reads, then writes, fails with "database is
/// locked" when another writer got in between, and no busy timeout can save it.
pub async fn begin_write<C: TransactionTrait>(db: &C) -> Result<C::Transaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}
