//! The shared test corpus (`{"id","title","text"}` per line, gzipped) written out as .txt
//! files, so that benchmarks and tests import real text through the real importer.

use crate::error::CliError;
use flate2::read::GzDecoder;
use serde::Deserialize;
use std::io::{BufRead, BufReader};
use std::path::Path;

#[derive(Deserialize)]
struct Document {
    id: String,
    #[serde(default)]
    title: String,
    text: String,
}

pub struct Written {
    pub documents: usize,
    pub chars: usize,
}

fn corpus_error(path: &Path, e: impl std::fmt::Display) -> CliError {
    CliError::Corpus(format!("{}: {e}", path.display()))
}

/// Writes every document of every `*.jsonl.gz` in `from` as `out/<file>/<id>.txt`: the title,
/// a blank line, the text.
pub fn write_txt(from: &Path, out: &Path) -> Result<Written, CliError> {
    let mut written = Written {
        documents: 0,
        chars: 0,
    };
    for_each_document(from, |source, doc| {
        let dir = out.join(source);
        std::fs::create_dir_all(&dir).map_err(|e| corpus_error(&dir, e))?;
        let safe_id: String = doc
            .id
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let text = format!("{}\n\n{}\n", doc.title.trim(), doc.text.trim());
        written.chars += doc.text.chars().count();
        written.documents += 1;
        std::fs::write(dir.join(format!("{safe_id}.txt")), text).map_err(|e| corpus_error(&dir, e))
    })?;
    Ok(written)
}

/// Calls `each` with every document of every `*.jsonl.gz` in `from`, in file order, and the
/// name of its file without `.jsonl.gz`.
fn for_each_document(
    from: &Path,
    mut each: impl FnMut(&str, Document) -> Result<(), CliError>,
) -> Result<(), CliError> {
    let mut inputs: Vec<_> = std::fs::read_dir(from)
        .map_err(|e| corpus_error(from, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".jsonl.gz"))
        .collect();
    inputs.sort();
    for input in inputs {
        let source = input
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .replace(".jsonl.gz", "");
        let file = std::fs::File::open(&input).map_err(|e| corpus_error(&input, e))?;
        for line in BufReader::new(GzDecoder::new(file)).lines() {
            let line = line.map_err(|e| corpus_error(&input, e))?;
            each(
                &source,
                serde_json::from_str(&line).map_err(|e| corpus_error(&input, e))?,
            )?;
        }
    }
    Ok(())
}

/// A small deterministic generator (splitmix64): the same seed gives the same corpus and the
/// same queries on every machine, with no dependency.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
}

/// The non-blank paragraphs (lines of each document's text, trimmed) of every `*.jsonl.gz` in
/// `from`, in file order.
fn paragraphs(from: &Path) -> Result<Vec<String>, CliError> {
    let mut out = Vec::new();
    for_each_document(from, |_, doc| {
        out.extend(
            doc.text
                .split('\n')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_string),
        );
        Ok(())
    })?;
    if out.is_empty() {
        return Err(corpus_error(from, "no paragraphs in any *.jsonl.gz"));
    }
    Ok(out)
}

/// Files per subfolder of a resampled corpus.
const FILES_PER_DIR: usize = 1_000;

/// Builds a benchmark corpus of about `target_chars` characters of paragraphs (not counting
/// titles) from the paragraphs of the shared corpus in `from`: documents of 2,000–20,000
/// characters (drawn uniformly) made of paragraphs drawn at random, written as
/// `out/NNNNN/NNNNNNN.txt` (1,000 files a folder): a title line (the start of the first
/// paragraph and ` 第N篇`), a blank line, one paragraph a line. Every 200th document has
/// `##paidbegin##` before its third paragraph. The same seed writes the same bytes.
pub fn resample(
    from: &Path,
    out: &Path,
    target_chars: usize,
    seed: u64,
) -> Result<Written, CliError> {
    let pool = paragraphs(from)?;
    let lens: Vec<usize> = pool.iter().map(|p| p.chars().count()).collect();
    let mut rng = SplitMix64::new(seed);
    let mut written = Written {
        documents: 0,
        chars: 0,
    };
    while written.chars < target_chars {
        let wanted = rng.between(2_000, 20_000).min(target_chars - written.chars);
        let mut chosen = Vec::new();
        let mut chars = 0;
        while chars < wanted {
            let i = rng.below(pool.len());
            chosen.push(i);
            chars += lens[i];
        }
        let n = written.documents + 1;
        let head_len = rng.between(12, 20);
        let head: String = pool[chosen[0]].chars().take(head_len).collect();
        let head = head.trim_end_matches(|c: char| {
            sucai_text::fold::is_punctuation(c) || sucai_text::normalize::is_space(c)
        });
        let mut text = format!("{head} 第{n}篇\n\n");
        for (k, &i) in chosen.iter().enumerate() {
            if k == 2 && n.is_multiple_of(200) {
                text.push_str("##paidbegin##");
            }
            text.push_str(&pool[i]);
            text.push('\n');
        }
        let dir = out.join(format!("{:05}", written.documents / FILES_PER_DIR));
        if written.documents.is_multiple_of(FILES_PER_DIR) {
            std::fs::create_dir_all(&dir).map_err(|e| corpus_error(&dir, e))?;
        }
        let path = dir.join(format!("{n:07}.txt"));
        std::fs::write(&path, text).map_err(|e| corpus_error(&path, e))?;
        written.documents = n;
        written.chars += chars;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    pub fn shared_corpus() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus")
    }

    fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
        let mut out = Vec::new();
        let mut subdirs: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        subdirs.sort();
        for sub in subdirs {
            let mut names: Vec<PathBuf> = std::fs::read_dir(&sub)
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            names.sort();
            for f in names {
                let rel = f.strip_prefix(dir).unwrap().to_path_buf();
                out.push((rel, std::fs::read(&f).unwrap()));
            }
        }
        out
    }

    #[test]
    fn resampling_is_deterministic() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b, c) = (
            tmp.path().join("a"),
            tmp.path().join("b"),
            tmp.path().join("c"),
        );
        let wa = resample(&shared_corpus(), &a, 50_000, 7).unwrap();
        let wb = resample(&shared_corpus(), &b, 50_000, 7).unwrap();
        resample(&shared_corpus(), &c, 50_000, 8).unwrap();
        assert!(wa.chars >= 50_000 && wa.chars < 50_000 + 40_000);
        assert_eq!((wa.documents, wa.chars), (wb.documents, wb.chars));
        let (fa, fb, fc) = (files(&a), files(&b), files(&c));
        assert_eq!(fa.len(), wa.documents);
        assert!(fa == fb, "the same seed writes the same bytes");
        assert!(fa != fc, "another seed writes another corpus");
        let first = String::from_utf8(fa[0].1.clone()).unwrap();
        let mut lines = first.lines();
        assert!(lines.next().unwrap().ends_with(" 第1篇"));
        assert_eq!(lines.next(), Some(""));
        assert!(lines.all(|l| !l.trim().is_empty()));
    }
}
