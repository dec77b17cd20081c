//! The text side of the overlap check (查重): the k-gram fingerprints the index keeps for every
//! article, and the exact comparison of a draft with one source that turns a candidate article
//! into matched spans.
//!
//! Both work on the fingerprint form ([`fingerprint_indexed`]): no whitespace or punctuation,
//! masks read through, full-width folded, so `D的二十大` in the library matches `党的二十大` in a
//! draft. Winnowing (Schleimer, Wilkerson and Aiken, 2003) keeps the smallest hash of every
//! window of [`W`] consecutive k-grams: two texts that share a run of at least
//! [`GUARANTEED_RUN`] characters share at least one kept fingerprint, while only about
//! 2 / (W + 1) of the k-grams are stored.

use crate::fingerprint::mix;
use crate::fold::{FoldedChar, fingerprint_indexed, fold_for_fingerprint};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

/// Length of a fingerprinted k-gram, in fingerprint characters: four words or so, distinctive
/// enough to find candidates (six characters made a larger index at 90 M characters: common
/// six-character phrases are many).
pub const K: usize = 8;
/// Winnowing window, in k-grams: about 2 / (W + 1) of the k-grams are kept.
pub const W: usize = 6;
/// The shortest shared run that is certain to share a kept fingerprint.
pub const GUARANTEED_RUN: usize = K + W - 1;

/// The shortest and longest run an overlap check may count as a match. Runs shorter than
/// [`GUARANTEED_RUN`] are found in the articles that are candidates, not in every article.
pub const MIN_RUN: Range<usize> = 8..21;
/// The run a check counts as a match unless told otherwise.
pub const DEFAULT_RUN: usize = 13;

/// Odd multiplier of the rolling hash (a 64-bit FNV prime).
const BASE: u64 = 0x0000_0100_0000_01b3;

/// The hash of every `k`-character window of `chars`, in order (`chars.len() − k + 1` of them),
/// rolled in constant time per character.
pub fn rolling_hashes(chars: impl IntoIterator<Item = char>, k: usize) -> Vec<u64> {
    let chars: Vec<char> = chars.into_iter().collect();
    if k == 0 || chars.len() < k {
        return Vec::new();
    }
    let top = (1..k).fold(1u64, |p, _| p.wrapping_mul(BASE));
    let mut out = Vec::with_capacity(chars.len() + 1 - k);
    let mut h = 0u64;
    for (i, &c) in chars.iter().enumerate() {
        if i >= k {
            h = h.wrapping_sub((chars[i - k] as u64 + 1).wrapping_mul(top));
        }
        h = h.wrapping_mul(BASE).wrapping_add(c as u64 + 1);
        if i + 1 >= k {
            out.push(mix(h));
        }
    }
    out
}

/// The fingerprint of a k-gram as the index stores it: 32 bits are plenty to find candidates
/// (a false candidate costs one exact comparison), and half the size of 64.
fn short(hash: u64) -> u64 {
    hash >> 32
}

/// The winnowed k-gram fingerprints of `text`, sorted and without repeats: what the index
/// keeps for an article.
pub fn winnowed_fingerprints(text: &str) -> Vec<u64> {
    let hashes: Vec<u64> = rolling_hashes(fold_for_fingerprint(text).chars(), K)
        .into_iter()
        .map(short)
        .collect();
    let mut out = winnow(&hashes, W);
    out.sort_unstable();
    out.dedup();
    out
}

/// The smallest hash of every window of `w` consecutive hashes (the rightmost on ties, so a
/// run of equal hashes keeps one), each chosen position once, in text order.
fn winnow(hashes: &[u64], w: usize) -> Vec<u64> {
    if hashes.len() <= w {
        return hashes.iter().min().copied().into_iter().collect();
    }
    let mut out = Vec::with_capacity(2 * hashes.len() / (w + 1) + 1);
    let mut chosen = usize::MAX;
    for start in 0..=hashes.len() - w {
        let window = &hashes[start..start + w];
        let (offset, _) = window
            .iter()
            .enumerate()
            .rev()
            .min_by_key(|(_, h)| **h)
            .expect("a window is never empty");
        if start + offset != chosen {
            chosen = start + offset;
            out.push(hashes[chosen]);
        }
    }
    out
}

/// A draft prepared for comparison with many sources: its fingerprint form, and where each
/// `run`-character window of it stands.
pub struct Draft {
    chars: Vec<FoldedChar>,
    run: usize,
    windows: HashMap<u64, Vec<u32>, BuildHasherDefault<Mixed>>,
    /// Whether any window hashes to each value of its low bits.
    seen: Vec<bool>,
}

const SEEN_MASK: usize = (1 << 20) - 1;

/// The hasher of keys that are hashes already: it passes them through.
#[derive(Default)]
struct Mixed(u64);

impl Hasher for Mixed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

impl Draft {
    /// Prepares `text` for finding runs of at least `run` shared characters.
    pub fn new(text: &str, run: usize) -> Draft {
        let chars = fingerprint_indexed(text);
        let mut windows: HashMap<u64, Vec<u32>, BuildHasherDefault<Mixed>> = HashMap::default();
        let mut seen = vec![false; SEEN_MASK + 1];
        for (at, h) in rolling_hashes(chars.iter().map(|f| f.c), run)
            .into_iter()
            .enumerate()
        {
            windows.entry(h).or_default().push(at as u32);
            seen[(h as usize) & SEEN_MASK] = true;
        }
        Draft {
            chars,
            run,
            windows,
            seen,
        }
    }

