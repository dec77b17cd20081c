//! `sucai bench`: the performance targets of DESIGN.md measured on one table.
//!
//! The benchmark resamples the shared corpus's paragraphs into a corpus of the asked size
//! (fixed seed, see [`corpus::resample`]), imports it through the real importer into a
//! `SqliteStore`, indexes it, and runs a fixed mix of queries drawn from the imported text
//! (1, 2, 4, 8 and 16 characters, common and rare; two-term; three-term ranked) three ways on
//! the same folded text:
//!
//! - sucai: `sucai_query::parse` + [`SearchIndex::search`] (exact total and the top 10 by
//!   relevance), in process;
//! - SQLite FTS5 with the trigram tokenizer (`LIKE` for terms under 3 characters, as FTS5
//!   requires): the count of matching documents and the ten best (bm25), the same work;
//! - a full scan of every article's folded text with `memchr::memmem`, counting them too.
//!
//! The scan is the reference: sucai's total must equal its count for every query (exactness),
//! and any difference fails the run. The work folder keeps the corpus, the library and the
//! FTS5 database, so a second run with the same settings skips the import.

use crate::corpus::{self, SplitMix64};
use crate::error::CliError;
use memchr::memmem::Finder;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};
use sucai_index::schema::folded_lines;
use sucai_index::{SearchIndex, Sort};
use sucai_ingest::ImportOptions;
use sucai_query::{Filters, Scope};
use sucai_services::overlap::{self, CheckOptions};
use sucai_store::{ArticleText, Page, SqliteStore, Store};

/// The options of `sucai bench`.
#[derive(clap::Args, Debug, Clone)]
pub struct BenchArgs {
    /// Characters of text to resample the corpus to: `10M`, `90M`, `500k` or a plain number.
    #[arg(long, default_value = "10M", value_parser = parse_chars)]
    pub chars: usize,
    /// Seed of the corpus and of the query mix.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Where the corpus, the library and the FTS5 database go (reused when they are complete);
    /// default: a folder in the system's temporary folder named after --chars and --seed.
    #[arg(long)]
    pub work: Option<PathBuf>,
    /// Queries in each class of the mix.
    #[arg(long, default_value_t = 200)]
    pub queries_per_class: usize,
    /// Seconds FTS5 may spend on one class before the rest of its queries are skipped
    /// (its scans of a large text take about a second each).
    #[arg(long, default_value_t = 60.0)]
    pub fts5_budget_secs: f64,
    /// The folder of the shared corpus's *.jsonl.gz files; default: ../shared/corpus, or the
    /// one beside the repository this binary was built from.
    #[arg(long)]
    pub from: Option<PathBuf>,
}

/// `10M` → 10,000,000; also `k`/`K`, decimals (`1.5M`), `_` and `,` separators.
pub fn parse_chars(s: &str) -> Result<usize, String> {
    let t: String = s
        .trim()
        .chars()
        .filter(|c| *c != '_' && *c != ',')
        .collect();
    let (number, scale) = match t.chars().last() {
        Some('m' | 'M') => (&t[..t.len() - 1], 1e6),
        Some('k' | 'K') => (&t[..t.len() - 1], 1e3),
        _ => (&t[..], 1.0),
    };
    match number.parse::<f64>() {
        Ok(n) if n.is_finite() && n >= 1.0 && n * scale >= 1.0 => Ok((n * scale).round() as usize),
        _ => Err(format!(
            "'{s}' is not a number of characters: write 10M, 90M, 500k or 1000000"
        )),
    }
}

fn fail(what: &str, e: impl std::fmt::Display) -> CliError {
    CliError::Bench(format!("{what}: {e}"))
}

fn chars_label(chars: usize) -> String {
    if chars.is_multiple_of(1_000_000) {
        format!("{}M", chars / 1_000_000)
    } else if chars.is_multiple_of(1_000) {
        format!("{}k", chars / 1_000)
    } else {
        chars.to_string()
    }
}

// ---------------------------------------------------------------------------------------------
// The library: resampled, imported and indexed once per work folder.

/// What a finished library records about how it was built (`work/library.json`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
struct Built {
    target_chars: usize,
    seed: u64,
    documents: usize,
    import_seconds: f64,
    /// Characters the importer counted.
    import_chars: u64,
    index_seconds: f64,
    rejected: usize,
}

struct Library {
    store: Arc<SqliteStore>,
    index: SearchIndex,
    built: Built,
    reused: bool,
    index_bytes: u64,
}

const MARKER: &str = "library.json";

fn remove(path: &Path) -> Result<(), CliError> {
    let result = if path.is_dir() {
        std::fs::remove_dir_all(path)
    } else if path.exists() {
        std::fs::remove_file(path)
    } else {
        Ok(())
    };
    result.map_err(|e| fail(&format!("cannot remove {}", path.display()), e))
}

