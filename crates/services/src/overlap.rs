//! The overlap check (查重): which runs of a draft stand in the library, in which articles, and
//! how much of the draft they make up; and, from the same fingerprints, the materials related
//! to an article.
//!
//! The index finds the candidate articles (those sharing winnowed fingerprints with the draft);
//! each candidate is then compared with the draft window by window (64-bit hashes of every
//! `min_run`-character window), so a reported span is a run of at least `min_run` characters
//! that stands in the source. Characters are counted in the fingerprint form: whitespace and
//! punctuation dropped, masks and full-width forms read through.
//!
//! The report names sources by id and title only and never holds source text. What it counts
//! (the rate, each source's share, the spans) is only what the caller may read. Where a draft
//! also matches text the caller may not read, the report at most names those articles, without
//! any count, and only within the client's daily budget of such answers (see
//! [`crate::limits`]): otherwise a draft of guesses, checked line by line, would read paid text
//! out one character at a time. Drafts are not stored.

use crate::entitlement::{Caller, Reader};
use crate::limits::{Client, PaidHints};
use serde::Serialize;
use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;
use sucai_formats::{Format, FormatError, Limits};
use sucai_index::{IndexError, SearchIndex, Sort, Visibility};
use sucai_store::{ArticleText, Store, StoreError};
use sucai_text::overlap::{DEFAULT_RUN, Draft, K, MIN_RUN, winnowed_fingerprints};
use thiserror::Error;

/// The longest draft one check takes, in characters.
pub const MAX_DRAFT_CHARS: usize = 50_000;
/// A draft looks for candidates piece by piece, this many characters a piece...
const PIECE: usize = 1_000;
/// ...and compares every piece with the articles sharing its rarest fingerprints, this many...
const CANDIDATES_PER_PIECE: usize = 15;
/// ...then looks again for what is still unmatched, at most this many times in all.
const ROUNDS: usize = 3;

#[derive(Debug, Error)]
pub enum OverlapError {
    #[error("the draft is empty: paste or upload the text to check")]
    Empty,
    #[error("the draft has {chars} characters; a check takes at most {MAX_DRAFT_CHARS}")]
    TooLong { chars: usize },
    #[error("the shortest matching run must be 8 to 20 characters, not {0}")]
    BadRun(String),
    #[error("only .txt, .docx, .md and .html drafts can be checked, not {0:?}")]
    UnknownFormat(String),
    #[error("the draft cannot be read: {0}")]
    Format(#[from] FormatError),
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl OverlapError {
    /// The message in Chinese, for the web page.
    pub fn chinese(&self) -> String {
        match self {
            OverlapError::Empty => "稿件为空：请粘贴或上传要查重的文本。".into(),
            OverlapError::TooLong { chars } => {
                format!("稿件有 {chars} 字，一次查重最多 {MAX_DRAFT_CHARS} 字。")
            }
            OverlapError::BadRun(n) => format!("最短连续匹配字数应为 8 到 20，不是 {n}。"),
            OverlapError::UnknownFormat(_) => "只能查重 .txt、.docx、.md 或 .html 文件。".into(),
            OverlapError::Format(e) => format!("稿件无法读取：{e}"),
            OverlapError::Index(_) | OverlapError::Store(_) => {
                "查重暂时无法完成，请稍后再试。".into()
            }
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct CheckOptions {
    /// The fewest consecutive characters that count as a match (8–20).
    pub min_run: usize,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            min_run: DEFAULT_RUN,
        }
    }
}

/// An article a draft overlaps, as the report names it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceRef {
    pub id: i64,
    pub title: String,
}

/// A run of the draft that stands in the library. Offsets are in characters of the draft as
/// given (`start..end`), so the span can be marked in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    /// Compared characters in the span (no whitespace or punctuation).
    pub chars: usize,
    /// The articles holding the span, those holding most of it first.
    pub sources: Vec<SourceRef>,
}

/// One source article and how much of the draft it covers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    pub id: i64,
    pub title: String,
    pub category: String,
    /// Characters of the draft this article holds.
    pub matched_chars: usize,
    /// `matched_chars` ÷ the draft's compared characters.
    pub rate: f64,
}

