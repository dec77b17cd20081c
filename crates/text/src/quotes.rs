//! Notable sentences (金句) of an article: the lines a writer would lift into a draft.
//!
//! Three kinds are found, each scored, and the best are returned:
//!
//! - [`QuoteKind::Parallel`] (排比/对仗): three or more clauses of similar length that share a
//!   leading, trailing or positional pattern (`以水定城、以水定地、以水定人、以水定产`), a chain of
//!   `；`-separated parts that open alike (`坚持大抓项目、抓大项目，持续夯实发展基础；坚持…；坚持…`),
//!   or a two-clause antithesis made of the same characters (`青年兴则国家兴，青年强则国家强。`);
//! - [`QuoteKind::Quoted`]: text in `“…”` of 8–60 characters that reads as a full statement, not
//!   a name such as `“xx现象”` or `“两个确立”`;
//! - [`QuoteKind::Slogan`]: runs of four-character phrases (`功崇惟志，业广惟勤；创业维艰，奋斗以成。`,
//!   `踔厉奋发，实干笃行`, `拼搏竞进、勇争一流`).
//!
//! Every quote is a verbatim piece of its paragraph, 8–120 characters, without surrounding
//! spaces and without a dangling `，`/`、`/`；`; a whole sentence keeps its final `。！？`.
//! When the scores tie, the earlier quote wins, and a quote with masked names or numbers (`xx`)
//! loses a few points so that an unmasked one is preferred. A quote that contains, or is
//! contained in, a better one is left out.
//!
//! Like the rest of the crate, everything works on `char`s: no quote can split a character.

use crate::lines::{is_closing, is_opening, is_sentence_end};
use crate::outline::{is_han, is_space};
use serde::{Deserialize, Serialize};

/// What makes a sentence notable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    /// 排比 or 对仗: clauses built alike.
    Parallel,
    /// A statement quoted in `“…”`.
    Quoted,
    /// A run of four-character phrases.
    Slogan,
}

/// One notable sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// Verbatim text from the paragraph, [`MIN_CHARS`]–[`MAX_CHARS`] characters.
    pub text: String,
    pub kind: QuoteKind,
    /// Index of the paragraph in the slice given to [`quotes`].
    pub paragraph: usize,
}

/// Shortest quote, in characters.
pub const MIN_CHARS: usize = 8;
/// Longest quote, in characters.
pub const MAX_CHARS: usize = 120;
/// A parallel sentence up to this long is quoted whole; a longer one only by its parallel run.
const WHOLE_SENTENCE_CHARS: usize = 60;
/// Quoted statements: length of the text between the quotation marks.
const QUOTED_CHARS: std::ops::RangeInclusive<usize> = 8..=60;
/// Points taken from a quote with masked names or numbers.
const MASK_PENALTY: i64 = 5;

/// Notable sentences, best first, at most `max`.
pub fn quotes(paragraphs: &[&str], max: usize) -> Vec<Quote> {
    if max == 0 {
        return Vec::new();
    }
    let mut cands = Vec::new();
    for (pi, p) in paragraphs.iter().enumerate() {
        let chars: Vec<char> = p.chars().collect();
        let mut out = Out {
            para: pi,
            chars: &chars,
            cands: &mut cands,
        };
        let sentences = split_sentences(&chars);
        for s in &sentences {
            let cl = clauses(&chars, *s, CLAUSE_DELIMS);
            parallel_clauses(&mut out, s, &cl);
            antithesis(&mut out, s, &cl);
        }
        parallel_chains(&mut out, &sentences);
        slogans(&mut out);
        quoted(&mut out);
    }
    select(cands, max)
}

struct Cand {
    score: i64,
    para: usize,
    off: usize,
    text: String,
    kind: QuoteKind,
}

/// Collects the candidates of one paragraph.
struct Out<'a> {
    para: usize,
    chars: &'a [char],
    cands: &'a mut Vec<Cand>,
}

