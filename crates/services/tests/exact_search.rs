//! 精准搜索 is exact: for any string, the articles the index returns are exactly those whose
//! folded text holds it inside one paragraph (or the title) — checked against a brute-force
//! scan over real text: the sample compilation and slices of the shared corpus.

use flate2::read::GzDecoder;
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use sucai_index::{SearchIndex, Sort, Visibility};
use sucai_query::{Filters, Group, Query, Scope, Term};
use sucai_store::{Article, ArticleText, SqliteStore, Store};
use sucai_text::fold::fold_for_search;

struct Library {
    _dir: tempfile::TempDir,
    index: SearchIndex,
    articles: Vec<Article>,
    /// Per article: its folded title and folded paragraphs.
    folded: Vec<Vec<String>>,
    /// Every article's free part, as the store gives it.
    previews: Vec<ArticleText>,
}

fn shared() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    assert!(
        dir.join("corpus").is_dir(),
        "the shared folder is missing at {}",
        dir.display()
    );
    dir
}

/// The first `n` documents of a corpus file, written as .txt files into `dir`.
fn write_slice(corpus: &str, n: usize, dir: &Path) {
    let file = std::fs::File::open(shared().join("corpus").join(corpus)).unwrap();
    for (i, line) in std::io::BufReader::new(GzDecoder::new(file))
        .lines()
        .take(n)
        .enumerate()
    {
        let doc: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
        let text = format!(
            "{}\n\n{}\n",
            doc["title"].as_str().unwrap(),
            doc["text"].as_str().unwrap()
        );
        std::fs::write(dir.join(format!("{corpus}-{i}.txt")), text).unwrap();
    }
}

fn library() -> &'static Library {
    static LIBRARY: OnceLock<Library> = OnceLock::new();
    LIBRARY.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let files = dir.path().join("files");
        std::fs::create_dir(&files).unwrap();
        std::fs::copy(
            shared().join("samples/compilation-10.txt"),
            files.join("compilation-10.txt"),
        )
        .unwrap();
        write_slice("peoples-daily-1998-01.jsonl.gz", 250, &files);
        write_slice("news-inews.jsonl.gz", 150, &files);
        let runtime = tokio::runtime::Runtime::new().unwrap();
        runtime.block_on(async {
            let store = Arc::new(
                SqliteStore::open(&dir.path().join("sucai.db"))
                    .await
                    .unwrap(),
            );
            sucai_ingest::import_paths(store.clone(), &[files], Default::default(), |_| {})
                .await
                .unwrap();
            let index = SearchIndex::open(&dir.path().join("index")).unwrap();
            index.sync(store.as_ref()).await.unwrap();
            let ids: Vec<i64> = store
                .articles(Default::default())
                .await
                .unwrap()
                .iter()
                .map(|a| a.id)
                .collect();
            let articles = store.articles_by_id(&ids).await.unwrap();
            let previews = store.article_texts(&ids, true).await.unwrap();
            let folded = articles
                .iter()
                .map(|a| {
                    std::iter::once(fold_for_search(&a.title))
                        .chain(a.body.split('\n').map(fold_for_search))
                        .collect()
                })
                .collect();
            Library {
                _dir: dir,
                index,
                articles,
                folded,
                previews,
            }
        })
    })
}

fn phrase(text: &str) -> Query {
    Query {
        groups: vec![Group {
            any_of: vec![Term {
                text: text.to_string(),
                scope: Scope::Anywhere,
                quoted: true,
            }],
        }],
        exclude: vec![],
        filters: Filters::default(),
    }
}

fn index_hits(text: &str) -> BTreeSet<i64> {
    let hits = library()
        .index
        .search(&phrase(text), Sort::Relevance, 0, None)
        .unwrap();
    assert_eq!(hits.total, hits.hits.len());
    hits.hits.iter().map(|h| h.id).collect()
}

fn scan_hits(text: &str) -> BTreeSet<i64> {
    let needle = fold_for_search(text);
    let lib = library();
    lib.articles
        .iter()
        .zip(&lib.folded)
        .filter(|(_, parts)| !needle.is_empty() && parts.iter().any(|p| p.contains(&needle)))
        .map(|(a, _)| a.id)
        .collect()
}

/// Hits for a reader of the previews who reads no category in full.
fn preview_hits(text: &str) -> BTreeSet<i64> {
    let hits = library()
        .index
        .search_in(
            &phrase(text),
            &Visibility::Previews {
                covered: Vec::new(),
            },
            Sort::Relevance,
            0,
            None,
        )
        .unwrap();
    assert_eq!(hits.total, hits.hits.len());
    hits.hits.iter().map(|h| h.id).collect()
}

/// The articles whose title or free part holds `text`, by a scan.
fn scan_preview_hits(text: &str) -> BTreeSet<i64> {
    let needle = fold_for_search(text);
    library()
        .previews
        .iter()
        .filter(|p| {
            !needle.is_empty()
                && std::iter::once(p.title.as_str())
                    .chain(p.body.split('\n'))
                    .any(|part| fold_for_search(part).contains(&needle))
        })
        .map(|p| p.id)
        .collect()
}