/// One paragraph of the draft (a line of it) and how much of it matched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParagraphRate {
    pub start: usize,
    pub end: usize,
    pub chars: usize,
    pub matched_chars: usize,
    pub rate: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverlapReport {
    /// Matched characters ÷ compared characters, 0.0–1.0.
    pub rate: f64,
    /// The draft's characters after dropping whitespace and punctuation.
    pub chars: usize,
    pub matched_chars: usize,
    pub min_run: usize,
    /// Articles whose members-only text, which the caller may not read, the draft also
    /// matches: named without counts, within the client's daily budget of such answers; not
    /// counted anywhere else in the report.
    pub members_only: Vec<SourceRef>,
    /// Why members-only matches are left out, when the caller's budget is spent. It never
    /// depends on whether such text matched.
    pub notice: Option<String>,
    /// The runs shown, in the draft's order. A span stays within one paragraph of the draft,
    /// so a run cut by a line break may show as two shorter spans.
    pub spans: Vec<Span>,
    /// Every article the draft overlaps, most overlap first.
    pub sources: Vec<Source>,
    pub paragraphs: Vec<ParagraphRate>,
}

/// The text of a draft file, by its name's extension.
pub fn draft_from_file(name: &str, bytes: &[u8]) -> Result<String, OverlapError> {
    let format = Format::from_path(Path::new(name))
        .ok_or_else(|| OverlapError::UnknownFormat(name.to_string()))?;
    Ok(sucai_formats::extract(format, bytes, &Limits::default())?.text)
}

/// Checks `draft` against the whole library for `caller`; with `hints`, members-only
/// matches the caller may not read are named within the client's budget (see
/// [`OverlapReport::members_only`]), without, never.
pub async fn check(
    index: &SearchIndex,
    store: &dyn Store,
    draft: &str,
    options: CheckOptions,
    caller: &Caller,
    hints: Option<(&PaidHints, &Client)>,
) -> Result<OverlapReport, OverlapError> {
    let prepared = prepare(draft, options)?;
    let matches = candidates(index, store, &prepared).await?;
    let visible: Vec<usize> = matches
        .iter()
        .map(|(t, _)| {
            caller
                .reader_of(&t.category)
                .visible(t.free_chars, t.body_chars as usize)
        })
        .collect();
    let covers = covers(&prepared, &matches, &visible);
    let mut report = compare(&prepared, draft, &covers);
    let hidden: Vec<SourceRef> = covers
        .iter()
        .filter(|c| c.hidden)
        .map(|c| SourceRef {
            id: c.source.id,
            title: c.source.title.clone(),
        })
        .collect();
    // Every report that could name members-only matches costs one from the budget, whatever
    // it holds: a "no" tells as much as a "yes".
    if let Some((budget, client)) = hints
        && caller.visibility() != Visibility::All
    {
        if budget.take(store, client, crate::unix_now()).await? {
            report.members_only = hidden;
        } else {
            report.notice = Some(NOTICE_SPENT.into());
        }
    }
    Ok(report)
}

/// The articles whose members-only text `text` holds: a run of at least [`DEFAULT_RUN`]
/// characters that stands in an article's paid part and not in its free preview. What a draft
/// export counts like a download of those articles.
pub async fn paid_sources(
    index: &SearchIndex,
    store: &dyn Store,
    text: &str,
) -> Result<Vec<ArticleText>, OverlapError> {
    let draft = Draft::new(text, DEFAULT_RUN);
    if draft.chars().is_empty() {
        return Ok(Vec::new());
    }
    let matches = candidates(index, store, &draft).await?;
    let free: Vec<usize> = matches
        .iter()
        .map(|(t, _)| Reader::FreePreview.visible(t.free_chars, t.body_chars as usize))
        .collect();
    let paid: HashSet<i64> = covers(&draft, &matches, &free)
        .iter()
        .filter(|c| c.hidden)
        .map(|c| c.source.id)
        .collect();
    Ok(matches
        .into_iter()
        .map(|(t, _)| t)
        .filter(|t| paid.contains(&t.id))
        .collect())
}