impl Out<'_> {
    /// Adds `chars[start..end]` (trimmed, without dangling separators) if its length fits.
    fn push(&mut self, start: usize, end: usize, kind: QuoteKind, mut score: i64) {
        let mut s = start;
        let mut e = end.min(self.chars.len());
        while s < e && is_space(self.chars[s]) {
            s += 1;
        }
        while e > s && (is_space(self.chars[e - 1]) || "，,、；;：:".contains(self.chars[e - 1]))
        {
            e -= 1;
        }
        let n = e.saturating_sub(s);
        if !(MIN_CHARS..=MAX_CHARS).contains(&n) {
            return;
        }
        let text: String = self.chars[s..e].iter().collect();
        if text.contains(['x', 'X']) {
            score -= MASK_PENALTY;
        }
        self.cands.push(Cand {
            score,
            para: self.para,
            off: s,
            text,
            kind,
        });
    }
}

/// Best first (ties: earlier first), without duplicates or quotes inside better ones.
fn select(mut cands: Vec<Cand>, max: usize) -> Vec<Quote> {
    cands.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(a.para.cmp(&b.para))
            .then(a.off.cmp(&b.off))
    });
    let mut chosen: Vec<Quote> = Vec::new();
    for c in cands {
        if chosen.len() == max {
            break;
        }
        let overlaps = chosen
            .iter()
            .any(|q| q.text.contains(&c.text) || c.text.contains(&q.text));
        if !overlaps {
            chosen.push(Quote {
                text: c.text,
                kind: c.kind,
                paragraph: c.para,
            });
        }
    }
    chosen
}

/// A sentence: `chars[start..end]`, `end` past its final punctuation and closing quotes.
#[derive(Clone, Copy, Debug)]
struct Span {
    start: usize,
    end: usize,
    /// The sentence-final mark, if the sentence has one.
    term: Option<char>,
}

/// Sentences of a paragraph, split on `。！？；` outside `“…”`.
fn split_sentences(chars: &[char]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut push = |start: usize, end: usize, term: Option<char>| {
        let mut s = start;
        while s < end && is_space(chars[s]) {
            s += 1;
        }
        if chars[s..end].iter().any(|c| !is_space(*c)) {
            out.push(Span {
                start: s,
                end,
                term,
            });
        }
    };
    let mut start = 0;
    let mut depth = 0usize;
    let mut opened_at = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '“' {
            if depth == 0 {
                opened_at = i;
            }
            depth += 1;
        } else if c == '”' && depth > 0 {
            depth -= 1;
            if depth == 0 && i > start && is_sentence_end(chars[i - 1]) {
                push(start, i + 1, Some(chars[i - 1]));
                start = i + 1;
            }
        } else if is_sentence_end(c) && depth == 0 {
            let mut e = i + 1;
            while e < chars.len() && is_closing(chars[e]) {
                e += 1;
            }
            push(start, e, Some(c));
            start = e;
            i = e;
            continue;
        }
        // An opening mark never closed: stop treating the rest as quoted.
        if depth > 0 && i - opened_at > 2 * MAX_CHARS {
            depth = 0;
        }
        i += 1;
    }
    if start < chars.len() {
        push(start, chars.len(), None);
    }
    out
}

/// A clause of a sentence: `chars[start..end]`, its delimiter, and its characters without
/// quotation marks and spaces (`key`), which is what clauses are compared by.
#[derive(Clone, Debug)]
struct Clause {
    start: usize,
    end: usize,
    delim: Option<char>,
    key: Vec<char>,
}

fn clauses(chars: &[char], span: Span, delims: &str) -> Vec<Clause> {
    let mut out = Vec::new();
    let mut start = span.start;
    for i in span.start..=span.end {
        let delim = if i == span.end { None } else { Some(chars[i]) };
        if delim.is_some_and(|d| !delims.contains(d)) {
            continue;
        }
        let key: Vec<char> = chars[start..i]
            .iter()
            .copied()
            .filter(|&c| !is_mark(c))
            .collect();
        if !key.is_empty() {
            out.push(Clause {
                start,
                end: i,
                delim,
                key,
            });
        }
        start = i + 1;
    }
    out
}

