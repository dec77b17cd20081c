//! Who may see what: the one place that decides how much of an article a caller may read.
//! Every output (snippets, pages, JSON, downloads) asks here.

use sucai_store::{Article, free_part};

/// What a caller may read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// Operators and members whose tier covers the article: everything.
    Everything,
    /// Anonymous and free users: titles, metadata and the free preview.
    FreePreview,
}

impl Reader {
    /// How many characters at the start of the article's body (paragraphs joined by `\n`) this
    /// reader may see.
    pub fn visible_chars(self, article: &Article) -> usize {
        let body_chars = article.body.chars().count();
        match self {
            Reader::Everything => body_chars,
            Reader::FreePreview => free_part(article.free_chars, body_chars as u32) as usize,
        }
    }
}