fn dir_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_bytes(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

/// Opens the library of `work` if it was finished for these settings; builds it otherwise.
async fn library(
    from: &Path,
    work: &Path,
    target_chars: usize,
    seed: u64,
) -> Result<Library, CliError> {
    let data = work.join("data");
    let marker = work.join(MARKER);
    let finished: Option<Built> = std::fs::read(&marker)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .filter(|b: &Built| b.target_chars == target_chars && b.seed == seed)
        .filter(|_| data.join("sucai.db").is_file() && data.join("index").is_dir());
    let reused = finished.is_some();
    let built = match finished {
        Some(built) => built,
        None => {
            for stale in [
                work.join("corpus"),
                data.clone(),
                work.join(FTS5_DB),
                marker.clone(),
            ] {
                remove(&stale)?;
            }
            eprintln!(
                "bench: resampling {target_chars} characters into {}",
                work.display()
            );
            let written = corpus::resample(from, &work.join("corpus"), target_chars, seed)?;
            std::fs::create_dir_all(&data).map_err(|e| CliError::DataDir(data.clone(), e))?;
            let store = Arc::new(SqliteStore::open(&data.join("sucai.db")).await?);
            eprintln!("bench: importing {} files", written.documents);
            let started = Instant::now();
            let report = sucai_ingest::import_paths(
                store.clone(),
                &[work.join("corpus")],
                ImportOptions::default(),
                |_| {},
            )
            .await?;
            let import_seconds = started.elapsed().as_secs_f64();
            eprintln!("bench: indexing");
            let started = Instant::now();
            let index = SearchIndex::open(&data.join("index"))?;
            index.sync(store.as_ref()).await?;
            let index_seconds = started.elapsed().as_secs_f64();
            drop(index);
            store.close().await;
            let built = Built {
                target_chars,
                seed,
                documents: written.documents,
                import_seconds,
                import_chars: report.record.chars,
                index_seconds,
                rejected: report.count(sucai_store::ImportStatus::Rejected),
            };
            let json = serde_json::to_vec_pretty(&built).map_err(|e| fail("library.json", e))?;
            std::fs::write(&marker, json).map_err(|e| CliError::Write(marker.clone(), e))?;
            built
        }
    };
    let store = Arc::new(SqliteStore::open(&data.join("sucai.db")).await?);
    let index = SearchIndex::open(&data.join("index"))?;
    let caught_up = index.sync(store.as_ref()).await?;
    if caught_up > 0 {
        eprintln!("bench: the index caught up with {caught_up} articles");
    }
    Ok(Library {
        store,
        index_bytes: dir_bytes(&data.join("index")),
        index,
        built,
        reused,
    })
}

// ---------------------------------------------------------------------------------------------
// The folded text every engine matches: per article, its folded title and paragraphs joined by
// `\n`, exactly as the index sees them.

/// All articles' folded texts in one buffer (one allocation, so freeing it gives the memory
/// back before sucai's own memory is measured).
struct Folded {
    text: String,
    docs: Vec<Range<usize>>,
    /// Characters of the articles' titles and bodies.
    chars: usize,
    /// UTF-8 bytes of the articles' titles and bodies.
    bytes: usize,
}

impl Folded {
    fn doc(&self, i: usize) -> &str {
        &self.text[self.docs[i].clone()]
    }
}

async fn load_folded(store: &SqliteStore) -> Result<Folded, CliError> {
    let ids: Vec<i64> = store
        .articles(Page::default())
        .await?
        .into_iter()
        .map(|a| a.id)
        .collect();
    let mut folded = Folded {
        text: String::new(),
        docs: Vec::with_capacity(ids.len()),
        chars: 0,
        bytes: 0,
    };
    for chunk in ids.chunks(500) {
        for a in store.articles_by_id(chunk).await? {
            folded.bytes += a.title.len() + a.body.len();
            folded.chars += a.title.chars().count() + a.body.chars().count();
            let start = folded.text.len();
            folded.text.push_str(&folded_lines(&a.title));
            folded.text.push('\n');
            folded.text.push_str(&folded_lines(&a.body));
            folded.docs.push(start..folded.text.len());
        }
    }
    Ok(folded)
}

// ---------------------------------------------------------------------------------------------
// The query mix.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Class {
    Common(usize),
    Rare(usize),
    /// Two terms of 2–4 characters from one paragraph.
    Multi,
    /// Three terms of 2–4 characters from one paragraph.
    Ranked,
}

const LENGTHS: [usize; 5] = [1, 2, 4, 8, 16];

fn classes() -> Vec<Class> {
    let mut out = Vec::new();
    for n in LENGTHS {
        out.push(Class::Common(n));
        out.push(Class::Rare(n));
    }
    out.push(Class::Multi);
    out.push(Class::Ranked);
    out
}

impl Class {
    fn label(self) -> String {
        match self {
            Class::Common(n) => format!("{n} common"),
            Class::Rare(n) => format!("{n} rare"),
            Class::Multi => "2 terms".into(),
            Class::Ranked => "3 ranked".into(),
        }
    }
}

/// Documents a rare term occurs in, at most.
const RARE_DOCS: u32 = 3;

#[derive(Debug, Clone)]
struct BenchQuery {
    class: Class,
    /// What sucai parses.
    text: String,
    /// The folded terms the baselines look for.
    terms: Vec<String>,
}

/// A paragraph of the folded text: its byte range and its article.
struct Para {
    range: Range<usize>,
    chars: usize,
    doc: u32,
}

/// Whether `query` parses into exactly these terms, each required anywhere, and nothing else.
fn parses_to(query: &str, terms: &[String]) -> bool {
    let Ok(q) = sucai_query::parse(query) else {
        return false;
    };
    q.exclude.is_empty()
        && q.filters == Filters::default()
        && q.groups.len() == terms.len()
        && q.groups.iter().zip(terms).all(|(g, t)| {
            g.any_of.len() == 1 && g.any_of[0].text == *t && g.any_of[0].scope == Scope::Anywhere
        })
}

/// The query text for these terms: plain when the query language reads them as they are,
/// quoted when it would read an operator or a field in them; `None` when neither works.
fn query_text(terms: &[String]) -> Option<String> {
    let plain = terms.join(" ");
    if parses_to(&plain, terms) {
        return Some(plain);
    }
    if terms.iter().any(|t| t.contains('"')) {
        return None;
    }
    let quoted: Vec<String> = terms.iter().map(|t| format!("\"{t}\"")).collect();
    let quoted = quoted.join(" ");
    parses_to(&quoted, terms).then_some(quoted)
}