/// The notice of a report whose client's paid-hint budget is spent.
pub const NOTICE_SPENT: &str =
    "今天的付费内容重合提示已用完：报告只含您可阅读的内容；开通会员后可对照全文。";

/// A source article and the draft characters it holds (see [`Draft::covered_by`]).
type Match = (ArticleText, Vec<Range<usize>>);

/// The articles that hold runs of `draft`, compared. Each piece of the draft brings
/// the articles that share its rarest fingerprints; then what no candidate matched looks again,
/// without them, so that a passage whose library copies were crowded out by a busier part of
/// the piece still finds one.
async fn candidates(
    index: &SearchIndex,
    store: &dyn Store,
    draft: &Draft,
) -> Result<Vec<Match>, OverlapError> {
    let kgrams = draft.fingerprints();
    let mut matched = vec![false; draft.chars().len()];
    let mut seen = HashSet::new();
    let mut matches = Vec::new();
    for _ in 0..ROUNDS {
        let open: Vec<u64> = kgrams
            .iter()
            .filter(|(at, _)| !matched[*at..*at + K].iter().all(|&m| m))
            .map(|(_, fingerprint)| *fingerprint)
            .collect();
        let mut ids = Vec::new();
        for piece in open.chunks(PIECE) {
            let mut piece = piece.to_vec();
            piece.sort_unstable();
            piece.dedup();
            let found = index.fingerprint_matches(&piece, CANDIDATES_PER_PIECE + seen.len())?;
            ids.extend(
                found
                    .iter()
                    .map(|m| m.id)
                    .filter(|id| !seen.contains(id))
                    .take(CANDIDATES_PER_PIECE),
            );
        }
        ids.sort_unstable();
        ids.dedup();
        if ids.is_empty() {
            break;
        }
        seen.extend(ids.iter().copied());
        for text in store.article_texts(&ids, false).await? {
            let covered = draft.covered_by(&text.body);
            if covered.is_empty() {
                continue;
            }
            for r in &covered {
                matched[r.clone()].fill(true);
            }
            matches.push((text, covered));
        }
    }
    Ok(matches)
}

/// Checks `draft` against `sources`, every one compared in full and shown in full (the
/// operator's view): the plain scan that the fingerprint index saves, for the benchmark.
pub fn check_against(
    draft: &str,
    options: CheckOptions,
    sources: &[ArticleText],
) -> Result<OverlapReport, OverlapError> {
    let prepared = prepare(draft, options)?;
    let matches: Vec<Match> = sources
        .iter()
        .map(|s| (s.clone(), prepared.covered_by(&s.body)))
        .filter(|(_, covered)| !covered.is_empty())
        .collect();
    let visible: Vec<usize> = matches.iter().map(|(s, _)| s.body_chars as usize).collect();
    Ok(compare(
        &prepared,
        draft,
        &covers(&prepared, &matches, &visible),
    ))
}

fn prepare(text: &str, options: CheckOptions) -> Result<Draft, OverlapError> {
    if !MIN_RUN.contains(&options.min_run) {
        return Err(OverlapError::BadRun(options.min_run.to_string()));
    }
    let chars = text.chars().count();
    if chars > MAX_DRAFT_CHARS {
        return Err(OverlapError::TooLong { chars });
    }
    let draft = Draft::new(text, options.min_run);
    if draft.chars().is_empty() {
        return Err(OverlapError::Empty);
    }
    Ok(draft)
}

/// The first `chars` characters of `text`.
fn prefix(text: &str, chars: usize) -> &str {
    text.char_indices()
        .nth(chars)
        .map_or(text, |(at, _)| &text[..at])
}

/// One source's cover of the draft: what stands in the part the caller may read, and whether
/// more stands in the part they may not.
struct Cover<'a> {
    source: &'a ArticleText,
    shown: Vec<Range<usize>>,
    hidden: bool,
}

/// Marks the draft characters inside `ranges` of every cover.
fn union<'a>(total: usize, ranges: impl Iterator<Item = &'a [Range<usize>]>) -> Vec<bool> {
    let mut marked = vec![false; total];
    for r in ranges.flatten() {
        marked[r.clone()].fill(true);
    }
    marked
}

