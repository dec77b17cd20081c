//! Fingerprints for duplicate detection: an exact hash of the folded text, a 64-bit simhash
//! over character shingles, so that a re-typeset or lightly edited copy of a speech is found,
//! and shingle containment: how much of one text stands in runs shared with another, which
//! finds near copies and a text standing inside a longer one (a compilation's article and its
//! single file). Containment candidates are found through a *sketch*: the shingle hashes that
//! are 0 modulo [`SKETCH_RATE`]. The rule depends on the hash alone, so a passage two texts
//! share is sampled alike in both, and the share of a text's sketch found in another estimates
//! how much of it stands there — whatever their lengths, unlike a bottom-k minhash.

use crate::fold::fold_for_fingerprint;
use std::collections::HashSet;

/// Shingle length in characters: long enough to carry meaning in Chinese, short enough that a
/// few edits leave most shingles intact.
const SHINGLE: usize = 4;

/// Texts shorter than this (in fingerprint characters) get no simhash: a few dozen characters
/// do not say enough to call two texts near-duplicates.
pub const MIN_SIMHASH_CHARS: usize = 100;

/// Largest Hamming distance between two simhashes of near-duplicate texts.
pub const NEAR_DUPLICATE_BITS: u32 = 3;

/// A 64-bit mix of a number (splitmix64's finaliser): cheap, well distributed, stable across
/// versions, which a stored fingerprint needs.
pub(crate) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn hash_chars(chars: &[char]) -> u64 {
    chars
        .iter()
        .fold(0x9e37_79b9_7f4a_7c15, |h, &c| mix(h ^ c as u64))
}

/// 64-bit simhash of `text` over character shingles of its fingerprint form, or `None` when the
/// text is too short to compare.
pub fn simhash(text: &str) -> Option<u64> {
    let chars: Vec<char> = fold_for_fingerprint(text).chars().collect();
    simhash_of(&chars)
}

fn simhash_of(chars: &[char]) -> Option<u64> {
    if chars.len() < MIN_SIMHASH_CHARS {
        return None;
    }
    let mut weights = [0i32; 64];
    for shingle in chars.windows(SHINGLE) {
        let h = hash_chars(shingle);
        for (bit, w) in weights.iter_mut().enumerate() {
            *w += if h >> bit & 1 == 1 { 1 } else { -1 };
        }
    }
    Some(
        weights
            .iter()
            .enumerate()
            .filter(|(_, w)| **w > 0)
            .fold(0u64, |acc, (bit, _)| acc | 1 << bit),
    )
}

/// Hashes of every run of [`CONTAIN_SHINGLE`] characters, in text order: a rolling polynomial
/// hash (a multiply and an add per character, however long the run), mixed so that the low bits
/// the sketch samples by are well spread. Stored sketches depend on it: never change it without
/// recomputing them.
fn shingle_hashes(chars: &[char]) -> Vec<u64> {
    // An odd base far above any code point: distinct runs of characters get distinct sums.
    const BASE: u64 = 0x0000_0100_0000_01b3;
    let k = CONTAIN_SHINGLE;
    if chars.len() < k {
        return Vec::new();
    }
    let value = |c: char| c as u64 + 1;
    let top = BASE.wrapping_pow(k as u32 - 1);
    let mut h = chars[..k]
        .iter()
        .fold(0u64, |h, &c| h.wrapping_mul(BASE).wrapping_add(value(c)));
    let mut out = Vec::with_capacity(chars.len() - k + 1);
    out.push(mix(h));
    for i in k..chars.len() {
        h = h
            .wrapping_sub(value(chars[i - k]).wrapping_mul(top))
            .wrapping_mul(BASE)
            .wrapping_add(value(chars[i]));
        out.push(mix(h));
    }
    out
}

/// Characters of a containment shingle: a run shorter than this is no shared text (common
/// phrases of 4–6 characters stand in every speech).
pub const CONTAIN_SHINGLE: usize = 8;

/// One containment shingle hash in this many (on average) is in a text's sketch.
pub const SKETCH_RATE: u64 = 16;

