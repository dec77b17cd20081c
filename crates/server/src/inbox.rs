//! The inbox: a folder `sucai serve --inbox DIR` watches for operators (or their scripts) to drop
//! files into. Every poll takes the files that have settled, imports them in one batch with the
//! command line's importer, brings the search index up to date, and moves each file to `done/`
//! (imported or a duplicate) or `rejected/`, with its line of the report beside it as
//! `NAME.report.json`.
//!
//! A file is taken only when its size and modification time were the same in two polls in a
//! row, so a file still being written is left for a later poll; a writer that may pause longer
//! than a poll should write under a name starting with `.` (or ending in `.part` or `.tmp`),
//! which the inbox ignores, and rename the file when it is whole. Folders dropped in the inbox
//! are left alone.

use crate::{ApiError, AppState};
use serde_json::json;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};
use sucai_ingest::{ImportOptions, import_paths};
use sucai_store::{ImportFile, ImportStatus};
use tokio::sync::watch;

/// What a file looked like at one poll.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Look {
    len: u64,
    modified: SystemTime,
}

/// Polls an empty file must have kept still before it is taken: writers often create a file
/// first and fill it a moment later.
const EMPTY_FILE_POLLS: u32 = 10;

/// A running inbox watcher.
pub struct Watcher {
    stop: watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

impl Watcher {
    /// Stops watching; a batch being imported is finished and filed away first, so no file is
    /// left imported but still in the inbox.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }
}

pub struct Inbox {
    dir: PathBuf,
    done: PathBuf,
    rejected: PathBuf,
}

impl Inbox {
    /// The inbox at `dir`, with its `done/` and `rejected/` folders (created if needed).
    pub fn open(dir: &Path) -> Result<Inbox, ApiError> {
        let inbox = Inbox {
            dir: dir.to_path_buf(),
            done: dir.join("done"),
            rejected: dir.join("rejected"),
        };
        for folder in [&inbox.dir, &inbox.done, &inbox.rejected] {
            std::fs::create_dir_all(folder)
                .map_err(|e| ApiError::Inbox(folder.display().to_string(), e))?;
        }
        Ok(inbox)
    }

    /// Starts watching the inbox every `every` for `state`'s library.
    pub fn spawn(self, state: AppState, every: Duration) -> Watcher {
        let (stop, stopped) = watch::channel(false);
        Watcher {
            stop,
            task: tokio::spawn(self.watch(state, every, stopped)),
        }
    }

    async fn watch(self, state: AppState, every: Duration, mut stop: watch::Receiver<bool>) {
        // Each file's last look and how many polls in a row it has looked so.
        let mut seen: HashMap<PathBuf, (Look, u32)> = HashMap::new();
        // Imported but could not be moved away: never imported again.
        let mut stuck: HashSet<(PathBuf, Look)> = HashSet::new();
        loop {
            tokio::select! {
                () = tokio::time::sleep(every) => {}
                _ = stop.wait_for(|stop| *stop) => return,
            }
            let dir = self.dir.clone();
            let looks = match tokio::task::spawn_blocking(move || scan(&dir)).await {
                Ok(Ok(looks)) => looks,
                Ok(Err(e)) => {
                    tracing::warn!(inbox = %self.dir.display(), error = %e, "cannot list the inbox");
                    continue;
                }
                Err(e) => {
                    tracing::warn!(error = %e, "the inbox scan failed");
                    continue;
                }
            };
            let mut settled = Vec::new();
            seen = looks
                .into_iter()
                .map(|(path, look)| {
                    let still = match seen.get(&path) {
                        Some((before, polls)) if *before == look => polls + 1,
                        _ => 0,
                    };
                    let needed = if look.len == 0 { EMPTY_FILE_POLLS } else { 1 };
                    if still >= needed && !stuck.contains(&(path.clone(), look)) {
                        settled.push((path.clone(), look));
                    }
                    (path, (look, still))
                })
                .collect();
            if settled.is_empty() {
                continue;
            }
            settled.sort_by(|a, b| a.0.cmp(&b.0));
            match self.take(&state, &settled).await {
                Ok(unmoved) => {
                    for (path, _) in &settled {
                        seen.remove(path);
                    }
                    stuck.extend(unmoved);
                }
                // The store failed: the files stay and are tried again at the next poll.
                Err(e) => tracing::error!(error = %e, "the inbox import failed"),
            }
        }
    }

