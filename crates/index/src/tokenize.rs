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

/// Characters of a field, one or two at a time, each token at the position of its first
/// character. Streams: one `Token` is reused, so indexing allocates nothing per token.
pub struct CharGrams<'a> {
    text: &'a str,
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
    position: usize,
    width: usize,
    token: Token,
}

impl<'a> CharGrams<'a> {
    fn new(text: &'a str, width: usize) -> Self {
        CharGrams {
            text,
            chars: text.char_indices().peekable(),
            position: 0,
            width,
            token: Token::default(),
        }
    }
}

impl TokenStream for CharGrams<'_> {
    fn advance(&mut self) -> bool {
        while let Some((from, c)) = self.chars.next() {
            let position = self.position;
            self.position += 1;
            if c == BREAK {
                continue;
            }
            let to = match (self.width, self.chars.peek()) {
                (1, _) => from + c.len_utf8(),
                (_, Some(&(next, d))) if d != BREAK => next + d.len_utf8(),
                _ => continue,
            };
            self.token.offset_from = from;
            self.token.offset_to = to;
            self.token.position = position;
            self.token.position_length = 1;
            self.token.text.clear();
            self.token.text.push_str(&self.text[from..to]);
            return true;
        }
        false
    }
    fn token(&self) -> &Token {
        &self.token
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

impl Tokenizer for Bigrams {
    type TokenStream<'a> = CharGrams<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> CharGrams<'a> {
        CharGrams::new(text, 2)
    }
}

impl Tokenizer for Chars {
    type TokenStream<'a> = CharGrams<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> CharGrams<'a> {
        CharGrams::new(text, 1)
    }
}

/// Jieba's words of a field, computed up front (jieba works on whole sentences).
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
