//! One file's bytes → a material ready to store: decode, paid markers, articles, metadata,
//! fingerprints. Pure and deterministic (but for the current year, which bounds dates), so
//! files are prepared in parallel.

use crate::boilerplate::{self, Boilerplate};
use crate::markers::take_markers;
use crate::metadata;
use crate::split::split_lines;
use sha2::{Digest, Sha256};
use sucai_formats::{Format, Limits, extract};
use sucai_store::{NewArticle, NewMaterial};
use sucai_text::fingerprint::simhash_and_sketch;
use sucai_text::fold::fold_for_search;
use sucai_text::masks::count_masks;
use sucai_text::normalize::{clean_line, clean_lines_indented, clean_text};

/// A file as read from disk.
#[derive(Debug, Clone)]
pub struct Source {
    /// The name shown to people (a legacy-encoded name decoded).
    pub name: String,
    /// The name's bytes when they were not UTF-8.
    pub name_raw: Option<Vec<u8>>,
    pub format: Format,
    pub bytes: Vec<u8>,
    pub sha256: [u8; 32],
}

pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// A material ready to store, and how many characters of text it held.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub material: NewMaterial,
    pub chars: u64,
}

const MAX_TAGS: usize = 5;
const MAX_QUOTES: usize = 8;

/// The title a file gets when its text has no title line: its name without the extension,
/// cleaned as a line of text is (a file name can hold control characters), and without the
/// marks people add to copies of a file: a counter (`(2)`, `_3`), `副本`, an encoding
/// (`_gbk`, `（GBK）`, `_unicode`).
fn stem(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let mut stem = clean_line(base.rsplit_once('.').map_or(base, |(s, _)| s));
    loop {
        let trimmed = strip_copy_mark(&stem)
            .trim_end_matches([' ', '-', '_', '\u{3000}'])
            .to_string();
        if trimmed == stem || trimmed.is_empty() {
            return stem;
        }
        stem = trimmed;
    }
}

fn strip_copy_mark(stem: &str) -> &str {
    const MARKS: &[&str] = &[
        "副本", "- 副本", "_副本", "gbk", "gb2312", "gb18030", "utf8", "utf-8", "unicode", "utf16",
        "utf-16", "ansi", "big5", "copy",
    ];
    let lower = stem.to_ascii_lowercase();
    for sep in ["_", "-", " ", ""] {
        for mark in MARKS {
            let tail = format!("{sep}{mark}");
            if sep.is_empty() && !mark.starts_with(|c: char| !c.is_ascii()) {
                continue;
            }
            if lower.ends_with(&tail) && lower.len() > tail.len() {
                return &stem[..stem.len() - tail.len()];
            }
        }
    }
    // `(2)`, `（GBK）`, `_3`
    for (open, close) in [("(", ")"), ("（", "）")] {
        if let Some(inner) = stem.strip_suffix(close).and_then(|s| s.rsplit_once(open)) {
            let (head, mark) = inner;
            let lower = mark.to_ascii_lowercase();
            let counter = !mark.is_empty() && mark.chars().all(|c| c.is_ascii_digit());
            if !head.is_empty() && (counter || MARKS.contains(&lower.as_str())) {
                return head;
            }
        }
    }
    if let Some((head, n)) = stem.rsplit_once('_')
        && !head.is_empty()
        && !n.is_empty()
        && n.len() <= 2
        && n.chars().all(|c| c.is_ascii_digit())
    {
        return head;
    }
    stem
}

/// The current year (UTC): a document dated after next year is no document of this library.
fn this_year() -> i32 {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    // Days from 1970-01-01 to a year's start grow by 365.2425 a year on average.
    (1970.0 + (days as f64 + 0.5) / 365.2425).floor() as i32
}

/// A file read and decoded, its paid markers taken out: the lines that the boilerplate rules
/// of its batch are learned from and applied to.
#[derive(Debug, Clone)]
pub struct Read {
    source: Source,
    encoding: &'static str,
    chars: u64,
    lines: Vec<String>,
    /// Whether each line was indented: where a text marks paragraphs so, a paragraph starts.
    indents: Vec<bool>,
    /// The lines' paragraphs ([`boilerplate::paragraphs`]), read once for learning and cutting.
    paragraphs: Vec<std::ops::Range<usize>>,
    after_end: String,
    has_markers: bool,
    warnings: Vec<String>,
}

impl Read {
    /// What the file offers the learning of boilerplate.
    pub fn edges(&self) -> boilerplate::Edges {
        boilerplate::edges(&self.lines, &self.paragraphs)
    }
}

/// What preparing a file applies besides its own text: the boilerplate its batch learned and
/// the operator's tag words.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    pub boilerplate: Boilerplate,
    pub tag_words: metadata::TagWords,
}

/// Reads one file, or says in a sentence why it cannot be imported.
pub fn read(source: Source, limits: &Limits) -> Result<Read, String> {
    let extracted = extract(source.format, &source.bytes, limits).map_err(|e| e.to_string())?;
    let marked = take_markers(&extracted.text);
    let mut warnings = extracted.warnings;
    warnings.extend(marked.warnings);
    let (lines, indents): (Vec<String>, Vec<bool>) =
        clean_lines_indented(&marked.text).into_iter().unzip();
    let paragraphs = boilerplate::paragraphs(&lines, &indents);
    Ok(Read {
        chars: extracted.text.chars().count() as u64,
        encoding: extracted.encoding,
        lines,
        indents,
        paragraphs,
        after_end: marked.after_end,
        has_markers: marked.has_markers,
        warnings,
        source,
    })
}