fn check(text: &str) -> Result<(), TestCaseError> {
    prop_assert_eq!(index_hits(text), scan_hits(text), "query {:?}", text);
    // What a reader of the previews finds depends on the free parts alone.
    prop_assert_eq!(
        preview_hits(text),
        scan_preview_hits(text),
        "preview query {:?}",
        text
    );
    Ok(())
}

/// A paragraph of real text (or a title), by two random numbers.
fn paragraph(a: usize, b: usize) -> Vec<char> {
    let lib = library();
    let article = &lib.articles[a % lib.articles.len()];
    let parts: Vec<&str> = std::iter::once(article.title.as_str())
        .chain(article.body.split('\n'))
        .collect();
    parts[b % parts.len()].chars().collect()
}

fn is_punctuation(c: char) -> bool {
    sucai_text::fold::is_punctuation(c)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn substrings_of_real_text(a in any::<usize>(), b in any::<usize>(), start in any::<usize>(), len in 1usize..=20) {
        let p = paragraph(a, b);
        prop_assume!(!p.is_empty());
        let from = start % p.len();
        let text: String = p[from..(from + len).min(p.len())].iter().collect();
        prop_assume!(!text.trim().is_empty());
        let found = index_hits(&text);
        prop_assert!(!found.is_empty() || fold_for_search(&text).is_empty(), "{text:?} is in the library");
        check(&text)?;
    }

    #[test]
    fn strings_that_do_not_occur(chars in proptest::collection::vec(prop::sample::select("水利党的发展中国人民工作会议二十大，。、D１2xy".chars().collect::<Vec<_>>()), 1..8)) {
        let text: String = chars.into_iter().collect();
        prop_assume!(!text.trim().is_empty());
        check(&text)?;
    }

    #[test]
    fn strings_across_punctuation(a in any::<usize>(), b in any::<usize>(), at in any::<usize>(), left in 1usize..6, right in 1usize..6) {
        let p = paragraph(a, b);
        let marks: Vec<usize> = (1..p.len().saturating_sub(1)).filter(|&i| is_punctuation(p[i])).collect();
        prop_assume!(!marks.is_empty());
        let i = marks[at % marks.len()];
        let before: String = p[i.saturating_sub(left)..i].iter().collect();
        let after: String = p[i + 1..(i + 1 + right).min(p.len())].iter().collect();
        // The characters on both sides without the mark: not the same text.
        check(&format!("{before}{after}"))?;
        // With the mark: found where it stands.
        check(&format!("{before}{}{after}", p[i]))?;
    }

    #[test]
    fn strings_across_paragraph_breaks(a in any::<usize>(), b in any::<usize>(), left in 1usize..8, right in 1usize..8) {
        let lib = library();
        let article = &lib.articles[a % lib.articles.len()];
        let paragraphs: Vec<Vec<char>> = article.body.split('\n').map(|p| p.chars().collect()).collect();
        prop_assume!(paragraphs.len() >= 2);
        let k = b % (paragraphs.len() - 1);
        let (p, q) = (&paragraphs[k], &paragraphs[k + 1]);
        let tail: String = p[p.len().saturating_sub(left)..].iter().collect();
        let head: String = q[..right.min(q.len())].iter().collect();
        let text = format!("{tail}{head}");
        let found = index_hits(&text);
        prop_assert!(!found.contains(&article.id) || scan_hits(&text).contains(&article.id),
            "{text:?} matched across a paragraph break of article {}", article.id);
        check(&text)?;
    }
}

#[test]
fn masked_and_full_width_forms() {
    let lib = library();
    let sample_ids: BTreeSet<i64> = lib
        .articles
        .iter()
        .filter(|a| a.body.contains("D的二十大"))
        .map(|a| a.id)
        .collect();
    assert!(sample_ids.len() >= 5);
    assert!(index_hits("党的二十大").is_superset(&sample_ids));
    let full_width: BTreeSet<i64> = lib
        .articles
        .iter()
        .filter(|a| a.body.contains("１２月３１日"))
        .map(|a| a.id)
        .collect();
    assert!(!full_width.is_empty());
    assert!(index_hits("12月31日").is_superset(&full_width));
    // Punctuation is text: the sample has 水利 but no 水，利.
    assert!(!index_hits("水利").is_empty());
    assert_eq!(index_hits("水，利"), scan_hits("水，利"));
}

/// Searches by readers of the previews read the free parts from the index: they must be what
/// the store would give, character for character.
#[test]
fn the_index_keeps_the_stores_previews() {
    let lib = library();
    let ids: Vec<i64> = lib.previews.iter().map(|p| p.id).collect();
    assert_eq!(lib.index.previews(&ids).unwrap(), lib.previews);
    assert!(lib.previews.iter().any(|p| p.free_chars.is_some()));
    assert!(lib.previews.iter().any(|p| p.free_chars.is_none()));
    assert!(lib.index.previews(&[999_999]).unwrap().is_empty());
}
