//! Search: the query language → index hits → articles, with highlights cut from the stored
//! text by character offsets and only from the part the caller may read.

use crate::entitlement::{Caller, Reader};
use crate::limits::{Client, PaidHints};
use memchr::memmem;
use serde::Serialize;
use sucai_index::{Facets, IndexError, MAX_WINDOW, SearchIndex, Sort, Visibility};
use sucai_query::{Query, QueryError, Scope};
use sucai_store::{ArticleText, Store, StoreError};
use sucai_text::fold::{char_count, fold_indexed};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum SearchError {
    #[error("{0}")]
    Query(#[from] QueryError),
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("结果最多翻到第 {MAX_WINDOW} 条：请加上更多的词或筛选条件，缩小范围。")]
    TooDeep,
}

#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub query: String,
    pub sort: Sort,
    pub offset: usize,
    /// `None`: every hit.
    pub limit: Option<usize>,
    /// Also count the hits per category, tag, year and access.
    pub facets: bool,
}

/// Where an article matched the query's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchedIn {
    Title,
    /// The free preview.
    Free,
    /// Members-only text: a reader of the preview learns that it matched (命中付费内容), not
    /// the text.
    Paid,
    /// A listing by filters only.
    Nothing,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snippet {
    pub text: String,
    /// Highlighted ranges, as character offsets into `text`.
    pub highlights: Vec<(usize, usize)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    pub id: i64,
    pub title: String,
    pub score: f32,
    /// Text around the first match the reader may see; `None` when the match is in text they
    /// may not read.
    pub snippet: Option<String>,
    /// The matches in `snippet`, as character offsets.
    pub highlights: Vec<(usize, usize)>,
    pub matched_in: MatchedIn,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    pub total: usize,
    pub hits: Vec<SearchHit>,
    pub facets: Option<Facets>,
    /// Why this answer to a reader of the previews leaves members-only text out, when it does
    /// for a reason of their own (the budget spent, a query that tries several terms at once).
    /// It never depends on whether members-only text matched.
    pub notice: Option<String>,
}

/// The notices of [`SearchResults::notice`].
pub const NOTICE_SPENT: &str =
    "今天的付费内容命中提示已用完，结果只含您可阅读的内容；开通会员后可检索全文。";
pub const NOTICE_PROBING: &str =
    "含 OR 或排除词的查询只在您可阅读的内容中匹配；开通会员后可检索全文。";

/// Characters of context before the first match, and the snippet's length.
const BEFORE: usize = 30;
const SNIPPET_CHARS: usize = 120;

/// Runs a search for `caller`: each snippet is cut from what the caller may read of its article.
///
/// A reader of the previews is answered over what they may read (titles, free parts, the
/// categories their membership covers). With `hints`, a query that also matches in other
/// members-only text may say so (命中付费内容), within the client's daily budget of such answers
/// (see [`crate::limits`]); without, never.
pub async fn search(
    index: &SearchIndex,
    store: &dyn Store,
    request: &SearchRequest,
    caller: &Caller,
    hints: Option<(&PaidHints, &Client)>,
) -> Result<SearchResults, SearchError> {
    let query = sucai_query::parse(&request.query)?;
    if let Some(limit) = request.limit
        && request.offset.saturating_add(limit) > MAX_WINDOW
    {
        return Err(SearchError::TooDeep);
    }
    let visibility = caller.visibility();
    let mut notice = None;
    // The text the answer is over: what the caller may read, or all of it for a paid hint.
    let mut over = &visibility;
    let touches_text = query.positive_terms().any(|t| t.scope == Scope::Anywhere);
    if let Some((budget, client)) = hints
        && visibility != Visibility::All
        && touches_text
    {
        // Every answer over all the text costs one from the budget, whatever it holds: a "no"
        // tells as much as a "yes".
        let probing = query.groups.iter().any(|g| g.any_of.len() > 1) || !query.exclude.is_empty();
        let now = crate::unix_now();
        if probing {
            notice = Some(NOTICE_PROBING.to_string());
        } else if budget.take(store, client, now).await? {
            over = &Visibility::All;
        } else {
            notice = Some(NOTICE_SPENT.to_string());
        }
    }
    let found = index.search_in(&query, over, request.sort, request.offset, request.limit)?;
    let ids: Vec<i64> = found.hits.iter().map(|h| h.id).collect();
    // Readers of previews only get the free parts, which the index keeps beside the hits: no
    // paid text is even read, and the store is not asked.
    let texts = if caller.reads_beyond_previews() {
        store.article_texts(&ids, false).await?
    } else {
        index.previews(&ids)?
    };
    let articles: std::collections::HashMap<i64, ArticleText> =
        texts.into_iter().map(|a| (a.id, a)).collect();
    let hits = found
        .hits
        .iter()
        .filter_map(|hit| {
            let article = articles.get(&hit.id)?;
            let reader = caller.reader_of(&article.category);
            let (snippet, mut matched_in) = highlight(&query, article, reader);
            // A paid hint's hit that matches nothing the caller may read. For a query of one
            // term, where it matched says so already.
            let one_term = query.groups.len() == 1;
            if over != &visibility
                && matched_in != MatchedIn::Paid
                && !one_term
                && !readable_match(&query, article, reader)
            {
                matched_in = MatchedIn::Paid;
            }
            Some(SearchHit {
                id: hit.id,
                title: article.title.clone(),
                score: hit.score,
                highlights: snippet
                    .as_ref()
                    .map(|s| s.highlights.clone())
                    .unwrap_or_default(),
                snippet: snippet.map(|s| s.text),
                matched_in,
            })
        })
        .collect();
    let facets = if request.facets {
        Some(index.facets_in(&query, over)?)
    } else {
        None
    };
    Ok(SearchResults {
        total: found.total,
        hits,
        facets,
        notice,
    })
}

