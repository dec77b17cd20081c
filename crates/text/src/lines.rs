//! What a line of Chinese prose is: a sentence end, a title, a line broken mid-sentence.

/// Characters that end a sentence (or a clause that reads as one: `；`).
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';')
}

/// Closing quotes and brackets: `”` `）` `》` `】`…
pub fn is_closing(c: char) -> bool {
    matches!(c, '”' | '’' | '）' | ')' | '」' | '』' | '》' | '】')
}

/// Opening quotes and brackets: `“` `（` `《` `【`…
pub fn is_opening(c: char) -> bool {
    matches!(c, '“' | '‘' | '（' | '(' | '「' | '『' | '《' | '【')
}

/// Whether `line` ends a sentence (or a lead-in such as `同志们：`), so that the next line
/// starts a new paragraph.
pub fn ends_sentence(line: &str) -> bool {
    let trimmed = line.trim_end();
    // Closing marks may follow a sentence end: `…指明了方向。”`.
    let mut rev = trimmed
        .chars()
        .rev()
        .skip_while(|&c| is_closing(c) || c == '"' || c == '\'');
    rev.next()
        .is_some_and(|c| is_sentence_end(c) || matches!(c, '…' | '：' | ':'))
}

/// Longest title in characters: compilation titles of speeches run up to about 60.
pub const MAX_TITLE_CHARS: usize = 64;

/// Whether `line` could be a title: non-empty, short, and not ending a sentence.
/// Short lines ending in `。` or `？` are prose, not titles.
pub fn is_title_like(line: &str) -> bool {
    let len = line.chars().count();
    len > 0
        && len <= MAX_TITLE_CHARS
        && !ends_sentence(line)
        && !line.ends_with(['，', ',', '、'])
        && line
            .chars()
            .any(|c| crate::masks::is_cjk(c) || c.is_alphanumeric())
}

/// Whether `line` was broken mid-sentence and `next` continues it: the line stops inside a
/// sentence and is too long to be a heading, or stops at a comma, and `next` is prose.
pub fn continues_on_next_line(line: &str, next: &str) -> bool {
    if line.is_empty() || next.is_empty() || ends_sentence(line) {
        return false;
    }
    let stops_at_comma = line.ends_with(['，', ',', '、']);
    stops_at_comma || line.chars().count() > 40
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("这是一句话。"));
        assert!(ends_sentence("他说：“好。”"));
        assert!(ends_sentence("面对新使命新任务，如何贯彻落实会议精神？"));
        assert!(ends_sentence("同胞们、朋友们："));
        assert!(!ends_sentence(
            "五是坚持用文化的理念发展旅游、推动“两廊两带两区”"
        ));
        assert!(!ends_sentence("为全面建设社会主义现代化新xx贡献水利力量"));
    }

    #[test]
    fn titles() {
        assert!(is_title_like("为全面建设社会主义现代化新xx贡献水利力量"));
        assert!(!is_title_like("面对新使命新任务，如何贯彻落实会议精神？"));
        assert!(!is_title_like(
            "成绩的取得，最根本的原因在于以同志为核心的D中央的坚强领导。"
        ));
        assert!(!is_title_like(""));
        assert!(!is_title_like(&"长".repeat(65)));
    }

    #[test]
    fn broken_sentence_is_joined() {
        let line = "四是打造文旅产业发展“xx亮点”，实施重大文化产业项目带动战略。五是坚持用文化的理念发展旅游、用旅游的载体传播文化，推动“两廊两带两区”";
        assert!(continues_on_next_line(
            line,
            "文旅发展布局从蓝图转化为实景。"
        ));
        assert!(!continues_on_next_line("一、总体要求", "坚持稳中求进。"));
        assert!(!continues_on_next_line("句子结束了。", "下一段。"));
    }
}
