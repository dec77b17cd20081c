//! The overlap check (查重): which runs of a draft stand in the library, in which articles, and
//! how much of the draft they make up; and, from the same fingerprints, the materials related
//! to an article.
//!
//! The index finds the candidate articles (those sharing winnowed fingerprints with the draft);
//! each candidate is then compared exactly with the draft, so a reported span is a run of at
//! least `min_run` characters that really stands in the source. Characters are counted in the
//! fingerprint form: whitespace and punctuation dropped, masks and full-width forms read
//! through. The report names sources by id and title only; it never holds source text, so a
//! caller learns that a span matches paid text, never the text. Drafts are not stored.

use serde::Serialize;
use std::ops::Range;
use std::path::Path;
use sucai_formats::{Format, FormatError, Limits};
use sucai_index::{IndexError, SearchIndex, Sort};
use sucai_store::{ArticleText, Store, StoreError};
use sucai_text::overlap::{DEFAULT_RUN, Draft, MIN_RUN, all_fingerprints, winnowed_fingerprints};
use thiserror::Error;

/// The longest draft one check takes, in characters.
pub const MAX_DRAFT_CHARS: usize = 50_000;
/// How many candidate articles, the rarest fingerprints shared first, are compared exactly.
const CANDIDATES: usize = 150;

#[derive(Debug, Error)]
pub enum OverlapError {
    #[error("the draft is empty: paste or upload the text to check")]
    Empty,
    #[error("the draft has {chars} characters; a check takes at most {MAX_DRAFT_CHARS}")]
    TooLong { chars: usize },
    #[error("the shortest matching run must be 8 to 20 characters, not {0}")]
    BadRun(usize),
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

/// Checks `draft` against the whole library.
pub async fn check(
    index: &SearchIndex,
    store: &dyn Store,
    draft: &str,
    options: CheckOptions,
) -> Result<OverlapReport, OverlapError> {
    let draft = prepare(draft, options)?;
    let candidates = index.fingerprint_matches(&all_fingerprints(draft.1), CANDIDATES)?;
    let ids: Vec<i64> = candidates.iter().map(|h| h.id).collect();
    let texts = store.article_texts(&ids, false).await?;
    Ok(compare(&draft.0, draft.1, options.min_run, &texts))
}

/// Checks `draft` against `sources`, every one compared in full: the plain scan that the
/// fingerprint index saves, for the benchmark to compare with.
pub fn check_against(
    draft: &str,
    options: CheckOptions,
    sources: &[ArticleText],
) -> Result<OverlapReport, OverlapError> {
    let draft = prepare(draft, options)?;
    Ok(compare(&draft.0, draft.1, options.min_run, sources))
}

fn prepare(text: &str, options: CheckOptions) -> Result<(Draft, &str), OverlapError> {
    if !MIN_RUN.contains(&options.min_run) {
        return Err(OverlapError::BadRun(options.min_run));
    }
    let chars = text.chars().count();
    if chars > MAX_DRAFT_CHARS {
        return Err(OverlapError::TooLong { chars });
    }
    let draft = Draft::new(text, options.min_run);
    if draft.chars().is_empty() {
        return Err(OverlapError::Empty);
    }
    Ok((draft, text))
}

/// The report of `draft` against `sources`, compared exactly.
fn compare(draft: &Draft, text: &str, min_run: usize, sources: &[ArticleText]) -> OverlapReport {
    let total = draft.chars().len();
    let covered: Vec<(&ArticleText, Vec<Range<usize>>)> = sources
        .iter()
        .map(|s| (s, draft.covered_by(&s.body)))
        .filter(|(_, ranges)| !ranges.is_empty())
        .collect();

    let mut matched = vec![false; total];
    for (_, ranges) in &covered {
        for r in ranges {
            matched[r.clone()].fill(true);
        }
    }
    let matched_chars = matched.iter().filter(|&&m| m).count();
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
        if !matched[at] {
            at += 1;
            continue;
        }
        let start = at;
        while at < total && matched[at] && paragraph(at) == paragraph(start) {
            at += 1;
        }
        let mut holders: Vec<(usize, &ArticleText)> = covered
            .iter()
            .map(|(s, ranges)| (overlap_len(ranges, &(start..at)), *s))
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

    let mut sources: Vec<Source> = covered
        .iter()
        .map(|(s, ranges)| {
            let n = ranges.iter().map(|r| r.len()).sum();
            Source {
                id: s.id,
                title: s.title.clone(),
                category: s.category.clone(),
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
        min_run,
        spans,
        sources,
        paragraphs: paragraph_rates(draft, text, &matched),
    }
}

fn overlap_len(ranges: &[Range<usize>], span: &Range<usize>) -> usize {
    ranges
        .iter()
        .map(|r| r.end.min(span.end).saturating_sub(r.start.max(span.start)))
        .sum()
}

/// The rate of every non-blank line of the draft.
fn paragraph_rates(draft: &Draft, text: &str, matched: &[bool]) -> Vec<ParagraphRate> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut folded = draft.chars().iter().zip(matched).peekable();
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
        let options = CheckOptions::default();
        let (draft, text) = prepare(text, options).unwrap();
        let report = compare(&draft, text, options.min_run, &[a, b]);
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
        assert!(matches!(prepare("正文", run), Err(OverlapError::BadRun(7))));
        assert!(matches!(
            draft_from_file("稿件.pdf", b"%PDF"),
            Err(OverlapError::UnknownFormat(_))
        ));
    }
}
