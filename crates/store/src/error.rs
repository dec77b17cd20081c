//! The store's one error type.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("cannot open the library at {path}: {source}")]
    Open {
        path: String,
        #[source]
        source: sqlx::Error,
    },
    #[error("cannot bring the library's schema up to date: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("the library's database failed: {0}")]
    Database(#[from] sqlx::Error),
    #[error("the library holds data this version cannot read ({0})")]
    Corrupt(String),
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}