/// The fewest fingerprint characters a text needs before it is linked as a near copy or as
/// standing inside another: a one-sentence stub or a standard opening is no document.
pub const MIN_LINK_CHARS: usize = 150;

/// A text's containment shingles: their hashes in text order, and as a set.
#[derive(Debug, Clone, Default)]
pub struct Shingles {
    order: Vec<u64>,
    set: HashSet<u64>,
}

impl Shingles {
    pub fn new(text: &str) -> Self {
        let chars: Vec<char> = fold_for_fingerprint(text).chars().collect();
        let order = shingle_hashes(&chars);
        let set = order.iter().copied().collect();
        Shingles { order, set }
    }

    /// Characters of the text's fingerprint form (0 when shorter than one shingle).
    pub fn chars(&self) -> usize {
        if self.order.is_empty() {
            0
        } else {
            self.order.len() + CONTAIN_SHINGLE - 1
        }
    }

    /// The sampled hashes, sorted and each once; none for a text too short to link.
    pub fn sketch(&self) -> Vec<u64> {
        if self.chars() < MIN_LINK_CHARS {
            return Vec::new();
        }
        sampled(self.order.iter().copied())
    }

    /// The share of this text's characters that stand in runs (of a shingle or more) also
    /// found in `other`: 1.0 when all of it stands there, whatever else `other` holds.
    pub fn covered_by(&self, other: &Shingles) -> f64 {
        let total = self.chars();
        if total == 0 {
            return 0.0;
        }
        let (mut covered, mut until) = (0, 0);
        for (i, h) in self.order.iter().enumerate() {
            if other.set.contains(h) {
                let end = i + CONTAIN_SHINGLE;
                covered += end - until.max(i);
                until = end;
            }
        }
        covered as f64 / total as f64
    }
}

