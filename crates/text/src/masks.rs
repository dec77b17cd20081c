//! Masks: publishers hide words that would draw filters or identify people.
//!
//! `D` stands for 党 (`D的二十大`, `中国共产D`), and runs of `x` stand for a hidden name, place
//! or number (`新xx`, `xxxx年`, `x个`). The original text is kept as written; these predicates
//! let search, fingerprints and metadata read through the masks.

use serde::{Deserialize, Serialize};

/// A CJK ideograph (the unified blocks and their extensions, and compatibility ideographs).
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2EBEF}'
        | '\u{30000}'..='\u{3134F}')
}

fn is_ascii_word(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphanumeric() || ('\u{FF10}'..='\u{FF5A}').contains(&c))
}

/// Whether the `D` at `chars[i]` masks 党: a lone capital D (half- or full-width) beside Chinese
/// text, not part of a Latin word such as `PDF` or `DP`.
pub fn is_party_mask(chars: &[char], i: usize) -> bool {
    if !matches!(chars[i], 'D' | 'Ｄ') {
        return false;
    }
    let prev = i.checked_sub(1).map(|j| chars[j]);
    let next = chars.get(i + 1).copied();
    !is_ascii_word(prev)
        && !is_ascii_word(next)
        && (prev.is_some_and(is_cjk) || next.is_some_and(is_cjk))
}

/// Length of the run of hidden-value `x` starting at `chars[i]`, or 0 when there is none: a run
/// of up to eight `x` or `X` not inside a Latin word, standing beside Chinese text or digits.
pub fn hidden_run_len(chars: &[char], i: usize) -> usize {
    let is_x = |c: char| matches!(c, 'x' | 'X' | 'ｘ' | 'Ｘ');
    if !is_x(chars[i]) || (i > 0 && is_x(chars[i - 1])) {
        return 0;
    }
    let len = chars[i..].iter().take_while(|&&c| is_x(c)).count();
    let prev = i.checked_sub(1).map(|j| chars[j]);
    let next = chars.get(i + len).copied();
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
    let context = |c: Option<char>| c.is_some_and(|c| is_cjk(c) || c.is_ascii_digit());
    if len > 8 || latin(prev) || latin(next) || !(context(prev) || context(next)) {
        return 0;
    }
    len
}

/// How many masks an article holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaskCounts {
    /// `D` standing for 党.
    pub party: usize,
    /// Runs of `x` standing for a hidden name, place or number.
    pub hidden: usize,
}

/// Counts the masks in `text`.
pub fn count_masks(text: &str) -> MaskCounts {
    let chars: Vec<char> = text.chars().collect();
    let mut counts = MaskCounts::default();
    for i in 0..chars.len() {
        if is_party_mask(&chars, i) {
            counts.party += 1;
        } else if hidden_run_len(&chars, i) > 0 {
            counts.hidden += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn party_at(s: &str, i: usize) -> bool {
        is_party_mask(&s.chars().collect::<Vec<_>>(), i)
    }

    #[test]
    fn party_mask_only_beside_chinese() {
        assert!(party_at("D的二十大", 0));
        assert!(party_at("中国共产D领导", 4));
        assert!(party_at("全D全国", 1));
        assert!(!party_at("PDF文件", 1));
        assert!(!party_at("全县DP总量", 2));
        assert!(!party_at("D", 0));
        assert!(!party_at("a D b", 2));
    }

    #[test]
    fn hidden_runs() {
        let chars: Vec<char> = "新xx贡献xxxx年x个box".chars().collect();
        assert_eq!(hidden_run_len(&chars, 1), 2);
        assert_eq!(hidden_run_len(&chars, 2), 0, "inside a run");
        assert_eq!(hidden_run_len(&chars, 5), 4);
        assert_eq!(hidden_run_len(&chars, 10), 1);
        assert_eq!(hidden_run_len(&chars, 14), 0, "the x of box");
        let counts = count_masks("D的二十大提出xx年，PDF和box");
        assert_eq!(
            counts,
            MaskCounts {
                party: 1,
                hidden: 1
            }
        );
    }
}