fn substring(p: &str, from: usize, len: usize) -> String {
    p.chars().skip(from).take(len).collect()
}

fn usable(term: &str) -> bool {
    !term.is_empty() && !term.chars().any(sucai_text::normalize::is_space)
}

struct MixBuilder<'a> {
    folded: &'a Folded,
    paras: Vec<Para>,
    rng: SplitMix64,
}

impl MixBuilder<'_> {
    fn para(&self, i: usize) -> &str {
        &self.folded.text[self.paras[i].range.clone()]
    }

    /// A random paragraph of at least `min` characters (`None` after many tries).
    fn random_para(&mut self, min: usize) -> Option<usize> {
        (0..1_000)
            .map(|_| self.rng.below(self.paras.len()))
            .find(|&i| self.paras[i].chars >= min)
    }

    fn common(&mut self, len: usize, n: usize) -> Vec<Vec<String>> {
        let mut out = Vec::new();
        for _ in 0..(100 * n + 1_000) {
            if out.len() == n {
                break;
            }
            let Some(p) = self.random_para(len) else {
                break;
            };
            let from = self.rng.below(self.paras[p].chars - len + 1);
            let term = substring(self.para(p), from, len);
            if usable(&term) {
                out.push(vec![term]);
            }
        }
        out
    }

    fn terms(&mut self, k: usize, n: usize) -> Vec<Vec<String>> {
        let mut out = Vec::new();
        for _ in 0..(100 * n + 1_000) {
            if out.len() == n {
                break;
            }
            let Some(p) = self.random_para(4 * k) else {
                break;
            };
            let terms: Vec<String> = (0..k)
                .map(|_| {
                    let len = self.rng.between(2, 4);
                    let from = self.rng.below(self.paras[p].chars - len + 1);
                    substring(self.para(p), from, len)
                })
                .collect();
            if terms.iter().all(|t| usable(t)) {
                out.push(terms);
            }
        }
        out
    }
}

/// Document frequencies of characters and of bigrams (within a paragraph), and where the rare
/// bigrams stand: a substring containing a bigram found in at most [`RARE_DOCS`] documents is
/// found in at most that many, so rare terms of any length come from these places.
struct Rarity {
    rare_chars: Vec<char>,
    /// (paragraph, char index) of each bigram of few documents.
    rare_bigrams: Vec<(u32, u32)>,
}

fn rarity(b: &MixBuilder) -> Rarity {
    let mut char_df: HashMap<char, (u32, u32)> = HashMap::new();
    let mut bigram_df: HashMap<(char, char), (u32, u32)> = HashMap::new();
    let bump = |entry: &mut (u32, u32), doc: u32| {
        if entry.1 != doc + 1 {
            entry.0 += 1;
            entry.1 = doc + 1;
        }
    };
    for (i, para) in b.paras.iter().enumerate() {
        let mut prev = None;
        for c in b.para(i).chars() {
            bump(char_df.entry(c).or_insert((0, 0)), para.doc);
            if let Some(a) = prev {
                bump(bigram_df.entry((a, c)).or_insert((0, 0)), para.doc);
            }
            prev = Some(c);
        }
    }
    let mut rare_chars: Vec<char> = char_df
        .into_iter()
        .filter(|(_, (df, _))| *df <= RARE_DOCS)
        .map(|(c, _)| c)
        .collect();
    rare_chars.sort_unstable();
    let mut rare_bigrams = Vec::new();
    for i in 0..b.paras.len() {
        let chars: Vec<char> = b.para(i).chars().collect();
        for (k, pair) in chars.windows(2).enumerate() {
            if bigram_df[&(pair[0], pair[1])].0 <= RARE_DOCS {
                rare_bigrams.push((i as u32, k as u32));
            }
        }
    }
    Rarity {
        rare_chars,
        rare_bigrams,
    }
}

impl MixBuilder<'_> {
    fn rare(&mut self, rarity: &Rarity, len: usize, n: usize) -> Vec<Vec<String>> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        if len == 1 {
            let mut chars = rarity.rare_chars.clone();
            for i in (1..chars.len()).rev() {
                chars.swap(i, self.rng.below(i + 1));
            }
            for c in chars {
                if out.len() == n {
                    break;
                }
                let term = c.to_string();
                if usable(&term) {
                    out.push(vec![term]);
                }
            }
            return out;
        }
        if rarity.rare_bigrams.is_empty() {
            return out;
        }
        for _ in 0..(100 * n + 1_000) {
            if out.len() == n {
                break;
            }
            let (p, at) = rarity.rare_bigrams[self.rng.below(rarity.rare_bigrams.len())];
            let (p, at) = (p as usize, at as usize);
            let para_chars = self.paras[p].chars;
            if para_chars < len {
                continue;
            }
            // Windows of `len` characters that cover the bigram at `at`.
            let lo = (at + 2).saturating_sub(len);
            let hi = at.min(para_chars - len);
            if lo > hi {
                continue;
            }
            let from = self.rng.between(lo, hi);
            let term = substring(self.para(p), from, len);
            if usable(&term) && seen.insert(term.clone()) {
                out.push(vec![term]);
            }
        }
        out
    }
}

