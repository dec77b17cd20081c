//! The command line's one error type: every failure below becomes one sentence here.

use std::path::PathBuf;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum CliError {
    #[error("cannot use the data folder {0}: {1}")]
    DataDir(PathBuf, std::io::Error),
    #[error("--database must be a PostgreSQL address (postgres://user@host/db), not {0:?}")]
    Database(String),
    #[error(transparent)]
    Store(#[from] sucai_store::StoreError),
    #[error(
        "the import stopped: {0} (files committed before this stay; run the import again to finish)"
    )]
    Ingest(#[from] sucai_ingest::IngestError),
    #[error(transparent)]
    Index(#[from] sucai_index::IndexError),
    #[error(transparent)]
    Search(#[from] sucai_services::search::SearchError),
    #[error(transparent)]
    Api(#[from] sucai_server::ApiError),
    #[error("--public-url: {0}")]
    PublicUrl(String),
    #[error("cannot serve on {0}: {1}")]
    Listen(String, std::io::Error),
    #[error(transparent)]
    Account(#[from] sucai_services::accounts::AccountError),
    #[error(transparent)]
    Member(#[from] sucai_services::members::MemberError),
    #[error(transparent)]
    Export(#[from] sucai_services::export::ExportError),
    #[error("unknown format {0:?}: use docx, txt or md")]
    Format(String),
    #[error("no article has id {0} (`sucai list` shows the ids)")]
    NoArticle(i64),
    #[error(
        "{0:?} has no characters to compare (only spaces and punctuation): not a boilerplate line"
    )]
    EmptyRule(String),
    #[error("{0:?} is not a tag word: give one word of 1 to 20 characters")]
    TagWord(String),
    #[error("no material has id {0}")]
    NoMaterial(i64),
    #[error(transparent)]
    Overlap(#[from] sucai_services::overlap::OverlapError),
    #[error("cannot write {0}: {1}")]
    Write(PathBuf, std::io::Error),
    #[error("cannot read the corpus: {0}")]
    Corpus(String),
    #[error("the benchmark failed: {0}")]
    Bench(String),
    #[error(transparent)]
    Bundle(#[from] sucai_services::bundle::BundleError),
    #[error("the bundle is written to {0}, but {1}")]
    Notify(PathBuf, sucai_services::bundle::BundleError),
    #[error(
        "backup and restore are for the embedded library; back up PostgreSQL with pg_dump (see the README)"
    )]
    EmbeddedOnly,
    #[error("there is no library in {0} to back up")]
    NoLibrary(PathBuf),
    #[error("{0} already holds a backup: back up into a new folder")]
    BackupExists(PathBuf),
    #[error("{0} is not a sucai backup: {1}")]
    NotABackup(PathBuf, String),
    #[error(
        "{0} already holds a library ({1} materials, {2} accounts): restore into an empty data folder, or add --force to replace it"
    )]
    NotEmpty(PathBuf, i64, i64),
    #[error("the database {0} is damaged: {1}")]
    Damaged(PathBuf, String),
    #[error("cannot read the database {0}: {1}")]
    Sqlite(PathBuf, rusqlite::Error),
    #[error("cannot read {0}: {1}")]
    Read(PathBuf, std::io::Error),
}
