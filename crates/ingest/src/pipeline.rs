//! One file's bytes → a material ready to store: decode, paid markers, articles, metadata,
//! fingerprints. Pure and deterministic (but for the current year, which bounds dates), so
//! files are prepared in parallel.

use crate::markers::take_markers;
use crate::metadata;
use crate::split::split;
use sha2::{Digest, Sha256};
use sucai_formats::{Format, Limits, extract};
use sucai_store::{NewArticle, NewMaterial};
use sucai_text::fingerprint::{simhash, sketch};
use sucai_text::fold::fold_for_search;
use sucai_text::masks::count_masks;
use sucai_text::normalize::{clean_line, clean_text};

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
/// cleaned as a line of text is (a file name can hold control characters).
fn stem(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    clean_line(base.rsplit_once('.').map_or(base, |(s, _)| s))
}

/// The current year (UTC): a document dated after next year is no document of this library.
fn this_year() -> i32 {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    // Days from 1970-01-01 to a year's start grow by 365.2425 a year on average.
    (1970.0 + (days as f64 + 0.5) / 365.2425).floor() as i32
}

/// Prepares one file, or says in a sentence why it cannot be imported.
pub fn prepare(source: Source, limits: &Limits) -> Result<Prepared, String> {
    let extracted = extract(source.format, &source.bytes, limits).map_err(|e| e.to_string())?;
    let chars = extracted.text.chars().count() as u64;
    let marked = take_markers(&extracted.text);
    let split = split(&marked.text, marked.has_markers, &stem(&source.name));
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
            NewArticle {
                category: metadata::category(&draft.title, &split.title, &body).to_string(),
                tags: metadata::tags(
                    &draft.title,
                    &body,
                    MAX_TAGS,
                    &metadata::is_default_tag_stop_word,
                ),
                year: date.map(|d| d.year),
                date: date.map(|d| d.to_string()),
                chars: folded.chars().count() as u32,
                paragraphs: paragraphs.len() as u32,
                outline: sucai_text::outline::outline(&paragraphs),
                quotes: sucai_text::quotes::quotes(&paragraphs, MAX_QUOTES),
                masks: count_masks(&body),
                text_hash: sha256(folded.as_bytes()),
                simhash: simhash(&body),
                sketch: sketch(&body),
                duplicate_of: None,
                free_chars: draft.free_chars,
                title: draft.title.clone(),
                body,
            }
        })
        .collect();

    let mut trailer = split.trailer;
    let after_end = clean_text(&marked.after_end);
    if !after_end.trim().is_empty() {
        trailer.push(after_end.trim().to_string());
    }
    let mut warnings = extracted.warnings;
    warnings.extend(marked.warnings);
    warnings.extend(split.warnings);
    Ok(Prepared {
        chars,
        material: NewMaterial {
            sha256: source.sha256,
            file_name: source.name,
            file_name_raw: source.name_raw,
            format: source.format.name().to_string(),
            encoding: extracted.encoding.to_string(),
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
        let material = prepare(source, &Limits::default()).unwrap().material;
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