    /// Imports `files` as one batch and moves each away with its report; returns the files
    /// that could not be moved.
    async fn take(
        &self,
        state: &AppState,
        files: &[(PathBuf, Look)],
    ) -> Result<Vec<(PathBuf, Look)>, ApiError> {
        let paths: Vec<PathBuf> = files.iter().map(|(p, _)| p.clone()).collect();
        // Parsing, splitting and indexing are CPU work: off the async workers.
        let shared = state.clone();
        let report = crate::offload(state, async move {
            let report = import_paths(
                shared.store.clone(),
                &paths,
                ImportOptions::default(),
                |_| {},
            )
            .await?;
            // The import is committed: the files must leave the inbox whatever the index does
            // (the follower catches up).
            if let Err(e) = shared.index.sync(shared.store.as_ref()).await {
                tracing::warn!(error = %e, "the index did not take the inbox's batch yet");
            }
            Ok::<_, ApiError>(report)
        })
        .await?;
        let lines = &report.record.files;
        let count = |status| lines.iter().filter(|l| l.status == status).count();
        tracing::info!(
            files = files.len(),
            imported = count(ImportStatus::Imported),
            duplicates = count(ImportStatus::Duplicate),
            rejected = count(ImportStatus::Rejected),
            import_id = report.id,
            "inbox"
        );
        // One line a file, in the order given (each path is one regular file).
        let mut moves: Vec<(PathBuf, Look, Option<ImportFile>)> = Vec::new();
        for (i, (path, look)) in files.iter().enumerate() {
            let line = match lines.get(i) {
                Some(line) if lines.len() == files.len() => Some(line.clone()),
                _ => lines
                    .iter()
                    .find(|l| Path::new(&l.path) == path.as_path())
                    .cloned(),
            };
            moves.push((path.clone(), *look, line));
        }
        let (done, rejected) = (self.done.clone(), self.rejected.clone());
        let import_id = report.id;
        let unmoved = tokio::task::spawn_blocking(move || {
            let mut unmoved = Vec::new();
            for (path, look, line) in moves {
                let Some(line) = line else {
                    tracing::error!(file = %path.display(), "the import report has no line for this file");
                    unmoved.push((path, look));
                    continue;
                };
                let folder = if line.status == ImportStatus::Rejected {
                    &rejected
                } else {
                    &done
                };
                if let Err(e) = file_away(&path, folder, import_id, &line) {
                    tracing::error!(file = %path.display(), error = %e, "cannot move an imported file out of the inbox");
                    unmoved.push((path, look));
                }
            }
            unmoved
        })
        .await
        .map_err(|e| ApiError::Inbox(self.dir.display().to_string(), std::io::Error::other(e)))?;
        Ok(unmoved)
    }
}

/// The files in `dir` (not in its folders), without those still being written under a
/// temporary name.
fn scan(dir: &Path) -> std::io::Result<Vec<(PathBuf, Look)>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.')
            || name.starts_with("~$")
            || name.ends_with(".part")
            || name.ends_with(".tmp")
        {
            continue;
        }
        // A file deleted since the listing is simply not there.
        let Ok(meta) = entry.metadata() else { continue };
        if !meta.is_file() {
            continue;
        }
        out.push((
            entry.path(),
            Look {
                len: meta.len(),
                modified: meta.modified()?,
            },
        ));
    }
    Ok(out)
}

/// Moves `path` into `folder` under its own name, or with `-1`, `-2`… before the extension when
/// that name is taken, and writes its report beside it.
fn file_away(path: &Path, folder: &Path, import_id: i64, line: &ImportFile) -> std::io::Result<()> {
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::other("a file without a name"))?
        .to_string_lossy()
        .into_owned();
    let (stem, extension) = match name.rfind('.') {
        Some(dot) if dot > 0 => name.split_at(dot),
        _ => (name.as_str(), ""),
    };
    let mut target = folder.join(&name);
    let mut n = 0;
    while target.exists() || report_path(&target).exists() {
        n += 1;
        target = folder.join(format!("{stem}-{n}{extension}"));
    }
    std::fs::rename(path, &target)?;
    let report = json!({
        "file": name,
        "moved_to": target.display().to_string(),
        "import_id": import_id,
        "status": line.status,
        "material_id": line.material_id,
        "articles": line.articles,
        "duplicate_of": line.duplicate_of,
        "reason": line.reason,
    });
    let text = serde_json::to_string_pretty(&report).unwrap_or_default() + "\n";
    std::fs::write(report_path(&target), text)
}

fn report_path(file: &Path) -> PathBuf {
    let mut name = file.file_name().unwrap_or_default().to_os_string();
    name.push(".report.json");
    file.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(status: ImportStatus) -> ImportFile {
        ImportFile {
            path: "x".into(),
            status,
            material_id: Some(3),
            articles: Some(1),
            duplicate_of: None,
            reason: None,
        }
    }

    #[test]
    fn names_that_clash_get_a_number() {
        let dir = tempfile::tempdir().unwrap();
        let done = dir.path().join("done");
        std::fs::create_dir(&done).unwrap();
        for content in ["one", "two", "three"] {
            let file = dir.path().join("讲话.txt");
            std::fs::write(&file, content).unwrap();
            file_away(&file, &done, 1, &line(ImportStatus::Imported)).unwrap();
        }
        let read = |name: &str| std::fs::read_to_string(done.join(name)).unwrap();
        assert_eq!(read("讲话.txt"), "one");
        assert_eq!(read("讲话-1.txt"), "two");
        assert_eq!(read("讲话-2.txt"), "three");
        let report: serde_json::Value =
            serde_json::from_str(&read("讲话-2.txt.report.json")).unwrap();
        assert_eq!(report["status"], "imported");
        assert_eq!(report["file"], "讲话.txt");
        assert!(!dir.path().join("讲话.txt").exists());
    }

    #[test]
    fn the_scan_skips_folders_and_files_being_written() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.txt", ".b.txt", "c.docx.part", "~$d.docx", "e"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        std::fs::create_dir(dir.path().join("done")).unwrap();
        let mut names: Vec<String> = scan(dir.path())
            .unwrap()
            .into_iter()
            .map(|(p, _)| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["a.txt", "e"]);
    }
}
