//! Text as lines: the shape every format is flattened into.
//!
//! A line is one paragraph (or heading, list item, table cell …). A blank line stands for a
//! gap between blocks; runs of blank lines are collapsed to one, and the text neither starts
//! nor ends with one. Trailing spaces of lines are removed.

/// Accumulates inline text into the current line and lines into the output.
#[derive(Debug, Default)]
pub(crate) struct Lines {
    lines: Vec<String>,
    current: String,
    space: Space,
}

/// Whitespace seen since the last character of the current line.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Space {
    #[default]
    None,
    /// A space or tab: kept as one space.
    Plain,
    /// A run that contained a line break (source wrapping): a space between Latin words,
    /// nothing between Chinese characters.
    Soft,
}

/// Characters written without spaces between them (Han, kana, CJK punctuation, full-width
/// forms).
fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

impl Lines {
    pub(crate) fn new() -> Lines {
        Lines::default()
    }

    /// Appends inline text, collapsing runs of whitespace to one space.
    pub(crate) fn push_inline(&mut self, text: &str) {
        for c in text.chars() {
            match c {
                '\n' | '\r' => self.space = Space::Soft,
                ' ' | '\t' | '\u{0C}' | '\u{A0}' => {
                    if self.space == Space::None {
                        self.space = Space::Plain;
                    }
                }
                _ => self.push_char(c),
            }
        }
    }

    /// Appends text verbatim, except that '\n' ends the line (for preformatted text).
    pub(crate) fn push_raw(&mut self, text: &str) {
        self.flush_space(None);
        for (i, part) in text.split('\n').enumerate() {
            if i > 0 {
                self.break_line();
            }
            self.current
                .push_str(part.strip_suffix('\r').unwrap_or(part));
        }
    }

    /// A soft line break (e.g. Markdown's): like whitespace that contained a newline.
    pub(crate) fn soft_break(&mut self) {
        self.space = Space::Soft;
    }

    fn push_char(&mut self, c: char) {
        self.flush_space(Some(c));
        self.current.push(c);
    }

    fn flush_space(&mut self, next: Option<char>) {
        let space = std::mem::take(&mut self.space);
        let Some(prev) = self.current.chars().next_back() else {
            return;
        };
        let wanted = match space {
            Space::None => false,
            Space::Plain => true,
            Space::Soft => !(is_wide(prev) && next.is_some_and(is_wide)),
        };
        if wanted && !prev.is_whitespace() {
            self.current.push(' ');
        }
    }

    /// Ends the current line if it has any text.
    pub(crate) fn end_line(&mut self) {
        self.space = Space::None;
        let line = self.current.trim_end();
        if !line.trim_start().is_empty() {
            self.lines.push(line.to_owned());
        }
        self.current.clear();
    }

    /// Ends the current line; if it was empty, adds a blank line (like `<br><br>`).
    pub(crate) fn break_line(&mut self) {
        if self.current.trim().is_empty() {
            self.blank();
        }
        self.end_line();
    }

    /// Ends the current line and leaves a blank line before whatever comes next.
    pub(crate) fn gap(&mut self) {
        self.end_line();
        self.blank();
    }

    fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
    }

    /// Adds a whole line (an empty one is a blank line).
    pub(crate) fn push_line(&mut self, line: &str) {
        self.end_line();
        if line.trim().is_empty() {
            self.blank();
        } else {
            self.lines.push(line.trim_end().to_owned());
        }
    }

    /// True when nothing has been written yet.
    pub(crate) fn is_empty(&self) -> bool {
        self.lines.is_empty() && self.current.trim().is_empty()
    }

    /// The lines joined by '\n', without leading or trailing blank lines.
    pub(crate) fn finish(mut self) -> String {
        self.end_line();
        while self.lines.last().is_some_and(String::is_empty) {
            self.lines.pop();
        }
        self.lines.join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_and_gaps() {
        let mut l = Lines::new();
        l.gap();
        l.push_inline("  Hello \t  world\n again ");
        l.gap();
        l.gap();
        l.push_inline("中华\n人民");
        l.break_line();
        l.break_line();
        l.push_raw("  code\n    indented");
        l.gap();
        assert_eq!(
            l.finish(),
            "Hello world again\n\n中华人民\n\n  code\n    indented"
        );
    }

    #[test]
    fn push_line_keeps_single_blank() {
        let mut l = Lines::new();
        for line in ["", "a", "", "", "b", ""] {
            l.push_line(line);
        }
        assert_eq!(l.finish(), "a\n\nb");
    }
}
