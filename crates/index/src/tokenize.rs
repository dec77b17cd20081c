//! The index's tokenizers. Each field gets its text already folded (`sucai_text::fold`): masks
//! read, full-width folded, whitespace dropped, one paragraph a line.
//!
//! - [`Bigrams`]: every two adjacent characters of a paragraph, at the position of the first.
//!   A position is a character index of the field's text, so the `\n` between paragraphs leaves
//!   a gap and no token spans it: a phrase of bigrams at consecutive positions matches exactly
//!   where the query stands as a substring of one paragraph. Punctuation is text, so 水利 and
//!   水，利 are different.
//! - [`Chars`]: every character, for one-character queries (no positions needed).
//! - [`Words`]: jieba words in search mode, for ranking only: jieba alone misses substrings such
//!   as 量发展, so it never decides what matches.

use jieba_rs::Jieba;
use std::sync::OnceLock;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// The separator between a field's paragraphs (and between title and body).
pub const BREAK: char = '\n';

#[derive(Clone, Default)]
pub struct Bigrams;

#[derive(Clone, Default)]
pub struct Chars;

/// Tokens computed up front: a field's text is short enough (an article) that a Vec is cheaper
/// than a clever iterator.
pub struct Precomputed {
    tokens: Vec<Token>,
    next: usize,
}

impl TokenStream for Precomputed {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }
    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

fn token(text: &str, from: usize, to: usize, position: usize) -> Token {
    Token {
        offset_from: from,
        offset_to: to,
        position,
        text: text[from..to].to_string(),
        position_length: 1,
    }
}

impl Tokenizer for Bigrams {
    type TokenStream<'a> = Precomputed;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> Precomputed {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut tokens = Vec::with_capacity(chars.len());
        for (position, pair) in chars.windows(2).enumerate() {
            let ((from, a), (second, b)) = (pair[0], pair[1]);
            if a != BREAK && b != BREAK {
                tokens.push(token(text, from, second + b.len_utf8(), position));
            }
        }
        Precomputed { tokens, next: 0 }
    }
}

impl Tokenizer for Chars {
    type TokenStream<'a> = Precomputed;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> Precomputed {
        let tokens = text
            .char_indices()
            .enumerate()
            .filter(|(_, (_, c))| *c != BREAK)
            .map(|(position, (from, c))| token(text, from, from + c.len_utf8(), position))
            .collect();
        Precomputed { tokens, next: 0 }
    }
}

/// The process's one jieba dictionary (loading it takes a while).
pub fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}

#[derive(Clone, Default)]
pub struct Words;

/// Words that carry meaning: at least one letter, digit or ideograph.
fn is_word(w: &str) -> bool {
    w.chars().any(char::is_alphanumeric)
}

impl Tokenizer for Words {
    type TokenStream<'a> = Precomputed;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> Precomputed {
        let tokens = jieba()
            .cut_for_search(text, true)
            .into_iter()
            .filter(|t| is_word(t.word))
            .enumerate()
            .map(|(position, t)| Token {
                offset_from: t.byte_start,
                offset_to: t.byte_start + t.word.len(),
                position,
                text: t.word.to_string(),
                position_length: 1,
            })
            .collect();
        Precomputed { tokens, next: 0 }
    }
}

/// The words of a query, as [`Words`] would index them.
pub fn query_words(text: &str) -> Vec<String> {
    jieba()
        .cut_for_search(text, true)
        .into_iter()
        .filter(|t| is_word(t.word))
        .map(|t| t.word.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<T: Tokenizer>(mut t: T, s: &str) -> Vec<(String, usize)> {
        let mut stream = t.token_stream(s);
        let mut out = vec![];
        while stream.advance() {
            out.push((stream.token().text.clone(), stream.token().position));
        }
        out
    }

    #[test]
    fn bigrams_keep_punctuation_and_skip_breaks() {
        let got = texts(Bigrams, "水，利\n发展");
        let want = [("水，", 0), ("，利", 1), ("发展", 4)];
        assert_eq!(got, want.map(|(t, p)| (t.to_string(), p)));
    }

    #[test]
    fn chars_skip_breaks() {
        assert_eq!(texts(Chars, "水\n利").len(), 2);
        assert_eq!(texts(Chars, "水\n利")[1], ("利".to_string(), 2));
    }
}