const CLAUSE_DELIMS: &str = "，,、；;：:。！？!?";

/// Lengths close enough to read as parallel.
fn similar(a: usize, b: usize) -> bool {
    let (lo, hi) = if a < b { (a, b) } else { (b, a) };
    hi <= lo + 2.max(lo / 2)
}

/// How alike a set of equally built strings is: the positions, counted from the start and
/// from the end, where all of them hold the same Chinese character (masks, digits and
/// punctuation agreeing prove nothing).
fn positional_matches(keys: &[&[char]]) -> (usize, usize) {
    let min = keys.iter().map(|k| k.len()).min().unwrap_or(0);
    let agree = |at: &dyn Fn(&[char]) -> char| {
        let c = at(keys[0]);
        is_word_char(c) && keys.iter().all(|k| at(k) == c)
    };
    let from_start = (0..min).filter(|&p| agree(&|k: &[char]| k[p])).count();
    let from_end = (0..min)
        .filter(|&p| agree(&|k: &[char]| k[k.len() - 1 - p]))
        .count();
    (from_start, from_end)
}

/// The larger of [`positional_matches`], and whether the start agrees more.
fn pattern_strength(keys: &[&[char]]) -> (usize, bool) {
    let (from_start, from_end) = positional_matches(keys);
    (from_start.max(from_end), from_start >= from_end)
}

/// The cut that makes `key` agree best with `others`, keeping a length similar to `want` and
/// preferring the length closest to it: `tail` cuts the start, otherwise the end is cut.
fn best_cut(key: &[char], others: &[&[char]], want: usize, tail: bool) -> usize {
    let mut best = (0, 0, key.len() - want.min(key.len()));
    for len in (2..=key.len()).filter(|&len| similar(len, want)) {
        let part = if tail {
            &key[key.len() - len..]
        } else {
            &key[..len]
        };
        let mut keys = others.to_vec();
        keys.push(part);
        let (a, b) = positional_matches(&keys);
        let rank = (a + b, usize::MAX - len.abs_diff(want));
        if (rank.0, rank.1) > (best.0, best.1) {
            best = (rank.0, rank.1, key.len() - len);
        }
    }
    best.2
}

/// A parallel run of clauses `i..=j`, the first possibly reduced to its tail and the last to
/// its head (`着力提升谋发展、抓发展、促发展的能力和水平`).
struct Run {
    i: usize,
    j: usize,
    /// Characters of the first clause's key dropped at its start, of the last's at its end.
    cut_first: usize,
    cut_last: usize,
    strength: usize,
    prefix_like: bool,
}

fn parallel_run(cl: &[Clause], i: usize, j: usize) -> Option<Run> {
    if j < i + 2 {
        return None;
    }
    let core: Vec<&[char]> = cl[i + 1..j].iter().map(|c| c.key.as_slice()).collect();
    let lo = core.iter().map(|k| k.len()).min()?;
    let hi = core.iter().map(|k| k.len()).max()?;
    if lo < 2 || hi > 30 || !similar(lo, hi) {
        return None;
    }
    let fits = |n: usize| similar(n, lo) && similar(n, hi);
    let first = &cl[i].key;
    let cut_first = if fits(first.len()) {
        0
    } else if first.len() > hi {
        best_cut(first, &core, cl[i + 1].key.len(), true)
    } else {
        return None;
    };
    let mut keys: Vec<&[char]> = vec![&first[cut_first..]];
    keys.extend(core.iter().copied());
    let last = &cl[j].key;
    let cut_last = if fits(last.len()) {
        0
    } else if last.len() > hi {
        best_cut(last, &keys, cl[j - 1].key.len(), false)
    } else {
        return None;
    };
    keys.push(&last[..last.len() - cut_last]);
    if keys.iter().all(|k| *k == keys[0]) {
        return None;
    }
    let (strength, prefix_like) = pattern_strength(&keys);
    // Longer clauses need more agreeing characters to count as built alike.
    let shortest = keys.iter().map(|k| k.len()).min().unwrap_or(0);
    let mut needed = 1.max(shortest / 4);
    if cut_first > 0 && cut_last > 0 && j == i + 2 {
        needed = needed.max(2); // one whole clause is too little to anchor two cut ones
    }
    (strength >= needed).then_some(Run {
        i,
        j,
        cut_first,
        cut_last,
        strength,
        prefix_like,
    })
}

