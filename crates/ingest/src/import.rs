//! Importing files and folders: walk, read, prepare in parallel, link duplicates, commit in
//! whole batches, and account for every file in the report.

use crate::IngestError;
use crate::boilerplate::{Boilerplate, Edges, count_documents};
use crate::dedup::{
    MIN_SHARED_SAMPLES, MaterialRef, StoredText, link_duplicates, near_simhash,
    stored_worth_comparing,
};
use crate::metadata::TagWords;
use crate::pipeline::{Prepared, Read, Rules, Source, prepare, read, sha256};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;
use sucai_formats::{Format, Limits};
use sucai_store::{
    Committed, EdgeLine, ImportFile, ImportRecord, ImportStatus, NewMaterial, Store,
};

#[derive(Debug, Clone, Copy)]
pub struct ImportOptions {
    pub limits: Limits,
    /// Larger files are refused before they are read.
    pub max_file_bytes: u64,
    /// A batch (one transaction) holds at most this many files…
    pub batch_files: usize,
    /// …and at most about this many bytes.
    pub batch_bytes: u64,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            limits: Limits::default(),
            max_file_bytes: 32 << 20,
            batch_files: 4096,
            batch_bytes: 16 << 20,
        }
    }
}

/// The outcome of an import: every file's line, and what it took.
#[derive(Debug, Clone)]
pub struct ImportReport {
    pub id: i64,
    pub record: ImportRecord,
}

impl ImportReport {
    pub fn count(&self, status: ImportStatus) -> usize {
        self.record
            .files
            .iter()
            .filter(|f| f.status == status)
            .count()
    }
    pub fn articles(&self) -> u64 {
        self.record
            .files
            .iter()
            .filter(|f| f.status == ImportStatus::Imported)
            .filter_map(|f| f.articles)
            .map(u64::from)
            .sum()
    }
    pub fn chars_per_second(&self) -> f64 {
        self.record.chars as f64 / self.record.seconds.max(1e-9)
    }
}

/// A file found by the walk, or a path that could not be walked.
struct Found {
    path: PathBuf,
    size: u64,
    problem: Option<String>,
}

/// The name of `path` as people should see it: legacy (GBK) names are decoded, and their bytes
/// are kept.
fn display_name(path: &Path) -> (String, Option<Vec<u8>>) {
    if let Some(s) = path.to_str() {
        return (s.to_string(), None);
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let raw = path.as_os_str().as_bytes().to_vec();
        let (decoded, _, _) = encoding_rs::GB18030.decode(&raw);
        (decoded.into_owned(), Some(raw))
    }
    #[cfg(not(unix))]
    (path.to_string_lossy().into_owned(), None)
}

fn walk(path: &Path, out: &mut Vec<Found>) {
    let found = |problem: Option<String>, size| Found {
        path: path.to_path_buf(),
        size,
        problem,
    };
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) => {
            let why = match e.kind() {
                std::io::ErrorKind::NotFound => "no such file (or a link to nothing)".to_string(),
                std::io::ErrorKind::PermissionDenied => {
                    "permission denied: sucai may not read it".to_string()
                }
                _ => format!("cannot read it: {e}"),
            };
            out.push(found(Some(why), 0));
            return;
        }
    };
    if meta.is_dir() {
        let entries = match std::fs::read_dir(path) {
            Ok(entries) => entries,
            Err(e) => {
                out.push(found(Some(format!("cannot list this folder: {e}")), 0));
                return;
            }
        };
        let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        children.sort();
        for child in children {
            walk(&child, out);
        }
    } else if meta.is_file() {
        out.push(found(None, meta.len()));
    } else {
        out.push(found(
            Some("not a regular file (a device, socket or pipe)".into()),
            0,
        ));
    }
}

/// What became of one file before the batch is committed.
enum Outcome {
    Rejected(String),
    /// The same bytes are already in the library as this material.
    Stored(i64),
    /// Prepared: the index of its material in the batch.
    Ready(usize),
}

struct Batch {
    paths: Vec<String>,
    outcomes: Vec<Outcome>,
    materials: Vec<NewMaterial>,
    chars: u64,
    /// What each material's file offers the learning of boilerplate.
    edges: Vec<Edges>,
}

