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

/// Spaces other than the ASCII space: the ideographic (full-width) space, no-break spaces.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{3000}' | '\u{00A0}' | '\u{202F}' | '\u{2007}')
}

/// Cleans one line: invisible characters dropped, every kind of space made an ASCII space,
/// runs of spaces collapsed, the ends trimmed (full-width indentation included).
pub fn clean_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut pending_space = false;
    for c in line.chars() {
        if is_invisible(c) || c == '\r' {
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

/// Splits text into cleaned lines, whatever its line endings (`\n`, `\r\n`, `\r`).
pub fn clean_lines(text: &str) -> Vec<String> {
    unify_line_endings(text)
        .split('\n')
        .map(clean_line)
        .collect()
}

/// Normalises line endings to `\n`.
pub fn unify_line_endings(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
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
    }
}