/// Most clauses one 排比 run may hold.
const MAX_RUN_CLAUSES: usize = 16;

/// Maximal parallel runs of a clause list.
fn parallel_runs(cl: &[Clause]) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i + 2 < cl.len() {
        let mut best = None;
        // Longer runs are lists, not sentences anyone quotes; the bound keeps a pathological
        // paragraph of thousands of like clauses linear.
        for j in i + 2..cl.len().min(i + MAX_RUN_CLAUSES) {
            match parallel_run(cl, i, j) {
                Some(r) => best = Some(r),
                None if j > i + 2 && !similar_core(cl, i, j) => break,
                None => {}
            }
        }
        match best {
            Some(r) => {
                // A cut last clause may open the next run (信任青年、…、严格要求青年，为青年…，为青年…).
                i = if r.cut_last > 0 { r.j } else { r.j + 1 };
                runs.push(r);
            }
            None => i += 1,
        }
    }
    runs
}

fn similar_core(cl: &[Clause], i: usize, j: usize) -> bool {
    let lens = cl[i + 1..j].iter().map(|c| c.key.len());
    let lo = lens.clone().min().unwrap_or(0);
    let hi = lens.max().unwrap_or(0);
    similar(lo, hi)
}

/// Position in `chars[from..to]` after skipping `n` key characters from the start.
fn skip_keys(chars: &[char], from: usize, to: usize, n: usize) -> usize {
    let mut seen = 0;
    let mut i = from;
    while i < to && seen < n {
        if !is_mark(chars[i]) {
            seen += 1;
        }
        i += 1;
    }
    while i < to && is_mark(chars[i]) && !is_opening(chars[i]) {
        i += 1;
    }
    i
}

/// Position in `chars[from..to]` before the last `n` key characters dropped from the end.
fn drop_keys(chars: &[char], from: usize, to: usize, n: usize) -> usize {
    let mut seen = 0;
    let mut i = to;
    while i > from && seen < n {
        if !is_mark(chars[i - 1]) {
            seen += 1;
        }
        i -= 1;
    }
    while i > from && is_mark(chars[i - 1]) && !is_closing(chars[i - 1]) {
        i -= 1;
    }
    i
}

