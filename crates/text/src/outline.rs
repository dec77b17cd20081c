//! Outline (提纲) of an article: its headings and enumerations, in reading order.
//!
//! Writers skim a hit by its structure before they read it, so ingest stores the outline of
//! every article. This module finds, at the start of a paragraph or of a sentence:
//!
//! - formatted headings, which carry their own level: `一、` and `第一部分`/`第一章`/`第一篇`
//!   (level 1), `（一）`/`(一)` (2), `1.`/`1．`/`1、` (3), `（1）`/`(1)` (4);
//! - enumerations used in speeches: `一是…二是…`, `一要…二要…`, `一抓…` (any `一X…二X…` with
//!   the same `X`), `第一，…第二，…`, `其一，…其二，…` and `首先…其次…再次/第三…最后`;
//! - short heading paragraphs: at most 30 characters, no sentence-final punctuation;
//! - lead sentences: consecutive paragraphs (not the first of the article) that each open with
//!   a short `A，B。` sentence
//!   (`坚持深学细研，提升“能干事”的本领。` / `坚持问题导向，锻造“抓落实”的魄力。` / …).
//!
//! # Levels
//!
//! Formatted headings keep their own level; a short heading paragraph is level 1.
//! Enumerations and lead sentences form *runs*, and every member of a run gets the same level:
//! one below the nearest formatted or short heading that precedes the run's first member, so a
//! run is level 1 when it is the first structure of the article and level 2 under a `一、`
//! heading. A run that lies inside another run (it starts after that run's first member and ends
//! within the paragraph of its last member) is one level below it. Levels never exceed 4.
//!
//! # False positives
//!
//! - Markers count only at the start of a paragraph or after a sentence end (`。！？；`, and for
//!   enumerations also `：`); closing quotes and spaces after the sentence end are skipped.
//! - An enumeration needs at least two consecutive members (`一是` then `二是`, `首先` then
//!   `其次`); a lone `一是` or `首先` in prose is no outline. Only the first member of a run may
//!   follow a `，` (`作为科协主要负责人，一是…。二是…`), and it must be followed by a second
//!   member that starts a sentence.
//! - `1.5亿`, `2.3%` and `1.x亿` are not headings: the dot must not be followed by a digit or a
//!   masked digit.
//!
//! Text never goes through byte offsets: everything works on `char`s, so no item text can split
//! a character.

use crate::lines::{is_closing, is_sentence_end};
use serde::{Deserialize, Serialize};

/// One heading or enumeration member of an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutlineItem {
    /// 1 = top (`一、`), 2 = `（一）`, 3 = `1.`, 4 = `（1）`; enumerations: see the module doc.
    pub level: u8,
    /// The heading phrase, marker included, without trailing punctuation; at most
    /// [`MAX_TEXT_CHARS`] characters.
    pub text: String,
    /// Index of the paragraph in the slice given to [`outline`].
    pub paragraph: usize,
}

/// Longest item text, in characters.
pub const MAX_TEXT_CHARS: usize = 40;
/// A longer heading sentence is cut at its first `，` at or after this many characters.
const MIN_CUT_CHARS: usize = 6;
/// Paragraphs up to this many characters without sentence-final punctuation are headings.
const SHORT_HEADING_CHARS: usize = 30;
/// Deepest level an item gets.
const MAX_LEVEL: u8 = 4;

/// Headings and enumerations of an article, in order. `paragraphs` are the article's paragraphs (no title).
pub fn outline(paragraphs: &[&str]) -> Vec<OutlineItem> {
    let paras: Vec<Vec<char>> = paragraphs.iter().map(|p| p.chars().collect()).collect();
    let mut items: Vec<Item> = Vec::new();
    let mut runs = RunBuilder::default();
    // Short paragraphs opening with an enumeration marker: headings unless the marker joins a run.
    let mut short_fallback: Vec<(usize, usize)> = Vec::new();

    for (pi, chars) in paras.iter().enumerate() {
        let start = skip_space(chars, 0);
        if start == chars.len() {
            continue;
        }
        let short = is_short_heading(&paras, pi);
        for (off, place) in marker_positions(chars) {
            if matches!(place, Place::Start | Place::AfterSentence)
                && let Some(level) = fixed_heading(chars, off)
            {
                runs.close_all();
                items.push(Item {
                    para: pi,
                    off,
                    kind: Kind::Fixed(level),
                });
                continue;
            }
            if let Some(mark) = enumeration(chars, off) {
                runs.offer(Cand {
                    para: pi,
                    off,
                    mark,
                    strict: place != Place::AfterComma,
                });
                if off == start && short {
                    short_fallback.push((pi, off));
                }
            } else if off == start && short {
                runs.close_all();
                items.push(Item {
                    para: pi,
                    off,
                    kind: Kind::Fixed(1),
                });
            }
        }
    }

    let mut run_members = runs.finish();
    for (ri, run) in run_members.iter().enumerate() {
        for &(para, off) in run {
            items.push(Item {
                para,
                off,
                kind: Kind::Run(ri),
            });
        }
    }
    for (para, off) in short_fallback {
        if !items.iter().any(|it| it.para == para && it.off == off) {
            items.push(Item {
                para,
                off,
                kind: Kind::Fixed(1),
            });
        }
    }
    for group in lead_groups(&paras, &items) {
        let ri = run_members.len();
        for &(para, off) in &group {
            items.push(Item {
                para,
                off,
                kind: Kind::Run(ri),
            });
        }
        run_members.push(group);
    }

    items.sort_by_key(|it| (it.para, it.off));
    items.dedup_by_key(|it| (it.para, it.off));
    let levels = run_levels(&items, &run_members);

    items
        .iter()
        .filter_map(|it| {
            let level = match it.kind {
                Kind::Fixed(l) => l,
                Kind::Run(r) => levels[r],
            };
            let text = heading_text(&paras[it.para], it.off);
            (!text.is_empty()).then_some(OutlineItem {
                level,
                text,
                paragraph: it.para,
            })
        })
        .collect()
}

#[derive(Clone, Copy, Debug)]
enum Kind {
    /// A heading with its own level.
    Fixed(u8),
    /// A member of run number N.
    Run(usize),
}

#[derive(Clone, Copy, Debug)]
struct Item {
    para: usize,
    off: usize,
    kind: Kind,
}

/// Where a marker candidate stands; the order is from strongest to weakest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Place {
    Start,
    AfterSentence,
    AfterColon,
    AfterComma,
}

/// Which enumerations continue each other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    /// `一X`, `二X`, … with the same `X` (`一是`, `一要`, `一抓`).
    Numbered(char),
    /// `首先`/`第一`, `其次`/`第二`, `再次`/`第三`, …, `最后`.
    Ordinal,
    /// `其一`, `其二`, …
    Qi,
}

#[derive(Clone, Copy, Debug)]
struct EnumMark {
    family: Family,
    value: u32,
    /// `最后`: continues any ordinal run and ends it.
    closes: bool,
}

#[derive(Clone, Copy, Debug)]
struct Cand {
    para: usize,
    off: usize,
    mark: EnumMark,
    /// At a paragraph or sentence start (not after a `，`).
    strict: bool,
}

/// Groups enumeration candidates, in document order, into runs of consecutive members.
#[derive(Default)]
struct RunBuilder {
    open: Vec<(Family, Vec<Cand>)>,
    done: Vec<Vec<Cand>>,
}

impl RunBuilder {
    fn offer(&mut self, c: Cand) {
        let slot = self.open.iter().position(|(f, _)| *f == c.mark.family);
        let extends = slot.is_some_and(|s| {
            let last = self.open[s].1.last().map_or(0, |l| l.mark.value);
            c.strict
                && if c.mark.closes {
                    c.mark.family == Family::Ordinal
                } else {
                    c.mark.value == last + 1
                }
        });
        if let (true, Some(s)) = (extends, slot) {
            self.open[s].1.push(c);
            if c.mark.closes {
                let (_, run) = self.open.remove(s);
                self.done.push(run);
            }
            return;
        }
        if let Some(s) = slot {
            let (_, run) = self.open.remove(s);
            self.done.push(run);
        }
        if !c.mark.closes && (c.mark.value == 1 || (c.mark.value == 2 && c.strict)) {
            self.open.push((c.mark.family, vec![c]));
        }
    }

    fn close_all(&mut self) {
        for (_, run) in self.open.drain(..) {
            self.done.push(run);
        }
    }

    /// Runs of at least two members, ordered by their first member.
    fn finish(mut self) -> Vec<Vec<(usize, usize)>> {
        self.close_all();
        let mut runs: Vec<Vec<(usize, usize)>> = self
            .done
            .into_iter()
            .filter(|r| r.len() >= 2)
            .map(|r| r.iter().map(|c| (c.para, c.off)).collect())
            .collect();
        runs.sort();
        runs
    }
}

/// Level of every run, following the rule in the module doc.
fn run_levels(items: &[Item], runs: &[Vec<(usize, usize)>]) -> Vec<u8> {
    let mut levels = vec![0u8; runs.len()];
    let mut last_fixed = 0u8;
    let mut placed: Vec<usize> = Vec::new();
    for it in items {
        match it.kind {
            Kind::Fixed(l) => last_fixed = l,
            Kind::Run(r) => {
                if levels[r] != 0 {
                    continue;
                }
                let first = runs[r][0];
                let last_para = runs[r].last().map_or(first.0, |m| m.0);
                let enclosing = placed
                    .iter()
                    .filter(|&&a| {
                        let a_first = runs[a][0];
                        let a_last_para = runs[a].last().map_or(a_first.0, |m| m.0);
                        a_first < first && last_para <= a_last_para
                    })
                    .map(|&a| levels[a])
                    .max();
                let level = match enclosing {
                    Some(l) => l.saturating_add(1),
                    None => last_fixed.saturating_add(1),
                };
                levels[r] = level.min(MAX_LEVEL);
                placed.push(r);
            }
        }
    }
    levels
}