/// What an import learns boilerplate from: the library's counts of edge paragraphs as they
/// stood before the import (read the first time a batch holds each), and the files of this
/// import's earlier batches that hold each. A batch's rules then follow from the files before
/// it, not from how far committing them had got when it was prepared.
#[derive(Default)]
struct Learning {
    before: HashMap<String, Option<EdgeLine>>,
    earlier: HashMap<String, u32>,
}

impl Learning {
    /// The boilerplate rules for a batch whose files offer these edges; counts them in.
    fn rules(
        &mut self,
        edges: &[Option<Edges>],
        store: &dyn Store,
        runtime: &tokio::runtime::Handle,
    ) -> Result<Boilerplate, IngestError> {
        let batch: HashMap<String, u32> = count_documents(edges.iter().flatten())
            .into_iter()
            .map(|(k, (_, n))| (k, n))
            .collect();
        // No earlier batch held a key seen for the first time: its stored count is the
        // library's from before the import, however many batches have been committed.
        let unseen: Vec<String> = batch
            .keys()
            .filter(|k| !self.before.contains_key(*k))
            .cloned()
            .collect();
        let mut stored = runtime.block_on(store.edge_lines(&unseen))?;
        for k in unseen {
            let line = stored.remove(&k);
            self.before.insert(k, line);
        }
        let known: HashMap<String, EdgeLine> = batch
            .keys()
            .filter_map(|k| Some((k.clone(), self.before.get(k)?.clone()?)))
            .collect();
        let mut counts = batch;
        for (k, n) in &mut counts {
            let earlier = self.earlier.entry(k.clone()).or_default();
            let in_this_batch = *n;
            *n += *earlier;
            *earlier += in_this_batch;
        }
        Ok(Boilerplate::from_counts(&known, &counts))
    }
}

fn read_source(
    found: &Found,
    (name, name_raw): (String, Option<Vec<u8>>),
    options: &ImportOptions,
) -> Result<Source, String> {
    if let Some(problem) = &found.problem {
        return Err(problem.clone());
    }
    let Some(format) = Format::from_path(&found.path) else {
        let ext = found
            .path
            .extension()
            .map(|e| e.to_string_lossy().into_owned());
        return Err(match ext {
            Some(ext) => {
                format!("unsupported file type .{ext}: sucai reads .txt, .docx, .md and .html")
            }
            None => "no file extension: name it .txt, .docx, .md or .html".into(),
        });
    };
    if found.size > options.max_file_bytes {
        return Err(format!(
            "the file is {:.1} MB; sucai imports files up to {} MB (split it, or raise --max-file-mb)",
            found.size as f64 / 1e6,
            options.max_file_bytes >> 20
        ));
    }
    let bytes = std::fs::read(&found.path).map_err(|e| format!("cannot read it: {e}"))?;
    let sha256 = sha256(&bytes);
    Ok(Source {
        name,
        name_raw,
        format,
        bytes,
        sha256,
    })
}

/// Reads and prepares one batch of files (in parallel), skipping files already stored.
fn prepare_batch(
    files: &[Found],
    options: &ImportOptions,
    tag_words: &TagWords,
    learning: &mut Learning,
    store: &dyn Store,
    runtime: &tokio::runtime::Handle,
) -> Result<Batch, IngestError> {
    let names: Vec<(String, Option<Vec<u8>>)> =
        files.iter().map(|f| display_name(&f.path)).collect();
    let sources: Vec<Result<Source, String>> = files
        .par_iter()
        .zip(names.par_iter())
        .map(|(f, name)| read_source(f, name.clone(), options))
        .collect();
    let digests: Vec<[u8; 32]> = sources.iter().flatten().map(|s| s.sha256).collect();
    let stored = runtime.block_on(store.materials_by_sha256(&digests))?;
    // Each file is read (`Ok`) or already has its outcome (`Err`).
    let read: Vec<Result<Read, Outcome>> = sources
        .into_par_iter()
        .map(|source| {
            let source = source.map_err(Outcome::Rejected)?;
            if let Some(&id) = stored.get(&source.sha256) {
                return Err(Outcome::Stored(id));
            }
            read(source, &options.limits).map_err(Outcome::Rejected)
        })
        .collect();
    let edges: Vec<Option<Edges>> = read
        .par_iter()
        .map(|r| r.as_ref().ok().map(Read::edges))
        .collect();
    let rules = Rules {
        boilerplate: learning.rules(&edges, store, runtime)?,
        tag_words: tag_words.clone(),
    };
    let prepared: Vec<Result<Prepared, Outcome>> = read
        .into_par_iter()
        .map(|r| prepare(r?, &rules).map_err(Outcome::Rejected))
        .collect();

    let mut batch = Batch {
        paths: names.into_iter().map(|(name, _)| name).collect(),
        outcomes: Vec::with_capacity(files.len()),
        materials: Vec::new(),
        chars: 0,
        edges: Vec::new(),
    };
    for (p, edges) in prepared.into_iter().zip(edges) {
        batch.outcomes.push(match p {
            Ok(p) => {
                batch.chars += p.chars;
                batch.materials.push(p.material);
                batch.edges.push(edges.unwrap_or_default());
                Outcome::Ready(batch.materials.len() - 1)
            }
            Err(outcome) => outcome,
        });
    }
    Ok(batch)
}