/// 排比 inside one sentence.
fn parallel_clauses(out: &mut Out, s: &Span, cl: &[Clause]) {
    let runs = parallel_runs(cl);
    let sentence_keys: usize = cl.iter().map(|c| c.key.len()).sum();
    let whole = s.end - s.start <= WHOLE_SENTENCE_CHARS;
    let mut best: Option<i64> = None;
    for (n, r) in runs.iter().enumerate() {
        // A cut last clause that opens the next run belongs to that run.
        let j = if r.cut_last > 0 && runs.get(n + 1).is_some_and(|next| next.i == r.j) {
            r.j - 1
        } else {
            r.j
        };
        let members = r.j - r.i + 1;
        let run_keys: usize =
            cl[r.i..=r.j].iter().map(|c| c.key.len()).sum::<usize>() - r.cut_first - r.cut_last;
        let only_dun = cl[r.i..r.j].iter().all(|c| c.delim == Some('、'));
        let score = 400
            + 40 * members.min(5) as i64
            + 40 * r.strength.min(4) as i64
            + (run_keys * 60 / sentence_keys.max(1)) as i64
            + if r.prefix_like { 20 } else { 0 }
            - if only_dun { 80 } else { 0 };
        if whole {
            best = best.max(Some(score));
        } else if cl[j].end - cl[r.i].start <= MAX_CHARS {
            // The run with its lead-in and its tail: whole clauses read better.
            out.push(cl[r.i].start, cl[j].end, QuoteKind::Parallel, score);
        } else {
            let start = skip_keys(out.chars, cl[r.i].start, cl[r.i].end, r.cut_first);
            let end = drop_keys(out.chars, cl[r.j].start, cl[r.j].end, r.cut_last);
            out.push(start, end, QuoteKind::Parallel, score);
        }
    }
    if let Some(score) = best {
        out.push(s.start, s.end, QuoteKind::Parallel, score);
    }
}

/// 对仗: a sentence of two equally long clauses made of the same characters.
fn antithesis(out: &mut Out, s: &Span, cl: &[Clause]) {
    if cl.len() != 2 || !matches!(cl[0].delim, Some('，' | ',')) {
        return;
    }
    let (a, b) = (&cl[0].key, &cl[1].key);
    let n = a.len().min(b.len());
    if a.len().abs_diff(b.len()) > 1
        || !(5..=16).contains(&n)
        || !a.iter().chain(b).all(|&c| is_han(c))
    {
        return;
    }
    let (positional, _) = pattern_strength(&[&a[..], &b[..]]);
    let mut rest = b.clone();
    let shared = a
        .iter()
        .filter(|c| {
            rest.iter()
                .position(|r| r == *c)
                .map(|p| rest.swap_remove(p))
                .is_some()
        })
        .count();
    if positional * 2 >= n || shared * 10 >= n * 7 {
        let score = 500 + (15 * positional + 15 * shared).min(200) as i64;
        out.push(s.start, s.end, QuoteKind::Parallel, score);
    }
}

/// 排比 across the `；`-separated parts of one sentence: `坚持…；坚持…；坚持…`.
fn parallel_chains(out: &mut Out, sentences: &[Span]) {
    let mut k = 0;
    while k < sentences.len() {
        // One full sentence: parts ending in ；, then the part that ends it.
        let mut last = k;
        while last + 1 < sentences.len() && matches!(sentences[last].term, Some('；' | ';')) {
            last += 1;
        }
        let parts = &sentences[k..=last];
        k = last + 1;
        if parts.len() < 3 {
            continue;
        }
        let keys: Vec<Vec<char>> = parts
            .iter()
            .map(|p| {
                let key: Vec<char> = out.chars[p.start..p.end]
                    .iter()
                    .copied()
                    .filter(|&c| !is_mark(c))
                    .collect();
                let n = key.len() - usize::from(key.last().is_some_and(|&c| is_sentence_end(c)));
                key[..n].to_vec()
            })
            .collect();
        let mut i = 0;
        while i + 2 < parts.len() {
            let mut j = i + 1;
            let mut best = None;
            while j < parts.len() {
                let lens = keys[i..=j].iter().map(Vec::len);
                let (lo, hi) = (lens.clone().min().unwrap_or(0), lens.max().unwrap_or(0));
                if lo < 4 || hi > lo * 8 / 5 + 1 {
                    break;
                }
                let prefix = common_len(keys[i..=j].iter().map(|k| k.iter()));
                let suffix = common_len(keys[i..=j].iter().map(|k| k.iter().rev()));
                let strength = prefix.max(suffix);
                if strength < 2 {
                    break;
                }
                if parts[j].end - parts[i].start > MAX_CHARS {
                    break;
                }
                best = Some((j, strength));
                j += 1;
            }
            match best {
                Some((j, strength)) if j >= i + 2 => {
                    let members = j - i + 1;
                    let score = 550 + 40 * members.min(5) as i64 + 40 * strength.min(4) as i64;
                    out.push(parts[i].start, parts[j].end, QuoteKind::Parallel, score);
                    i = j + 1;
                }
                _ => i += 1,
            }
        }
    }
}