/// Reads and prepares one file on its own, with no boilerplate learned from other files.
pub fn prepare_file(source: Source, limits: &Limits) -> Result<Prepared, String> {
    prepare(read(source, limits)?, &Rules::default())
}

/// Prepares one read file under its batch's boilerplate rules, or says in a sentence why it
/// cannot be imported.
pub fn prepare(read: Read, rules: &Rules) -> Result<Prepared, String> {
    let Read {
        source,
        encoding,
        chars,
        mut lines,
        indents,
        paragraphs,
        after_end,
        has_markers,
        mut warnings,
    } = read;
    let mut trailer = rules.boilerplate.strip(&mut lines, &paragraphs);
    let mut split = split_lines(lines, &indents, has_markers, &stem(&source.name));
    trailer.append(&mut split.trailer);
    let latest_year = this_year() + 1;
    if split.articles.iter().all(|a| a.paragraphs.is_empty()) {
        return Err("the file has no article text (only a title or blank lines)".into());
    }

    let articles = split
        .articles
        .iter()
        .filter(|draft| !draft.paragraphs.is_empty())
        .map(|draft| {
            let body = draft.body();
            let paragraphs: Vec<&str> = draft.paragraphs.iter().map(String::as_str).collect();
            let folded = fold_for_search(&body);
            let date = metadata::date(&draft.title, &body, &source.name, latest_year);
            let (simhash, sketch) = simhash_and_sketch(&body);
            let outline = sucai_text::outline::outline(&paragraphs);
            let headings: Vec<&str> = outline.iter().map(|h| h.text.as_str()).collect();
            NewArticle {
                category: metadata::category(&draft.title, &split.title, &body).to_string(),
                tags: metadata::tags(&draft.title, &headings, &body, MAX_TAGS, &|word: &str| {
                    rules.tag_words.is_stop(word)
                }),
                year: date.map(|d| d.year),
                date: date.map(|d| d.to_string()),
                chars: folded.chars().count() as u32,
                paragraphs: paragraphs.len() as u32,
                outline,
                quotes: sucai_text::quotes::quotes(&paragraphs, MAX_QUOTES),
                masks: count_masks(&body),
                text_hash: sha256(folded.as_bytes()),
                simhash,
                sketch,
                duplicate_of: None,
                free_chars: draft.free_chars,
                title: draft.title.clone(),
                body,
            }
        })
        .collect();

    let after_end = clean_text(&after_end);
    if !after_end.trim().is_empty() {
        trailer.push(after_end.trim().to_string());
    }
    warnings.extend(split.warnings);
    Ok(Prepared {
        chars,
        material: NewMaterial {
            sha256: source.sha256,
            file_name: source.name,
            file_name_raw: source.name_raw,
            format: source.format.name().to_string(),
            encoding: encoding.to_string(),
            original: source.bytes,
            title: split.title,
            declared_articles: split.declared,
            trailer: trailer.join("\n"),
            warnings,
            articles,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use sucai_text::normalize::is_forbidden;

    #[test]
    fn a_file_name_loses_the_marks_of_a_copy() {
        for (name, want) in [
            ("在县委全会上的讲话(3).txt", "在县委全会上的讲话"),
            ("dir/交通银行实现利润（GBK）.txt", "交通银行实现利润"),
            ("“保姆”的骨气_gbk.txt", "“保姆”的骨气"),
            ("审计工作_unicode.txt", "审计工作"),
            ("讲话 - 副本.docx", "讲话"),
            ("讲话 - Copy.docx", "讲话"),
            ("汇编(6篇).txt", "汇编(6篇)"),
            ("讲话_2.docx", "讲话"),
            ("2021_工作总结.txt", "2021_工作总结"),
            ("十四五规划(2021-2025).txt", "十四五规划(2021-2025)"),
            ("(2).txt", "(2)"),
        ] {
            assert_eq!(stem(name), want, "{name}");
        }
    }

    #[test]
    fn control_characters_stay_in_the_original_only() {
        let text = "关于水利\u{7}工作的讲话\n\n同志们：\u{1B}[31m今天召开会议。\u{FFFE}\u{C}一、提高站位\u{8}\n水是生命之源。\u{85}\n##paidend##\n广告\u{1B}行\n";
        let bytes = text.as_bytes().to_vec();
        let source = Source {
            name: "报告\u{1B}.txt".into(),
            name_raw: None,
            format: Format::Text,
            sha256: sha256(&bytes),
            bytes: bytes.clone(),
        };
        let material = prepare_file(source, &Limits::default()).unwrap().material;
        assert_eq!(material.original, bytes);
        let mut texts = vec![material.title.clone(), material.trailer.clone()];
        for a in &material.articles {
            texts.extend([a.title.clone(), a.body.clone()]);
        }
        for t in &texts {
            assert!(!t.chars().any(is_forbidden), "{t:?}");
        }
        let body = &material.articles[0].body;
        assert_eq!(material.articles[0].title, "关于水利工作的讲话");
        assert!(
            body.contains("同志们：[31m今天召开会议。\n一、提高站位\n水是生命之源。"),
            "{body:?}"
        );
    }
}
