//! The records the store keeps and hands out.

use serde::{Deserialize, Serialize};
use sucai_text::masks::MaskCounts;
use sucai_text::outline::OutlineItem;
use sucai_text::quotes::Quote;

/// Characters of an article without paid markers that everyone may read: the operator's
/// default policy (DESIGN.md, "Who may see what").
pub const DEFAULT_FREE_CHARS: u32 = 200;

/// How many characters at the start of a body of `body_chars` characters are free: up to the
/// paid marker where the material had one, else the default policy.
pub fn free_part(free_chars: Option<u32>, body_chars: u32) -> u32 {
    free_chars.unwrap_or(DEFAULT_FREE_CHARS).min(body_chars)
}

/// An operator's corrections to an article's metadata and paid boundary; `None` leaves a
/// field as it is.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct ArticleEdit {
    pub title: Option<String>,
    pub category: Option<String>,
    pub tags: Option<Vec<String>>,
    /// A new year also sets the date to that year when the stored date is of another year.
    pub year: Option<Option<i32>>,
    /// Characters of the body that are free; `Some(None)` returns the article to the default
    /// policy.
    pub free_chars: Option<Option<u32>>,
}

/// One file to store, with the articles found in it.
#[derive(Debug, Clone)]
pub struct NewMaterial {
    pub sha256: [u8; 32],
    pub file_name: String,
    pub file_name_raw: Option<Vec<u8>>,
    pub format: String,
    pub encoding: String,
    pub original: Vec<u8>,
    pub title: String,
    pub declared_articles: Option<u32>,
    pub trailer: String,
    pub warnings: Vec<String>,
    pub articles: Vec<NewArticle>,
}

/// Where a duplicate's original is: already stored, or earlier in the same batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Original {
    Stored(i64),
    InBatch { material: usize, article: usize },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateKind {
    /// The same text after folding (masks, widths, spaces).
    Exact,
    /// Nearly the same text: each holds at least 90 % of the other's characters in shared runs
    /// (or their simhashes are within a few bits).
    Near,
    /// The shorter text stands (at least 90 % of it) inside the longer one, which holds more:
    /// a compilation's article and the single file it also came as.
    Contained,
}

impl DuplicateKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DuplicateKind::Exact => "exact",
            DuplicateKind::Near => "near",
            DuplicateKind::Contained => "contained",
        }
    }
    fn parse(s: &str) -> Option<Self> {
        match s {
            "exact" => Some(DuplicateKind::Exact),
            "near" => Some(DuplicateKind::Near),
            "contained" => Some(DuplicateKind::Contained),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewArticle {
    pub title: String,
    /// Paragraphs joined by `\n`, masks as written.
    pub body: String,
    /// Characters of `body` before the paid markers; `None` when the material has none.
    pub free_chars: Option<u32>,
    pub category: String,
    pub tags: Vec<String>,
    pub year: Option<i32>,
    /// The document's own date, as precise as it says: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`
    /// (`year` is its year).
    pub date: Option<String>,
    pub chars: u32,
    pub paragraphs: u32,
    pub outline: Vec<OutlineItem>,
    pub quotes: Vec<Quote>,
    pub masks: MaskCounts,
    pub text_hash: [u8; 32],
    pub simhash: Option<u64>,
    /// Sampled shingle hashes of the text (`sucai_text::fingerprint::sketch`): how a later
    /// import finds the texts this one stands in, or that stand in it.
    pub sketch: Vec<u64>,
    pub duplicate_of: Option<(Original, DuplicateKind)>,
}

/// What became of one material of a committed batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Committed {
    New {
        material_id: i64,
        article_ids: Vec<i64>,
    },
    /// The same bytes were already stored as this material.
    Existing { material_id: i64 },
}

/// An operator's word on an edge paragraph, over any count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeVerdict {
    /// Cut it wherever it stands at the edge of a file.
    Boilerplate,
    /// It is text: never cut it, however often it recurs.
    Text,
}

impl EdgeVerdict {
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeVerdict::Boilerplate => "boilerplate",
            EdgeVerdict::Text => "text",
        }
    }
    pub fn parse(s: &str) -> Option<EdgeVerdict> {
        match s {
            "boilerplate" => Some(EdgeVerdict::Boilerplate),
            "text" => Some(EdgeVerdict::Text),
            _ => None,
        }
    }
}