/// Splits the walk into batches of at most `batch_files` files and about `batch_bytes` bytes.
/// The first batches are smaller, growing to the full size: the next batch is prepared while
/// one commits, and nothing overlaps the first one's preparing.
fn batches(found: Vec<Found>, options: &ImportOptions) -> Vec<Vec<Found>> {
    let mut out = vec![];
    let mut current = vec![];
    let mut bytes = 0;
    let mut files = (options.batch_files / 16).max(1);
    for f in found {
        if !current.is_empty() && (current.len() >= files || bytes + f.size > options.batch_bytes) {
            out.push(std::mem::take(&mut current));
            bytes = 0;
            files = (files * 2).min(options.batch_files);
        }
        bytes += f.size.min(options.max_file_bytes);
        current.push(f);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Links duplicates and commits one prepared batch; returns its lines of the report.
async fn commit_batch(store: &dyn Store, mut batch: Batch) -> Result<Vec<ImportFile>, IngestError> {
    let hashes: Vec<[u8; 32]> = batch
        .materials
        .iter()
        .flat_map(|m| m.articles.iter().map(|a| a.text_hash))
        .collect();
    let simhashes: Vec<u64> = batch
        .materials
        .iter()
        .flat_map(|m| m.articles.iter().filter_map(|a| a.simhash))
        .collect();
    let candidates = store.duplicate_candidates(&hashes, &simhashes).await?;
    // Stored texts this batch's articles may stand in (or hold), or nearly copy: found by shared
    // sketch hashes or a near simhash, and fetched only when they share much of a sketch.
    let sketches: Vec<&[u64]> = batch
        .materials
        .iter()
        .flat_map(|m| m.articles.iter().map(|a| a.sketch.as_slice()))
        .collect();
    let matches: Vec<_> = store
        .sketch_matches(&sketches, MIN_SHARED_SAMPLES)
        .await?
        .into_iter()
        .filter(|m| stored_worth_comparing(m.shared, sketches[m.query].len(), m.chars))
        .collect();
    let mut ids: Vec<i64> = matches.iter().map(|m| m.article_id).collect();
    ids.extend(near_simhash(&candidates, &simhashes));
    ids.sort_unstable();
    ids.dedup();
    let stored: Vec<StoredText> = store
        .articles_by_id(&ids)
        .await?
        .into_iter()
        .map(|a| StoredText {
            article_id: a.id,
            material_id: a.material_id,
            body: a.body,
        })
        .collect();
    let whole_duplicates = link_duplicates(&mut batch.materials, &candidates, &matches, &stored);
    // The library counts the edge paragraphs of documents it did not hold: a copy of a stored
    // document is no second site using a template.
    let new_documents = batch
        .edges
        .iter()
        .zip(&whole_duplicates)
        .filter(|(_, original)| original.is_none())
        .map(|(edges, _)| edges);
    let seen: Vec<(String, String, u32)> = count_documents(new_documents)
        .into_iter()
        .map(|(k, (text, n))| (k, text, n))
        .collect();
    let committed = store.commit(&batch.materials, &seen).await?;

    let material_id = |r: MaterialRef| match r {
        MaterialRef::Stored(id) => Some(id),
        MaterialRef::InBatch(i) => match &committed[i] {
            Committed::New { material_id, .. } | Committed::Existing { material_id } => {
                Some(*material_id)
            }
        },
    };
    let lines = batch
        .paths
        .into_iter()
        .zip(batch.outcomes)
        .map(|(path, outcome)| {
            let line = |status, material_id, articles, duplicate_of, reason| ImportFile {
                path: path.clone(),
                status,
                material_id,
                articles,
                duplicate_of,
                reason,
            };
            match outcome {
                Outcome::Rejected(reason) => {
                    line(ImportStatus::Rejected, None, None, None, Some(reason))
                }
                Outcome::Stored(id) => line(
                    ImportStatus::Duplicate,
                    Some(id),
                    None,
                    Some(id),
                    Some(format!(
                        "the same file is already in the library as material {id}"
                    )),
                ),
                Outcome::Ready(i) => match &committed[i] {
                    Committed::Existing { material_id } => line(
                        ImportStatus::Duplicate,
                        Some(*material_id),
                        None,
                        Some(*material_id),
                        Some(format!(
                            "the same file is already in the library as material {material_id}"
                        )),
                    ),
                    Committed::New {
                        material_id: id,
                        article_ids,
                    } => {
                        let articles = Some(article_ids.len() as u32);
                        let warnings = &batch.materials[i].warnings;
                        let note = (!warnings.is_empty()).then(|| warnings.join("; "));
                        match whole_duplicates[i].and_then(material_id) {
                            Some(original) => line(
                                ImportStatus::Duplicate,
                                Some(*id),
                                articles,
                                Some(original),
                                Some(format!(
                                    "its text duplicates material {original}; kept and linked to it"
                                )),
                            ),
                            None => line(ImportStatus::Imported, Some(*id), articles, None, note),
                        }
                    }
                },
            }
        })
        .collect();
    Ok(lines)
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Something an import tells whoever watches it.
#[derive(Debug, Clone, Copy)]
pub enum ImportEvent {
    /// The walk found this many files.
    Found(usize),
    /// This many more files are done.
    Done(usize),
}

/// Imports files and folders (recursively) into `store`. One bad file never stops the import:
/// it is rejected in the report. Only a failing store stops it; batches committed before then
/// stay, whole.
pub async fn import_paths(
    store: Arc<dyn Store>,
    paths: &[PathBuf],
    options: ImportOptions,
    progress: impl Fn(ImportEvent) + Send + Sync + 'static,
) -> Result<ImportReport, IngestError> {
    let started = Instant::now();
    let started_at = now();
    // The segmentation dictionary loads while the folders are walked.
    let warming = std::thread::spawn(crate::metadata::warm_up);
    let mut found = Vec::new();
    for path in paths {
        walk(path, &mut found);
    }
    progress(ImportEvent::Found(found.len()));
    warming
        .join()
        .map_err(|_| IngestError::Worker("loading the segmentation dictionary failed".into()))?;
    let tag_words = TagWords::new(store.tag_words().await?);

    // Reading and preparing the next batch overlaps committing this one.
    let (sender, mut receiver) = tokio::sync::mpsc::channel::<Result<Batch, IngestError>>(1);
    let producer_store = store.clone();
    let runtime = tokio::runtime::Handle::current();
    let producer = tokio::task::spawn_blocking(move || {
        let mut learning = Learning::default();
        for files in batches(found, &options) {
            let batch = prepare_batch(
                &files,
                &options,
                &tag_words,
                &mut learning,
                producer_store.as_ref(),
                &runtime,
            );
            let failed = batch.is_err();
            if sender.blocking_send(batch).is_err() || failed {
                return;
            }
        }
    });

    let mut files = Vec::new();
    let mut chars = 0;
    while let Some(batch) = receiver.recv().await {
        let batch = batch?;
        chars += batch.chars;
        let lines = commit_batch(store.as_ref(), batch).await?;
        progress(ImportEvent::Done(lines.len()));
        files.extend(lines);
    }
    producer
        .await
        .map_err(|e| IngestError::Worker(e.to_string()))?;

    let record = ImportRecord {
        started_at,
        seconds: started.elapsed().as_secs_f64(),
        chars,
        files,
    };
    let id = store.record_import(&record).await?;
    Ok(ImportReport { id, record })
}
