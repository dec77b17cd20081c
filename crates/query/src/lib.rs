//! The query language of the sucai search box, parsed into a [`Query`].
//!
//! This crate only parses. It does no I/O and does not fold or normalise text (the text crate
//! does that before matching); every term keeps exactly what the user typed. It never panics:
//! any input gives either a [`Query`] or a [`QueryError`] whose message can be shown to the
//! user as it is.
//!
//! # The language
//!
//! | Typed                          | Meaning                                                  |
//! |--------------------------------|----------------------------------------------------------|
//! | `水利 高质量发展`               | both terms must occur (any order)                        |
//! | `"第一条 为了"`                 | one term that keeps its space                            |
//! | `-督查` / `-"试点 工作"`         | leave out texts that contain it                          |
//! | `水利 OR 水务 发展`              | (水利 or 水务) and 发展; `a OR b OR c` is one group       |
//! | `title:水利` / `title:"a b"`    | the term must occur in the title                         |
//! | `category:讲话` `tag:水利`       | filters; repeated ones of the same name mean "any of"   |
//! | `year:2023` `year:2020..2023`   | publication year, inclusive                               |
//! | `access:free` / `access:paid`   | free or members-only material (also `免费` / `付费`)      |
//! | `chars:1000..5000` `chars:2000..` `chars:..800` | length in characters, inclusive         |
//!
//! Details:
//!
//! - Terms are separated by whitespace: ASCII space, tab, newline, the full-width space
//!   U+3000 and any other Unicode whitespace.
//! - Only the ASCII double quote `"` delimits a phrase. Chinese quotes `“…”` are ordinary
//!   text, because they occur in documents: `“两个维护”` looks for the quotes too. A `"`
//!   in the middle of a word ends that word and opens a phrase (`ab"c d"` is `ab` and
//!   `"c d"`). A phrase that is empty or only spaces (`""`) is dropped.
//! - `-` is the exclusion operator only at the start of a term and only when something
//!   follows it. A lone `-` and a `-` inside a word are text: `COVID-19`, `2020-2023`,
//!   `水利 - 发展` (three terms, the middle one `-`).
//! - `OR` must be exactly the upper-case word `OR` standing alone between two terms;
//!   `or`, `Or` and `"OR"` are ordinary terms. An OR alternative cannot be excluded
//!   (`-a OR b` is an error) and OR cannot join filters.
//! - Field names (`title`, `category`, `tag`, `year`, `access`, `chars`) are matched
//!   without regard to ASCII case and may be followed by `:` or the full-width `：`.
//!   A `word:` whose word is not a field name is plain text: `http://x` and `原文:abc`
//!   are each one literal term. Filter values may be quoted: `category:"研讨发言"`.
//! - Filters narrow the result and are not terms: a query of filters only is a listing
//!   (see [`Query::has_terms`]). Filters cannot be negated. `category:` and `tag:` may
//!   repeat (any of the values matches; different filter names must all hold); `year:`,
//!   `access:` and `chars:` may be given once (repeating the same value is harmless).
//! - Limits: at most [`MAX_TERMS`] terms, and at most [`MAX_TERM_CHARS`] characters in a
//!   term or filter value.
//!
//! ```
//! use sucai_query::{parse, Scope};
//!
//! let q = parse("水利 OR 水务 发展 -\"试点 工作\" title:规划 year:2020..2023").unwrap();
//! assert_eq!(q.groups.len(), 3);
//! assert_eq!(q.groups[0].any_of.len(), 2);
//! assert_eq!(q.exclude[0].text, "试点 工作");
//! assert_eq!(q.groups[2].any_of[0].scope, Scope::Title);
//! assert_eq!(q.filters.years, Some((2020, 2023)));
//!
//! let err = parse("-year:2020 水利").unwrap_err();
//! assert_eq!(err.to_string(), "'-year:2020': filters can't be negated; remove the '-'");
//! ```

use serde::Serialize;
use thiserror::Error;

/// The most terms (positive and excluded together) a query may have.
pub const MAX_TERMS: usize = 32;
/// The most characters a single term or filter value may have.
pub const MAX_TERM_CHARS: usize = 256;
/// Error messages never quote more than this many characters of the input: enough to point
/// at the mistake, too few to carry a sentence of someone's text back out (an error page is an
/// output like any other, and paid text must not leave through it).
const ECHO_CHARS: usize = 7;
const ECHO_ASCII_CHARS: usize = 40;

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Query {
    /// All groups must match.
    pub groups: Vec<Group>,
    /// No excluded term may match.
    pub exclude: Vec<Term>,
    pub filters: Filters,
}