/// The covers of `matches`, of which the caller may read the first `visible[i]` characters
/// of source `i`.
fn covers<'a>(draft: &Draft, matches: &'a [Match], visible: &[usize]) -> Vec<Cover<'a>> {
    matches
        .iter()
        .zip(visible)
        .map(|((source, counted), &visible)| {
            if visible >= source.body_chars as usize {
                return Cover {
                    source,
                    shown: counted.clone(),
                    hidden: false,
                };
            }
            let shown = draft.covered_by(prefix(&source.body, visible));
            let len = |r: &[Range<usize>]| r.iter().map(Range::len).sum::<usize>();
            Cover {
                source,
                hidden: len(counted) > len(&shown),
                shown,
            }
        })
        .collect()
}

/// The report of `draft` by what the caller may read of each source.
fn compare(draft: &Draft, text: &str, covers: &[Cover]) -> OverlapReport {
    let total = draft.chars().len();
    let shown = union(total, covers.iter().map(|c| c.shown.as_slice()));
    let matched_chars = shown.iter().filter(|&&m| m).count();
    let rate = |n: usize, of: usize| if of == 0 { 0.0 } else { n as f64 / of as f64 };

    // A span stays within one paragraph of the draft.
    let breaks: Vec<usize> = text
        .chars()
        .enumerate()
        .filter(|(_, c)| *c == '\n')
        .map(|(i, _)| i)
        .collect();
    let paragraph = |at: usize| breaks.partition_point(|&b| b < draft.chars()[at].start);
    let mut spans = Vec::new();
    let mut at = 0;
    while at < total {
        if !shown[at] {
            at += 1;
            continue;
        }
        let start = at;
        while at < total && shown[at] && paragraph(at) == paragraph(start) {
            at += 1;
        }
        let mut holders: Vec<(usize, &ArticleText)> = covers
            .iter()
            .map(|c| (overlap_len(&c.shown, &(start..at)), c.source))
            .filter(|(n, _)| *n > 0)
            .collect();
        holders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.id.cmp(&b.1.id)));
        spans.push(Span {
            start: draft.chars()[start].start,
            end: draft.chars()[at - 1].end,
            chars: at - start,
            sources: holders
                .into_iter()
                .map(|(_, s)| SourceRef {
                    id: s.id,
                    title: s.title.clone(),
                })
                .collect(),
        });
    }

    let mut sources: Vec<Source> = covers
        .iter()
        .filter(|c| !c.shown.is_empty())
        .map(|c| {
            let n = c.shown.iter().map(|r| r.len()).sum();
            Source {
                id: c.source.id,
                title: c.source.title.clone(),
                category: c.source.category.clone(),
                matched_chars: n,
                rate: rate(n, total),
            }
        })
        .collect();
    sources.sort_by(|a, b| b.matched_chars.cmp(&a.matched_chars).then(a.id.cmp(&b.id)));

    OverlapReport {
        rate: rate(matched_chars, total),
        chars: total,
        matched_chars,
        min_run: draft.run(),
        spans,
        sources,
        paragraphs: paragraph_rates(draft, text, &shown),
        members_only: Vec::new(),
        notice: None,
    }
}

fn overlap_len(ranges: &[Range<usize>], span: &Range<usize>) -> usize {
    ranges
        .iter()
        .map(|r| r.end.min(span.end).saturating_sub(r.start.max(span.start)))
        .sum()
}

/// The rate of every non-blank line of the draft, by the matches shown.
fn paragraph_rates(draft: &Draft, text: &str, shown: &[bool]) -> Vec<ParagraphRate> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut folded = draft.chars().iter().zip(shown).peekable();
    for line in text.split('\n') {
        let end = start + line.chars().count();
        let (mut chars, mut matched_chars) = (0, 0);
        while let Some((_, &m)) = folded.next_if(|(f, _)| f.start < end) {
            chars += 1;
            matched_chars += usize::from(m);
        }
        if chars > 0 {
            out.push(ParagraphRate {
                start,
                end,
                chars,
                matched_chars,
                rate: matched_chars as f64 / chars as f64,
            });
        }
        start = end + 1;
    }
    out
}

