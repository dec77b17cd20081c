//! Cleaning text as it arrives: line endings, odd spaces and invisible characters.
//!
//! This is the only change made to what a publisher wrote; the original bytes stay on record.

/// Characters that carry no text: zero-width spaces and joiners, the BOM, word joiners.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// Characters that are not text and that no output may carry: the C0 control characters but
/// tab, line feed and carriage return (XML 1.0 forbids them: a Word file holding one does not
/// open), DEL and the C1 control characters (XML 1.0 allows but discourages them; in Chinese text
/// they only come from a file decoded with the wrong code page), and the Unicode
/// noncharacters (U+FFFE and U+FFFF, which XML forbids, and U+FDD0–U+FDEF and the last two
/// code points of every plane, which it discourages).
pub fn is_forbidden(c: char) -> bool {
    let n = c as u32;
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{7F}'..='\u{9F}')
        || (0xFDD0..=0xFDEF).contains(&n)
        || n & 0xFFFE == 0xFFFE
}

/// Text a person typed (a draft, a name): line endings unified to `\n` (a form feed or
/// vertical tab, a page break in old files, ends a line too), tabs kept, and the characters of
/// [`is_forbidden`] left out.
pub fn clean_text(text: &str) -> String {
    unify_line_endings(text)
        .chars()
        .filter(|&c| !is_forbidden(c))
        .collect()
}

/// Spaces other than the ASCII space: the ideographic (full-width) space, no-break spaces.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{3000}' | '\u{00A0}' | '\u{202F}' | '\u{2007}')
}

