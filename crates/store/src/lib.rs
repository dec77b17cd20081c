//! The store: the library's system of record.
//!
//! Materials (imported files) with their original bytes, articles with their metadata and
//! duplicate links, import reports, and a monotonic change sequence that derived indexes
//! follow. SQLite in the data folder is the embedded default; the [`Store`] trait is what a
//! PostgreSQL implementation fills for several servers. The store keeps text; it never ranks or
//! searches it.

mod error;
mod model;
mod sqlite;

pub use error::StoreError;
pub use model::*;
pub use sqlite::SqliteStore;

use async_trait::async_trait;
use std::collections::HashMap;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// What every store implementation offers. Writes are whole: a batch of materials commits
/// entirely or not at all, so a killed import never leaves half a material behind.
#[async_trait]
pub trait Store: Send + Sync {
    /// Commits a batch of materials with their articles, in one transaction. A material whose
    /// bytes are already stored is not stored again: its result is [`Committed::Existing`].
    async fn commit(&self, batch: &[NewMaterial]) -> Result<Vec<Committed>>;

    /// Stored materials among these SHA-256 digests of original files.
    async fn materials_by_sha256(&self, digests: &[[u8; 32]]) -> Result<HashMap<[u8; 32], i64>>;

    /// Articles that may duplicate new text: those with one of these exact text hashes, or
    /// sharing a 16-bit band with one of these simhashes.
    async fn duplicate_candidates(
        &self,
        text_hashes: &[[u8; 32]],
        simhashes: &[u64],
    ) -> Result<Vec<DuplicateCandidate>>;

    async fn article(&self, id: i64) -> Result<Option<Article>>;
    /// These articles, in the order of `ids`; ids not stored are left out.
    async fn articles_by_id(&self, ids: &[i64]) -> Result<Vec<Article>>;
    async fn articles(&self, page: Page) -> Result<Vec<ArticleSummary>>;
    async fn material(&self, id: i64) -> Result<Option<Material>>;
    /// The bytes of the file as it was imported.
    async fn original(&self, material_id: i64) -> Result<Option<Vec<u8>>>;

    /// Stores an import report; returns its id.
    async fn record_import(&self, report: &ImportRecord) -> Result<i64>;
    async fn import_record(&self, id: i64) -> Result<Option<ImportRecord>>;

    /// Changes after `seq`, oldest first, at most `limit`.
    async fn changes_since(&self, seq: i64, limit: i64) -> Result<Vec<Change>>;
    async fn stats(&self) -> Result<Stats>;
}