/// Consecutive paragraphs opening with a short `A，B。` lead sentence (see the module doc).
fn lead_groups(paras: &[Vec<char>], items: &[Item]) -> Vec<Vec<(usize, usize)>> {
    let mut groups = Vec::new();
    let mut current: Vec<(usize, usize)> = Vec::new();
    let mut flush = |current: &mut Vec<(usize, usize)>| {
        let accept = current.len() >= 3
            || (current.len() == 2 && {
                let a = &paras[current[0].0][current[0].1..];
                let b = &paras[current[1].0][current[1].1..];
                a.len() >= 2 && b.len() >= 2 && a[..2] == b[..2]
            });
        if accept {
            groups.push(std::mem::take(current));
        } else {
            current.clear();
        }
    };
    // The first paragraph of an article introduces it: its opening sentence is no heading.
    let first = paras.iter().position(|p| skip_space(p, 0) < p.len());
    for (pi, chars) in paras.iter().enumerate() {
        let start = skip_space(chars, 0);
        if start == chars.len() {
            continue; // blank paragraphs do not break a group
        }
        let taken = Some(pi) == first || items.iter().any(|it| it.para == pi && it.off == start);
        if !taken && is_lead_sentence(chars, start) {
            current.push((pi, start));
        } else {
            flush(&mut current);
        }
    }
    flush(&mut current);
    groups
}

/// `坚持深学细研，提升“能干事”的本领。` followed by the body of the paragraph.
fn is_lead_sentence(chars: &[char], start: usize) -> bool {
    let Some(end) = (start..chars.len()).find(|&i| is_sentence_end(chars[i])) else {
        return false;
    };
    if !matches!(chars[end], '。' | '！' | '!') || end + 1 - start > SHORT_HEADING_CHARS {
        return false;
    }
    let sentence = &chars[start..end];
    let commas: Vec<usize> = (0..sentence.len())
        .filter(|&i| sentence[i] == '，')
        .collect();
    if commas.len() != 1 || commas[0] < 4 || sentence.len() - commas[0] - 1 < 4 {
        return false;
    }
    if sentence.iter().any(|&c| matches!(c, '、' | '：' | ':')) {
        return false;
    }
    let rest = chars[end + 1..].iter().filter(|c| !is_space(**c)).count();
    rest >= 10
}

/// A paragraph that is itself a heading: short, no sentence-final punctuation, not the tail of
/// a sentence broken across lines.
fn is_short_heading(paras: &[Vec<char>], pi: usize) -> bool {
    let t = trim(&paras[pi]);
    if t.len() < 2 || t.len() > SHORT_HEADING_CHARS {
        return false;
    }
    if t.iter().filter(|&&c| is_han(c)).count() < 2 || t.iter().any(|&c| is_sentence_end(c)) {
        return false;
    }
    if matches!(
        t[t.len() - 1],
        '，' | ',' | '、' | '：' | ':' | '“' | '‘' | '（' | '('
    ) {
        return false;
    }
    // The previous non-blank paragraph: a long one that stops mid-sentence continues here.
    if let Some(prev) = paras[..pi]
        .iter()
        .rev()
        .map(|p| trim(p))
        .find(|p| !p.is_empty())
    {
        let mut end = prev.len();
        while end > 0 && is_closing(prev[end - 1]) {
            end -= 1;
        }
        let ends_clean =
            end > 0 && (is_sentence_end(prev[end - 1]) || matches!(prev[end - 1], '：' | ':'));
        if prev.len() > SHORT_HEADING_CHARS && !ends_clean {
            return false;
        }
    }
    true
}

/// Positions where a marker may stand, with the strongest reason for each.
fn marker_positions(chars: &[char]) -> Vec<(usize, Place)> {
    let mut out = Vec::new();
    let start = skip_space(chars, 0);
    if start < chars.len() {
        out.push((start, Place::Start));
    }
    for (k, &c) in chars.iter().enumerate() {
        let place = if is_sentence_end(c) {
            Place::AfterSentence
        } else if matches!(c, '：' | ':') {
            Place::AfterColon
        } else if matches!(c, '，' | ',') {
            Place::AfterComma
        } else {
            continue;
        };
        let mut j = k + 1;
        while j < chars.len() && (is_closing(chars[j]) || is_space(chars[j])) {
            j += 1;
        }
        if j < chars.len() {
            out.push((j, place));
        }
    }
    out.sort();
    out.dedup_by_key(|p| p.0);
    out
}

/// A formatted heading marker at `i`, with its level.
fn fixed_heading(chars: &[char], i: usize) -> Option<u8> {
    let c = *chars.get(i)?;
    if matches!(c, '（' | '(') {
        let (level, n) = match cn_numeral(chars, i + 1) {
            Some((_, n)) => (2, n),
            None => (4, arabic(chars, i + 1)?.1),
        };
        let close = i + 1 + n;
        return (matches!(chars.get(close), Some('）' | ')')) && has_content(chars, close + 1))
            .then_some(level);
    }
    if c == '第' {
        let (_, n) = cn_numeral(chars, i + 1).or_else(|| arabic(chars, i + 1))?;
        let j = i + 1 + n;
        let unit = starts_with(chars, j, "部分") || matches!(chars.get(j), Some('章' | '篇'));
        return unit.then_some(1);
    }
    if let Some((_, n)) = cn_numeral(chars, i) {
        let j = i + n;
        let ok = chars.get(j) == Some(&'、')
            && has_content(chars, j + 1)
            && !chars
                .get(j + 1)
                .is_some_and(|&d| cn_digit(d).is_some() || d == '十');
        return ok.then_some(1);
    }
    let (_, n) = arabic(chars, i)?;
    let j = i + n;
    if !matches!(chars.get(j), Some('.' | '．' | '、')) {
        return None;
    }
    let next = *chars.get(j + 1)?;
    let numeric = next.is_ascii_digit()
        || ('０'..='９').contains(&next)
        || matches!(next, 'x' | 'X' | '%' | '％' | '.' | '．' | '、');
    (!numeric && has_content(chars, j + 1)).then_some(3)
}

/// Measure words and other characters that make `一X` a word, not an enumeration.
const NOT_ENUM: &str = "个次年月日天周季号种类项条批名位人家件届期层级倍份些样般切致起直定同旦线流\
                        体手度时段律道步套所座场轮片台句声点分元百千万亿十零〇并向贯举带路心以代\
                        生半下边面、";

/// An enumeration marker at `i`.
fn enumeration(chars: &[char], i: usize) -> Option<EnumMark> {
    let ordinal = |value| {
        Some(EnumMark {
            family: Family::Ordinal,
            value,
            closes: false,
        })
    };
    let punct_at = |j: usize| matches!(chars.get(j), Some('，' | ',' | '、' | '：' | ':'));
    if starts_with(chars, i, "首先") {
        return ordinal(1);
    }
    if starts_with(chars, i, "其次") {
        return ordinal(2);
    }
    if starts_with(chars, i, "再次") {
        return ordinal(3);
    }
    if starts_with(chars, i, "最后") {
        return punct_at(i + 2).then_some(EnumMark {
            family: Family::Ordinal,
            value: 0,
            closes: true,
        });
    }
    let c = *chars.get(i)?;
    if c == '第' {
        let (value, n) = cn_numeral(chars, i + 1)?;
        return if punct_at(i + 1 + n) {
            ordinal(value)
        } else {
            None
        };
    }
    if c == '其' {
        let value = cn_digit(*chars.get(i + 1)?)?;
        return punct_at(i + 2).then_some(EnumMark {
            family: Family::Qi,
            value,
            closes: false,
        });
    }
    let (value, n) = cn_numeral(chars, i)?;
    let x = *chars.get(i + n)?;
    (is_han(x) && !NOT_ENUM.contains(x)).then_some(EnumMark {
        family: Family::Numbered(x),
        value,
        closes: false,
    })
}

/// The heading phrase starting at `off` (see [`OutlineItem::text`]).
fn heading_text(chars: &[char], off: usize) -> String {
    let mut end = off;
    while end < chars.len() && !is_sentence_end(chars[end]) {
        end += 1;
    }
    if end - off > MAX_TEXT_CHARS {
        let cut = (off + MIN_CUT_CHARS..end).find(|&k| matches!(chars[k], '，' | ','));
        end = match cut {
            Some(k) if k - off <= MAX_TEXT_CHARS => k,
            _ => off + MAX_TEXT_CHARS,
        };
    }
    let mut phrase = &chars[off..end];
    while let Some((&last, rest)) = phrase.split_last() {
        if is_space(last) || is_sentence_end(last) || "，,、：:…—·“‘（(".contains(last)
        {
            phrase = rest;
        } else {
            break;
        }
    }
    phrase.iter().collect()
}

fn cn_digit(c: char) -> Option<u32> {
    "一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .map(|p| p as u32 + 1)
}