/// All groups must match; within a group any one term (a group of one is a plain required term).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    pub any_of: Vec<Term>,
}

/// One search term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    /// Exactly as typed inside the quotes or as the word; not folded, not trimmed.
    pub text: String,
    pub scope: Scope,
    /// Whether the user typed it between `"` quotes.
    pub quoted: bool,
}

/// Where a term must occur.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Scope {
    Anywhere,
    Title,
}

/// Filters on metadata. Empty vectors and `None` mean "no restriction".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Filters {
    /// Any of these categories (exact values as typed, duplicates removed).
    pub categories: Vec<String>,
    /// Any of these tags (exact values as typed, duplicates removed).
    pub tags: Vec<String>,
    /// Inclusive range of years.
    pub years: Option<(i32, i32)>,
    pub access: Option<Access>,
    /// Inclusive range of length in characters; open ends become 0 / `u32::MAX`.
    pub chars: Option<(u32, u32)>,
}

/// Free or members-only material.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Access {
    Free,
    Paid,
}

impl Query {
    /// Every positive term (in groups), in order: what highlighting looks for.
    pub fn positive_terms(&self) -> impl Iterator<Item = &Term> {
        self.groups.iter().flat_map(|group| group.any_of.iter())
    }

    /// Whether the query has any positive term. If not, it is a pure filter listing
    /// (which may still carry excluded terms in [`Query::exclude`]).
    pub fn has_terms(&self) -> bool {
        !self.groups.is_empty()
    }
}

/// Why a query could not be parsed. The messages are meant for the user as they are; they
/// quote at most 7 characters of the input.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum QueryError {
    #[error("the query is empty: type a word or a phrase to look for")]
    Empty,
    #[error(
        "the quote in '{fragment}' is never closed: add the closing \" or remove the opening one"
    )]
    UnclosedQuote { fragment: String },
    #[error("'OR' can't start the query: put it between two terms, as in 水利 OR 水务")]
    OrAtStart,
    #[error("'OR' can't end the query: put it between two terms, as in 水利 OR 水务")]
    OrAtEnd,
    #[error("'OR OR': put a term between the two ORs, as in 水利 OR 水务 OR 供水")]
    OrTwice,
    #[error(
        "'OR' can't join the filter '{filter}': OR goes between search terms \
         (repeated category: or tag: filters already match any of their values)"
    )]
    OrNextToFilter { filter: String },
    #[error("'{filter}': filters can't be negated; remove the '-'")]
    NegatedFilter { filter: String },
    #[error(
        "'{filter}' is not a year: use four digits, as in year:2023, or a range, as in year:2020..2023"
    )]
    BadYear { filter: String },
    #[error(
        "'{filter}' is not a length range: use a range of characters, as in chars:1000..5000, chars:2000.. or chars:..800"
    )]
    BadChars { filter: String },
    #[error("'{filter}' runs backwards: put the smaller number first")]
    ReversedRange { filter: String },
    #[error("'{filter}' is not an access level: use access:free or access:paid")]
    BadAccess { filter: String },
    #[error("'{field}:' has nothing after it: write a value right after the colon, as in {}", example(.field))]
    EmptyValue { field: &'static str },
    #[error("'{field}:' is given twice with different values: give it once, as in {}", example(.field))]
    RepeatedFilter { field: &'static str },
    #[error(
        "'{term}' is one of the OR alternatives, and an alternative can't be excluded: \
         put the excluded term outside the OR group"
    )]
    NegatedInOr { term: String },
    #[error(
        "the query only says what to leave out: say what to look for, not only what to leave out"
    )]
    OnlyExclusions,
    #[error("the query has more than {} terms: remove some", MAX_TERMS)]
    TooManyTerms,
    #[error(
        "'{start}' is too long: a term or filter value may have at most {} characters",
        MAX_TERM_CHARS
    )]
    TermTooLong { start: String },
}

