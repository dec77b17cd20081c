//! The publisher's paid markers: `##paidbegin##` … `##paidend##`.
//!
//! Text before the begin marker is the free preview, text between is for members, text after
//! the end marker is not part of the material. Markers may be glued to text
//! (`##paidbegin##水是万物之母…`), written with full-width `＃` or in any case.

/// Stands where `##paidbegin##` stood while the text is cut into articles, so that the paid
/// boundary moves with the text it belongs to. A private-use character: no real text has it.
pub const PAID: char = '\u{E000}';

/// The text of a material with its markers taken out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marked {
    /// The text up to `##paidend##`, with [`PAID`] where `##paidbegin##` stood.
    pub text: String,
    /// What followed `##paidend##`.
    pub after_end: String,
    /// Whether the material had any paid marker.
    pub has_markers: bool,
    /// Problems with the markers, in sentences for the import report.
    pub warnings: Vec<String>,
}

/// Finds `##name##` (with `#` or `＃`, any case) in `text`: byte ranges of each occurrence.
fn find_marker(text: &str, name: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(rel) = lower[from..].find(name) {
        let start = from + rel;
        let end = start + name.len();
        let before = hashes_back(&lower, start);
        let after = hashes_forward(&lower, end);
        if let (Some(b), Some(a)) = (before, after) {
            found.push((b, a));
            from = a;
        } else {
            from = end;
        }
    }
    found
}

fn is_hash(c: char) -> bool {
    c == '#' || c == '＃'
}

/// Start of the two hash marks right before `at`, if there are two.
fn hashes_back(text: &str, at: usize) -> Option<usize> {
    let mut chars = text[..at].char_indices().rev();
    let (_, a) = chars.next()?;
    let (i, b) = chars.next()?;
    (is_hash(a) && is_hash(b)).then_some(i)
}

/// End of the two hash marks right after `at`, if there are two.
fn hashes_forward(text: &str, at: usize) -> Option<usize> {
    let mut chars = text[at..].char_indices();
    let (_, a) = chars.next()?;
    let (i, b) = chars.next()?;
    (is_hash(a) && is_hash(b)).then_some(at + i + b.len_utf8())
}

/// Takes the paid markers out of `text`.
pub fn take_markers(text: &str) -> Marked {
    let begins = find_marker(text, "paidbegin");
    let ends = find_marker(text, "paidend");
    let mut warnings = Vec::new();
    if begins.len() > 1 {
        warnings.push(format!(
            "{} ##paidbegin## markers: the first one starts the paid part",
            begins.len()
        ));
    }
    if ends.len() > 1 {
        warnings.push(format!(
            "{} ##paidend## markers: the material ends at the last one",
            ends.len()
        ));
    }
    let end = ends.last().copied();
    let begin = begins
        .first()
        .copied()
        .filter(|b| end.is_none_or(|e| b.0 < e.0));
    if begins.is_empty() && end.is_some() {
        warnings.push(
            "##paidend## without ##paidbegin##: the whole material is treated as paid".into(),
        );
    }

    let cut = end.map_or(text.len(), |e| e.0);
    let after_end = end.map_or(String::new(), |e| text[e.1..].to_string());
    let mut out = String::with_capacity(cut + 3);
    let mut pos = 0;
    let mut markers: Vec<(usize, usize, bool)> = begins
        .iter()
        .map(|&(s, e)| (s, e, Some((s, e)) == begin))
        .chain(ends.iter().map(|&(s, e)| (s, e, false)))
        .filter(|(s, ..)| *s < cut)
        .collect();
    markers.sort();
    if begin.is_none() && end.is_some() {
        out.push(PAID);
    }
    for (s, e, is_begin) in markers {
        out.push_str(&text[pos..s]);
        if is_begin {
            out.push(PAID);
        }
        pos = e;
    }
    out.push_str(&text[pos.min(cut)..cut]);
    Marked {
        text: out,
        after_end,
        has_markers: !begins.is_empty() || !ends.is_empty(),
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glued_begin_and_own_line_end() {
        let m = take_markers("标题\n\n##paidbegin##水是万物之母。\n正文。\n##paidend##\n之后");
        assert_eq!(m.text, "标题\n\n\u{E000}水是万物之母。\n正文。\n");
        assert_eq!(m.after_end, "\n之后");
        assert!(m.has_markers);
        assert!(m.warnings.is_empty());
    }

    #[test]
    fn full_width_and_upper_case() {
        let m = take_markers("免费＃＃PaidBegin＃＃付费");
        assert_eq!(m.text, "免费\u{E000}付费");
    }

    #[test]
    fn no_markers() {
        let m = take_markers("普通文本 #paidbegin# 不算");
        assert_eq!(m.text, "普通文本 #paidbegin# 不算");
        assert!(!m.has_markers);
    }

    #[test]
    fn end_without_begin_makes_everything_paid() {
        let m = take_markers("正文\n##paidend##");
        assert_eq!(m.text, "\u{E000}正文\n");
        assert_eq!(m.warnings.len(), 1);
    }
}
