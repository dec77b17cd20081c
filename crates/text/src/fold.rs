//! Folding text for comparison: what search, duplicate detection and the overlap check treat as
//! "the same text".
//!
//! Full-width letters and digits become half-width (`１２月３１日` = `12月31日`), Latin letters
//! lose case, whitespace is dropped (Chinese has no word spaces; stray ones come from
//! conversions), and a `D` masking 党 reads as 党. Punctuation is kept: it is text.

use crate::masks::{hidden_run_len, is_party_mask};
use crate::normalize::is_space;

/// Folds one character: full-width letters and digits to half-width, then lowercase.
/// Punctuation keeps its width: `，` and `,` are different marks in Chinese text.
pub fn fold_char(c: char) -> char {
    let c = match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        _ => c,
    };
    if c.is_ascii_uppercase() {
        c.to_ascii_lowercase()
    } else {
        c
    }
}

/// Every character that folds to `folded` (itself included), so a search can look for raw
/// bytes before it folds anything: `a` ← `a A ａ Ａ`, `1` ← `1 １`, 党 ← 党 and the masks `D Ｄ`.
pub fn preimages(folded: char) -> Vec<char> {
    let full_width = |c: char| char::from_u32(c as u32 + 0xFEE0);
    let mut out = vec![folded];
    if folded.is_ascii_digit() {
        out.extend(full_width(folded));
    } else if folded.is_ascii_lowercase() {
        let upper = folded.to_ascii_uppercase();
        out.push(upper);
        out.extend(full_width(folded));
        out.extend(full_width(upper));
    } else if folded == '党' {
        out.extend(['D', 'Ｄ']);
    }
    out
}

/// The number of characters in `text`; faster than `chars().count()` on long text because it
/// counts the bytes that start a character, which the compiler vectorises.
pub fn char_count(text: &str) -> usize {
    text.bytes().filter(|&b| (b as i8) >= -0x40).count()
}

/// The folded characters of `text`, each with the char index it came from in `text`.
/// Whitespace yields nothing; a mask `D` yields 党.
pub fn fold_indexed(text: &str) -> Vec<(usize, char)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        if is_space(c) {
            continue;
        }
        let folded = if is_party_mask(&chars, i) {
            '党'
        } else {
            fold_char(c)
        };
        out.push((i, folded));
    }
    out
}

/// The search form of `text` (see the module doc).
pub fn fold_for_search(text: &str) -> String {
    fold_indexed(text).into_iter().map(|(_, c)| c).collect()
}

/// One character of the fingerprint form, with the range of characters of the original text
/// it stands for (a hidden-value run `xxxx` is one placeholder standing for four characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoldedChar {
    pub c: char,
    /// Char offsets into the original text: `start..end`.
    pub start: usize,
    pub end: usize,
}

/// The placeholder a hidden-value run reads as.
pub const HIDDEN: char = '※';

/// The fingerprint form of `text` (see [`fold_for_fingerprint`]), each character with where it
/// came from, so that a match found in the folded form can be shown in the original.
pub fn fingerprint_indexed(text: &str) -> Vec<FoldedChar> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let run = hidden_run_len(&chars, i);
        if run > 0 {
            out.push(FoldedChar {
                c: HIDDEN,
                start: i,
                end: i + run,
            });
            i += run;
            continue;
        }
        i += 1;
        if is_space(c) || is_punctuation(c) {
            continue;
        }
        let c = if is_party_mask(&chars, i - 1) {
            '党'
        } else {
            fold_char(c)
        };
        out.push(FoldedChar {
            c,
            start: i - 1,
            end: i,
        });
    }
    out
}

/// The form of `text` that fingerprints compare: the search form without punctuation, with
/// every hidden-value run (`xx`, `xxxx`) read as one placeholder, so a masked and an unmasked
/// copy of the same speech look alike.
pub fn fold_for_fingerprint(text: &str) -> String {
    fingerprint_indexed(text).into_iter().map(|f| f.c).collect()
}

/// Punctuation, Chinese or Latin (not letters, digits or ideographs).
pub fn is_punctuation(c: char) -> bool {
    // Most characters of the library are common ideographs: answer them first.
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return false;
    }
    c.is_ascii_punctuation()
        || matches!(c,
        '\u{3000}'..='\u{303F}'   // CJK symbols and punctuation: 、。〈〉《》「」『』【】〔〕
        | '\u{FF01}'..='\u{FF0F}' // ！＂＃＄％＆＇（）＊＋，－．／
        | '\u{FF1A}'..='\u{FF20}' // ：；＜＝＞？＠
        | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FF65}'
        | '\u{2010}'..='\u{2027}' // dashes, quotes “”‘’, ellipsis …
        | '\u{2030}'..='\u{205E}'
        | '\u{00A1}'..='\u{00BF}'
        | '\u{FE10}'..='\u{FE1F}'
        | '\u{FE30}'..='\u{FE6F}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preimages_are_exactly_the_characters_that_fold_to_a_character() {
        let all: Vec<char> = (0..0x11000u32).filter_map(char::from_u32).collect();
        for target in ['a', 'z', '0', '9', '党', '水', '，'] {
            let mut expected: Vec<char> = all
                .iter()
                .copied()
                .filter(|&c| fold_char(c) == target)
                .collect();
            if target == '党' {
                expected.extend(['D', 'Ｄ']);
            }
            let mut got = preimages(target);
            expected.sort_unstable();
            got.sort_unstable();
            assert_eq!(got, expected, "{target}");
        }
    }

    #[test]
    fn char_count_agrees_with_chars() {
        for text in ["", "abc", "水利工作，１２月", "𠀀emoji😀\n"] {
            assert_eq!(char_count(text), text.chars().count());
        }
    }

    #[test]
    fn search_form() {
        assert_eq!(fold_for_search("D的二十大"), "党的二十大");
        assert_eq!(fold_for_search("１２月３１日"), "12月31日");
        assert_eq!(fold_for_search("第一条　为了 PDF"), "第一条为了pdf");
        assert_eq!(fold_for_search("水，利"), "水，利");
    }

    #[test]
    fn indexed_positions_point_into_the_original() {
        let folded = fold_indexed("第一条　为了");
        assert_eq!(folded[3], (4, '为'));
    }

    #[test]
    fn fingerprint_form_reads_through_masks() {
        assert_eq!(
            fold_for_fingerprint("为全面建设新xx贡献，D的力量。"),
            fold_for_fingerprint("为全面建设新江苏贡献党的力量").replace("江苏", "※")
        );
    }
}