/// A piece of a paragraph of the draft: plain, or a span with its sources.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Piece<'a> {
    pub text: String,
    pub sources: &'a [SourceRef],
}

impl OverlapReport {
    /// Every paragraph of `draft` (the text this report is of), cut into plain pieces and
    /// matched spans: what a page or a terminal marks.
    pub fn marked<'a>(&'a self, draft: &str) -> Vec<(&'a ParagraphRate, Vec<Piece<'a>>)> {
        let chars: Vec<char> = draft.chars().collect();
        let text = |from: usize, to: usize| chars[from..to].iter().collect::<String>();
        self.paragraphs
            .iter()
            .map(|p| {
                let mut pieces = Vec::new();
                let mut at = p.start;
                for span in self
                    .spans
                    .iter()
                    .filter(|s| s.start >= p.start && s.end <= p.end)
                {
                    if at < span.start {
                        pieces.push(Piece {
                            text: text(at, span.start),
                            sources: &[],
                        });
                    }
                    pieces.push(Piece {
                        text: text(span.start, span.end),
                        sources: &span.sources,
                    });
                    at = span.end;
                }
                if at < p.end {
                    pieces.push(Piece {
                        text: text(at, p.end),
                        sources: &[],
                    });
                }
                (p, pieces)
            })
            .collect()
    }
}

/// An article related to another, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Related {
    pub id: i64,
    pub title: String,
    pub category: String,
    pub reason: Relation,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// Ingest linked the two as duplicates.
    Duplicate,
    /// They share passages (this many of the sampled fingerprints).
    SharedText(u32),
    /// They share topic words.
    SharedTerms,
}

/// The fingerprints of an article that stand for it when looking for related ones: the
/// smallest hashes, a fair sample of its text (as in minhash).
const RELATED_SAMPLE: usize = 256;
/// Fewest sampled fingerprints two articles share to be related by text.
const RELATED_SHARED: u32 = 3;