    /// The fingerprint of every k-gram of the draft (what a draft looks up in the index), with
    /// the k-gram's position in [`Draft::chars`].
    pub fn fingerprints(&self) -> Vec<(usize, u64)> {
        rolling_hashes(self.chars.iter().map(|f| f.c), K)
            .into_iter()
            .map(short)
            .enumerate()
            .collect()
    }

    /// The shortest run that counts.
    pub fn run(&self) -> usize {
        self.run
    }

    /// The draft in fingerprint form, each character with the range of the original it
    /// stands for.
    pub fn chars(&self) -> &[FoldedChar] {
        &self.chars
    }

    /// The characters of the draft (as positions in [`Draft::chars`]) that stand inside a run
    /// of at least `run` characters that `source` holds too, as sorted, disjoint ranges.
    pub fn covered_by(&self, source: &str) -> Vec<Range<usize>> {
        let source: Vec<char> = fingerprint_indexed(source).iter().map(|f| f.c).collect();
        let mut starts: Vec<usize> = Vec::new();
        // Most windows of a source are in no draft: a bit per hash answers them before the map.
        for h in rolling_hashes(source, self.run) {
            if !self.seen[(h as usize) & SEEN_MASK] {
                continue;
            }
            if let Some(at) = self.windows.get(&h) {
                starts.extend(at.iter().map(|&at| at as usize));
            }
        }
        starts.sort_unstable();
        let mut out: Vec<Range<usize>> = Vec::new();
        for start in starts {
            let end = start + self.run;
            match out.last_mut() {
                Some(last) if start <= last.end => last.end = last.end.max(end),
                _ => out.push(start..end),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEECH: &str = "水是万物之母、生存之本、文明之源，是经济社会发展的重要支撑和基础保障。D的二十大报告提出了新时代新征程我们D的使命任务，明确了未来x年乃至更长时期D和国家事业发展的战略部署、目标任务。";

    #[test]
    fn rolling_hashes_equal_hashes_of_each_window() {
        let chars: Vec<char> = SPEECH.chars().collect();
        let rolled = rolling_hashes(chars.iter().copied(), 5);
        assert_eq!(rolled.len(), chars.len() - 4);
        for (i, h) in rolled.iter().enumerate() {
            assert_eq!(*h, rolling_hashes(chars[i..i + 5].iter().copied(), 5)[0]);
        }
        assert!(rolling_hashes("短".chars(), 5).is_empty());
    }

    #[test]
    fn winnowing_keeps_a_fingerprint_of_every_guaranteed_run() {
        let other = "现代化的核心是人的现代化。我们要更加自觉践行以人民为中心的发展思想，聚焦建设物质文明和精神文明相协调的现代化。";
        let kept = winnowed_fingerprints(SPEECH);
        let all = Draft::new(SPEECH, DEFAULT_RUN).fingerprints();
        assert!(
            kept.len() < all.len() / 2,
            "{} of {}",
            kept.len(),
            all.len()
        );
        let original: Vec<char> = SPEECH.chars().collect();
        let folded = fingerprint_indexed(SPEECH);
        for start in 0..=folded.len() - GUARANTEED_RUN {
            let from = folded[start].start;
            let to = folded[start + GUARANTEED_RUN - 1].end;
            let run: String = original[from..to].iter().collect();
            let draft = format!("{other}{run}{other}");
            let shared = Draft::new(&draft, DEFAULT_RUN)
                .fingerprints()
                .iter()
                .filter(|(_, h)| kept.binary_search(h).is_ok())
                .count();
            assert!(shared > 0, "run {run} shares no kept fingerprint");
        }
    }

    #[test]
    fn a_draft_finds_the_runs_a_source_holds_through_masks_and_punctuation() {
        let own = "今天天气很好，我们一起去公园散步，看到了很多花。";
        let copied = "党的二十大报告提出了新时代新征程我们党的使命任务";
        let draft = Draft::new(&format!("{own}{copied}。{own}"), DEFAULT_RUN);
        let covered = draft.covered_by(SPEECH);
        assert_eq!(covered.len(), 1);
        let text: String = draft.chars()[covered[0].clone()]
            .iter()
            .map(|f| f.c)
            .collect();
        assert_eq!(text, "党的二十大报告提出了新时代新征程我们党的使命任务");
        assert_eq!(draft.covered_by(own).len(), 2, "own text, twice");
        assert!(Draft::new(own, DEFAULT_RUN).covered_by(SPEECH).is_empty());
    }

    #[test]
    fn runs_shorter_than_the_minimum_do_not_count() {
        let draft = Draft::new("重要支撑和基础保障以外的话", 13);
        // 重要支撑和基础保障 is 9 characters: a match at 8, not at 13.
        assert!(draft.covered_by(SPEECH).is_empty());
        assert_eq!(
            Draft::new("重要支撑和基础保障以外的话", 8).covered_by(SPEECH),
            vec![0..9]
        );
    }
}