/// Length of the common prefix of several character sequences.
fn common_len<'a, I: Iterator<Item = &'a char>>(seqs: impl Iterator<Item = I>) -> usize {
    let mut seqs: Vec<I> = seqs.collect();
    let mut n = 0;
    loop {
        let mut first = None;
        for s in seqs.iter_mut() {
            match (s.next(), first) {
                (None, _) => return n,
                (Some(c), None) if !is_word_char(*c) => return n,
                (Some(c), None) => first = Some(c),
                (Some(c), Some(f)) if c != f => return n,
                _ => {}
            }
        }
        n += 1;
    }
}

/// Four-character phrases that only join sentences.
const TRANSITIONS: &[&str] = &[
    "今年以来",
    "近年以来",
    "与此同时",
    "总的来看",
    "总的来说",
    "总而言之",
    "综上所述",
    "由此可见",
    "具体来说",
    "具体而言",
    "一段时间",
    "长期以来",
    "多年以来",
    "一直以来",
    "相比之下",
    "一般来说",
];

/// A segment made only of four-character phrases joined by `、`: how many phrases.
fn four_char_phrases(seg: &[char]) -> Option<usize> {
    let mut n = 0;
    for part in seg.split(|&c| c == '、') {
        let mut phrase = ['\0'; 4];
        let mut len = 0;
        for &c in part.iter().filter(|c| !is_space(**c)) {
            if len == 4 || !(is_han(c) || c == 'D') {
                return None;
            }
            phrase[len] = c;
            len += 1;
        }
        if len != 4 || TRANSITIONS.iter().any(|t| t.chars().eq(phrase)) {
            return None;
        }
        n += 1;
    }
    Some(n)
}

/// Runs of four-character phrases: `功崇惟志，业广惟勤；创业维艰，奋斗以成。`.
fn slogans(out: &mut Out) {
    let whole = Span {
        start: 0,
        end: out.chars.len(),
        term: None,
    };
    let segs = clauses(out.chars, whole, "，,；;：:。！？!?");
    let mut k = 0;
    while k < segs.len() {
        let Some(first) = four_char_phrases(&out.chars[segs[k].start..segs[k].end]) else {
            k += 1;
            continue;
        };
        let mut phrases = first;
        let mut j = k;
        while j + 1 < segs.len()
            && segs[j + 1].end - segs[k].start <= MAX_CHARS
            && let Some(n) = four_char_phrases(&out.chars[segs[j + 1].start..segs[j + 1].end])
        {
            phrases += n;
            j += 1;
        }
        if phrases >= 2 {
            let sentence_end = |d: Option<char>| d.is_none_or(is_sentence_end);
            let opens = k == 0 || sentence_end(segs[k - 1].delim);
            let closes = sentence_end(segs[j].delim);
            // Phrases in several segments are joined by ，or ；, not only by 、.
            let commas = j > k;
            let score = 450
                + 40 * phrases.min(6) as i64
                + if opens && closes { 120 } else { 0 }
                + if commas { 30 } else { 0 }
                - if phrases == 2 && !(opens && closes) {
                    40
                } else {
                    0
                };
            let end = match segs[j].delim {
                Some(d) if is_sentence_end(d) => segs[j].end + 1,
                _ => segs[j].end,
            };
            out.push(segs[k].start, end, QuoteKind::Slogan, score);
        }
        k = j + 1;
    }
}

/// Characters that make a quoted phrase read as a statement rather than a name.
const PREDICATES: &str = "是要把让使有为在就才都不必应能将可";