/// The hashes a sketch keeps, sorted and each once.
fn sampled(hashes: impl Iterator<Item = u64>) -> Vec<u64> {
    let mut out: Vec<u64> = hashes.filter(|h| h % SKETCH_RATE == 0).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The sketch of `text` (see [`Shingles::sketch`]), without keeping its shingles.
pub fn sketch(text: &str) -> Vec<u64> {
    let chars: Vec<char> = fold_for_fingerprint(text).chars().collect();
    sketch_of(&chars)
}

fn sketch_of(chars: &[char]) -> Vec<u64> {
    if chars.len() < MIN_LINK_CHARS {
        return Vec::new();
    }
    sampled(shingle_hashes(chars).into_iter())
}

/// The [`simhash`] and the [`sketch`] of `text`, folding it once.
pub fn simhash_and_sketch(text: &str) -> (Option<u64>, Vec<u64>) {
    let chars: Vec<char> = fold_for_fingerprint(text).chars().collect();
    (simhash_of(&chars), sketch_of(&chars))
}

/// The four 16-bit bands of a simhash. Two hashes within 3 bits of each other agree on at least
/// one band (pigeonhole), so a store can find near-duplicate candidates with an index lookup.
pub fn bands(hash: u64) -> [(u8, u16); 4] {
    [0u8, 1, 2, 3].map(|b| (b, (hash >> (16 * b)) as u16))
}

/// Whether two simhashes are close enough to call their texts near-duplicates.
pub fn is_near(a: u64, b: u64) -> bool {
    (a ^ b).count_ones() <= NEAR_DUPLICATE_BITS
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEECH: &str = "水是万物之母、生存之本、文明之源，是经济社会发展的重要支撑和基础保障。D的二十大报告提出了新时代新征程我们D的使命任务，明确了未来x年乃至更长时期D和国家事业发展的战略部署、目标任务。其中，有很多内容都与水利密切相关。坚持以推动高质量发展为主题，把实施扩大内需战略同深化供给侧结构性改革有机结合起来。";

    #[test]
    fn light_edits_stay_near() {
        let a = simhash(SPEECH).unwrap();
        let edited = SPEECH.replace("D的", "党的").replace("。其中，", "。其中");
        let b = simhash(&edited).unwrap();
        assert!(is_near(a, b), "distance {}", (a ^ b).count_ones());
        let other = "现代化的核心是人的现代化。我们要更加自觉践行以人民为中心的发展思想，聚焦建设物质文明和精神文明相协调的现代化，坚持二为方向和双百方针，以社会主义核心价值观为引领，推出更多满足人民文化需求和增强人民精神力量的优秀艺术作品。";
        let c = simhash(other).unwrap();
        assert!(!is_near(a, c), "distance {}", (a ^ c).count_ones());
    }

    #[test]
    fn short_text_has_no_simhash() {
        assert_eq!(simhash("太短了"), None);
    }

    #[test]
    fn coverage_counts_characters_in_shared_runs() {
        let a = Shingles::new(SPEECH);
        assert_eq!(a.covered_by(&a), 1.0);
        // One character changed mid-text leaves every other character in a shared run.
        let edited = Shingles::new(&SPEECH.replacen("战略部署", "战略布署", 1));
        let c = a.covered_by(&edited);
        assert!(c > 0.98 && c < 1.0, "{c}");
        // A text inside a longer one is wholly covered; the longer one only in part.
        let longer = Shingles::new(&format!("{SPEECH}{SPEECH_TWO}"));
        assert_eq!(a.covered_by(&longer), 1.0);
        assert!(longer.covered_by(&a) < 0.6);
        // Unrelated texts share little.
        let other = Shingles::new(SPEECH_TWO);
        assert!(a.covered_by(&other) < 0.1, "{}", a.covered_by(&other));
        assert_eq!(Shingles::new("").covered_by(&a), 0.0);
    }

    #[test]
    fn sketches_sample_alike_and_skip_stubs() {
        let a = Shingles::new(&format!("{SPEECH}{SPEECH_TWO}"));
        let longer = Shingles::new(&format!("前言一段。{SPEECH}{SPEECH_TWO}{SPEECH}后记。"));
        let (small, big) = (a.sketch(), longer.sketch());
        assert!(!small.is_empty());
        // The shared passage's samples are the same in both texts.
        assert!(small.iter().all(|h| big.binary_search(h).is_ok()));
        assert!(small.windows(2).all(|w| w[0] < w[1]));
        assert!(sketch("同志们：今天召开这次会议，主要任务是部署工作。").is_empty());
        assert_eq!(sketch(&format!("{SPEECH}{SPEECH_TWO}")), small);
        // About one hash in SKETCH_RATE, each once.
        let n = longer.chars() as f64 / SKETCH_RATE as f64;
        assert!(
            (big.len() as f64) > n / 3.0 && (big.len() as f64) < n * 2.0,
            "{}",
            big.len()
        );
    }

    #[test]
    fn rolling_hashes_are_the_hashes_of_their_runs() {
        let chars: Vec<char> = "一二三四五六七八九十甲乙丙丁".chars().collect();
        let rolled = shingle_hashes(&chars);
        assert_eq!(rolled.len(), chars.len() - CONTAIN_SHINGLE + 1);
        for (i, h) in rolled.iter().enumerate() {
            assert_eq!(*h, shingle_hashes(&chars[i..i + CONTAIN_SHINGLE])[0]);
        }
        assert!(shingle_hashes(&chars[..3]).is_empty());
    }

    const SPEECH_TWO: &str = "现代化的核心是人的现代化。我们要更加自觉践行以人民为中心的发展思想，聚焦建设物质文明和精神文明相协调的现代化，坚持二为方向和双百方针，以社会主义核心价值观为引领，推出更多满足人民文化需求和增强人民精神力量的优秀艺术作品。";

    #[test]
    fn near_hashes_share_a_band() {
        let a = 0x0123_4567_89ab_cdefu64;
        let b = a ^ (1 << 3) ^ (1 << 20) ^ (1 << 40);
        assert!(bands(a).iter().zip(bands(b)).any(|(x, y)| *x == y));
    }
}