impl QueryError {
    /// The message in Chinese, for the web pages; it quotes the same few characters.
    pub fn chinese(&self) -> String {
        use QueryError::*;
        match self {
            Empty => "搜索语句是空的：请输入要找的词或短语。".into(),
            UnclosedQuote { fragment } => {
                format!("“{fragment}”中的英文引号没有配对：请补上另一个 \" 或删掉这一个。")
            }
            OrAtStart | OrAtEnd | OrTwice => "OR 要写在两个词之间，例如：水利 OR 水务。".into(),
            OrNextToFilter { filter } => format!(
                "OR 不能连接筛选条件“{filter}”：OR 只用在搜索词之间，同名筛选写多次即表示“任一”。"
            ),
            NegatedFilter { filter } => format!("筛选条件“{filter}”前不能加减号，请删掉“-”。"),
            BadYear { filter } => format!(
                "“{filter}”不是年份：请写四位数字，例如 year:2023，或范围 year:2020..2023。"
            ),
            BadChars { filter } => format!(
                "“{filter}”不是字数范围：请写成 chars:1000..5000、chars:2000.. 或 chars:..800。"
            ),
            ReversedRange { filter } => format!("“{filter}”的范围写反了：小的数写在前面。"),
            BadAccess { filter } => {
                format!("“{filter}”不是阅读权限：请写 access:free（免费）或 access:paid（付费）。")
            }
            EmptyValue { field } => {
                format!(
                    "“{field}:”后面没有内容：请紧接冒号写上值，例如 {}。",
                    example(field)
                )
            }
            RepeatedFilter { field } => format!(
                "“{field}:”出现了两次且值不同：请只写一次，例如 {}。",
                example(field)
            ),
            NegatedInOr { term } => {
                format!("“{term}”是 OR 的一个选项，不能排除：请把要排除的词放在 OR 之外。")
            }
            OnlyExclusions => "搜索语句只说了要排除什么：请再写上要找的词。".into(),
            TooManyTerms => format!("搜索词超过 {MAX_TERMS} 个：请删掉一些。"),
            TermTooLong { start } => {
                format!("“{start}”太长了：一个词或筛选值最多 {MAX_TERM_CHARS} 个字。")
            }
        }
    }
}

fn example(field: &str) -> &'static str {
    match field {
        "title" => "title:水利",
        "category" => "category:讲话",
        "tag" => "tag:水利",
        "year" => "year:2023 or year:2020..2023",
        "access" => "access:free or access:paid",
        "chars" => "chars:1000..5000",
        _ => "水利",
    }
}

/// `s` cut (with `…`) before its `ECHO_CHARS + 1`-th non-ASCII character or its 41st
/// character: field names and ranges (`category:讲话`, `chars:5000..1000`) stay whole, a
/// sentence of Chinese text does not.
fn snip(s: &str) -> String {
    let mut non_ascii = 0;
    for (n, (at, c)) in s.char_indices().enumerate() {
        non_ascii += usize::from(!c.is_ascii());
        if non_ascii > ECHO_CHARS || n == ECHO_ASCII_CHARS {
            return format!("{}…", &s[..at]);
        }
    }
    s.to_owned()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Category,
    Tag,
    Year,
    Access,
    Chars,
}

impl Field {
    const ALL: [Field; 6] = [
        Field::Title,
        Field::Category,
        Field::Tag,
        Field::Year,
        Field::Access,
        Field::Chars,
    ];

    fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Category => "category",
            Field::Tag => "tag",
            Field::Year => "year",
            Field::Access => "access",
            Field::Chars => "chars",
        }
    }
}

/// A known field name followed by `:` or `：` at the start of `s`: the field and the
/// length in bytes of the prefix.
fn field_prefix(s: &str) -> Option<(Field, usize)> {
    let name_len = s.bytes().take_while(u8::is_ascii_alphabetic).count();
    let name = &s[..name_len];
    let field = Field::ALL
        .into_iter()
        .find(|f| f.name().eq_ignore_ascii_case(name))?;
    let colon = s[name_len..]
        .chars()
        .next()
        .filter(|&c| c == ':' || c == '：')?;
    Some((field, name_len + colon.len_utf8()))
}

/// One lexical piece: `[-][field:](word | "phrase")`.
#[derive(Debug)]
struct Piece<'a> {
    negated: bool,
    field: Option<Field>,
    value: &'a str,
    quoted: bool,
    /// Everything typed for this piece, for error messages.
    raw: &'a str,
    /// Whether the piece is a whole whitespace-separated chunk.
    standalone: bool,
}

impl Piece<'_> {
    fn is_or(&self) -> bool {
        self.standalone
            && !self.negated
            && self.field.is_none()
            && !self.quoted
            && self.value == "OR"
    }
}

struct Lexer<'a> {
    input: &'a str,
    pos: usize,
}

