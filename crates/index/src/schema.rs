//! The index's fields. Everything here is derived from the store and rebuilt by `sucai reindex`.

use crate::tokenize::{BREAK, Bigrams, Chars, Words};
use sucai_store::{Article, free_part};
use sucai_text::fold::fold_for_search;
use sucai_text::overlap::{K, W, winnowed_fingerprints};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::{Index, TantivyDocument};

pub const BIGRAM: &str = "sucai_bigram";
pub const CHAR: &str = "sucai_char";
pub const WORDS: &str = "sucai_words";

#[derive(Clone, Copy)]
pub struct Fields {
    pub id: Field,
    /// Title and body, bigrams with positions: what 精准搜索 matches.
    pub text2: Field,
    /// Title and body, single characters: one-character queries.
    pub text1: Field,
    pub title2: Field,
    pub title1: Field,
    /// Title and free part of the body (bigrams, single characters, jieba words): what a
    /// query of a reader of the previews may match and rank by, so that no answer to them
    /// depends on members-only text.
    pub free2: Field,
    pub free1: Field,
    pub free_words: Field,
    /// Jieba words of title and body: BM25 ranking.
    pub words: Field,
    pub category: Field,
    pub tags: Field,
    pub year: Field,
    /// 1 when part of the article is for members only.
    pub paid: Field,
    pub chars: Field,
    /// What a search shows a reader of the previews, kept beside the hits so that their
    /// searches never read the store: the title, the free part of the body, the paid
    /// boundary (-1: none) and the body's length in characters.
    pub stored_title: Field,
    pub preview: Field,
    pub free_chars: Field,
    pub body_chars: Field,
    /// Winnowed k-gram fingerprints of the body, free and paid: what the overlap check looks
    /// up. Only which documents hold a fingerprint is kept, not where.
    pub fingerprints: Field,
}

fn text(tokenizer: &str, record: IndexRecordOption) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(record),
    )
}

pub fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let positions = IndexRecordOption::WithFreqsAndPositions;
    let fields = Fields {
        id: b.add_u64_field("id", INDEXED | FAST | STORED),
        text2: b.add_text_field("text2", text(BIGRAM, positions)),
        text1: b.add_text_field("text1", text(CHAR, IndexRecordOption::WithFreqs)),
        title2: b.add_text_field("title2", text(BIGRAM, positions)),
        title1: b.add_text_field("title1", text(CHAR, IndexRecordOption::WithFreqs)),
        free2: b.add_text_field("free2", text(BIGRAM, positions)),
        free1: b.add_text_field("free1", text(CHAR, IndexRecordOption::WithFreqs)),
        free_words: b.add_text_field("free_words", text(WORDS, IndexRecordOption::WithFreqs)),
        words: b.add_text_field("words", text(WORDS, IndexRecordOption::WithFreqs)),
        category: b.add_text_field("category", STRING | FAST | STORED),
        tags: b.add_text_field("tags", STRING | FAST),
        year: b.add_i64_field("year", INDEXED | FAST),
        paid: b.add_u64_field("paid", INDEXED | FAST),
        chars: b.add_u64_field("chars", INDEXED | FAST),
        stored_title: b.add_text_field("stored_title", STORED),
        preview: b.add_text_field("preview", STORED),
        free_chars: b.add_i64_field("free_chars", STORED),
        body_chars: b.add_u64_field("body_chars", STORED),
        // Named after the winnowing parameters: other parameters make another layout, which
        // `SearchIndex::open` rebuilds.
        fingerprints: b.add_u64_field(&format!("fingerprints_k{K}_w{W}"), INDEXED),
    };
    (b.build(), fields)
}

pub fn register_tokenizers(index: &Index) {
    let t = index.tokenizers();
    t.register(BIGRAM, Bigrams);
    t.register(CHAR, Chars);
    t.register(WORDS, Words);
}

/// The folded text of a title or body, one paragraph a line.
pub fn folded_lines(text: &str) -> String {
    text.split('\n')
        .map(fold_for_search)
        .collect::<Vec<_>>()
        .join(&BREAK.to_string())
}

/// The index document of an article.
pub fn document(f: &Fields, a: &Article) -> TantivyDocument {
    let title = folded_lines(&a.title);
    let body = folded_lines(&a.body);
    let all = format!("{title}{BREAK}{body}");
    let mut doc = TantivyDocument::default();
    doc.add_u64(f.id, a.id as u64);
    doc.add_text(f.text2, &all);
    doc.add_text(f.text1, &all);
    doc.add_text(f.title2, &title);
    doc.add_text(f.title1, &title);
    doc.add_text(f.words, &all);
    doc.add_text(f.category, &a.category);
    for tag in &a.tags {
        doc.add_text(f.tags, tag);
    }
    doc.add_i64(f.year, a.year.map_or(0, i64::from));
    let body_chars = a.body.chars().count() as u32;
    let free = free_part(a.free_chars, body_chars);
    doc.add_u64(f.paid, u64::from(free < body_chars));
    doc.add_text(f.stored_title, &a.title);
    let preview_end = a
        .body
        .char_indices()
        .nth(free as usize)
        .map_or(a.body.len(), |(at, _)| at);
    let preview = &a.body[..preview_end];
    doc.add_text(f.preview, preview);
    let visible = format!("{title}{BREAK}{}", folded_lines(preview));
    doc.add_text(f.free2, &visible);
    doc.add_text(f.free1, &visible);
    doc.add_text(f.free_words, &visible);
    doc.add_i64(f.free_chars, a.free_chars.map_or(-1, i64::from));
    doc.add_u64(f.body_chars, u64::from(body_chars));
    doc.add_u64(f.chars, u64::from(a.chars));
    for fingerprint in winnowed_fingerprints(&a.body) {
        doc.add_u64(f.fingerprints, fingerprint);
    }
    doc
}
