//! Reading an article: what a reader is shown of it, cut by [`Reader`]. Every page, JSON
//! answer and export of an article goes through [`ArticleView::new`].

use crate::entitlement::Reader;
use serde::Serialize;
use sucai_store::Article;
use sucai_text::outline::OutlineItem;
use sucai_text::quotes::Quote;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Access {
    /// Characters of the body everyone may read, and the rest.
    pub free_chars: u32,
    pub paid_chars: u32,
    /// Whether this reader sees the whole article.
    pub complete: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleView {
    pub id: i64,
    pub title: String,
    pub category: String,
    pub tags: Vec<String>,
    pub year: Option<i32>,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`: as precise as the document dates itself.
    pub date: Option<String>,
    pub chars: u32,
    /// The paragraphs this reader may read (the last one may stop at the paid boundary).
    pub paragraphs: Vec<String>,
    /// Headings and notable sentences standing wholly in the readable part.
    pub outline: Vec<OutlineItem>,
    pub quotes: Vec<Quote>,
    pub access: Access,
    pub duplicate_of: Option<i64>,
}

impl ArticleView {
    pub fn new(article: &Article, reader: Reader) -> Self {
        let body: Vec<char> = article.body.chars().collect();
        let visible = reader.visible_chars(article).min(body.len());
        let free = Reader::FreePreview.visible_chars(article) as u32;
        let readable: String = body[..visible].iter().collect();
        let paragraphs: Vec<String> = readable
            .split('\n')
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect();
        // Paragraph i is wholly readable when its end is within `visible`.
        let mut ends = Vec::new();
        let mut at = 0;
        for p in article.body.split('\n') {
            at += p.chars().count();
            ends.push(at);
            at += 1;
        }
        let whole = |paragraph: usize| ends.get(paragraph).is_some_and(|&end| end <= visible);
        ArticleView {
            id: article.id,
            title: article.title.clone(),
            category: article.category.clone(),
            tags: article.tags.clone(),
            year: article.year,
            date: article.date.clone(),
            chars: article.chars,
            paragraphs,
            outline: article
                .outline
                .iter()
                .filter(|o| whole(o.paragraph))
                .cloned()
                .collect(),
            quotes: article
                .quotes
                .iter()
                .filter(|q| whole(q.paragraph))
                .cloned()
                .collect(),
            access: Access {
                free_chars: free,
                paid_chars: body.len() as u32 - free,
                complete: visible == body.len(),
            },
            duplicate_of: article.duplicate_of,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sucai_text::quotes::QuoteKind;

    fn article() -> Article {
        Article {
            id: 1,
            title: "标题".into(),
            body: "免费的第一段。\n付费的第二段，秘密。".into(),
            free_chars: Some(8),
            category: "讲话".into(),
            chars: 17,
            paragraphs: 2,
            outline: vec![
                OutlineItem {
                    level: 1,
                    text: "免费的第一段".into(),
                    paragraph: 0,
                },
                OutlineItem {
                    level: 1,
                    text: "付费的第二段".into(),
                    paragraph: 1,
                },
            ],
            quotes: vec![Quote {
                text: "付费的第二段，秘密。".into(),
                kind: QuoteKind::Slogan,
                paragraph: 1,
            }],
            ..Article::default()
        }
    }

    #[test]
    fn the_preview_holds_no_paid_text() {
        let view = ArticleView::new(&article(), Reader::FreePreview);
        let json = serde_json::to_string(&view).unwrap();
        assert!(!json.contains("付费") && !json.contains("秘密"), "{json}");
        assert_eq!(view.paragraphs, vec!["免费的第一段。"]);
        assert_eq!(view.outline.len(), 1);
        assert!(view.quotes.is_empty());
        assert_eq!(
            view.access,
            Access {
                free_chars: 8,
                paid_chars: 10,
                complete: false
            }
        );
    }

    #[test]
    fn members_read_everything() {
        let view = ArticleView::new(&article(), Reader::Everything);
        assert_eq!(view.paragraphs.len(), 2);
        assert_eq!(
            (view.outline.len(), view.quotes.len(), view.access.complete),
            (2, 1, true)
        );
    }
}