impl<'a> Lexer<'a> {
    fn next_piece(&mut self) -> Result<Option<Piece<'a>>, QueryError> {
        let s = self.input;
        let mut chunk_start = self.pos == 0;
        while let Some(c) = s[self.pos..].chars().next() {
            if !c.is_whitespace() {
                break;
            }
            self.pos += c.len_utf8();
            chunk_start = true;
        }
        if self.pos >= s.len() {
            return Ok(None);
        }
        let start = self.pos;
        let mut at = start;
        let mut negated = false;
        let mut field = None;
        // Operators are recognised only at the start of a whitespace-separated chunk, so
        // `"a"-b` is `a` and the literal `-b`.
        if chunk_start {
            if let Some(after) = s[at..].strip_prefix('-')
                && after.chars().next().is_some_and(|c| !c.is_whitespace())
            {
                negated = true;
                at += 1;
            }
            if let Some((f, len)) = field_prefix(&s[at..]) {
                field = Some(f);
                at += len;
            }
        }
        let (value, quoted, end) = if let Some(after) = s[at..].strip_prefix('"') {
            match after.find('"') {
                Some(close) => (&after[..close], true, at + 1 + close + 1),
                None => {
                    return Err(QueryError::UnclosedQuote {
                        fragment: snip(&s[start..]),
                    });
                }
            }
        } else {
            let end = s[at..]
                .find(|c: char| c.is_whitespace() || c == '"')
                .map_or(s.len(), |len| at + len);
            (&s[at..end], false, end)
        };
        self.pos = end;
        let standalone = chunk_start && s[end..].chars().next().is_none_or(char::is_whitespace);
        Ok(Some(Piece {
            negated,
            field,
            value,
            quoted,
            raw: &s[start..end],
            standalone,
        }))
    }
}

enum Item {
    Or,
    Term {
        term: Term,
        negated: bool,
        raw: String,
    },
    Filter {
        raw: String,
    },
}

fn too_long(value: &str) -> bool {
    value.chars().nth(MAX_TERM_CHARS).is_some()
}

/// Parses what the user typed in the search box.
pub fn parse(input: &str) -> Result<Query, QueryError> {
    let mut lexer = Lexer { input, pos: 0 };
    let mut items = Vec::new();
    let mut filters = Filters::default();
    let mut term_count = 0usize;
    while let Some(piece) = lexer.next_piece()? {
        if piece.is_or() {
            items.push(Item::Or);
            continue;
        }
        if let Some(field) = piece.field
            && !piece.quoted
            && piece.value.is_empty()
        {
            if piece.negated && field != Field::Title {
                return Err(QueryError::NegatedFilter {
                    filter: snip(piece.raw),
                });
            }
            return Err(QueryError::EmptyValue {
                field: field.name(),
            });
        }
        match piece.field {
            None | Some(Field::Title) => {
                if too_long(piece.value) {
                    return Err(QueryError::TermTooLong {
                        start: snip(piece.raw),
                    });
                }
                if !piece.value.trim().is_empty() {
                    term_count += 1;
                    if term_count > MAX_TERMS {
                        return Err(QueryError::TooManyTerms);
                    }
                }
                let scope = match piece.field {
                    Some(Field::Title) => Scope::Title,
                    _ => Scope::Anywhere,
                };
                items.push(Item::Term {
                    term: Term {
                        text: piece.value.to_owned(),
                        scope,
                        quoted: piece.quoted,
                    },
                    negated: piece.negated,
                    raw: snip(piece.raw),
                });
            }
            Some(field) => {
                if piece.negated {
                    return Err(QueryError::NegatedFilter {
                        filter: snip(piece.raw),
                    });
                }
                apply_filter(&mut filters, field, piece.value, piece.raw)?;
                items.push(Item::Filter {
                    raw: snip(piece.raw),
                });
            }
        }
    }

    check_or_placement(&items)?;

    // Build groups: a term joins the previous group when an OR stands between them.
    let mut raw_groups: Vec<Vec<(Term, bool, String)>> = Vec::new();
    let mut join = false;
    for item in items {
        match item {
            Item::Or => join = true,
            Item::Filter { .. } => {}
            Item::Term { term, negated, raw } => {
                match raw_groups.last_mut() {
                    Some(group) if join => group.push((term, negated, raw)),
                    _ => raw_groups.push(vec![(term, negated, raw)]),
                }
                join = false;
            }
        }
    }

    let mut groups = Vec::new();
    let mut exclude = Vec::new();
    for group in raw_groups {
        if group.len() > 1
            && let Some((_, _, raw)) = group.iter().find(|(_, negated, _)| *negated)
        {
            return Err(QueryError::NegatedInOr { term: raw.clone() });
        }
        let mut kept: Vec<(Term, bool)> = group
            .into_iter()
            .filter(|(term, _, _)| !term.text.trim().is_empty())
            .map(|(term, negated, _)| (term, negated))
            .collect();
        match kept.len() {
            0 => {}
            1 if kept[0].1 => {
                if let Some((term, _)) = kept.pop() {
                    exclude.push(term);
                }
            }
            _ => groups.push(Group {
                any_of: kept.into_iter().map(|(term, _)| term).collect(),
            }),
        }
    }

    if groups.is_empty() && filters == Filters::default() {
        return Err(if exclude.is_empty() {
            QueryError::Empty
        } else {
            QueryError::OnlyExclusions
        });
    }
    Ok(Query {
        groups,
        exclude,
        filters,
    })
}