/// The articles most like `article`: its duplicate original, then those sharing passages with
/// it, then those sharing its topic words; at most `limit`. Only titles and categories.
pub async fn related(
    index: &SearchIndex,
    store: &dyn Store,
    article: &sucai_store::Article,
    limit: usize,
) -> Result<Vec<Related>, OverlapError> {
    let mut picked: Vec<(i64, Relation)> = Vec::new();
    let take = |id: i64, reason: Relation, picked: &mut Vec<(i64, Relation)>| {
        if id != article.id && picked.len() < limit && !picked.iter().any(|(p, _)| *p == id) {
            picked.push((id, reason));
        }
    };
    if let Some(original) = article.duplicate_of {
        take(original, Relation::Duplicate, &mut picked);
    }
    let mut sample = winnowed_fingerprints(&article.body);
    sample.truncate(RELATED_SAMPLE);
    for hit in index.fingerprint_matches(&sample, limit + 1)? {
        if hit.shared >= RELATED_SHARED {
            take(hit.id, Relation::SharedText(hit.shared), &mut picked);
        }
    }
    if picked.len() < limit && !article.tags.is_empty() {
        let query = sucai_query::parse(&article.tags.join(" OR "))
            .ok()
            .filter(|q| q.has_terms());
        if let Some(query) = query {
            for hit in index
                .search(&query, Sort::Relevance, 0, Some(limit + 1))?
                .hits
            {
                take(hit.id, Relation::SharedTerms, &mut picked);
            }
        }
    }
    let ids: Vec<i64> = picked.iter().map(|(id, _)| *id).collect();
    let summaries = store.article_texts(&ids, true).await?;
    Ok(picked
        .into_iter()
        .filter_map(|(id, reason)| {
            let a = summaries.iter().find(|a| a.id == id)?;
            Some(Related {
                id,
                title: a.title.clone(),
                category: a.category.clone(),
                reason,
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(id: i64, title: &str, body: &str) -> ArticleText {
        ArticleText {
            id,
            title: title.into(),
            category: "讲话".into(),
            free_chars: Some(0),
            body_chars: body.chars().count() as u32,
            body: body.into(),
        }
    }

    #[test]
    fn spans_paragraphs_and_sources_are_counted_in_compared_characters() {
        let a = source(
            1,
            "甲",
            "水是万物之母、生存之本、文明之源，是经济社会发展的重要支撑和基础保障。",
        );
        let b = source(
            2,
            "乙",
            "坚持以推动高质量发展为主题，把实施扩大内需战略同深化供给侧结构性改革有机结合起来。",
        );
        // Line 1: own words; line 2: a copy of a's sentence; line 3: b's sentence, spaced out.
        let text = "今天我们在这里开会讨论工作。\n水是万物之母、生存之本、文明之源，是经济社会发展的重要支撑和基础保障。\n坚持以推动高质量发展为主题， 把实施扩大内需战略同深化供给侧结构性改革有机结合起来。";
        let draft = prepare(text, CheckOptions::default()).unwrap();
        let everything = [a.body_chars as usize, b.body_chars as usize];
        let matches: Vec<Match> = [a, b]
            .into_iter()
            .map(|s| {
                let covered = draft.covered_by(&s.body);
                (s, covered)
            })
            .collect();
        let a = &matches[0].0;
        let report = compare(&draft, text, &covers(&draft, &matches, &everything));
        let compared = |s: &str| sucai_text::fold::fold_for_fingerprint(s).chars().count();
        let lines: Vec<&str> = text.split('\n').collect();
        let (own, copied) = (compared(lines[0]), compared(lines[1]) + compared(lines[2]));
        assert_eq!(report.chars, own + copied);
        assert_eq!(report.matched_chars, copied);
        assert_eq!(report.spans.len(), 2);
        let first = &report.spans[0];
        let line2_start = lines[0].chars().count() + 1;
        assert_eq!(first.start, line2_start);
        assert_eq!(
            first.end,
            line2_start + lines[1].chars().count() - 1,
            "ends before 。"
        );
        assert_eq!(
            first.sources,
            vec![SourceRef {
                id: 1,
                title: "甲".into()
            }]
        );
        assert_eq!(report.spans[1].sources[0].id, 2);
        let rates: Vec<f64> = report.paragraphs.iter().map(|p| p.rate).collect();
        assert_eq!(rates, vec![0.0, 1.0, 1.0]);
        assert_eq!(report.sources[0].id, 2, "the larger overlap first");
        assert!((report.rate - copied as f64 / (own + copied) as f64).abs() < 1e-9);
        let marked = report.marked(text);
        assert_eq!(marked[1].1.len(), 2, "the span, then the 。 after it");
        assert_eq!(marked[1].1[0].sources[0].id, 1);
        assert_eq!(marked[1].1[1].text, "。");

        // A reader of the previews: b's text is all paid (nothing free), a's is all free.
        let preview = [a.body_chars as usize, 0];
        let covered = covers(&draft, &matches, &preview);
        assert_eq!(
            covered.iter().map(|c| c.hidden).collect::<Vec<_>>(),
            [false, true]
        );
        let report = compare(&draft, text, &covered);
        assert_eq!(
            report.matched_chars,
            compared(lines[1]),
            "only what the reader may read counts"
        );
        assert_eq!(report.spans.len(), 1);
        assert_eq!(report.spans[0].sources[0].id, 1);
        let rates: Vec<f64> = report.paragraphs.iter().map(|p| p.rate).collect();
        assert_eq!(rates, vec![0.0, 1.0, 0.0]);
        assert_eq!(report.sources.len(), 1, "the paid source is not a source");
        assert!(report.members_only.is_empty(), "named only by check()");
    }

    #[test]
    fn bad_drafts_are_refused() {
        let options = CheckOptions::default();
        assert!(matches!(
            prepare(" 。，\n", options),
            Err(OverlapError::Empty)
        ));
        let long = "字".repeat(MAX_DRAFT_CHARS + 1);
        assert!(matches!(
            prepare(&long, options),
            Err(OverlapError::TooLong { .. })
        ));
        let run = CheckOptions { min_run: 7 };
        assert!(matches!(prepare("正文", run), Err(OverlapError::BadRun(n)) if n == "7"));
        assert!(matches!(
            draft_from_file("稿件.pdf", b"%PDF"),
            Err(OverlapError::UnknownFormat(_))
        ));
    }
}