/// A Chinese numeral 一…九十九 at `i`: its value and length in characters.
fn cn_numeral(chars: &[char], i: usize) -> Option<(u32, usize)> {
    let c = *chars.get(i)?;
    let next_digit = |j: usize| chars.get(j).and_then(|&d| cn_digit(d));
    if c == '十' {
        return Some(match next_digit(i + 1) {
            Some(d) => (10 + d, 2),
            None => (10, 1),
        });
    }
    let d = cn_digit(c)?;
    if chars.get(i + 1) == Some(&'十') {
        return Some(match next_digit(i + 2) {
            Some(e) => (d * 10 + e, 3),
            None => (d * 10, 2),
        });
    }
    Some((d, 1))
}

/// One to three ASCII or full-width digits at `i` (not followed by another digit).
fn arabic(chars: &[char], i: usize) -> Option<(u32, usize)> {
    let digit = |c: char| match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    };
    let mut value = 0u32;
    let mut n = 0;
    while let Some(d) = chars.get(i + n).and_then(|&c| digit(c)) {
        value = value * 10 + d;
        n += 1;
        if n > 3 {
            return None;
        }
    }
    (n > 0).then_some((value, n))
}

fn starts_with(chars: &[char], i: usize, s: &str) -> bool {
    (i..).zip(s.chars()).all(|(j, c)| chars.get(j) == Some(&c))
}

/// Text follows at `j` (after optional spaces) that is not just punctuation.
fn has_content(chars: &[char], j: usize) -> bool {
    let k = skip_space(chars, j);
    k < chars.len() && !is_sentence_end(chars[k]) && !matches!(chars[k], '，' | ',' | '、')
}

fn skip_space(chars: &[char], mut i: usize) -> usize {
    while i < chars.len() && is_space(chars[i]) {
        i += 1;
    }
    i
}

fn trim(chars: &[char]) -> &[char] {
    let start = skip_space(chars, 0);
    let mut end = chars.len();
    while end > start && is_space(chars[end - 1]) {
        end -= 1;
    }
    &chars[start..end]
}

/// Whitespace, and the zero-width characters pasted text carries: never part of a phrase.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}')
}

/// A Chinese character of the common blocks (the unified ideographs and extension A).
pub(crate) fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::sample::{all_lines, article, line};
    use super::*;

    fn texts(items: &[OutlineItem]) -> Vec<&str> {
        items.iter().map(|i| i.text.as_str()).collect()
    }

    /// The items whose text starts with each prefix, in order; panics with the outline if one is missing.
    fn find_in_order<'a>(items: &'a [OutlineItem], prefixes: &[&str]) -> Vec<&'a OutlineItem> {
        let mut from = 0;
        let mut found = Vec::new();
        for p in prefixes {
            let pos = items[from..]
                .iter()
                .position(|i| i.text.starts_with(p))
                .unwrap_or_else(|| {
                    panic!(
                        "no item starting with {p} after #{from} in {:#?}",
                        texts(items)
                    )
                });
            found.push(&items[from + pos]);
            from += pos + 1;
        }
        found
    }

    #[test]
    fn union_article_yi_yao_run() {
        let paras: Vec<&str> = (27..=34).map(line).collect();
        let items = outline(&paras);
        let found = find_in_order(
            &items,
            &[
                "一要深入推进工会系统D的建设",
                "二要强化职工思想政治引领",
                "三要",
                "四要",
            ],
        );
        assert_eq!(found[0].text, "一要深入推进工会系统D的建设");
        assert_eq!(found[1].text, "二要强化职工思想政治引领");
        assert_eq!(
            found[2].text,
            "三要团结动员广大职工在新征程上发挥主力军作用"
        );
        assert_eq!(found[3].text, "四要围绕新部署新要求谋划工会工作");
        assert_eq!(
            found.iter().map(|i| i.paragraph).collect::<Vec<_>>(),
            vec![4, 5, 6, 7]
        );
        assert!(found.iter().all(|i| i.level == found[0].level));
        assert_eq!(found[0].level, 1, "first structure of the article");
        assert_eq!(items.len(), 4, "{:#?}", texts(&items));
    }

    #[test]
    fn yi_shi_inside_one_paragraph() {
        let items = outline(&[line(19)]);
        let found = find_in_order(&items, &["一是", "二是", "三是", "四是", "五是"]);
        assert_eq!(found[0].text, "一是放大艺术创作生产“xx现象”");
        assert_eq!(found[1].text, "二是彰显公共文化服务“xx特色”");
        assert!(found[4].text.starts_with("五是坚持用文化的理念发展旅游"));
        assert!(
            found
                .iter()
                .all(|i| i.level == found[0].level && i.paragraph == 0)
        );
        assert_eq!(items.len(), 5, "{:#?}", texts(&items));
    }

    #[test]
    fn shouxian_qici_disan() {
        let items = outline(&[line(48), line(49), line(50), line(51)]);
        let found = find_in_order(&items, &["首先", "其次", "第三"]);
        assert_eq!(found[0].text, "首先，要全力维护国家安全和社会稳定");
        assert_eq!(found[1].text, "其次，要着力服务经济高质量发展");
        assert_eq!(found[2].text, "第三，以法治方式助力社会治理现代化");
        assert!(
            found
                .iter()
                .all(|i| i.level == found[0].level && i.paragraph == 1)
        );
    }

    #[test]
    fn first_member_after_comma_joins_the_run() {
        // Line 40 ends with “…，一是把学习宣传贯彻…”, line 41 goes on with 二是…四是.
        let items = outline(&[line(39), line(40), line(41), line(42)]);
        let found = find_in_order(
            &items,
            &[
                "一是把学习宣传贯彻xx",
                "二是认真履行",
                "三是认真贯彻",
                "四是认真实施",
            ],
        );
        assert_eq!(found[0].paragraph, 1);
        // Line 42 starts a new run at 一是.
        find_in_order(
            &items,
            &[
                "四是认真实施",
                "一是强化科技创新智库建设",
                "二是提升学术引领水平",
                "三是增强科技工作者的凝聚力",
            ],
        );
    }

    #[test]
    fn numbers_and_lone_markers_are_not_outlines() {
        let numbers = "1.5亿元的资金已经全部到位，2.3%的增速高于全省平均水平。1.5亿元用于民生项目，占比提高2.3个百分点。";
        assert_eq!(outline(&[numbers]), vec![]);
        let masked = "1.x亿元资金到位。2.x亿元用于民生。";
        assert_eq!(outline(&[masked]), vec![]);
        let lone = "我们要把学习贯彻作为首要任务。一是要深化认识，这是做好工作的前提，我们必须高度重视，切实抓好落实。";
        assert_eq!(outline(&[lone]), vec![]);
        let lone_first =
            "首先，要提高政治站位，自觉把思想和行动统一到中央决策部署上来，确保各项工作落地见效。";
        assert_eq!(outline(&[lone_first]), vec![]);
        // 二是 after a comma is not a member: members other than the first start a sentence.
        let commas = "存在的问题主要有以下方面：一是思想认识不到位，二是工作措施不够有力，三是作风不够扎实。";
        assert_eq!(outline(&[commas]).len(), 0);
        // Words starting with a numeral are not enumerations.
        let words = "一体推进不敢腐、不能腐、不想腐。一以贯之抓好落实。一切为了人民。";
        assert_eq!(outline(&[words]), vec![]);
    }

    #[test]
    fn formatted_heading_levels() {
        let paras = [
            "一、总体要求",
            "（一）指导思想",
            "以新时代中国特色社会主义思想为指导，全面贯彻落实会议精神，坚持稳中求进工作总基调。",
            "1.基本原则",
            "（1）坚持D的全面领导。把D的领导贯穿工作全过程。",
            "(2)坚持以人民为中心",
            "2．工作目标",
            "(二)主要任务",
            "二、重点工作",
            "第一部分 总体情况",
        ];
        let items = outline(&paras);
        let got: Vec<(u8, &str)> = items.iter().map(|i| (i.level, i.text.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (1, "一、总体要求"),
                (2, "（一）指导思想"),
                (3, "1.基本原则"),
                (4, "（1）坚持D的全面领导"),
                (4, "(2)坚持以人民为中心"),
                (3, "2．工作目标"),
                (2, "(二)主要任务"),
                (1, "二、重点工作"),
                (1, "第一部分 总体情况"),
            ]
        );
    }

    #[test]
    fn enumerations_nest_under_headings_and_runs() {
        let paras = [
            "一、强化政治引领",
            "一是加强理论武装。坚持读原著学原文。二是加强党性教育。三是加强警示教育。",
            "二、推动高质量发展",
            "首先，要抓好项目建设。一要抓开工。二要抓进度。其次，要优化营商环境。",
        ];
        let items = outline(&paras);
        let got: Vec<(u8, &str)> = items.iter().map(|i| (i.level, i.text.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (1, "一、强化政治引领"),
                (2, "一是加强理论武装"),
                (2, "二是加强党性教育"),
                (2, "三是加强警示教育"),
                (1, "二、推动高质量发展"),
                (2, "首先，要抓好项目建设"),
                (3, "一要抓开工"),
                (3, "二要抓进度"),
                (2, "其次，要优化营商环境"),
            ]
        );
    }

    #[test]
    fn short_paragraphs_and_lead_sentences() {
        let paras = [
            "基本情况",
            "今年以来，全县上下认真贯彻落实各项决策部署，各项工作取得明显成效。",
            "存在问题",
        ];
        let items = outline(&paras);
        assert_eq!(texts(&items), vec!["基本情况", "存在问题"]);
        assert!(items.iter().all(|i| i.level == 1));
        // A line broken mid-sentence is not a heading.
        let broken = [line(19), "文旅发展布局从蓝图转化为实景"];
        assert!(outline(&broken).iter().all(|i| i.paragraph == 0));
        // Article 9 opens three paragraphs with 坚持…，…。
        let items = outline(&article(9));
        assert_eq!(
            texts(&items),
            vec![
                "坚持深学细研，提升“能干事”的本领",
                "坚持问题导向，锻造“抓落实”的魄力",
                "坚持质效并重，务求“促发展”的实效"
            ]
        );
        assert!(items.iter().all(|i| i.level == 1));
    }

    #[test]
    fn long_phrases_are_cut() {
        let p = "一要坚持‘两转’并进、争先创优，在转型升级上实现新提升，全力打造临汾‘大机焦基地’，在‘两个转型’上先行一步、当好主力先锋。二要坚持‘建管’并举、蓄势聚能，在项目建设上实现新提升。";
        let items = outline(&[p]);
        assert_eq!(
            texts(&items),
            vec![
                "一要坚持‘两转’并进、争先创优",
                "二要坚持‘建管’并举、蓄势聚能，在项目建设上实现新提升"
            ]
        );
        let no_comma = format!("一是{}。二是短句。", "很".repeat(80));
        let items = outline(&[no_comma.as_str()]);
        assert_eq!(items[0].text.chars().count(), MAX_TEXT_CHARS);
    }

    /// Tiny deterministic generator for the property test.
    fn lcg(seed: &mut u64) -> u64 {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        *seed >> 33
    }

    #[test]
    fn never_panics_and_is_deterministic() {
        let mut inputs: Vec<Vec<&str>> = (1..=10).map(article).collect();
        inputs.push(all_lines());
        inputs.extend(all_lines().into_iter().map(|l| vec![l]));
        let alphabet: Vec<char> = "一二三十是要抓第首先其次再最后、，。；：！？“”（）()1.5．0１x D 　的工作坚持篇章部分\n".chars().collect();
        let mut seed = 7;
        let generated: Vec<String> = (0..400)
            .map(|_| {
                let n = lcg(&mut seed) % 60;
                (0..n)
                    .map(|_| alphabet[(lcg(&mut seed) % alphabet.len() as u64) as usize])
                    .collect()
            })
            .collect();
        for chunk in generated.chunks(4) {
            inputs.push(chunk.iter().map(String::as_str).collect());
        }
        for paras in &inputs {
            let a = outline(paras);
            assert_eq!(a, outline(paras), "deterministic");
            for item in &a {
                assert!(
                    paras[item.paragraph].contains(&item.text),
                    "{item:?} is verbatim"
                );
                assert!(!item.text.is_empty() && item.text.chars().count() <= MAX_TEXT_CHARS);
                assert!((1..=MAX_LEVEL).contains(&item.level));
            }
        }
    }
}

