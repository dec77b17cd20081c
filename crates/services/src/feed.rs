//! Feeds: the newest articles of a category as an Atom document (RFC 4287), for feed readers and
//! members' group bots. A feed is public, so every entry is cut to the free preview
//! ([`Reader::FreePreview`]): title, metadata and the preview, never the paid part.

use crate::clock::rfc3339;
use crate::entitlement::Reader;
use crate::reading::ArticleView;
use sucai_index::{IndexError, SearchIndex, Sort};
use sucai_query::{Filters, Query};
use sucai_store::{Article, Store, StoreError};
use sucai_text::normalize::is_forbidden;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum FeedError {
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Entries in one feed.
pub const FEED_ENTRIES: usize = 50;

/// The Atom feed of `category`'s newest articles (duplicates left out), or `None` when no
/// article has that category. `base` is the site's address (`http://host:port`, no trailing
/// slash), which links are made absolute with.
pub async fn category_feed(
    index: &SearchIndex,
    store: &dyn Store,
    category: &str,
    base: &str,
) -> Result<Option<Feed>, FeedError> {
    let query = Query {
        groups: vec![],
        exclude: vec![],
        filters: Filters {
            categories: vec![category.to_string()],
            ..Filters::default()
        },
    };
    // Newest first by id; room for the duplicates that are left out.
    let hits = index.search(&query, Sort::Date, 0, Some(FEED_ENTRIES * 2))?;
    if hits.total == 0 {
        return Ok(None);
    }
    let ids: Vec<i64> = hits.hits.iter().map(|h| h.id).collect();
    let articles: Vec<Article> = store
        .articles_by_id(&ids)
        .await?
        .into_iter()
        // The index may lag an edit by a moment: the store has the last word.
        .filter(|a| a.duplicate_of.is_none() && a.category == category)
        .take(FEED_ENTRIES)
        .collect();
    Ok(Some(Feed {
        updated: articles.iter().map(|a| a.created_at).max().unwrap_or(0),
        xml: atom(category, base, &articles),
    }))
}

/// A feed and when its newest entry came (unix seconds): its `Last-Modified`.
#[derive(Debug, Clone)]
pub struct Feed {
    pub xml: String,
    pub updated: i64,
}

/// The Atom document of `articles` (newest first) as the feed of `category`.
pub fn atom(category: &str, base: &str, articles: &[Article]) -> String {
    let self_href = format!("{base}/feeds/{}.atom", encode_path(category));
    let updated = articles.iter().map(|a| a.created_at).max().unwrap_or(0);
    let mut xml = String::with_capacity(4096 + articles.len() * 1024);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n");
    push_element(&mut xml, 1, "id", &self_href);
    push_element(&mut xml, 1, "title", &format!("素材 · {category}"));
    push_element(
        &mut xml,
        1,
        "subtitle",
        &format!("{category}类最新素材：标题、分类与免费预览"),
    );
    push_element(&mut xml, 1, "updated", &rfc3339(updated));
    xml.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escape(&self_href)
    ));
    xml.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(&format!(
            "{base}/search?category={}&sort=date",
            encode_path(category)
        ))
    ));
    xml.push_str("  <author><name>sucai 素材</name></author>\n");
    xml.push_str("  <generator>sucai</generator>\n");
    for article in articles {
        push_entry(&mut xml, base, article);
    }
    xml.push_str("</feed>\n");
    xml
}

fn push_entry(xml: &mut String, base: &str, article: &Article) {
    // The one cut every public output goes through: nothing past the free preview.
    let view = ArticleView::new(article, Reader::FreePreview);
    let link = format!("{base}/articles/{}", view.id);
    xml.push_str("  <entry>\n");
    push_element(xml, 2, "id", &link);
    push_element(xml, 2, "title", &view.title);
    push_element(xml, 2, "published", &rfc3339(article.created_at));
    push_element(xml, 2, "updated", &rfc3339(article.created_at));
    xml.push_str(&format!(
        "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(&link)
    ));
    xml.push_str(&format!(
        "    <category term=\"{}\" label=\"分类\"/>\n",
        escape(&view.category)
    ));
    for tag in &view.tags {
        xml.push_str(&format!(
            "    <category term=\"{}\" label=\"标签\"/>\n",
            escape(tag)
        ));
    }
    let mut about = format!("{} · {} 字", view.category, view.chars);
    if let Some(year) = view.year {
        about.push_str(&format!(" · {year} 年"));
    }
    if !view.access.complete {
        about.push_str(" · 会员阅读全文");
    }
    let summary = if view.paragraphs.is_empty() {
        about
    } else {
        format!("{about}\n\n{}", view.paragraphs.join("\n"))
    };
    push_element(xml, 2, "summary", &summary);
    xml.push_str("  </entry>\n");
}

