//! `samleng backup` and `samleng restore` for SQLite. A snapshot is a plain SQLite file made
//! with `VACUUM INTO` (one read transaction: consistent while the site keeps writing).
//! PostgreSQL is backed up with its own tools (`pg_dump`, `pg_restore`; see the README).
use std::path::Path;

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Statement};

use super::db;

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(
        "this command is for SQLite; back up PostgreSQL with pg_dump and restore with pg_restore (see the README)"
    )]
    NotSqlite,
    #[error("{0} already exists: choose a new file name")]
    Exists(String),
    #[error("{0} is not a snapshot: {1}")]
    BadSnapshot(String, String),
    #[error("the database is not empty ({0} has rows): restore only into a new, empty database")]
    NotEmpty(String),
    #[error(
        "the snapshot was made by another version of Samleng (its migrations differ): restore it with that version"
    )]
    OtherVersion,
    #[error(transparent)]
    Db(#[from] DbErr),
    #[error("{0}")]
    Io(String),
}

/// Tables that are not data: the migration record, and sessions (a restored site starts with
/// everyone signed out).
const NOT_RESTORED: &[&str] = &["seaql_migrations", "sessions"];

/// Writes a consistent snapshot to `path`, which must not exist yet. The file appears only
/// when complete (written beside it, synced, then renamed).
pub async fn backup(conn: &DatabaseConnection, path: &Path) -> Result<(), BackupError> {
    if conn.get_database_backend() != DbBackend::Sqlite {
        return Err(BackupError::NotSqlite);
    }
    if path.exists() {
        return Err(BackupError::Exists(path.display().to_string()));
    }
    let partial = path.with_extension("partial");
    let _ = std::fs::remove_file(&partial);
    let io = |e: std::io::Error| BackupError::Io(format!("{}: {e}", path.display()));
    // Made empty and private first: `VACUUM INTO` writes into an empty file with its mode.
    db::private_file(&partial).map_err(io)?;
    conn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Sqlite,
        "VACUUM INTO ?",
        [partial.display().to_string().into()],
    ))
    .await?;
    std::fs::File::open(&partial)
        .and_then(|f| f.sync_all())
        .map_err(io)?;
    std::fs::rename(&partial, path).map_err(io)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::File::open(dir)
            .and_then(|f| f.sync_all())
            .map_err(io)?;
    }
    Ok(())
}

/// Copies every row of the snapshot at `path` into this (migrated, empty) database, in one
/// transaction, and returns how many rows it copied.
pub async fn restore(database_url: &str, path: &Path) -> Result<u64, BackupError> {
    if !database_url.starts_with("sqlite:") {
        return Err(BackupError::NotSqlite);
    }
    let shown = path.display().to_string();
    // ATTACH would make a missing file: refuse it first.
    if !path.is_file() {
        return Err(BackupError::BadSnapshot(shown, "no such file".into()));
    }
    // One connection: ATTACH and the foreign-key switch belong to a connection, not a pool.
    let conn = db::connect_single(database_url).await?;
    db::migrate(&conn).await?;
    let attach = Statement::from_sql_and_values(
        DbBackend::Sqlite,
        "ATTACH DATABASE ? AS snapshot",
        [shown.clone().into()],
    );
    conn.execute_raw(attach)
        .await
        .map_err(|e| BackupError::BadSnapshot(shown.clone(), e.to_string()))?;
    let copied = match integrity_check(&conn, "snapshot").await {
        Ok(verdict) if verdict == "ok" => copy_rows(&conn).await,
        Ok(verdict) => Err(BackupError::BadSnapshot(shown, verdict)),
        Err(e) => Err(BackupError::BadSnapshot(shown, e.to_string())),
    };
    conn.execute_unprepared("PRAGMA foreign_keys = ON").await?;
    conn.execute_unprepared("DETACH DATABASE snapshot").await?;
    copied
}

/// `PRAGMA integrity_check`'s first line for a schema ("main", or an attached one): "ok"
/// for a sound database.
pub async fn integrity_check(conn: &impl ConnectionTrait, schema: &str) -> Result<String, DbErr> {
    let row = conn
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            format!("PRAGMA \"{schema}\".integrity_check"),
        ))
        .await?;
    match row {
        Some(row) => row.try_get_by_index::<String>(0),
        None => Err(DbErr::Custom("integrity_check returned nothing".into())),
    }
}

async fn copy_rows(conn: &DatabaseConnection) -> Result<u64, BackupError> {
    let versions = |schema: &str| {
        Statement::from_string(
            DbBackend::Sqlite,
            format!("SELECT version FROM {schema}.seaql_migrations ORDER BY version"),
        )
    };
    let ours = column_strings(conn, versions("main")).await?;
    let theirs = column_strings(conn, versions("snapshot")).await?;
    if ours != theirs {
        return Err(BackupError::OtherVersion);
    }
    let tables = column_strings(
        conn,
        Statement::from_string(
            DbBackend::Sqlite,
            "SELECT name FROM snapshot.sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' ORDER BY name",
        ),
    )
    .await?;
    let tables: Vec<String> = tables
        .into_iter()
        .filter(|t| !NOT_RESTORED.contains(&t.as_str()))
        .collect();
    for table in &tables {
        let any = conn
            .query_one_raw(Statement::from_string(
                DbBackend::Sqlite,
                format!("SELECT 1 AS one FROM main.\"{table}\" LIMIT 1"),
            ))
            .await?;
        if any.is_some() {
            return Err(BackupError::NotEmpty(table.clone()));
        }
    }
    // Tables in any order: foreign keys are checked once every row is in.
    conn.execute_unprepared("PRAGMA foreign_keys = OFF").await?;
    let txn = db::begin_write(conn).await?;
    let mut rows = 0;
    for table in &tables {
        let columns = column_strings(
            &txn,
            Statement::from_string(
                DbBackend::Sqlite,
                format!("SELECT name FROM pragma_table_info('{table}', 'snapshot')"),
            ),
        )
        .await?
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ");
        rows += txn
            .execute_unprepared(&format!(
                "INSERT INTO main.\"{table}\" ({columns}) SELECT {columns} FROM snapshot.\"{table}\""
            ))
            .await?
            .rows_affected();
    }
    let broken = txn
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "SELECT \"table\" FROM pragma_foreign_key_check",
        ))
        .await?;
    if let Some(row) = broken {
        let table: String = row.try_get_by_index(0)?;
        return Err(BackupError::BadSnapshot(
            "the snapshot".into(),
            format!("{table} refers to rows that are not there"),
        ));
    }
    txn.commit().await?;
    Ok(rows)
}

async fn column_strings(
    conn: &impl ConnectionTrait,
    statement: Statement,
) -> Result<Vec<String>, DbErr> {
    conn.query_all_raw(statement)
        .await?
        .iter()
        .map(|row| row.try_get_by_index::<String>(0))
        .collect()
}