/// Whether every term of `query` stands in what `reader` may read of `article`: its title, or
/// a paragraph of the readable part of its body.
fn readable_match(query: &Query, article: &ArticleText, reader: Reader) -> bool {
    let visible = reader.visible(article.free_chars, article.body_chars as usize);
    let end = article
        .body
        .char_indices()
        .nth(visible)
        .map_or(article.body.len(), |(at, _)| at);
    let title = sucai_text::fold::fold_for_search(&article.title);
    let paragraphs: Vec<String> = article.body[..end]
        .split('\n')
        .map(sucai_text::fold::fold_for_search)
        .collect();
    query.groups.iter().all(|group| {
        group.any_of.iter().any(|term| {
            let needle = sucai_text::fold::fold_for_search(&term.text);
            title.contains(&needle)
                || (term.scope == Scope::Anywhere && paragraphs.iter().any(|p| p.contains(&needle)))
        })
    })
}

/// Occurrences of `needle` (folded chars) in folded `hay`, as ranges of hay's indices.
fn occurrences(hay: &[(usize, char)], needle: &[char]) -> Vec<(usize, usize)> {
    if needle.is_empty() || needle.len() > hay.len() {
        return Vec::new();
    }
    (0..=hay.len() - needle.len())
        .filter(|&i| {
            hay[i..i + needle.len()]
                .iter()
                .map(|(_, c)| c)
                .eq(needle.iter())
        })
        .map(|i| (i, i + needle.len()))
        .collect()
}

