//! `sucai backup` and `sucai restore` for the embedded library.
//!
//! Everything the library holds is in its SQLite database: materials with their original bytes,
//! articles, import reports, accounts, memberships, codes and the download ledger; the search
//! index is derived and is rebuilt on restore. A backup folder holds a consistent copy of the
//! database (`sucai.db`, taken online) and `manifest.json`, written last, so a folder with a
//! manifest holds a whole backup. PostgreSQL is backed up with `pg_dump` instead.

use crate::error::CliError;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use sucai_index::SearchIndex;
use sucai_store::{SqliteStore, Store};

pub const DATABASE: &str = "sucai.db";
pub const MANIFEST: &str = "manifest.json";
const FORMAT: &str = "sucai-backup";

/// What a backup holds, written beside its database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    /// The sucai that wrote it.
    pub sucai: String,
    /// Unix seconds.
    pub created_at: i64,
    pub database: String,
    pub bytes: u64,
    pub counts: Counts,
}

/// How much a library database holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub materials: i64,
    pub articles: i64,
    pub users: i64,
    pub downloads: i64,
    /// The last change of the sequence indexes follow.
    pub last_seq: i64,
}

/// Counts the records of the database at `path` (read-only) after checking that SQLite finds
/// it sound.
fn inspect(path: &Path) -> Result<Counts, CliError> {
    let failed = |e: rusqlite::Error| CliError::Sqlite(path.to_path_buf(), e);
    let conn =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(failed)?;
    let check: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(failed)?;
    if check != "ok" {
        return Err(CliError::Damaged(path.to_path_buf(), check));
    }
    let count = |sql: &str| -> Result<i64, CliError> {
        conn.query_row(sql, [], |r| r.get(0)).map_err(failed)
    };
    Ok(Counts {
        materials: count("SELECT count(*) FROM materials")?,
        articles: count("SELECT count(*) FROM articles")?,
        users: count("SELECT count(*) FROM users")?,
        downloads: count("SELECT count(*) FROM downloads")?,
        last_seq: count("SELECT COALESCE(MAX(seq), 0) FROM changes")?,
    })
}

/// Copies the library in `data` to the new backup folder `dir` while it may be in use.
pub async fn backup(data: &Path, dir: &Path) -> Result<Manifest, CliError> {
    let source = data.join(DATABASE);
    if !source.is_file() {
        return Err(CliError::NoLibrary(data.to_path_buf()));
    }
    std::fs::create_dir_all(dir).map_err(|e| CliError::Write(dir.to_path_buf(), e))?;
    let target = dir.join(DATABASE);
    if target.exists() || dir.join(MANIFEST).exists() {
        return Err(CliError::BackupExists(dir.to_path_buf()));
    }
    let store = SqliteStore::open(&source).await?;
    let copied = store.backup_to(&target).await;
    store.close().await;
    copied?;
    let counts = inspect(&target)?;
    let bytes = std::fs::metadata(&target)
        .map_err(|e| CliError::Read(target.clone(), e))?
        .len();
    let manifest = Manifest {
        format: FORMAT.into(),
        version: 1,
        sucai: env!("CARGO_PKG_VERSION").into(),
        created_at: sucai_services::unix_now(),
        database: DATABASE.into(),
        bytes,
        counts,
    };
    let text = serde_json::to_string_pretty(&manifest).unwrap_or_default() + "\n";
    let path = dir.join(MANIFEST);
    std::fs::write(&path, text).map_err(|e| CliError::Write(path, e))?;
    Ok(manifest)
}

fn read_manifest(dir: &Path) -> Result<Manifest, CliError> {
    let not_a_backup = |why: String| CliError::NotABackup(dir.to_path_buf(), why);
    let text = std::fs::read_to_string(dir.join(MANIFEST))
        .map_err(|e| not_a_backup(format!("no readable {MANIFEST} ({e})")))?;
    let manifest: Manifest = serde_json::from_str(&text)
        .map_err(|e| not_a_backup(format!("{MANIFEST} does not read as one ({e})")))?;
    if manifest.format != FORMAT || manifest.version != 1 {
        return Err(not_a_backup(format!(
            "it is {} version {}, this sucai reads {FORMAT} version 1",
            manifest.format, manifest.version
        )));
    }
    Ok(manifest)
}

/// What a restore brought back.
pub struct Restored {
    pub counts: Counts,
    pub indexed: usize,
}

/// Removes a file that may not be there.
fn remove(path: &Path) -> Result<(), CliError> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(CliError::Write(path.to_path_buf(), e))
        }
        _ => Ok(()),
    }
}

/// The database file and the files SQLite keeps beside it.
fn database_files(path: &Path) -> [PathBuf; 3] {
    let with = |suffix: &str| {
        let mut name = path.as_os_str().to_os_string();
        name.push(suffix);
        PathBuf::from(name)
    };
    [path.to_path_buf(), with("-wal"), with("-shm")]
}

/// Restores the backup in `dir` as the library in `data` and rebuilds its search index. A
/// library that holds materials or accounts is replaced only with `force`. No server may be
/// running on `data` meanwhile.
pub async fn restore(data: &Path, dir: &Path, force: bool) -> Result<Restored, CliError> {
    let manifest = read_manifest(dir)?;
    let source = dir.join(&manifest.database);
    std::fs::create_dir_all(data).map_err(|e| CliError::DataDir(data.to_path_buf(), e))?;
    let live = data.join(DATABASE);
    if live.is_file() && !force {
        let there = inspect(&live)?;
        if there.materials > 0 || there.users > 0 {
            return Err(CliError::NotEmpty(
                data.to_path_buf(),
                there.materials,
                there.users,
            ));
        }
    }

    // Copied and checked beside the library first: the library is replaced only by a sound copy.
    let incoming = data.join(format!(".{DATABASE}.restoring"));
    for file in database_files(&incoming) {
        remove(&file)?;
    }
    std::fs::copy(&source, &incoming).map_err(|e| CliError::Read(source.clone(), e))?;
    let counts = inspect(&incoming)?;
    if (counts.materials, counts.articles, counts.users)
        != (
            manifest.counts.materials,
            manifest.counts.articles,
            manifest.counts.users,
        )
    {
        remove(&incoming)?;
        return Err(CliError::Damaged(
            source,
            format!(
                "it holds {} materials, {} articles and {} users; the manifest says {}, {} and {}",
                counts.materials,
                counts.articles,
                counts.users,
                manifest.counts.materials,
                manifest.counts.articles,
                manifest.counts.users
            ),
        ));
    }
    // The old write-ahead log must go with the old database, or SQLite would replay it into
    // the restored one.
    for file in database_files(&live) {
        remove(&file)?;
    }
    std::fs::rename(&incoming, &live).map_err(|e| CliError::Write(live.clone(), e))?;

    let index_dir = data.join("index");
    if index_dir.exists() {
        std::fs::remove_dir_all(&index_dir).map_err(|e| CliError::Write(index_dir.clone(), e))?;
    }
    // Opening migrates a backup taken by an older sucai.
    let store = SqliteStore::open(&live).await?;
    let index = SearchIndex::open(&index_dir)?;
    let indexed = index.rebuild(&store).await;
    store.close().await;
    Ok(Restored {
        counts,
        indexed: indexed?,
    })
}
