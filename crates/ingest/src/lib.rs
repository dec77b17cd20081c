//! Ingest: files → articles in the store.
//!
//! Reads .txt, .docx, .md and .html files (through `sucai-formats`), takes out the paid
//! markers, cuts compilations into articles, strips the publisher's trailer, works out each
//! article's metadata, outline and notable sentences, links duplicates, and commits whole
//! materials. Every file ends in the import report. Knows nothing of HTTP or users.

pub mod boilerplate;
mod dedup;
mod import;
pub mod markers;
pub mod metadata;
pub mod pipeline;
mod reprocess;
pub mod split;
pub mod trailer;

pub use import::{ImportEvent, ImportOptions, ImportReport, import_paths};
pub use reprocess::{ReprocessReport, reprocess};

use thiserror::Error;

/// Why an import as a whole could not go on (a single bad file is never one of these).
#[derive(Debug, Error)]
pub enum IngestError {
    #[error(transparent)]
    Store(#[from] sucai_store::StoreError),
    #[error("an import worker failed: {0}")]
    Worker(String),
}