/// Cleans one line: invisible characters and those of [`is_forbidden`] dropped, every kind of
/// space made an ASCII space, runs of spaces collapsed, the ends trimmed (full-width
/// indentation included).
pub fn clean_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut pending_space = false;
    for c in line.chars() {
        if is_invisible(c) || c == '\r' || is_forbidden(c) {
            continue;
        }
        if is_space(c) {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    out
}

/// Splits text into cleaned lines, whatever its line endings (`\n`, `\r\n`, `\r`, and the
/// page breaks of old files: form feed, vertical tab).
pub fn clean_lines(text: &str) -> Vec<String> {
    clean_lines_indented(text)
        .into_iter()
        .map(|(line, _)| line)
        .collect()
}

/// [`clean_lines`], each line with whether it was indented (a tab, an ideographic space or two
/// spaces before its text), as paragraphs' first lines are in many files.
pub fn clean_lines_indented(text: &str) -> Vec<(String, bool)> {
    unify_line_endings(text)
        .split('\n')
        .flat_map(paragraphs_in_line)
        .map(|line| (clean_line(line), is_indented(line)))
        .collect()
}

fn is_indented(line: &str) -> bool {
    let mut lead = line.chars().take_while(|&c| is_space(c) || is_invisible(c));
    let first = lead.next();
    first.is_some_and(|c| c == '\t' || c == '\u{3000}') || lead.any(is_space)
}

/// A line holding several paragraphs, each after the indent `　　` (two ideographic spaces), as
/// a speech stored one per line is: split where such an indent follows the end of a sentence,
/// or a lead-in (`：`, `——`) when a sentence's worth of text follows. Elsewhere (`姓名　　张三`,
/// aligned columns) the spaces stay spaces.
fn paragraphs_in_line(line: &str) -> Vec<&str> {
    const INDENT: &str = "\u{3000}\u{3000}";
    let mut out = Vec::new();
    let mut start = 0;
    let mut from = 0;
    while let Some(at) = line[from..].find(INDENT).map(|i| from + i) {
        let before = line[start..at].trim_end_matches(is_space);
        let ends_sentence = before.chars().last().is_some_and(|c| {
            matches!(
                c,
                '。' | '！' | '？' | '!' | '?' | '；' | '…' | '”' | '」' | '』'
            )
        });
        // A lead-in (`主要表现为：`, `请看——`) before a paragraph, not before a column's value:
        // what follows the indent runs on for a sentence.
        let next = line[at..].trim_start_matches(is_space);
        let next_len = next[..next.find(INDENT).unwrap_or(next.len())]
            .chars()
            .count();
        let leads_in = before.ends_with(['：', '—']) && next_len >= 20;
        if ends_sentence || leads_in {
            out.push(&line[start..at]);
            start = at;
        }
        from = at + INDENT.len();
    }
    out.push(&line[start..]);
    out
}

/// Normalises line endings to `\n`; a form feed or vertical tab (a page break) ends a line.
pub fn unify_line_endings(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace(['\r', '\u{C}', '\u{B}'], "\n")
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_speech_on_one_line_is_split_at_its_paragraph_indents() {
        let line = "　　同志们：今天开会。　　第一，提高认识。　　第二，狠抓落实！　　姓名　　张三";
        assert_eq!(
            super::clean_lines(line),
            [
                "同志们：今天开会。",
                "第一，提高认识。",
                "第二，狠抓落实！",
                "姓名 张三"
            ]
        );
        assert_eq!(super::clean_lines("项目　　金额"), ["项目 金额"]);
        assert_eq!(
            super::clean_lines(
                "　　主要表现为三种理论。请看——　　市场社会主义理论。关于市场社会主义的讨论由来已久。　　姓名：　　张三"
            ),
            [
                "主要表现为三种理论。请看——",
                "市场社会主义理论。关于市场社会主义的讨论由来已久。",
                "姓名： 张三"
            ]
        );
        let marked = super::clean_lines_indented("　　甲。　　乙。\n续行\n  丙\n\t丁\n 戊");
        let flags: Vec<bool> = marked.iter().map(|(_, i)| *i).collect();
        assert_eq!(flags, [true, true, false, true, true, false]);
    }

    use super::*;

    #[test]
    fn full_width_indent_and_invisibles_are_removed() {
        assert_eq!(
            clean_line("\u{3000}\u{3000}水是万物之母\u{200B}。 "),
            "水是万物之母。"
        );
        assert_eq!(clean_line("第一条\u{3000}为了"), "第一条 为了");
        assert_eq!(clean_line("a \u{00A0}\t b"), "a b");
    }

    #[test]
    fn line_endings_are_unified() {
        assert_eq!(unify_line_endings("a\r\nb\rc\n"), "a\nb\nc\n");
        assert_eq!(unify_line_endings("a\u{C}b\u{B}c"), "a\nb\nc");
    }

    #[test]
    fn characters_xml_refuses_are_not_text() {
        for c in [
            '\u{0}',
            '\u{7}',
            '\u{8}',
            '\u{B}',
            '\u{C}',
            '\u{E}',
            '\u{1B}',
            '\u{1F}',
            '\u{7F}',
            '\u{85}',
            '\u{9F}',
            '\u{FDD0}',
            '\u{FFFE}',
            '\u{FFFF}',
            '\u{1FFFE}',
            '\u{10FFFF}',
        ] {
            assert!(is_forbidden(c), "{:?}", c);
        }
        for c in [
            '\t',
            '\n',
            '\r',
            ' ',
            '~',
            '\u{A0}',
            '\u{3000}',
            '水',
            '\u{FFFD}',
            '\u{1F600}',
        ] {
            assert!(!is_forbidden(c), "{:?}", c);
        }
        assert_eq!(
            clean_line("\u{7}水是\u{1B}[31m万物\u{FFFE}之母\u{FFFF}\u{85}。\u{0}"),
            "水是[31m万物之母。"
        );
        assert_eq!(
            clean_lines("第一页。\u{C}第二页。"),
            ["第一页。", "第二页。"]
        );
        assert_eq!(
            clean_text("一、标题\r\n\t正文\u{7}。\u{C}下一页\u{FFFE}"),
            "一、标题\n\t正文。\n下一页"
        );
    }
}