/// The shared sample compilation (lines 1–96 of `samples/compilation-10.txt`, paid marker
/// removed, trailer left out), for the tests of this module and of `quotes`.
#[cfg(test)]
pub(crate) mod sample {
    pub(crate) const COMPILATION: &str = r#"
D组书记、局长在专题座谈会上的研讨发言材料汇编（10篇）

为全面建设社会主义现代化新xx贡献水利力量

水是万物之母、生存之本、文明之源，是经济社会发展的重要支撑和基础保障。D的二十大报告提出了新时代新征程我们D的使命任务，明确了未来x年乃至更长时期D和国家事业发展的战略部署、目标任务。其中，有很多内容都与水利密切相关。罗毅君认为，“坚持以推动高质量发展为主题，把实施扩大内需战略同深化供给侧结构性改革有机结合起来”“推进美丽中国建设，坚持山水林田湖草沙一体化保护和系统治理”“推行草原森林河流湖泊湿地休养生息”等内容，为进一步做好新时代水利工作指明了方向。
我们要提高政治站位，严格对表对标，找准主攻方向，自觉把二十大精神贯彻到水利工作全过程、各方面。要坚持绿色发展，树立和践行绿水青山就是金山银山的理念，深刻把握山水林田湖草沙是生命共同体的系统思想，大力推进水生态文明建设；完整、准确、全面贯彻新发展理念，走好水安全有力保障、水资源高效利用、水生态明显改善、水环境有效治理的节约集约发展之路，加快水利高质量发展；践行以人民为中心的发展思想，把解决群众“急难愁盼”的水利问题作为价值取向和根本所在，不断满足人民群众美好生活需要；统筹发展和安全，增强忧患意识，坚持底线思维，全力保障防洪安全、供水安全、粮食安全、生态安全、能源安全。
xx是水利大省，水资源丰沛，但仍存在水利发展不平衡不充分的短板弱项。D的十八大以来，xx深入贯彻落实“节水优先、空间均衡、系统治理、两手发力”治水思路，团结带领全省上下坚持不懈治水兴湘，大力实施水安全战略，推动全省水利高质量发展取得新成效。
成绩的取得，最根本的原因在于以同志为核心的D中央的坚强领导，在于新时代中国特色社会主义思想的科学指引。
面对新使命新任务，如何贯彻落实会议精神？
我们将深入学习贯彻新时代中国特色社会主义思想，迅速掀起全省水利系统学习宣传贯彻xx热潮，把二十大精神转化为推动水利高质量发展的强大动力和生动实践，为全面建设社会主义现代化新xx贡献水利力量。
xx省水利系统将构建现代化水利基础设施体系，集中力量建设一批打基础、管长远、促发展、惠民生的重大水利工程，加快构建xx水网；扛牢粮食安全政治责任，着力解决水旱灾害防御、农村供水保障、灌区现代化改造等群众“急难愁盼”的水利问题；以河湖长制为抓手，紧盯河湖管理、非法采砂整治、小水电整改、“水美湘村”建设等重点任务，复苏河湖生态环境；坚持“节水优先”方针，以水定城、以水定地、以水定人、以水定产，从严从细管好水资源；强化流域治理管理，深入推进重点领域改革，充分发挥水利科技创新支撑引领作用，推进智慧水利建设，增强水利事业发展动能。


推进文化和旅游领域现代化建设社会主义文化强国先行区

D的二十大报告强调，要推进文化自信自强，铸就社会主义文化新辉煌，并对此作出战略部署，为我们做好文化和旅游工作提供了根本遵循、指明了前进方向。我们将全面学习、全面把握、全面落实，坚定文化自信自强，自觉扛起使命任务，把推进文化和旅游领域现代化放在现代化建设“大蓝图”中来谋划，强化文化铸魂、文化赋能和旅游为民、旅游带动，奋发有为推动新时代新征程文旅更高水平融合、更高质量发展，更好助力社会主义文化强国先行区和世界重要旅游目的地建设，为中国式现代化在xx大地展现可观可感的现实模样贡献文旅力量。
现代化的核心是人的现代化。我们要更加自觉践行以人民为中心的发展思想，聚焦建设物质文明和精神文明相协调的现代化，坚持“二为”方向和“双百”方针，以社会主义核心价值观为引领，推出更多满足人民文化需求和增强人民精神力量的优秀艺术作品；聚焦建设人与自然和谐共生的现代化，推进乡村旅游、生态旅游、康养旅游、度假休闲旅游等绿色旅游业态发展，更好挑起绿水青山和金山银山的“金扁担”；聚焦建设全体人民共同富裕的现代化，增强文旅公共服务均衡性和可及性，丰富高品质、多样化文旅产品供给，促进人民精神生活共同富裕。
新时代新征程，高质量的文旅产品越来越成为人们高品质生活的必需品。下一步，我们要围绕D的二十大作出的新部署新要求，着力健全现代公共文化服务体系、现代文化产业体系、现代文化和旅游市场体系，更好发挥文化事业和文化产业赋能文化强省建设作用。一是放大艺术创作生产“xx现象”，坚持用精品力作吹响时代前进号角、展现时代风貌、引领时代风气，组织创作更多抒写历史之美、时代之美、文化之美的优秀舞台艺术和美术书法作品，助力构筑新时代xx文化艺术高峰。二是彰显公共文化服务“xx特色”，创新实施好“双千计划”“送戏下乡”等文化惠民工程，致力打造现代公共文化服务体系“升级版”，让人民群众有更多看得见、摸得着、感受得到的文化获得感。三是形成文物和文化遗产保护利用“xx模式”，坚持创造性转化、创新性发展，深入实施xx地域文明探源工程，坚持保护第一、加强管理、挖掘价值、有效利用，推动更多文物和文化遗产活起来，努力建设文物保护研究利用强省。四是打造文旅产业发展“xx亮点”，实施重大文化产业项目带动战略，强化科技数字赋能，加快发展新型文旅企业、业态和消费模式，不断释放旅游业“一业兴、百业旺”乘数效应，推动文旅产业做大做强、提升竞争力。五是坚持用文化的理念发展旅游、用旅游的载体传播文化，推动“两廊两带两区”
文旅发展布局从蓝图转化为实景，培育打造世界级旅游景区度假区等文旅融合高质量产品，努力建设世界重要旅游目的地。
近年来，我们用好艺术形式和旅游载体生动展现xx精彩，打造了xx等“现象级”文化名片，构建了“抱石风骨”“悲鸿风度”“散之风神”美术书法全国性活动品牌体系，组织创作了被誉为当代“清明上河图”的《中国大运河史诗图卷》，高水平建成运营扬州中国大运河博物馆，策划推出并逐步打响“水韵xx”文旅品牌。
在新征程上，我们要围绕增强中华文明传播力影响力，继续整合利用具有突出意义、重要影响、重大主题的文化文物资源，突出“人无我有、人有我优”，致力打造高显示度、高知名度、高美誉度的特色文化标识。重点是持续办好xx等创建中国特色世界一流博物馆，创新打造“水韵xx”全媒体宣传推介平台，建好用好“水韵xx”全球传播中心，推动xx精彩传得更远、传得更广，让xx成为展示中华文明、东方神韵的重要窗口。


为全面建设社会主义现代化幸福美好新xx贡献工会力量

D的二十大吹响了全面建设社会主义现代化国家、全面推进中华民族伟大复兴的奋进号角。全州工会组织如何更好地学习贯彻xx，全面做好工会工作。
D的二十大是在全D全国各族人民迈上全面建设社会主义现代化国家新征程、向第二个百年奋斗目标进军的关键时刻召开的一次十分重要的大会。D的二十大报告全面总结了过去五年的工作和新时代十年的伟大变革，进一步指明了D和国家事业的前进方向，是我们D团结带领全国各族人民在新时代新征程坚持和发展中国特色社会主义的政治宣言和行动纲领。
全州工会组织要迅速掀起学习宣传贯彻热潮，把学习宣传贯彻落实xx作为当前和今后一个时期的首要政治任务，深刻领悟“两个确立”的决定性意义，把“两个维护”落实到工会工作全过程各方面；要全面贯彻新时代中国特色社会主义思想，始终保持工会工作正确政治方向；牢牢把握团结奋斗的时代要求，广泛凝聚起全州职工奋进新征程的磅礴力量；深刻领会以中国式现代化推进中华民族伟大复兴的使命任务，充分发挥工人阶级建功新时代的主力军作用；用心用情践行以人民为中心的发展思想，不断提升工会维权服务工作成效；坚定不移贯彻总体国家安全观，坚决维护劳动领域政治安全和社会大局和谐稳定；持之以恒深化改革创新，推动产业工人队伍建设改革和工会改革向纵深发展；以自我革命精神推进工会系统D的建设，为开创全州工会工作新局面提供坚强保障。
工会作为D联系职工群众的桥梁纽带，要坚持D的领导，坚决贯彻D的基本理论、基本路线、基本方略，深刻领悟D的二十大关于工人阶级和工会工作的新论述、新部署、新要求，加强职工思想政治引领，大力弘扬劳模精神、劳动精神、工匠精神，持续深化工会改革和建设，团结引导广大职工坚定不移听D话、矢志不渝跟D走。
一要深入推进工会系统D的建设。按照D的二十大部署，全面落实新时代D的建设总要求，以自我革命精神推动全面从严治D向纵深发展，牢牢把握工会工作正确的政治方向。要全面加强D的思想建设，深入开展D的创新理论学习教育，坚持用新时代中国特色社会主义思想统一思想、统一意志、统一行动。要大力抓好工会干部队伍建设，加快推进干部成长，打造堪当重任的高素质专业化干部队伍。要坚持大抓基层鲜明导向，增强政治功能和组织功能，推动基层组织全面进步、全面过硬。要锲而不舍落实中央八项规定精神，坚持不敢腐、不能腐、不想腐一体推进，巩固发展工会系统风清气正的良好政治生态。
二要强化职工思想政治引领。团结引导广大工会干部和职工群众不断提高政治判断力、政治领悟力、政治执行力，牢牢把握团结奋斗的时代要求，开辟职工思想引领新格局，创新职工思想政治工作方式方法，针对各行业职工群众的不同特点，组织开展形式多样的学习教育活动，加深职工群众对xx的理解和领会，引导广大职工坚定理想信念，自觉在思想上政治上行动上同以同志为核心的D中央保持高度一致，不断增强对中国共产D领导和中国特色社会主义制度的政治认同、思想认同、情感认同，以实际行动推动D中央决策部署在工会落地生根、开花结果。
三要团结动员广大职工在新征程上发挥主力军作用。要把学习贯彻xx与关于工人阶级和工会工作重要论述、对甘肃的重要指示精神紧密结合起来，认真对标对表D的二十大提出的重要思想、重要观点、重大战略、重大举措，牢牢把握工人运动时代主题，把工会工作放到D政工作大局中去谋划、去推进、去落实，紧紧围绕州委、州政府中心工作，紧盯打造“五个区”、建设“六个xx”奋斗目标，充分发挥“十有xx”的独特优势，抓住用好“十大之年”的难得机遇，组织动员全州广大职工立足岗位建功立业，广泛深入持久开展“建功‘十四五’、奋进新征程”主题劳动和技能竞赛职工技术创新活动，把职工群众中蕴藏的创新创造活力充分激发出来，为建设社会主义现代化幸福美好新xx作出贡献。
四要围绕新部署新要求谋划工会工作。着重把握落实D的二十大报告中涉及工人阶级和工会工作的新部署新要求，持之以恒推动工会改革和建设，聚焦产业工人思想引领、建功立业、素质提升、地位提高、队伍壮大等重点任务，着力推动产业工人队伍建设改革向纵深发展。要坚持以职工为中心的工作导向，认真履行维护职工合法权益、竭诚服务职工群众的基本职责。加大源头参与，探索为职工维权新模式，打造梯度帮扶服务格局，持续为新业态劳动者权益保障赋能增效；要加大投入、多措并举提升职工生活品质，主动顺应职工群众对美好生活的向往，切实增强职工群众的获得感、幸福感和安全感。要深入贯彻总体国家安全观，切实维护劳动领域政治安全及社会大局和谐稳定。要把深入贯彻落实xx、勇于担当新使命，作为当前的紧迫任务，作为研究谋划今年乃至今后一个时期工会工作的鲜明主题，结合工作实际，找准切入点、着力点，提出贯彻落实的具体措施，转化为实际的工作成效。


聚焦服务定位凝聚科技力量为全面建设社会主义现代化幸福美好新xx贡献科协力量

在D的二十大报告中强调，必须坚持科技是第一生产力、人才是第一资源、创新是第一动力，深入实施科教兴国战略、人才强国战略、创新驱动发展战略，开辟发展新领域新赛道，不断塑造发展新动能新优势。
D的二十大报告指出：“必须坚持科技是第一生产力、人才是第一资源、创新是第一动力，深入实施科教兴国战略、人才强国战略、创新驱动发展战略，开辟发展新领域新赛道，不断塑造发展新动能新优势”，这充分体现了以同志为核心的D中央对科技创新工作的高度重视，为科技事业发展指明了方向，明确了目标任务，是实现高水平科技自立自强的根本遵循。作为科协主要负责人和一名科技工作者，一是把学习宣传贯彻xx作为当前和今后一个时期首要的政治任务抓紧抓实，在全州各级科协组织掀起学习贯彻热潮。
二是认真履行为科技工作者服务、为创新驱动发展服务、为提高全民科学素质服务、为D和政府科学决策服务的“四服务”工作职责，坚持尊重劳动、尊重知识、尊重人才、尊重创造，把各方面优秀人才集聚到D和人民事业中来。三是认真贯彻《中华人民共和国科学技术普及法》《关于新时代进一步加强科学技术普及工作的意见》《“十四五”国家科学技术普及发展规划》，积极推进《全民科学素质行动规划纲要（xxxx—xxxx年）》的实施，以科普高质量发展更好服务和融入新发展格局，努力推进新时代少数民族地区科普事业发展。四是认真实施好科技助力乡村振兴，扎实开展科技服务、科技咨询、科技培训，推广应用先进实用技术，让科技成果惠及广大人民群众。
“人才资源是第一资源，也是创新活动中最为活跃、最为积极的因素”。科协作为D和政府联系科技工作者的桥梁纽带，必须始终坚持人才是第一资源，积极打造新时代科技工作者之家，引导广大科技人才爱D报国、敬业奉献、服务人民。一是强化科技创新智库建设。发挥州、县（市）科技专家咨询服务团、各级学会和企业科协中专业人员的作用，更好地服务我州特色产业发展。二是提升学术引领水平。加强学会建设，组织动员州级学会和企业科协独立开展多种形式的学术交流活动，鼓励支持县（市）科协和各级学会举办高质量的学术论坛和大型科普报告会，积极搭建学术交流平台。三是增强科技工作者的凝聚力。畅通与科技工作者的沟通渠道，结对子、拉家常，有效维护科技工作者合法权益和诉求，使科技工作者的认可度大幅提高，凝聚力显著增强。
指出，“科技创新、科学普及是实现创新发展的两翼，要把科学普及放在与科技创新同等重要的位置。”D的二十大报告指出，要“培育创新文化，弘扬科学家精神，涵养优良学风，营造创新氛围”。这些都为做好新时代科普工作指明了方向、提供了遵循。科协作为科普工作的主要社会力量，必须要强化科普工作职能，为科技创新厚植科学素质沃土。一是坚持推进科普信息化升级覆盖。运用“互联网+科普”，打造更多更具实效性、观赏性、趣味性和感染力的科普内容和科普活动，满足不同人群多样化、个性化需求。二是持续强化科普惠民服务。充分统筹全州科普大篷车资源，采取流动科技馆巡展和新时代文明实践科技志愿服务相结合的方式，认真组织开展“全国科技工作者日”“全国科普日”“科技活动周”等品牌活动，不断吸引更多公众参与社会化大科普。三是积极推进xx州科技馆建设。争取政策资金支持，深化对xx州科技馆布展项目的整体规划、展厅布局、展品展项设计，持续推动xx州科技馆布展工程。四是着力推动青少年科学教育。扩大和提升科技创新大赛、机器人竞赛、高校科学营等青少年科技教育活动的覆盖面和影响力，为具有科学潜质的青少年创造科学条件。


以检察工作现代化服务社会主义现代化新xx建设

xxxx年是贯彻xx的开局之年，是实施‘十四五’规划承上启下的关键一年。全省检察机关将坚持以学习宣传贯彻xx为统领，深入贯彻法治思想，坚持D对检察工作的绝对领导，坚持以人民为中心，依法能动履行检察职能，以检察工作现代化服务社会主义现代化新xx建设。
高质量发展是全面建设社会主义现代化国家的首要任务，法治是发展的重要保障。全省检察机关要增强履职担当，运用法治思维和法治方式服务现代化新xx建设。首先，要全力维护国家安全和社会稳定。依法严惩涉众型经济犯罪，有效防范化解重大经济金融风险；依法惩治严重暴力犯罪、多发性侵财犯罪、涉毒犯罪，常态化开展扫黑除恶斗争，切实维护社会大局稳定；依法惩治危害食品药品安全犯罪，积极参与法治乡村建设，加大司法救助力度，守护民生福祉。其次，要着力服务经济高质量发展。积极融入打造“三个高地”、“强省会”战略等重大部署，深入开展涉企执法司法提质增效、打击治理侵害企业合法权益行为、优化经济领域政法服务等专项行动，深化涉案企业合规改革，优化法治化营商环境；加大知识产权司法保护力度，服务创新驱动发展。第三，以法治方式助力社会治理现代化。坚持治罪与治理并重，深入贯彻落实少捕慎诉慎押刑事司法政策，深化落实认罪认罚从宽制度，“实质性化解”矛盾纠纷，持续跟进落实最高检第一至第八号检察建议，将检察建议转化为社会治理效能。
要发扬斗争精神，全面推进法律监督工作现代化。检察机关是国家的法律监督机关和保障国家法律统一正确实施的司法机关，要认真落实《中共中央关于加强新时代检察机关法律监督工作的意见》和省委实施意见，努力让人民群众在每一个司法案件中感受到公平正义。加强刑事检察工作，以非法取证监督为重点强化刑事立案、侦查活动监督，以抗诉监督为重点提升刑事审判监督水平，重点监督纠正“纸面服刑”、超期羁押等问题，持续推进职务犯罪检察工作专业化、规范化建设。加强民事检察工作，建立健全诉讼监督与司法工作人员惩戒衔接机制、虚假诉讼防范和惩治工作机制等制度，推进审判执行深层次违法监督。加强行政检察工作，统筹推进护航民生民利等专项活动，深化对市场监督、道路交通等领域行政非诉执行的监督，积极稳妥开展行政违法行为监督。要加强公益诉讼检察工作，突出办理生态环境和资源保护、食品药品安全、个人信息保护等重点领域公益诉讼案件，深入开展长江经济带突出环境问题整治、长株潭城市群绿心保护、矿山综合治理等专项监督行动。加强侦办司法人员职务犯罪工作，突出查办司法人员利用职权实施的徇私枉法、刑讯逼供、徇私舞弊减刑假释暂予监外执行、虚假诉讼等所涉职务犯罪案件。完善未成年人检察业务集中统一办理机制，推动性侵未成年人犯罪治理，落实涉罪未成年人附条件不起诉、犯罪记录封存等特别程序和制度，努力把未成年人检察这项“朝阳事业”做得更好。
要坚持守正创新，全面加强检察工作自身现代化建设。要旗帜鲜明加强D的政治建设，坚定拥护“两个确立”，坚决做到“两个维护”。要持续深化全面从严管D治检，严格落实中央八项规定精神，坚决纠“四风”、治陋习、树新风，深入整治懒政惰政、推诿扯皮、敷衍塞责、麻痹松懈、只表态不落实、不担当不用力等机关顽疾。要以改革创新精神深化新一轮检察改革，有力有序推进各项改革任务落地见效。要大力推进数字检察战略实施，加快构建“业务主导、数据整合、技术支撑、重在应用”的数字检察工作新模式。要加强法律监督能力建设，切实抓好领导班子建设、检察人才队伍建设，深入推进教育培训、业务指导和岗位练兵。要持续优化检务管理，探索案件线索统一管理、监督办案统一推进、人员力量依法统一调用的办案模式，优化检察业务考评机制，强化案件实质性监督。


奋力推进政法工作现代化为谱写全面建设社会主义现代化国家xx篇章提供坚强法治保障

政法工作现代化作为中国式现代化的重要组成部分，是中国式现代化在政法领域的具体实践，在推进过程中必须准确把握全面建设社会主义现代化国家的总体布局，深刻领会中国式现代化的中国特色、本质要求和重大原则，科学分析政法事业发展面临的机遇、挑战、任务、要求，把政法工作现代化深度融入中国式现代化的实践中，肩负起维护国家政治安全、确保社会大局稳定、促进社会公平正义、保障人民安居乐业的职责使命，为谱写全面建设社会主义现代化国家xx篇章提供坚强法治保障。
推进政法工作现代化，坚持D的绝对领导是根本保证，必须扎实开展学习贯彻新时代中国特色社会主义思想主题教育，深学细悟法治思想、总体国家安全观和关于政法工作的重要论述，严格执行《关于坚决维护D中央集中统一领导的规定》等重要制度，全面落实《中国共产D政法工作条例》，忠诚拥护“两个确立”、坚决做到“两个维护”，把D的领导落实到政法工作各领域各环节；推进政法工作现代化，坚持以人民为中心的发展思想是根本立场，必须健全群众诉求表达、利益协调、权益保障制度，积极打造市域社会治理现代化样板，持续深化新时代“枫桥经验”xx实践，严厉打击突出违法犯罪，持续推进扫黑除恶斗争常态化，不断加强民生领域司法保障和共同富裕法治保障，切实解决群众“急难愁盼”问题，让人民群众对政法工作现代化有更多的获得感和幸福感；推进政法工作现代化，坚持服务高质量发展是第一要务，必须始终立足xx“三个最大”省情定位和现代化新xx建设的重要目标，主动服务于我省打造生态文明高地、建设产业“四地”等重大战略部署，完善产权保护、市场准入、公平竞争、社会信用等市场经济基础制度，坚持“两个毫不动摇”，大力营造市场化、法治化、国际化一流营商环境；推进政法工作现代化，坚持维护安全稳定是首要责任，必须深入践行总体国家安全观，牢牢把握xx稳疆固藏的战略地位，充分做好经受风高浪急甚至是惊涛骇浪重大风险挑战的应对准备，妥善处置化解外部多重挑战和内部各种风险，坚定不移维护国家政权安全、制度安全和意识形态安全；推进政法工作现代化，坚持全面依法治国是重要标志，必须坚定不移推进法治建设，坚持依法治国、依法执政、依法行政共同推进，法治国家、法治政府、法治社会一体建设，贯通立法、执法、司法、普法各环节，更加注重运用法治思维和法治方式，不断提高依法执政、依法行政、严格执法、公正司法、全民守法的能力和水平；推进政法工作现代化，坚持维护社会公平正义是价值追求，必须牢固树立新时代社会主义法治理念，切实加强人权法治保障，全面贯彻宽严相济刑事政策，统筹落实少捕慎诉慎押刑事司法政策和认罪认罚从宽制度，加快推进执法司法责任体系改革，深化执行体制改革，完善刑罚执行体制，优化司法职权配置，更加有效地促进司法公正；推进政法工作现代化，坚持全面深化改革是根本动力，必须紧跟中国式现代化的发展步伐，全面深化政法改革，健全完善政法机构职能体系、执法司法权运行模式、执法司法制约监督体系、诉讼制度体系、政法公共服务体系，深化以审判为中心的刑事诉讼制度改革，加强检察机关法律监督工作，大力提升政法工作信息化水平，加快推进跨部门大数据办案平台建设，打通政法工作现代化的高速通道；推进政法工作现代化，坚持建设高素质政法队伍是基础保障，必须立足政法工作现代化的实践要求，坚持把纪律作风摆在突出位置，完善教育管理、预警预防、监督惩处等制度措施，巩固深化政法队伍教育整顿成果，更加注重政治统领、法治思维、系统观念、改革创新，多措并举提升政法干警思想政治教育实效，扎实推进干警思想观念和工作能力现代化，持续锻造对D忠诚、人民满意的高素质政法队伍。


聚焦聚力“三张好牌”城市青年“双向奔赴”建设更富活力更有张力更具魅力的社会主义现代化新xx

青年兴则国家兴，青年强则国家强。D的二十大报告用整段篇幅，浓墨重彩就青年发展给予厚望、对青年工作提出要求，强调“全D要把青年工作作为战略性工作来抓，用D的科学理论武装青年，用D的初心使命感召青年，做青年朋友的知心人、青年工作的热心人、青年群众的引路人。”xx区始终坚持D管青年原则，高度重视D的青年工作，将青年优先发展理念融入城市发展战略，今年以来，全力实施“十项行动·xx行动”，持续打好用好“三张好牌”，做实做强绿色生态标志区、创新发展聚集区、会展经济功能区、城乡融合典范区，加快建设xx“绿谷”“智谷”“商谷”“悦谷”，全力打造科创会展城和xx重要增长极，不断丰富要素供给、健全政策机制、激发城市活力，努力实现“xx对青年更友好、青年在xx更有为”。
打好用好“三张好牌”，构筑青年友好的城市环境。指出，“只有当青春同D和人民事业高度契合时，青春的光谱才会更广阔，青春的能量才能充分迸发”。青年因城市而聚，城市因青年而兴。xx区有以绿色生态屏障、海河教育园区、国家会展中心为代表的“生态、科教、会展”三张好牌独特优势。“生态牌”为青年发展提供良好环境。实施青春悦享计划，举全区之力建设绿色生态屏障，xx区xxx万平方公里土地被划入绿色生态屏障，占全区行政区域面积的xx%，生态环境逐年向好，成功创建国家生态文明建设示范区，成为京x冀地区的一叶“城市绿肺”，为青年创新创业创造构建优美生态环境。“科教牌”为青年发展注入强大动能。实施青春奋斗计划，汇聚了xx大学、xx大学两所“双一流”高校在内的xx所院校、x个国家级重点实验室、xx余位两院院士和xx万师生在xx科研学习生活，成功引育了xx等一批重点骨干企业，吸引了xx等青年才俊来xx发展，xx成为近悦远来、心向往之的宜居福地、创业宝地、人才高地。“会展牌”为青年发展带来潜在机遇。国家会展中心（xx）坐落xx，总建筑面积xxx万平方米，今年已排定展会xx余场，总展览面积xxx万平方米。实施青春创新计划，以区域化团建为平台，推动驻区院校与参展商深度融合，打造创新创业平台，充分发挥国展中心“桥头堡”作用，为青年发展汇集人流、物流、资金流、信息流，用“永不落幕的会展”持续为青年发展提供机遇。政策支撑为青年发展插上腾飞翅膀。制定人才引育政策措施，给予企业领军青年人才、高端青年人才、骨干青年人才、高层次专业青年人才、金融行业青年人才、创新平台青年人才、海内外创新创业青年人才资金鼓励支持。建设青年人才公寓，给予购房租房补贴，打造青年服务“便捷圈”。出台以青年为主要对象的普惠性、标志性政策xx余项，覆盖教育、住房、就业等xx个领域，为广大青年在xx创新创业创造营造良好环境!
青春建功“四区四谷”，搭建青年有为的发展平台。强调：“青年是社会中最有生气、最有闯劲、最少保守思想的群体，蕴含着改造客观世界、推动社会进步的无穷力量。”xx区委倾注极大热忱关心爱护青年，青年也在xx建功立业，实现个人价值。青春建功乡村振兴。农村青年创业致富“领头雁”构筑了小站稻等x条农业产业子链及xx等特色农业。由青年带领的xx村获评全国乡村旅游重点村。春节期间，青年团队打造的迎新村新民俗嘉年华xx天接待旅客xx.xx万人次，实现总收入xxxx万元。“青耘中国直播助农”助推产业生态化和生态产业化加速推进。青春建功科技创新。在青年人才的奋力拼搏下，xx区有集成电路等x条工业产业子链，国家专精特新“小巨人”企业达到xx家，xxxx年技术合同成交额增速全市第一。青春建功社会治理。“青年马克思主义者培养工程”的xxx名优秀学员在政策宣讲、基层治理、信访维稳、乡村振兴等领域闪耀青春。xxxx余名在校学生参与“扬帆计划”和“返家乡”社会实践活动，在政务类、企业类实习岗位上挥洒汗水。着力打造“青聚xx”品牌，广大青年志愿者在公益课堂、社区治理、会展服务等一线当先锋、做表率，让青春在火热实践中绽放绚丽之花!
融入时代发展洪流，城市与青年一起追梦筑梦圆梦。强调：“各级D委和政府要充分信任青年、热情关心青年、严格要求青年，为青年驰骋思想打开更浩瀚的天空，为青年实践创新搭建更广阔的舞台，为青年塑造人生提供更丰富的机会，为青年建功立业创造更有利的条件。”x彩南望，筑梦启航。xx，动能澎湃，未来可期。我们持续探索将绿色生态屏障“生态资源”转化为“发展资产”的多元途径，加快将“绿水青山”转化为“金山银山”，精心建设更适合青年宜居的xx“绿谷”。坚持“筑巢引凤”，形成布局合理、特色鲜明的创新载体方阵，吸引更多青年来xx创新创业创造，让更多科技成果在xx就地产业化，加快建设更吸引青年的xx“智谷”。我们加快建成国家会展中心二期展馆、国家会议中心和城市生态会客厅，打响“北方会展之都”品牌，发展海河中游高端服务业发展带，促进会展产业、特色街区、直播经济等青年集聚新业态发展壮大，加快建设青年更喜爱的xx“商谷”。在优化城市形态、做强城市产业、激发城市活力、提高城市品质上做文章，打造产城融合发展新模式，优化城乡教育医疗布局，将xx建设成为名副其实的青年发展向往地、青年创业首选地、青年旅游目的地!
青春孕育无限希望，青年创造美好明天。xx区将坚定不移沿着D的二十大擘画的宏伟蓝图勇毅前行，全面加快建设青年发展型城市，引导广大青年与xx共成长，在xx全面建设社会主义现代化大都市新征程上激荡青春力量!


奋力谱写全面建设社会主义现代化国家xx篇章

xxxx年是全面贯彻落实xx的开局之年，是实施‘十四五’规划承上启下的关键之年，是疫情防控政策优化调整后的奋进之年，做好今年各项工作具有特殊的重要意义。市两会为推进xx县各项工作指明了方向、提供了遵循。
回望过去的一年，xx县各项工作量质齐升、稳中有进，取得了可喜的成绩。全县DP总量历史性迈过xxx亿元大关；规上工业增加值完成xxx.x亿元，同比增长xx%；固定资产投资完成xx亿元，同比增长xx.x%；社会消费品零售总额完成xx.xx亿元，同比增长x%；城镇居民人均可支配收入完成xxxxx元，同比增长x.x%；农村居民人均可支配收入完成xxxxx元，同比增长x.x%。一般公共预算收入全年累计完成x.xx亿元，同比增长xx.xx%，增速排名全市第x，全县主要经济指标位列全市第一方阵。
市政府工作报告中多次提到xx，对继续加快焦化先进产能项目建设，持续提升焦化产业规模等工作提出了明确要求，应该说，在全市发展的总体布局中，市委、市政府将xx摆在了一个很重要的位置，极大振奋和鼓舞了我们的发展信心和决心。我们将以此为动力，主动扛起市委赋予xx县的责任使命，锚定‘打造全省领先的绿色焦化产业集群’为目标，对当前工作思路和措施进行再细化、再充实、再完善，一步一个脚印把宏伟目标变为美好现实。
通过深入学习市两会精神，他对高质量发展的内涵要求、实现路径有了更加清晰的认识和把握。他表示，在全市推动高质量发展全面提质提速征程中，xx县将从以下几个方面深入贯彻落实市两会精神，确保市两会精神在xx落到实处、见到实效，推动高质量发展全面提质提速。
就开发区建设，xx将紧盯规上工业增加值增速xx%的硬指标，再接再厉、再创佳绩，持续站稳全省第一方阵，努力把开发区打造成为全县高质量发展的主阵地、全市进位崛起的增长极、全省转型发展的新高地。一要坚持‘两转’并进、争先创优，在转型升级上实现新提升，全力打造临汾‘大机焦基地’，在‘两个转型’上先行一步、当好主力先锋。二要坚持‘建管’并举、蓄势聚能，在项目建设上实现新提升。三要坚持‘内外’并行、锻长补短，在招商引资上实现新提升。四要坚持‘软硬’并重、提标升档，在创优环境上实现新提升。在‘软环境’上，提高服务企业水平，在‘硬环境’上，对标现代工业园区。
xx不仅有雄壮秀美的自然风光和漫山遍野的连翘资源，还有薪火相传的红色基因，更有质朴好客的民风民俗，xx将深入践行“两山”理论，用好优势、做足特色，持续推动农林文旅康养融合发展，真正把资源优势转化为转型动力、发展动能。加快文旅康养融合发展，完善基础设施，推动产品升级，坚持开发与保护并重，积极推动xx景区、xx省康养示范区和省级旅游度假区申报创建工作，全力打造全省一流旅游目的地。大力发展全域旅游。推进旅游发展与乡村振兴深度融合，大力培育农俗体验、山水度假等业态，进一步提升全县特优农产品质量，让游客在xx能够望得见山、看得见水、记得住乡愁。做大做强连翘特色产业。依托全县丰富连翘资源优势，以实现连翘全产业链开发为总体目标，全面推动连翘产业高质量发展。发挥好xx药业集团“链主”作用，着力实现以连翘为主的中药材全产业链开发，全力打造全省重要的生物医药产业高地。
xx坚持以重点项目建设为龙头，支撑保障经济发展。今年xx谋划了拟建重点项目xx个，大力开展前期手续办理月、集中开复工等系列活动，推动更多项目早开工、早投产、早达效。科学谋划储备项目，谋划储备一批链条型、牵引型、龙头型高端项目，同步加快做深前期，有序推动项目转化，切实增强全县高质量发展的后劲动能。
在谈到全面推进城乡融合方面，我们坚持城市更新和乡村振兴双轮驱动，统筹推进城乡融合，全面提升县域协调发展能级。坚持规划引领，改善群众居住条件，提升饮水安全水平，重塑县域发展动能，扩量提质基础设施，持续强化县城管理。全面推进乡村振兴，牢牢把握粮食安全，巩固脱贫攻坚成果，壮大村级集体经济，持续推进乡村建设。
功崇惟志，业广惟勤；创业维艰，奋斗以成。在市两会精神的指引下，锚定目标的xx正以奋斗姿态在推动高质量发展全面提质提速的道路上砥砺前行。

发挥优势强县域加快建设社会主义现代化幸福美好新xx

‘三抓三促’行动开展以来，xx县紧扣全省‘一核三带’区域发展格局和全市‘三基地两区’建设大局，立足工业主导型、农业优先型发展定位，锚定建设全省县域经济强县这一目标，深入实施乡村振兴、工业崛起、交通突破、城市更新、产旅融合、民生提升‘六大行动’，聚力打造‘六条重点产业链’，建好建强‘三大园区’，加快建设社会主义现代化幸福美好新xx。
坚持深学细研，提升“能干事”的本领。聚焦学习氛围、知识储备、学用结合等方面的差距，xx县创新推行班子成员领学、领导班子督学、D支部研学、D小组促学、D员干部自学、网络线上送学“六学模式”，深入开展铸魂赋能、岗位练兵、擂台比武“三项活动”，着力提升谋发展、抓发展、促发展的能力和水平。县委常委会以上率下开展集体学习、交流研讨，举办D政领导干部学习班，邀请专家学者开展专题辅导。乡镇部门全面推行“机关干部上讲台”制度，开展学习研讨、“岗位大练兵·业务大比武”，举办观摩评比、“擂台赛”，推动形成了比学赶超、争创一流的浓厚氛围。
坚持问题导向，锻造“抓落实”的魄力。聚焦担当作为、攻坚克难、工作作风等方面的差距，xx县建立承诺践诺、清单管理、季月调度、比拼晾晒、督查考评、黄牌警告、末位表态、激励惩戒“八项机制”，抓实“六比六看六推动”措施，督促引导各级D员干部铆足劲真抓实干、拉满弓奋勇争先。坚持破题意识和解题思维，以开展“定题破题”活动为抓手，围绕加强班子建设、创建模范机关、优化营商环境、提升能力素质、履行岗位职责等方面，精准定题、靶向破题，全县各级各层面共定题破题xxx个，有效解决了一批不作为不善为、不落实落不实的突出问题。坚持把正向激励和反向惩戒结合起来，在县电视台制播“一把手”谈作风节目xx期，公开曝光乡镇x个、部门xx个，工作约谈xxx人次，在全县上下树立了激励先进、鞭策后进的鲜明导向。
坚持质效并重，务求“促发展”的实效。聚焦经济社会高质量发展方面存在的短板弱项，xx县围绕项目建设、招商引资、产业链式开发、城乡环境整治、民生改善提升等重点领域，全面推行“两个带头”“三个包抓”“五个一线”工作法，大力倡导雷厉风行、事不过夜的工作作风，以钉钉子精神抓落实促发展。深入开展“项目建设攻坚突破年”活动，年内计划实施的xxx项xxx万元以上重点项目，开工复工xxx项，完成投资xx.x亿元，形成固定资产投资xx.x亿元，同比增长xx%。严格落实“六个一”工作机制，全力推动“六条重点产业链”强龙头、补链条、聚集群，年内实施的xx项产业链项目完成投资xx.x亿元，实现产值xx.x亿元。深入开展“引大引强引头部”行动，赴外开展招商引资xx批次，签约xx项、总投资xxx亿元，到位资金xx.x亿元。扎实开展“优化营商环境攻坚突破年”活动，全面落实“包抓联”“白名单”“六必访”等制度机制，全力推动助企惠企、纾难解困政策落地落实，新增市场经营主体xxxx多户。深入实施民生提质行动，年内计划实施的xxxx户生态及地质灾害避险搬迁任务全部开工建设，已竣工xxx户。
将始终保持思想破冰的魄力、赶超一流的追求、加速进位的姿态、争当闯将的激情，持之以恒比能力、比作风、比效能，全力推动“三抓三促”行动走深走实。坚持大抓项目、抓大项目，持续夯实发展基础；坚持抓主抓重、做大做强，持续培育优势产业；坚持着眼当前、适度超前，持续推进城镇建设；坚持守牢底线、重点突破，持续推进乡村振兴；坚持大处着眼、小处着手，持续增进人民福祉；坚持D建引领、务实苦干，持续提升工作质效，踔厉奋发，实干笃行，奋力谱写建设社会主义现代化幸福美好新xx崭新篇章。


聚焦“三新”建设勇闯发展新路加快建设社会主义现代化xx

xx区将深入贯彻落实市委全会精神，立足中心城区功能定位，锚定‘乘势而上、扩大优势，凝心聚力勇闯高质量发展新路’目标要求，以高质量D建为引领，以‘三新’建设为主要抓手，拼搏竞进、勇争一流，加快构建以实体经济为支撑的现代化产业体系，为全面建设社会主义现代化焦作贡献更多xx力量。
坚持创新驱动，大力推进以都市工业为发展方向的新型工业化。坚定不移发展工业经济，以电子信息、医药健康、高端装备三大产业为主攻方向，以创新驱动、融合聚变为动力，加快构建结构升级、布局优化、动能强劲、绿色转型的都市工业体系。注重引育并举，实施工业经济提质增量三年行动、优质中小企业梯次培育行动、产业链式集群发展行动，以更大力度服务好工业企业；强化创新引领，把创新落到产业上、把主体落到企业上，搭建创新平台、完善创新链条、壮大创新主体，推动创新平台能级提升、创新成果加快转化、创新环境优化升级，着力培育创新驱动新动能；优化产业空间，突出产业特色，盘活闲置资源，坚持城区园区协同发展，着力破解产业空间制约，以“工业上楼”新形态重塑都市工业新优势。
坚持以人为本，扎实推进以城市更新为主要内容的新型城镇化。全面落实以人为核心的新型城镇化战略，以统筹城市规划、建设、管理为路径，推动城市空间结构优化和品质提升。有序推进城市更新，坚持“南建北改”总体思路，精心谋划南部土地空间充分利用和北部老城区有机更新，持续拓展城市发展空间；补齐基础设施短板，建设完善道路体系，提升老旧小区改造水平，让群众生活更加安心舒心；推进韧性城市建设，实施城市生命线补短板工程，抓好南水北调后续工程高质量发展；持续做细城市管理，推动城市清洁常态化、政务服务智慧化、物业管理精细化，全力解决好居民“身边小事”，切实增强居民获得感和幸福感；加快促进人口集聚，健全基本公共服务，完善社会保障体系，提升城市综合承载能力，打造美丽宜居、幸福舒适的城市名片。
坚持融合发展，统筹推进以扩大内需为目标导向的新兴服务业。以扩大内需为目标导向，积极构建多业融合、优质高效的新兴服务业发展体系。聚焦文旅文创，让文物历史“活”起来、工业遗存“动”起来、文旅消费“热”起来、休闲体育“火”起来，以新文旅出圈出彩带动经济社会高质量发展；提升商贸服务，激活传统消费、培育新兴消费、繁荣夜间消费、优化社区消费，着力满足个性化、多样化、高品质消费需求；促进金融集聚，大力开展“引金入区”工程，打造功能齐备、创新活跃、服务高效的现代金融服务体系；做精总部楼宇，坚持因楼施策、以楼聚产，培育“竖起来的产业园”，建设总部楼宇经济发展高地；繁荣数字平台，深入实施数字化转型战略，促进数字经济和实体经济深度融合，重塑区域竞争新优势。
xx区将始终坚持以D建“第一责任”引领和保障发展“第一要务”，认真贯彻以人民为中心的发展思想，用心用情用力做好各项要素保障，拼搏竞进、勇争一流，团结奋斗、实干出彩，努力闯出一条具有xx特色的高质量发展新路，奋力谱写中国式现代化建设xx篇章。"#;

    /// First paragraph line, last paragraph line (1-based line numbers of the sample file) of
    /// the ten articles.
    pub(crate) const ARTICLES: [(usize, usize); 10] = [
        (6, 12),
        (17, 22),
        (27, 34),
        (39, 43),
        (48, 51),
        (56, 57),
        (62, 66),
        (71, 79),
        (83, 87),
        (92, 96),
    ];

    /// Line `n` (1-based) of the sample file.
    pub(crate) fn line(n: usize) -> &'static str {
        COMPILATION
            .lines()
            .nth(n - 1)
            .expect("line within the sample")
    }

    /// The non-empty paragraphs of article `k` (1-based).
    pub(crate) fn article(k: usize) -> Vec<&'static str> {
        let (first, last) = ARTICLES[k - 1];
        (first..=last)
            .map(line)
            .filter(|l| !l.trim().is_empty())
            .collect()
    }

    /// Every non-empty line of the sample.
    pub(crate) fn all_lines() -> Vec<&'static str> {
        COMPILATION
            .lines()
            .filter(|l| !l.trim().is_empty())
            .collect()
    }
}