fn push_element(xml: &mut String, depth: usize, name: &str, text: &str) {
    xml.push_str(&format!(
        "{:indent$}<{name}>{}</{name}>\n",
        "",
        escape(text),
        indent = depth * 2
    ));
}

/// Text for XML content and attribute values: markup characters escaped, and characters XML
/// 1.0 does not allow or discourages (control characters, noncharacters: see
/// [`is_forbidden`]) left out.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c if is_forbidden(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Percent-encodes `text` for one segment or query value of a URL (all but RFC 3986's
/// unreserved characters).
fn encode_path(text: &str) -> String {
    use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
    const RESERVED: &percent_encoding::AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    utf8_percent_encode(text, RESERVED).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use quick_xml::Reader as XmlReader;
    use quick_xml::events::Event;

    fn article(id: i64, title: &str, body: &str, free_chars: Option<u32>) -> Article {
        Article {
            id,
            title: title.into(),
            body: body.into(),
            free_chars,
            category: "讲话".into(),
            tags: vec!["水利".into(), "A&B".into()],
            year: Some(2023),
            chars: body.chars().count() as u32,
            created_at: 1_795_537_800,
            ..Article::default()
        }
    }

    /// The text of every element named `name`, as an XML parser reads it.
    fn texts(xml: &str, name: &str) -> Vec<String> {
        let mut reader = XmlReader::from_str(xml);
        let mut out: Vec<String> = Vec::new();
        let mut inside = false;
        // Whether the current element's text has begun (text and references alternate).
        let mut continues = false;
        loop {
            let event = reader.read_event().expect("well-formed XML");
            let starts = matches!(event, Event::Start(_));
            match event {
                Event::Start(e) => inside = e.local_name().as_ref() == name,
                Event::Text(t) if inside => match out.last_mut() {
                    Some(last) if continues => last.push_str(&t.xml10_content()),
                    _ => out.push(t.xml10_content().into_owned()),
                },
                Event::GeneralRef(r) if inside => {
                    let c = match r.resolve_char_ref() {
                        Ok(Some(c)) => c,
                        _ => match r.xml10_content().as_ref() {
                            "amp" => '&',
                            "lt" => '<',
                            "gt" => '>',
                            "quot" => '"',
                            other => panic!("unexpected entity {other}"),
                        },
                    };
                    match out.last_mut() {
                        Some(last) if continues => last.push(c),
                        _ => out.push(c.to_string()),
                    }
                }
                Event::End(_) => inside = false,
                Event::Eof => break,
                _ => {}
            }
            continues = inside && !starts;
        }
        out
    }

    #[test]
    fn entries_hold_the_free_preview_only() {
        let articles = [
            article(
                2,
                "关于<水利>&\"发展\"的'讲话'",
                "免费的第一段。\n付费的第二段，秘密。",
                Some(8),
            ),
            article(1, "第二篇", "全文免费。", None),
        ];
        let xml = atom("讲话", "http://127.0.0.1:8080", &articles);
        assert!(!xml.contains("付费") && !xml.contains("秘密"), "{xml}");
        assert!(xml.contains("免费的第一段。"), "{xml}");
        let titles = texts(&xml, "title");
        assert_eq!(
            titles,
            ["素材 · 讲话", "关于<水利>&\"发展\"的'讲话'", "第二篇"]
        );
        assert_eq!(
            texts(&xml, "id")[1..],
            [
                "http://127.0.0.1:8080/articles/2",
                "http://127.0.0.1:8080/articles/1"
            ]
        );
        assert_eq!(texts(&xml, "updated")[0], "2026-11-25T00:30:00+08:00");
        assert!(
            xml.contains("href=\"http://127.0.0.1:8080/feeds/%E8%AE%B2%E8%AF%9D.atom\""),
            "{xml}"
        );
        assert!(xml.contains("<category term=\"A&amp;B\" label=\"标签\"/>"));
    }

    #[test]
    fn text_xml_refuses_is_left_out() {
        assert_eq!(escape("a\u{1}b\u{FFFF}c<"), "abc&lt;");
        assert_eq!(escape("\u{7}\u{1B}\u{7F}\u{85}\u{FFFE}\t水"), "\t水");
        assert_eq!(rfc3339(0), "1970-01-01T08:00:00+08:00");
    }
}