/// The query mix, the same for the same text and seed: `per_class` queries in each class
/// (fewer for a rare class when the text has fewer rare terms).
fn query_mix(folded: &Folded, seed: u64, per_class: usize) -> Vec<BenchQuery> {
    let mut paras = Vec::new();
    for (doc, range) in folded.docs.iter().enumerate() {
        let mut start = range.start;
        for line in folded.text[range.clone()].split('\n') {
            let end = start + line.len();
            if !line.is_empty() {
                paras.push(Para {
                    range: start..end,
                    chars: line.chars().count(),
                    doc: doc as u32,
                });
            }
            start = end + 1;
        }
    }
    let mut b = MixBuilder {
        folded,
        paras,
        rng: SplitMix64::new(seed ^ 0x005E_ED0F_0123_4567),
    };
    if b.paras.is_empty() {
        return Vec::new();
    }
    let rarity = rarity(&b);
    let mut out = Vec::new();
    for class in classes() {
        let candidates = match class {
            Class::Common(len) => b.common(len, per_class),
            Class::Rare(len) => b.rare(&rarity, len, per_class),
            Class::Multi => b.terms(2, per_class),
            Class::Ranked => b.terms(3, per_class),
        };
        out.extend(candidates.into_iter().filter_map(|terms| {
            Some(BenchQuery {
                class,
                text: query_text(&terms)?,
                terms,
            })
        }));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The three engines. Each returns, per query, its latency and the number of documents found.

type Measured = Vec<Option<(Duration, u64)>>;

fn run_sucai(index: &SearchIndex, queries: &[BenchQuery]) -> Result<Measured, CliError> {
    let once = |q: &BenchQuery| -> Result<(Duration, u64), CliError> {
        let started = Instant::now();
        let parsed = sucai_query::parse(&q.text).map_err(|e| fail(&q.text, e))?;
        let hits = index.search(&parsed, Sort::Relevance, 0, Some(10))?;
        Ok((started.elapsed(), hits.total as u64))
    };
    for q in queries {
        once(q)?;
    }
    queries.iter().map(|q| once(q).map(Some)).collect()
}

fn scan_count(texts: &[String], terms: &[String]) -> u64 {
    let finders: Vec<Finder> = terms.iter().map(|t| Finder::new(t.as_bytes())).collect();
    texts
        .iter()
        .filter(|d| finders.iter().all(|f| f.find(d.as_bytes()).is_some()))
        .count() as u64
}

fn run_scan(texts: &[String], queries: &[BenchQuery]) -> Measured {
    queries
        .iter()
        .map(|q| {
            let started = Instant::now();
            let n = scan_count(texts, &q.terms);
            Some((started.elapsed(), n))
        })
        .collect()
}

const FTS5_DB: &str = "fts5.db";

/// The FTS5 database of `texts` at `path`, built unless a finished one is there. The trigram
/// tokenizer is case-sensitive: the text is already folded the way sucai folds it, and
/// FTS5's own (Unicode) case folding would find more than the exact text.
fn fts5(path: &Path, texts: &[String]) -> Result<(rusqlite::Connection, Option<f64>), CliError> {
    let err = |e: rusqlite::Error| fail("SQLite FTS5", e);
    let mut seconds = None;
    if !path.is_file() {
        let started = Instant::now();
        let tmp = path.with_extension("db.tmp");
        remove(&tmp)?;
        let conn = rusqlite::Connection::open(&tmp).map_err(err)?;
        conn.execute_batch(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
             CREATE VIRTUAL TABLE docs USING fts5(text, tokenize = 'trigram case_sensitive 1');",
        )
        .map_err(|e| {
            fail(
                "this SQLite has no FTS5 trigram tokenizer (it needs 3.34 or later)",
                e,
            )
        })?;
        conn.execute_batch("BEGIN").map_err(err)?;
        {
            let mut insert = conn
                .prepare("INSERT INTO docs (text) VALUES (?1)")
                .map_err(err)?;
            for t in texts {
                insert.execute([t]).map_err(err)?;
            }
        }
        conn.execute_batch("COMMIT; INSERT INTO docs (docs) VALUES ('optimize');")
            .map_err(err)?;
        drop(conn);
        std::fs::rename(&tmp, path).map_err(|e| CliError::Write(path.to_path_buf(), e))?;
        seconds = Some(started.elapsed().as_secs_f64());
    }
    // Read the file once so that FTS5, like sucai after its warm-up, runs from a warm cache.
    if let Ok(mut f) = std::fs::File::open(path) {
        let _ = std::io::copy(&mut f, &mut std::io::sink());
    }
    let conn = rusqlite::Connection::open(path).map_err(err)?;
    Ok((conn, seconds))
}

fn like_pattern(term: &str) -> String {
    let mut out = String::from("%");
    for c in term.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// Documents of the FTS5 table holding every term: an FTS5 phrase for terms of 3 characters
/// or more (ANDed in one MATCH), `LIKE` for shorter ones. Like sucai's query it also fetches
/// the ten best documents (by FTS5's bm25 rank when there is a MATCH), so both do the same
/// work: the count and the first page.
fn fts5_count(conn: &rusqlite::Connection, terms: &[String]) -> rusqlite::Result<u64> {
    let (long, short): (Vec<&String>, Vec<&String>) =
        terms.iter().partition(|t| t.chars().count() >= 3);
    let mut conditions = Vec::new();
    let mut params = Vec::new();
    if !long.is_empty() {
        conditions.push("docs MATCH ?");
        let phrases: Vec<String> = long
            .iter()
            .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
            .collect();
        params.push(phrases.join(" AND "));
    }
    for t in short {
        conditions.push("text LIKE ? ESCAPE '\\'");
        params.push(like_pattern(t));
    }
    let filter = conditions.join(" AND ");
    let mut count = conn.prepare_cached(&format!("SELECT count(*) FROM docs WHERE {filter}"))?;
    let n: i64 = count.query_row(rusqlite::params_from_iter(&params), |r| r.get(0))?;
    let order = if long.is_empty() {
        ""
    } else {
        " ORDER BY rank"
    };
    let mut page = conn.prepare_cached(&format!(
        "SELECT rowid FROM docs WHERE {filter}{order} LIMIT 10"
    ))?;
    let top: Vec<i64> = page
        .query_map(rusqlite::params_from_iter(&params), |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    debug_assert!(top.len() as i64 <= n.min(10));
    Ok(n as u64)
}

/// Runs the queries class by class; a class that has used `budget` stops there (`None` for
/// the rest of its queries).
fn run_fts5(
    conn: &rusqlite::Connection,
    queries: &[BenchQuery],
    budget: Duration,
) -> Result<Measured, CliError> {
    let mut out = Vec::with_capacity(queries.len());
    let mut class = None;
    let mut class_started = Instant::now();
    for q in queries {
        if class != Some(q.class) {
            class = Some(q.class);
            class_started = Instant::now();
        }
        if class_started.elapsed() > budget {
            out.push(None);
            continue;
        }
        let started = Instant::now();
        let n = fts5_count(conn, &q.terms).map_err(|e| fail(&format!("FTS5 on {}", q.text), e))?;
        out.push(Some((started.elapsed(), n)));
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Measuring and reporting.

/// Resident memory of this process: (VmRSS, VmHWM) in bytes.
fn memory() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .map_or(0, |kb| kb * 1024)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

struct Report {
    args_chars: usize,
    seed: u64,
    work: PathBuf,
    library: Built,
    reused: bool,
    articles: usize,
    chars: usize,
    text_bytes: usize,
    index_bytes: u64,
    fts5_bytes: u64,
    fts5_build_seconds: Option<f64>,
    /// (VmRSS, VmHWM) right after sucai's queries, before the baselines load anything.
    sucai_memory: (u64, u64),
    end_memory: (u64, u64),
    fts5_budget: f64,
    queries: Vec<BenchQuery>,
    sucai: Measured,
    fts5: Measured,
    scan: Measured,
    overlap: OverlapBench,
}

impl Report {
    /// Queries where sucai's total differs from the scan's count.
    fn mismatches(&self) -> Vec<(usize, u64, u64)> {
        self.compare(&self.sucai)
    }

    fn fts5_mismatches(&self) -> Vec<(usize, u64, u64)> {
        self.compare(&self.fts5)
    }

    fn compare(&self, engine: &Measured) -> Vec<(usize, u64, u64)> {
        engine
            .iter()
            .zip(&self.scan)
            .enumerate()
            .filter_map(|(i, (a, s))| match (a, s) {
                (Some((_, a)), Some((_, s))) if a != s => Some((i, *a, *s)),
                _ => None,
            })
            .collect()
    }
}

async fn measure(
    from: &Path,
    work: &Path,
    chars: usize,
    seed: u64,
    per_class: usize,
    fts5_budget: f64,
) -> Result<Report, CliError> {
    std::fs::create_dir_all(work).map_err(|e| CliError::DataDir(work.to_path_buf(), e))?;
    let lib = library(from, work, chars, seed).await?;

    eprintln!("bench: drawing the query mix");
    let folded = load_folded(&lib.store).await?;
    let (articles, text_chars, text_bytes) = (folded.docs.len(), folded.chars, folded.bytes);
    let queries = query_mix(&folded, seed, per_class);
    drop(folded);

    eprintln!("bench: sucai, {} queries", queries.len());
    let sucai = run_sucai(&lib.index, &queries)?;
    let sucai_memory = memory();

    // After the memory is read: the scan's side of this holds every text.
    eprintln!("bench: 查重 of {OVERLAP_DRAFTS} drafts of {OVERLAP_DRAFT_CHARS} characters");
    let overlap = run_overlap(&lib, seed).await?;

    eprintln!("bench: full scan");
    let folded = load_folded(&lib.store).await?;
    let texts: Vec<String> = (0..folded.docs.len())
        .map(|i| folded.doc(i).to_string())
        .collect();
    drop(folded);
    let scan = run_scan(&texts, &queries);

    let fts5_path = work.join(FTS5_DB);
    eprintln!("bench: SQLite FTS5 ({})", fts5_path.display());
    let (conn, fts5_build_seconds) = fts5(&fts5_path, &texts)?;
    drop(texts);
    let fts5 = run_fts5(&conn, &queries, Duration::from_secs_f64(fts5_budget))?;
    let fts5_bytes = std::fs::metadata(&fts5_path).map_or(0, |m| m.len());
    lib.store.close().await;
    Ok(Report {
        args_chars: chars,
        seed,
        work: work.to_path_buf(),
        library: lib.built,
        reused: lib.reused,
        articles,
        chars: text_chars,
        text_bytes,
        index_bytes: lib.index_bytes,
        fts5_bytes,
        fts5_build_seconds,
        sucai_memory,
        end_memory: memory(),
        fts5_budget,
        queries,
        sucai,
        fts5,
        scan,
        overlap,
    })
}

// ---------------------------------------------------------------------------------------------
// The overlap check (查重).

const OVERLAP_DRAFTS: usize = 20;
const OVERLAP_DRAFT_CHARS: usize = 10_000;
/// Drafts also checked by a plain scan of every article (a scan takes seconds).
const OVERLAP_SCANS: usize = 3;

struct OverlapBench {
    /// Time of each draft's check through the fingerprint index.
    indexed: Vec<Duration>,
    /// Time of a plain scan of every article for the first drafts.
    scanned: Vec<Duration>,
    /// The rate each check reported, and the scan's where there was one.
    rates: Vec<(f64, Option<f64>)>,
}

/// Drafts of about 10,000 characters: half paragraphs copied from random articles, half the
/// library's paragraphs written backwards (real characters, no run shared with anything).
fn overlap_drafts(texts: &[ArticleText], seed: u64) -> Vec<String> {
    let mut rng = SplitMix64::new(seed);
    let mut next = move |n: usize| rng.below(n);
    (0..OVERLAP_DRAFTS)
        .map(|_| {
            let mut draft = String::new();
            let mut chars = 0;
            let mut copy = true;
            while chars < OVERLAP_DRAFT_CHARS {
                let body = &texts[next(texts.len())].body;
                let paragraphs: Vec<&str> = body
                    .split('\n')
                    .filter(|p| p.chars().count() > 30)
                    .collect();
                if paragraphs.is_empty() {
                    continue;
                }
                let p = paragraphs[next(paragraphs.len())];
                let p: String = if copy {
                    p.to_string()
                } else {
                    p.chars().rev().collect()
                };
                let room = OVERLAP_DRAFT_CHARS - chars;
                let p: String = p.chars().take(room).collect();
                chars += p.chars().count();
                draft.push_str(&p);
                draft.push('\n');
                copy = !copy;
            }
            draft
        })
        .collect()
}

async fn run_overlap(lib: &Library, seed: u64) -> Result<OverlapBench, CliError> {
    let ids: Vec<i64> = lib
        .store
        .articles(Page::default())
        .await?
        .iter()
        .map(|a| a.id)
        .collect();
    let texts = lib.store.article_texts(&ids, false).await?;
    let drafts = overlap_drafts(&texts, seed);
    let options = CheckOptions::default();
    let mut bench = OverlapBench {
        indexed: Vec::new(),
        scanned: Vec::new(),
        rates: Vec::new(),
    };
    // One check first, not timed: it brings the fingerprints' pages into memory, as a server
    // that has been answering has them.
    let operator = sucai_services::entitlement::Caller::Operator;
    overlap::check(
        &lib.index,
        lib.store.as_ref(),
        &drafts[0],
        options,
        &operator,
        None,
    )
    .await?;
    for (i, draft) in drafts.iter().enumerate() {
        let started = Instant::now();
        let report = overlap::check(
            &lib.index,
            lib.store.as_ref(),
            draft,
            options,
            &operator,
            None,
        )
        .await?;
        bench.indexed.push(started.elapsed());
        let scan = if i < OVERLAP_SCANS {
            let started = Instant::now();
            let scan = overlap::check_against(draft, options, &texts)?;
            bench.scanned.push(started.elapsed());
            Some(scan.rate)
        } else {
            None
        };
        bench.rates.push((report.rate, scan));
    }
    Ok(bench)
}

fn overlap_table(b: &OverlapBench) -> String {
    let sorted = |v: &[Duration]| {
        let mut v = v.to_vec();
        v.sort_unstable();
        v
    };
    let (indexed, scanned) = (sorted(&b.indexed), sorted(&b.scanned));
    let p = |v: &[Duration], q: f64| percentile(v, q).map_or("–".into(), ms);
    let p50 = |v: &[Duration]| percentile(v, 50.0);
    let pairs: Vec<String> = b
        .rates
        .iter()
        .filter_map(|&(r, s)| Some(format!("{:.2}/{:.2}%", r * 100.0, s? * 100.0)))
        .collect();
    let mean_rate = b.rates.iter().map(|(r, _)| r).sum::<f64>() / b.rates.len().max(1) as f64;
    let p99 = percentile(&indexed, 99.0);
    format!(
        "查重 of {} drafts of {} characters (half copied): p50 {}, p99 {}, mean rate {:.1}%; \
         a plain scan of every article (texts in memory, {} drafts): p50 {} ({} slower); \
         rates index/scan: {}; target ≤ 300 ms: {}\n",
        b.indexed.len(),
        thousands(OVERLAP_DRAFT_CHARS as u64),
        p(&indexed, 50.0),
        p(&indexed, 99.0),
        mean_rate * 100.0,
        scanned.len(),
        p(&scanned, 50.0),
        format_ratio(ratio(p50(&scanned), p50(&indexed))),
        pairs.join(", "),
        check(p99.is_some_and(|d| d.as_secs_f64() <= 0.3)),
    )
}

/// `12345678` → `12,345,678`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1e3;
    if ms < 1.0 {
        format!("{ms:.3} ms")
    } else if ms < 10.0 {
        format!("{ms:.2} ms")
    } else if ms < 100.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.0} ms")
    }
}

fn mb(bytes: u64) -> String {
    format!("{:.0} MB", bytes as f64 / 1e6)
}

/// The `p`-th percentile (nearest rank) of sorted latencies.
fn percentile(sorted: &[Duration], p: f64) -> Option<Duration> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    Some(sorted[rank.clamp(1, sorted.len()) - 1])
}

struct ClassRow {
    class: Class,
    n: usize,
    /// (p50, p99, measured) per engine: sucai, fts5, scan.
    engines: [(Option<Duration>, Option<Duration>, usize); 3],
}

fn rows(r: &Report) -> Vec<ClassRow> {
    classes()
        .into_iter()
        .map(|class| {
            let of = |m: &Measured| {
                let mut lat: Vec<Duration> = r
                    .queries
                    .iter()
                    .zip(m)
                    .filter(|(q, _)| q.class == class)
                    .filter_map(|(_, x)| x.map(|(d, _)| d))
                    .collect();
                lat.sort_unstable();
                (percentile(&lat, 50.0), percentile(&lat, 99.0), lat.len())
            };
            ClassRow {
                class,
                n: r.queries.iter().filter(|q| q.class == class).count(),
                engines: [of(&r.sucai), of(&r.fts5), of(&r.scan)],
            }
        })
        .collect()
}

fn ratio(a: Option<Duration>, b: Option<Duration>) -> Option<f64> {
    Some(a?.as_secs_f64() / b?.as_secs_f64().max(1e-9))
}

fn format_ratio(x: Option<f64>) -> String {
    match x {
        Some(x) if x >= 10.0 => format!("{x:.0}×"),
        Some(x) => format!("{x:.1}×"),
        None => "–".into(),
    }
}

fn check(ok: bool) -> &'static str {
    if ok { "ok" } else { "MISSED" }
}

/// The one table `sucai bench` prints.
fn table(r: &Report) -> String {
    let b = &r.library;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "sucai bench: {} characters, {} articles ({} files), seed {}, work {}",
        thousands(r.chars as u64),
        thousands(r.articles as u64),
        thousands(b.documents as u64),
        r.seed,
        r.work.display()
    );
    if r.reused {
        let _ = writeln!(
            out,
            "library reused from the work folder (import and index figures are from the run that built it)"
        );
    }
    let import_rate = b.import_chars as f64 / b.import_seconds.max(1e-9);
    let total_rate = b.import_chars as f64 / (b.import_seconds + b.index_seconds).max(1e-9);
    let index_ratio = r.index_bytes as f64 / r.text_bytes.max(1) as f64;
    let _ = writeln!(
        out,
        "import {:.1} s = {:.2} M chars/s; index {:.1} s; total {:.2} M chars/s; index {:.2} × text ({} / {}); sucai RSS {} (peak {})",
        b.import_seconds,
        import_rate / 1e6,
        b.index_seconds,
        total_rate / 1e6,
        index_ratio,
        mb(r.index_bytes),
        mb(r.text_bytes as u64),
        mb(r.sucai_memory.0),
        mb(r.sucai_memory.1),
    );
    let _ = writeln!(
        out,
        "{:<10} {:>4}  {:>10} {:>10}  {:>10} {:>10}  {:>10} {:>10}  {:>10} {:>10}",
        "class",
        "n",
        "sucai p50",
        "p99",
        "fts5 p50",
        "p99",
        "scan p50",
        "p99",
        "fts5/sucai",
        "scan/sucai"
    );
    let rows = rows(r);
    let cell = |d: Option<Duration>| d.map_or("–".to_string(), ms);
    let mut truncated = Vec::new();
    for row in &rows {
        let [s, f, c] = row.engines;
        let mark = if f.2 < row.n {
            truncated.push(format!("{} ({} of {})", row.class.label(), f.2, row.n));
            "*"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "{:<10} {:>4}  {:>10} {:>10}  {:>10} {:>10}  {:>10} {:>10}  {:>10} {:>10}",
            row.class.label(),
            row.n,
            cell(s.0),
            cell(s.1),
            format!("{}{mark}", cell(f.0)),
            cell(f.1),
            cell(c.0),
            cell(c.1),
            format_ratio(ratio(f.0, s.0)),
            format_ratio(ratio(c.0, s.0)),
        );
    }
    let _ = writeln!(out, "(ratios at p50)");
    if !truncated.is_empty() {
        let _ = writeln!(
            out,
            "* FTS5 stopped after {:.0} s in a class; measured: {}",
            r.fts5_budget,
            truncated.join(", ")
        );
    }
    let mismatches = r.mismatches();
    let _ = writeln!(
        out,
        "exactness: {} mismatches over {} queries (sucai total vs full scan); FTS5 differs from the scan on {} of {} queries",
        mismatches.len(),
        thousands(r.queries.len() as u64),
        r.fts5_mismatches().len(),
        r.fts5.iter().flatten().count()
    );
    for (i, got, want) in mismatches.iter().take(10) {
        let _ = writeln!(
            out,
            "  MISMATCH {:?} ({}): sucai {got}, scan {want}",
            r.queries[*i].text,
            r.queries[*i].class.label()
        );
    }
    let fts5_build = r
        .fts5_build_seconds
        .map_or("reused".to_string(), |s| format!("built in {s:.0} s"));
    let _ = writeln!(
        out,
        "FTS5 database {} ({:.2} × text, {fts5_build}); RSS at the end {} (peak {}), with the scan's texts and FTS5 loaded",
        mb(r.fts5_bytes),
        r.fts5_bytes as f64 / r.text_bytes.max(1) as f64,
        mb(r.end_memory.0),
        mb(r.end_memory.1),
    );

    // The targets of DESIGN.md (stated for 90 M characters).
    let exact: Vec<&ClassRow> = rows
        .iter()
        .filter(|row| row.class != Class::Ranked)
        .collect();
    let worst = |f: &dyn Fn(&ClassRow) -> Option<Duration>, rows: &[&ClassRow]| {
        rows.iter()
            .filter_map(|row| f(row).map(|d| (d, row.class.label())))
            .max()
    };
    let p50 = worst(&|row| row.engines[0].0, &exact);
    let p99 = worst(&|row| row.engines[0].1, &exact);
    let ranked: Vec<&ClassRow> = rows
        .iter()
        .filter(|row| row.class == Class::Ranked)
        .collect();
    let ranked_p99 = worst(&|row| row.engines[0].1, &ranked);
    let least = |k: usize| {
        rows.iter()
            .filter_map(|row| {
                ratio(row.engines[k].0, row.engines[0].0).map(|x| (x, row.class.label()))
            })
            .min_by(|a, b| a.0.total_cmp(&b.0))
    };
    let show = |w: &Option<(Duration, String)>, limit: f64| match w {
        Some((d, label)) => format!(
            "{} ({label}) {}",
            ms(*d),
            check(d.as_secs_f64() * 1e3 <= limit)
        ),
        None => "–".into(),
    };
    let show_ratio = |w: &Option<(f64, String)>, limit: f64| match w {
        Some((x, label)) => format!(
            "{} ({label}) {}",
            format_ratio(Some(*x)),
            check(*x >= limit)
        ),
        None => "–".into(),
    };
    let _ = writeln!(
        out,
        "targets{}: exact p50 ≤ 1 ms: worst {}; exact p99 ≤ 10 ms: worst {}; ranked p99 ≤ 20 ms: {}; \
         FTS5 ≥ 10× at p50: least {}; scan ≥ 100× at p50: least {}; index ≤ 1.5 × text: {:.2} × {}; \
         sucai RSS < 1 GB: {} {}; import ≥ 2 M chars/s end to end: {:.2} M {}",
        if r.args_chars >= 90_000_000 {
            ""
        } else {
            " (stated for 90 M characters)"
        },
        show(&p50, 1.0),
        show(&p99, 10.0),
        show(&ranked_p99, 20.0),
        show_ratio(&least(1), 10.0),
        show_ratio(&least(2), 100.0),
        index_ratio,
        check(index_ratio <= 1.5),
        mb(r.sucai_memory.0),
        check(r.sucai_memory.0 < 1 << 30),
        total_rate / 1e6,
        check(total_rate >= 2e6),
    );
    out
}

