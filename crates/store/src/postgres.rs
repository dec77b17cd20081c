//! The PostgreSQL store, for several servers on one database: the system of record for the
//! library and for accounts, memberships, codes and the download ledger. The queries are the
//! embedded store's (`crate::sql`); here a write transaction takes a transaction-level
//! advisory lock, so writes from every server are serialised by the database itself, exactly
//! as SQLite's write lock serialises them on one machine (ids, allowances and codes stay exact,
//! and the change sequence is appended in commit order).

use crate::members::*;
use crate::model::*;
use crate::sql::{SKETCH_CHUNK, SKETCH_PAD, chunks, digest, now, sql_store};
use crate::writers::*;
use crate::{Result, Store, StoreError, parse_kind, parse_status};
use async_trait::async_trait;
use sqlx::postgres::{PgListener, PgPoolOptions, PgRow};
use sqlx::{PgPool, Postgres, QueryBuilder, Row, Transaction};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Notify, OnceCell};
use tokio::task::AbortHandle;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// The advisory lock every write transaction holds (an arbitrary constant: "sucai").
const WRITE_LOCK: i64 = 0x73_7563_6169;

/// The channel the `changes` table's trigger notifies.
const CHANNEL: &str = "sucai_changes";

pub struct PgStore {
    pool: PgPool,
    /// Woken by a task that listens for the `changes` trigger's notices; started on first use.
    changes: OnceCell<(Arc<Notify>, AbortHandle)>,
}

impl Drop for PgStore {
    fn drop(&mut self) {
        self.stop_listening();
    }
}

impl PgStore {
    /// Connects to `url` (`postgres://…`) and migrates the database.
    pub async fn connect(url: &str) -> Result<Self> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(30))
            .connect(url)
            .await
            .map_err(|source| StoreError::Open {
                path: redacted(url),
                source,
            })?;
        MIGRATOR.run(&pool).await?;
        Ok(PgStore {
            pool,
            changes: OnceCell::new(),
        })
    }

    /// The listener holds one of the pool's connections: it must go before the pool closes.
    fn stop_listening(&self) {
        if let Some((_, listening)) = self.changes.get() {
            listening.abort();
        }
    }

    async fn shut(&self) {
        self.stop_listening();
        self.pool.close().await;
    }

    /// A transaction holding the library's write lock until it ends.
    async fn write(&self) -> Result<Transaction<'static, Postgres>> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(WRITE_LOCK)
            .execute(&mut *tx)
            .await?;
        Ok(tx)
    }
}

/// A database address without its password, for messages.
fn redacted(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let user = &url[scheme + 3..at];
            let user = user.split(':').next().unwrap_or_default();
            format!("{}{user}@{}", &url[..scheme + 3], &url[at + 1..])
        }
        _ => url.to_string(),
    }
}

sql_store!(PgStore, Postgres, PgRow);

impl PgStore {
    /// Waits up to `timeout` for a notice that changes were committed. The listening task owns
    /// the connection and keeps receiving, so a wait that times out loses nothing; a notice
    /// between two waits is kept for the next one.
    pub(crate) async fn wait_for_notice(&self, timeout: Duration) -> Result<()> {
        let (notice, _) = self
            .changes
            .get_or_try_init(|| async {
                let mut listener = PgListener::connect_with(&self.pool).await?;
                listener.listen(CHANNEL).await?;
                let notice = Arc::new(Notify::new());
                let wake = notice.clone();
                let task = tokio::spawn(async move {
                    loop {
                        match listener.recv().await {
                            Ok(_) => wake.notify_one(),
                            // The listener reconnects on its next call; meanwhile followers poll.
                            Err(_) => tokio::time::sleep(Duration::from_secs(1)).await,
                        }
                    }
                });
                Ok::<_, StoreError>((notice, task.abort_handle()))
            })
            .await?;
        let _ = tokio::time::timeout(timeout, notice.notified()).await;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn addresses_lose_their_password() {
        assert_eq!(
            super::redacted("postgres://sucai:secret@db:5432/library"),
            "postgres://sucai@db:5432/library"
        );
        assert_eq!(
            super::redacted("postgres://127.0.0.1/test"),
            "postgres://127.0.0.1/test"
        );
    }
}