/// A paragraph seen at the edge of imported files (see `sucai-ingest`'s boilerplate).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EdgeLine {
    /// The folded form lines are compared in.
    pub key: String,
    /// The paragraph as first seen.
    pub text: String,
    /// Files it stood at the edge of.
    pub files: u32,
    pub verdict: Option<EdgeVerdict>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateCandidate {
    pub article_id: i64,
    pub material_id: i64,
    pub text_hash: [u8; 32],
    pub simhash: Option<u64>,
}

/// A stored article sharing sampled shingles with a new one: the `query`-th sketch asked about
/// shares `shared` hashes with article `article_id` of `chars` characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SketchMatch {
    pub query: usize,
    pub article_id: i64,
    pub material_id: i64,
    pub chars: u32,
    pub shared: u32,
}

/// A page of a listing.
#[derive(Debug, Clone, Copy)]
pub struct Page {
    pub offset: i64,
    pub limit: i64,
}

impl Default for Page {
    fn default() -> Self {
        Page {
            offset: 0,
            limit: i64::MAX,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleSummary {
    pub id: i64,
    pub material_id: i64,
    pub title: String,
    pub category: String,
    pub tags: Vec<String>,
    pub year: Option<i32>,
    pub chars: u32,
    /// Characters of the body, paragraphs joined by `\n`: what `free_chars` counts in.
    pub body_chars: u32,
    pub free_chars: Option<u32>,
    pub duplicate_of: Option<i64>,
}

/// What search needs of an article to cut its snippet: the whole body, or only its free part
/// when the reader may see no more (a search then reads no paid text at all).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleText {
    pub id: i64,
    pub title: String,
    pub category: String,
    pub free_chars: Option<u32>,
    /// Characters of the whole body, paragraphs joined by `\n`.
    pub body_chars: u32,
    pub body: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Article {
    pub id: i64,
    pub material_id: i64,
    pub position: u32,
    pub title: String,
    pub body: String,
    pub free_chars: Option<u32>,
    pub category: String,
    pub tags: Vec<String>,
    pub year: Option<i32>,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, as precise as the document dates itself.
    pub date: Option<String>,
    pub chars: u32,
    pub paragraphs: u32,
    pub outline: Vec<OutlineItem>,
    pub quotes: Vec<Quote>,
    pub masks: MaskCounts,
    pub simhash: Option<u64>,
    pub duplicate_of: Option<i64>,
    pub duplicate_kind: Option<DuplicateKind>,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Material {
    pub id: i64,
    pub sha256: String,
    pub file_name: String,
    pub format: String,
    pub encoding: String,
    pub byte_len: i64,
    pub title: String,
    pub declared_articles: Option<u32>,
    pub trailer: String,
    pub warnings: Vec<String>,
    pub imported_at: i64,
    pub article_ids: Vec<i64>,
}

/// One file's line in an import report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportFile {
    pub path: String,
    pub status: ImportStatus,
    pub material_id: Option<i64>,
    pub articles: Option<u32>,
    pub duplicate_of: Option<i64>,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportStatus {
    Imported,
    Duplicate,
    Rejected,
}

impl ImportStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ImportStatus::Imported => "imported",
            ImportStatus::Duplicate => "duplicate",
            ImportStatus::Rejected => "rejected",
        }
    }
    fn parse(s: &str) -> Option<Self> {
        match s {
            "imported" => Some(ImportStatus::Imported),
            "duplicate" => Some(ImportStatus::Duplicate),
            "rejected" => Some(ImportStatus::Rejected),
            _ => None,
        }
    }
}

/// A whole import report as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportRecord {
    pub started_at: i64,
    pub seconds: f64,
    pub chars: u64,
    pub files: Vec<ImportFile>,
}

/// The counts of one import, without its files.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportSummary {
    pub id: i64,
    pub started_at: i64,
    pub seconds: f64,
    pub files: u64,
    pub imported: u64,
    pub duplicates: u64,
    pub rejected: u64,
    pub chars: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Change {
    pub seq: i64,
    pub entity: Entity,
    pub id: i64,
    pub op: Op,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    Material,
    Article,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    Upsert,
    Delete,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub materials: i64,
    pub articles: i64,
    pub chars: i64,
    pub last_seq: i64,
}

pub(crate) fn parse_kind(s: Option<String>) -> Option<DuplicateKind> {
    s.as_deref().and_then(DuplicateKind::parse)
}

pub(crate) fn parse_status(s: &str) -> Option<ImportStatus> {
    ImportStatus::parse(s)
}