/// Where the query's terms stand in the article, and the snippet `reader` may see. The body
/// may be only the free part (see [`Store::article_texts`]): a hit whose terms are neither in
/// the title nor there matched in the paid part.
pub fn highlight(
    query: &Query,
    article: &ArticleText,
    reader: Reader,
) -> (Option<Snippet>, MatchedIn) {
    let terms: Vec<(Vec<char>, Scope)> = query
        .positive_terms()
        .map(|t| {
            (
                sucai_text::fold::fold_for_search(&t.text).chars().collect(),
                t.scope,
            )
        })
        .filter(|(chars, _): &(Vec<char>, Scope)| !chars.is_empty())
        .collect();
    let body_chars = article.body_chars as usize;
    let have = char_count(&article.body);
    let whole_body = have >= body_chars;
    let visible = reader.visible(article.free_chars, body_chars).min(have);
    let free = Reader::FreePreview.visible(article.free_chars, body_chars);

    let title = fold_indexed(&article.title);
    let in_title = terms
        .iter()
        .any(|(t, _)| !occurrences(&title, t).is_empty());

    // Matches in the body, as char ranges of the body, per paragraph (never across one). The
    // free and the visible part are prefixes of the body, so the first paragraph holding a
    // match decides where the article matched and what snippet a reader gets: the scan stops
    // there, and paragraphs that cannot hold a term's first character are not even decoded.
    let body_terms: Vec<&Vec<char>> = terms
        .iter()
        .filter(|(_, s)| *s != Scope::Title)
        .map(|(t, _)| t)
        .collect();
    let mut matches: Vec<(usize, usize)> = Vec::new();
    // The paragraph of the first match: its first char's index in the body, and its text.
    let mut shown = (0, "");
    // Raw-byte finders for every character that folds to a term's first character: they jump
    // from one candidate paragraph to the next without decoding the text in between.
    let finders: Vec<memmem::Finder> = body_terms
        .iter()
        .flat_map(|t| sucai_text::fold::preimages(t[0]))
        .map(|c| memmem::Finder::new(c.encode_utf8(&mut [0; 4]).as_bytes()).into_owned())
        .collect();
    let body = article.body.as_str();
    // `from` is the byte offset of a paragraph's start, `start` its char index.
    let (mut from, mut start) = (0, 0);
    while let Some(at) = finders
        .iter()
        .filter_map(|f| f.find(&body.as_bytes()[from..]))
        .min()
        .map(|hit| from + hit)
    {
        let p_from = body[from..at].rfind('\n').map_or(from, |i| from + i + 1);
        let p_to = body[at..].find('\n').map_or(body.len(), |i| at + i);
        let paragraph = &body[p_from..p_to];
        start += char_count(&body[from..p_from]);
        let folded = fold_indexed(paragraph);
        for t in &body_terms {
            for (a, b) in occurrences(&folded, t) {
                matches.push((start + folded[a].0, start + folded[b - 1].0 + 1));
            }
        }
        if !matches.is_empty() {
            shown = (start, paragraph);
            break;
        }
        start += char_count(paragraph) + 1;
        from = p_to + 1;
        if from >= body.len() {
            break;
        }
    }
    matches.sort_unstable();

    let first_free = matches.iter().find(|m| m.1 <= free);
    let first_visible = matches.iter().find(|m| m.1 <= visible);
    let matched_in = if terms.is_empty() {
        MatchedIn::Nothing
    } else if in_title {
        MatchedIn::Title
    } else if first_free.is_some() {
        MatchedIn::Free
    } else if !matches.is_empty() || !whole_body {
        MatchedIn::Paid
    } else {
        // Ranked on words only, with an exact match in the title alone: counted as title.
        MatchedIn::Title
    };

    // The window, in chars of the body, within one paragraph and the visible part: around the
    // first visible match, or else the start of the body.
    let first = article.body.split('\n').next().unwrap_or_default();
    let window = match first_visible {
        Some(&(a, _)) => {
            let (p_start, p_text) = shown;
            let from = a.saturating_sub(BEFORE).max(p_start);
            Some((
                p_start,
                p_text,
                from,
                (from + SNIPPET_CHARS)
                    .min(visible)
                    .min(p_start + char_count(p_text)),
            ))
        }
        // Nothing visible matched: the start of what the reader may see, unless the only
        // match is in text they may not read.
        None if matched_in != MatchedIn::Paid => (visible > 0).then(|| {
            (
                0,
                first,
                0,
                SNIPPET_CHARS.min(visible).min(char_count(first)),
            )
        }),
        None => None,
    };
    let snippet = window
        .filter(|(_, _, a, b)| a < b)
        .map(|(p_start, p_text, a, b)| Snippet {
            text: p_text.chars().skip(a - p_start).take(b - a).collect(),
            highlights: matches
                .iter()
                .filter(|m| m.0 >= a && m.1 <= b)
                .map(|m| (m.0 - a, m.1 - a))
                .collect(),
        });
    (snippet, matched_in)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FREE: &str = "这是免费预览的段落，谈水利工作。";
    const PAID: &str = "会员才能读到的段落，写着防汛抗旱的秘密经验。";

    fn article() -> ArticleText {
        let body = format!("{FREE}\n{PAID}");
        ArticleText {
            id: 7,
            title: "关于水利工作的讲话".into(),
            free_chars: Some(FREE.chars().count() as u32 + 1),
            category: "讲话".into(),
            body_chars: body.chars().count() as u32,
            body,
        }
    }

    /// The article as the store gives it to a reader of previews: the free part only.
    fn free_part_of(a: ArticleText) -> ArticleText {
        let free = Reader::FreePreview.visible(a.free_chars, a.body_chars as usize);
        ArticleText {
            body: a.body.chars().take(free).collect(),
            ..a
        }
    }

    #[test]
    fn the_free_part_alone_gives_the_same_answers() {
        for query in [
            "秘密经验",
            "水利",
            "免费预览",
            "title:讲话",
            "category:讲话",
            "讲话 秘密经验",
        ] {
            let q = sucai_query::parse(query).unwrap();
            assert_eq!(
                highlight(&q, &free_part_of(article()), Reader::FreePreview),
                highlight(&q, &article(), Reader::FreePreview),
                "{query}"
            );
        }
    }

    fn run(query: &str, reader: Reader) -> (Option<Snippet>, MatchedIn) {
        highlight(&sucai_query::parse(query).unwrap(), &article(), reader)
    }

    #[test]
    fn a_match_in_paid_text_tells_the_preview_reader_only_that_it_matched() {
        let (snippet, matched_in) = run("秘密经验", Reader::FreePreview);
        assert_eq!((snippet, matched_in), (None, MatchedIn::Paid));
        let (snippet, matched_in) = run("秘密经验", Reader::Everything);
        assert_eq!(matched_in, MatchedIn::Paid);
        let snippet = snippet.unwrap();
        let marked: String = snippet
            .text
            .chars()
            .skip(snippet.highlights[0].0)
            .take(4)
            .collect();
        assert_eq!(marked, "秘密经验");
    }

    #[test]
    fn preview_snippets_stop_at_the_paid_boundary() {
        for query in ["水利", "免费预览", "title:讲话", "category:讲话"] {
            let (snippet, _) = run(query, Reader::FreePreview);
            let text = snippet.map(|s| s.text).unwrap_or_default();
            assert!(
                !text.contains("会员") && !text.contains("防汛"),
                "{query}: {text}"
            );
        }
        let (snippet, matched_in) = run("水利", Reader::FreePreview);
        assert_eq!(matched_in, MatchedIn::Title);
        let snippet = snippet.unwrap();
        assert_eq!(snippet.text, FREE);
        assert_eq!(snippet.highlights, vec![(11, 13)]);
    }

    #[test]
    fn a_title_match_with_paid_body_matches_shows_the_preview_start() {
        let q = sucai_query::parse("秘密经验 讲话").unwrap();
        let (snippet, matched_in) = highlight(&q, &article(), Reader::FreePreview);
        assert_eq!(matched_in, MatchedIn::Title);
        assert_eq!(snippet.unwrap().text, FREE);
        let (snippet, _) = highlight(
            &sucai_query::parse("讲话 秘密经验").unwrap(),
            &article(),
            Reader::Everything,
        );
        assert!(snippet.unwrap().text.contains("秘密经验"));
    }

    #[test]
    fn a_readable_match_needs_every_term_in_readable_text() {
        let q = |text: &str| sucai_query::parse(text).unwrap();
        let a = article();
        assert!(readable_match(&q("免费预览"), &a, Reader::FreePreview));
        assert!(readable_match(&q("讲话 免费预览"), &a, Reader::FreePreview));
        assert!(!readable_match(
            &q("免费预览 秘密经验"),
            &a,
            Reader::FreePreview
        ));
        assert!(!readable_match(&q("秘密经验"), &a, Reader::FreePreview));
        assert!(!readable_match(
            &q("title:免费预览"),
            &a,
            Reader::FreePreview
        ));
        assert!(readable_match(
            &q("免费预览 秘密经验"),
            &a,
            Reader::Everything
        ));
    }

    #[test]
    fn highlights_are_character_offsets_of_the_original_text() {
        let mut a = article();
        a.body = "D的二十大报告，１２月３１日发表。".into();
        a.body_chars = a.body.chars().count() as u32;
        a.free_chars = None;
        let q = sucai_query::parse("党的二十大 12月31日").unwrap();
        let (snippet, matched_in) = highlight(&q, &a, Reader::Everything);
        let s = snippet.unwrap();
        assert_eq!(matched_in, MatchedIn::Free);
        let spans: Vec<String> = s
            .highlights
            .iter()
            .map(|&(x, y)| s.text.chars().skip(x).take(y - x).collect())
            .collect();
        assert_eq!(spans, vec!["D的二十大", "１２月３１日"]);
    }
}