/// Statements in `“…”`.
fn quoted(out: &mut Out) {
    let chars = out.chars;
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '“' {
            i += 1;
            continue;
        }
        let mut depth = 0;
        let mut close = None;
        for (j, &c) in chars.iter().enumerate().skip(i) {
            if c == '“' {
                depth += 1;
            } else if c == '”' {
                depth -= 1;
                if depth == 0 {
                    close = Some(j);
                    break;
                }
            }
            if j - i > 2 * MAX_CHARS {
                break;
            }
        }
        let Some(close) = close else {
            i += 1;
            continue;
        };
        let inner: Vec<char> = chars[i + 1..close]
            .iter()
            .copied()
            .filter(|c| !is_space(*c))
            .collect();
        if QUOTED_CHARS.contains(&inner.len()) {
            let clause = inner.iter().any(|c| "，,；;".contains(*c));
            let ends_full = inner
                .last()
                .is_some_and(|&c| matches!(c, '。' | '！' | '？' | '!' | '?'));
            let predicate = inner.iter().any(|c| PREDICATES.contains(*c));
            let phrases: Option<usize> = inner
                .split(|c| "，,、；;。！？!?".contains(*c))
                .filter(|p| !p.is_empty())
                .map(four_char_phrases)
                .sum();
            if let Some(n) = phrases.filter(|&n| n >= 2) {
                out.push(i, close + 1, QuoteKind::Slogan, 450 + 40 * n.min(6) as i64);
            } else if clause || ends_full || (inner.len() >= 12 && predicate) {
                let score = 520
                    + if clause { 60 } else { 0 }
                    + if ends_full { 20 } else { 0 }
                    + if (12..=50).contains(&inner.len()) {
                        40
                    } else {
                        0
                    };
                out.push(i, close + 1, QuoteKind::Quoted, score);
            }
        }
        i = close + 1;
    }
}

/// Quotation marks, brackets and spaces: not compared between clauses.
fn is_mark(c: char) -> bool {
    is_closing(c) || is_opening(c) || is_space(c)
}

