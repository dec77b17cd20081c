//! The embedded store: SQLite in the data folder, in WAL mode. The queries are shared with
//! the PostgreSQL store (`crate::sql`); this module opens the file and takes the write lock.

use crate::members::*;
use crate::model::*;
use crate::sql::{SKETCH_CHUNK, SKETCH_PAD, chunks, digest, now, sql_store};
use crate::writers::*;
use crate::{Result, Store, StoreError, parse_kind, parse_status};
use async_trait::async_trait;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteRow, SqliteSynchronous,
};
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool, Transaction};
use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating if needed) the library database at `path` and migrates it.
    pub async fn open(path: &Path) -> Result<Self> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(30))
            // SQLite's default page cache is 2 MB: an import's inserts into the fingerprint
            // indexes would read their pages from the file again and again. Pages are taken as
            // used, so a connection that reads little costs little.
            .pragma("cache_size", "-32768")
            // A checkpoint every 32 MB of log instead of 4 MB: an import's commits rewrite the
            // same pages of the fingerprint indexes, which one checkpoint then copies once.
            .pragma("wal_autocheckpoint", "8192")
            // Batched statements come in a few shapes per table (`sql::chunks`): room for all.
            .statement_cache_capacity(256);
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(|source| StoreError::Open {
                path: path.display().to_string(),
                source,
            })?;
        MIGRATOR.run(&pool).await?;
        Ok(SqliteStore { pool })
    }

    /// Takes the write lock at once, so that what the transaction reads stays true until it
    /// commits, whichever process writes next.
    async fn write(&self) -> Result<Transaction<'static, Sqlite>> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }

    async fn shut(&self) {
        self.pool.close().await;
    }

    /// Other processes write to the same file without telling: the follower polls.
    async fn wait_for_notice(&self, timeout: Duration) -> Result<()> {
        tokio::time::sleep(timeout).await;
        Ok(())
    }

    /// Writes a consistent copy of the whole library (originals, accounts, the ledger) to a new
    /// file at `path` while others go on reading and writing: `VACUUM INTO` copies in one read
    /// transaction, so the copy is one moment of the library. `path` must not exist.
    pub async fn backup_to(&self, path: &Path) -> Result<()> {
        let target = path.to_str().ok_or_else(|| {
            sqlx::Error::Io(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("the backup path {} is not UTF-8", path.display()),
            ))
        })?;
        sqlx::query("VACUUM INTO ?")
            .bind(target)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

sql_store!(SqliteStore, Sqlite, SqliteRow);