/// `sucai bench`: builds or reuses the library, measures, prints the table; fails when sucai
/// and the full scan disagree on any query.
pub async fn run(args: BenchArgs) -> Result<(), CliError> {
    let from = args.from.clone().unwrap_or_else(|| {
        let here = PathBuf::from("../shared/corpus");
        if here.is_dir() {
            here
        } else {
            // The shared folder beside the repository, as the tests find it.
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus")
        }
    });
    let work = args.work.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!(
            "sucai-bench-{}-seed{}",
            chars_label(args.chars),
            args.seed
        ))
    });
    let report = measure(
        &from,
        &work,
        args.chars,
        args.seed,
        args.queries_per_class,
        args.fts5_budget_secs,
    )
    .await?;
    crate::emit(&table(&report));
    crate::emit(&overlap_table(&report.overlap));
    let mismatches = report.mismatches();
    if let Some((i, got, want)) = mismatches.first() {
        return Err(CliError::Bench(format!(
            "sucai's total differs from the full scan on {} queries, first {:?}: sucai {got}, scan {want}",
            mismatches.len(),
            report.queries[*i].text
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chars_parse() {
        assert_eq!(parse_chars("10M"), Ok(10_000_000));
        assert_eq!(parse_chars("90m"), Ok(90_000_000));
        assert_eq!(parse_chars("1.5M"), Ok(1_500_000));
        assert_eq!(parse_chars("500k"), Ok(500_000));
        assert_eq!(parse_chars("1_000_000"), Ok(1_000_000));
        assert_eq!(parse_chars("60000"), Ok(60_000));
        assert!(parse_chars("ten").is_err());
        assert!(parse_chars("0").is_err());
        assert_eq!(chars_label(90_000_000), "90M");
    }

    #[test]
    fn query_text_quotes_what_the_language_would_read() {
        let t = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            query_text(&t(&["水利", "发展"])).as_deref(),
            Some("水利 发展")
        );
        assert_eq!(
            query_text(&t(&["-水利"])).as_deref(),
            Some("\"-水利\""),
            "a leading - would exclude"
        );
        assert_eq!(
            query_text(&t(&["year:2020"])).as_deref(),
            Some("\"year:2020\"")
        );
        assert_eq!(query_text(&t(&["a\"b"])), None);
    }

    #[test]
    fn fts5_like_patterns_escape() {
        assert_eq!(like_pattern("5%_\\"), "%5\\%\\_\\\\%");
    }

    /// The whole benchmark on a tiny corpus: sucai, FTS5 and the scan agree on every query.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn bench_engines_agree_on_a_tiny_corpus() {
        let tmp = tempfile::tempdir().unwrap();
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
        let report = measure(&from, tmp.path(), 60_000, 3, 12, 600.0)
            .await
            .unwrap();
        let text = table(&report);
        eprintln!("{text}");
        assert!(report.articles > 3, "{text}");
        assert!(!report.reused);
        for class in classes() {
            let n = report.queries.iter().filter(|q| q.class == class).count();
            assert!(n > 0, "no queries of class {class:?}");
        }
        assert_eq!(report.mismatches(), vec![], "{text}");
        assert_eq!(report.fts5_mismatches(), vec![], "{text}");
        assert!(report.fts5.iter().all(Option::is_some));
        for (q, s) in report.queries.iter().zip(&report.scan) {
            let found = s.unwrap().1;
            match q.class {
                Class::Rare(_) => assert!((1..=3).contains(&found), "{q:?}: {found}"),
                _ => assert!(found >= 1, "{q:?}: {found}"),
            }
        }

        // A second run over the same work folder reuses the library and FTS5, and draws the
        // same queries.
        let again = measure(&from, tmp.path(), 60_000, 3, 12, 600.0)
            .await
            .unwrap();
        assert!(again.reused);
        assert!(again.fts5_build_seconds.is_none());
        let texts = |r: &Report| r.queries.iter().map(|q| q.text.clone()).collect::<Vec<_>>();
        assert_eq!(texts(&report), texts(&again));
    }
}