/// A Chinese character or the mask `D` (党): what a shared pattern is made of.
fn is_word_char(c: char) -> bool {
    is_han(c) || c == 'D'
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outline::sample::{all_lines, article, line};

    fn has(qs: &[Quote], kind: QuoteKind, needle: &str) -> bool {
        qs.iter().any(|q| q.kind == kind && q.text.contains(needle))
    }

    #[test]
    fn article_nine_slogan_and_parallel_chain() {
        let mut paras: Vec<&str> = (83..=87).map(line).collect();
        paras.push(line(79));
        let qs = quotes(&paras, 5);
        assert!(
            qs.iter().any(|q| q.kind == QuoteKind::Slogan
                && q.text == "功崇惟志，业广惟勤；创业维艰，奋斗以成。"
                && q.paragraph == 5),
            "{qs:#?}"
        );
        let chain = qs
            .iter()
            .find(|q| {
                q.text
                    .starts_with("坚持大抓项目、抓大项目，持续夯实发展基础；坚持抓主抓重")
            })
            .unwrap_or_else(|| panic!("{qs:#?}"));
        assert_eq!(chain.kind, QuoteKind::Parallel);
        assert_eq!(chain.paragraph, 4);
        assert!(
            !chain.text.ends_with('；'),
            "no dangling separator: {}",
            chain.text
        );
        assert!(has(
            &quotes(&paras, 10),
            QuoteKind::Slogan,
            "踔厉奋发，实干笃行"
        ));
    }

    #[test]
    fn parallel_quoted_and_slogan_lines() {
        assert!(has(
            &quotes(&[line(12)], 5),
            QuoteKind::Parallel,
            "以水定城、以水定地、以水定人、以水定产"
        ));
        let qs = quotes(&[line(42)], 5);
        assert!(
            qs.iter().any(|q| q.kind == QuoteKind::Quoted
                && q.text == "“人才资源是第一资源，也是创新活动中最为活跃、最为积极的因素”"),
            "{qs:#?}"
        );
        let qs = quotes(&[line(62)], 5);
        assert!(
            qs.iter()
                .any(|q| q.text == "青年兴则国家兴，青年强则国家强。"
                    && q.kind == QuoteKind::Parallel),
            "{qs:#?}"
        );
        assert!(has(
            &quotes(&[line(92)], 5),
            QuoteKind::Slogan,
            "拼搏竞进、勇争一流"
        ));
    }

    #[test]
    fn names_in_quotes_are_not_quotes() {
        assert_eq!(
            quotes(&["要坚定拥护“两个确立”，坚决做到“两个维护”。"], 10),
            vec![]
        );
        for q in quotes(&[line(29), line(19), line(57)], 50) {
            let inner = q.text.trim_matches(['“', '”']);
            assert!(
                !["两个确立", "两个维护", "xx现象", "xx特色"].contains(&inner),
                "{q:?}"
            );
        }
        // Plain prose has no notable sentence.
        assert_eq!(
            quotes(&["会议听取了工作汇报，研究部署了下一阶段的重点任务。"], 10),
            vec![]
        );
        assert_eq!(quotes(&[line(79)], 0), vec![]);
    }

    #[test]
    fn masked_quotes_lose_ties() {
        let paras = [
            "他说：“xx是第一资源，也是最为活跃的因素”。",
            "他说：“人才是第一资源，也是最为活跃的因素”。",
        ];
        let qs = quotes(&paras, 2);
        assert_eq!(qs.len(), 2);
        assert_eq!(qs[0].paragraph, 1, "{qs:#?}");
        // Equal scores: the earlier one first.
        let same = [
            "“人才是第一资源，也是最为活跃的因素”",
            "“人才是第一资源，也是最为积极的因素”",
        ];
        let qs = quotes(&same, 2);
        assert_eq!(
            qs.iter().map(|q| q.paragraph).collect::<Vec<_>>(),
            vec![0, 1]
        );
    }

    fn lcg(seed: &mut u64) -> u64 {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        *seed >> 33
    }

    #[test]
    fn never_panics_is_deterministic_and_verbatim() {
        let mut inputs: Vec<Vec<&str>> = (1..=10).map(article).collect();
        inputs.push(all_lines());
        inputs.extend(all_lines().into_iter().map(|l| vec![l]));
        let alphabet: Vec<char> =
            "以水定城地人产坚持青年兴则国家强功崇惟志、，。；：！？“”‘’（）xD 　的是要"
                .chars()
                .collect();
        let mut seed = 11;
        let generated: Vec<String> = (0..400)
            .map(|_| {
                let n = lcg(&mut seed) % 150;
                (0..n)
                    .map(|_| alphabet[(lcg(&mut seed) % alphabet.len() as u64) as usize])
                    .collect()
            })
            .collect();
        for chunk in generated.chunks(4) {
            inputs.push(chunk.iter().map(String::as_str).collect());
        }
        for paras in &inputs {
            let qs = quotes(paras, 10);
            assert_eq!(qs, quotes(paras, 10), "deterministic");
            let top = quotes(paras, 3);
            assert_eq!(
                top[..],
                qs[..top.len()],
                "best first: a smaller max is a prefix"
            );
            assert!(qs.len() <= 10);
            for (n, q) in qs.iter().enumerate() {
                let len = q.text.chars().count();
                assert!((MIN_CHARS..=MAX_CHARS).contains(&len), "{q:?}");
                assert_eq!(q.text.trim(), q.text);
                assert!(paras[q.paragraph].contains(&q.text), "{q:?} is verbatim");
                for other in &qs[..n] {
                    assert!(
                        !other.text.contains(&q.text) && !q.text.contains(&other.text),
                        "{q:?} duplicates {other:?}"
                    );
                }
            }
        }
    }
}