fn check_or_placement(items: &[Item]) -> Result<(), QueryError> {
    for (i, item) in items.iter().enumerate() {
        if !matches!(item, Item::Or) {
            continue;
        }
        if i == 0 {
            return Err(QueryError::OrAtStart);
        }
        let Some(next) = items.get(i + 1) else {
            return Err(QueryError::OrAtEnd);
        };
        match (&items[i - 1], next) {
            (_, Item::Or) => return Err(QueryError::OrTwice),
            (Item::Filter { raw }, _) | (_, Item::Filter { raw }) => {
                return Err(QueryError::OrNextToFilter {
                    filter: raw.clone(),
                });
            }
            _ => {}
        }
    }
    Ok(())
}

fn apply_filter(
    filters: &mut Filters,
    field: Field,
    value: &str,
    raw: &str,
) -> Result<(), QueryError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(QueryError::EmptyValue {
            field: field.name(),
        });
    }
    if too_long(value) {
        return Err(QueryError::TermTooLong { start: snip(raw) });
    }
    let filter = || snip(raw);
    match field {
        Field::Category => push_unique(&mut filters.categories, value),
        Field::Tag => push_unique(&mut filters.tags, value),
        Field::Year => {
            let range = parse_years(&ascii_digits(value))
                .ok_or_else(|| QueryError::BadYear { filter: filter() })?;
            if range.0 > range.1 {
                return Err(QueryError::ReversedRange { filter: filter() });
            }
            set_once(&mut filters.years, range, field)?;
        }
        Field::Chars => {
            let range = parse_chars(&ascii_digits(value))
                .ok_or_else(|| QueryError::BadChars { filter: filter() })?;
            if range.0 > range.1 {
                return Err(QueryError::ReversedRange { filter: filter() });
            }
            set_once(&mut filters.chars, range, field)?;
        }
        Field::Access => {
            let access = match value.to_ascii_lowercase().as_str() {
                "free" | "免费" => Access::Free,
                "paid" | "付费" => Access::Paid,
                _ => return Err(QueryError::BadAccess { filter: filter() }),
            };
            set_once(&mut filters.access, access, field)?;
        }
        // Terms are handled by the caller; nothing to record here.
        Field::Title => {}
    }
    Ok(())
}

fn push_unique(values: &mut Vec<String>, value: &str) {
    if !values.iter().any(|v| v == value) {
        values.push(value.to_owned());
    }
}

fn set_once<T: PartialEq>(slot: &mut Option<T>, value: T, field: Field) -> Result<(), QueryError> {
    match slot {
        Some(old) if *old != value => Err(QueryError::RepeatedFilter {
            field: field.name(),
        }),
        _ => {
            *slot = Some(value);
            Ok(())
        }
    }
}

/// Full-width digits and dots (as typed with a Chinese input method) to ASCII.
fn ascii_digits(value: &str) -> String {
    value
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            _ => c,
        })
        .collect()
}

fn parse_year(s: &str) -> Option<i32> {
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

fn parse_years(s: &str) -> Option<(i32, i32)> {
    match s.split_once("..") {
        Some((from, to)) => Some((parse_year(from)?, parse_year(to)?)),
        None => parse_year(s).map(|year| (year, year)),
    }
}

fn parse_count(s: &str) -> Option<u32> {
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

fn parse_chars(s: &str) -> Option<(u32, u32)> {
    let (from, to) = s.split_once("..")?;
    match (from.is_empty(), to.is_empty()) {
        (true, true) => None,
        (true, false) => Some((0, parse_count(to)?)),
        (false, true) => Some((parse_count(from)?, u32::MAX)),
        (false, false) => Some((parse_count(from)?, parse_count(to)?)),
    }
}

#[cfg(test)]
mod tests;
