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
/// starts a new paragraph. A credit in brackets after the end of a sentence (`…基地。（卢传友）`)
/// ends it too.
pub fn ends_sentence(line: &str) -> bool {
    let trimmed = line.trim_end();
    if ends_with_sentence_mark(trimmed) {
        return true;
    }
    if trimmed.ends_with(['）', ')'])
        && let Some(open) = trimmed.rfind(['（', '('])
    {
        return trimmed[..open]
            .chars()
            .next_back()
            .is_some_and(|c| is_sentence_end(c) || c == '…');
    }
    false
}

/// Whether `line` ends in a sentence mark, closing quotes or brackets after it allowed
/// (`…指明了方向。”`).
pub fn ends_with_sentence_mark(line: &str) -> bool {
    line.trim_end()
        .chars()
        .rev()
        .find(|&c| !(is_closing(c) || c == '"' || c == '\''))
        .is_some_and(|c| is_sentence_end(c) || matches!(c, '…' | '：' | ':'))
}

/// Characters a line of prose never starts with: they close or continue what came before
/// (`。`, `，`, `、`, `》`, `”`, `）`…), so a line starting with one continues the previous line.
pub fn is_continuation_start(c: char) -> bool {
    matches!(
        c,
        '。' | '，'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '…'
            | '）'
            | '》'
            | '”'
            | '』'
            | '」'
            | '】'
            | '〉'
            | '〕'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | ']'
    )
}

/// Whether `line` starts mid-sentence: with a character that closes or continues what came
/// before it ([`is_continuation_start`]), or inside a quote or brackets that it closes without
/// opening within its first characters (`友”，从华侨华人…`). `’` may open a line (`’９８`).
pub fn starts_mid_sentence(line: &str) -> bool {
    let line = line.trim_start();
    if line.chars().next().is_some_and(is_continuation_start) {
        return true;
    }
    // A closing mark without its opening one, near the start: the line began inside a quote.
    let mut open: Vec<char> = Vec::new();
    for c in line.chars().take(12) {
        if let Some(close) = matching_close(c) {
            open.push(close);
        } else if matches!(c, '”' | '）' | '》' | '」' | '』' | '】') {
            match open.iter().rposition(|&close| close == c) {
                Some(k) => open.truncate(k),
                None => return true,
            }
        }
    }
    false
}

fn matching_close(open: char) -> Option<char> {
    Some(match open {
        '“' => '”',
        '‘' => '’',
        '（' => '）',
        '(' => ')',
        '「' => '」',
        '『' => '』',
        '《' => '》',
        '【' => '】',
        '〔' => '〕',
        '[' => ']',
        _ => return None,
    })
}

/// How far back an unclosed bracket or quote may stand and still hold the line open: quotes
/// and titles run a sentence or two, and a stray bracket earlier in a paragraph (a typo) must
/// not glue the rest of the file together.
const OPEN_REACH: usize = 120;

/// Whether `text` stops inside brackets or quotes (`“…`, `（…`, `《…`) opened in its last
/// `OPEN_REACH` characters.
pub fn stops_inside_brackets(text: &str) -> bool {
    // Only the last characters can hold such a bracket: a closing one among them whose opening
    // one stands earlier is ignored either way.
    let mut chars: Vec<char> = text.trim_end().chars().rev().take(OPEN_REACH).collect();
    chars.reverse();
    let mut open: Vec<(usize, char)> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if let Some(close) = matching_close(c) {
            open.push((i, close));
        } else if let Some(k) = open.iter().rposition(|&(_, close)| close == c) {
            open.truncate(k);
        }
    }
    open.last()
        .is_some_and(|&(i, _)| chars.len() - i <= OPEN_REACH)
}

/// Chinese numerals as section numbers use them.
fn is_cn_numeral(c: char) -> bool {
    "一二三四五六七八九十".contains(c)
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Whether `line` opens with a section number: `一、`, `（一）`, `(1)`, `1.`, `1、`, `第一章`,
/// `第二节`, `第三条`, `第一部分`, `①` (`第一篇` numbers a document, not a section). An Arabic
/// number followed by more digits or a percent sign (`1.5`, `1.5%`) is not one.
pub fn is_section_heading(line: &str) -> bool {
    let chars: Vec<char> = line.trim_start().chars().collect();
    let run = |from: usize, f: fn(char) -> bool| {
        chars[from.min(chars.len())..]
            .iter()
            .take_while(|&&c| f(c))
            .count()
    };
    let has_text_at = |i: usize| {
        chars
            .get(i)
            .is_some_and(|&c| !c.is_whitespace() || chars.len() > i + 1)
    };
    let Some(&first) = chars.first() else {
        return false;
    };
    if ('①'..='⑳').contains(&first) {
        return has_text_at(1);
    }
    if matches!(first, '（' | '(') {
        let n = run(1, is_cn_numeral).max(run(1, is_digit));
        return n > 0
            && n <= 3
            && matches!(chars.get(1 + n), Some('）' | ')'))
            && has_text_at(2 + n);
    }
    if first == '第' {
        let n = run(1, is_cn_numeral).max(run(1, is_digit));
        let unit: String = chars.iter().skip(1 + n).take(2).collect();
        return n > 0 && (unit.starts_with(['章', '节', '条', '讲', '编']) || unit == "部分");
    }
    let n = run(0, is_cn_numeral);
    if n > 0 && n <= 3 {
        return chars.get(n) == Some(&'、') && has_text_at(n + 1);
    }
    let n = run(0, is_digit);
    n > 0
        && n <= 2
        && matches!(chars.get(n), Some('.' | '．' | '、'))
        && chars
            .get(n + 1)
            .is_some_and(|&c| !is_digit(c) && !matches!(c, '%' | '％' | '.' | '．'))
}

/// Longest section heading kept as a line of its own: a numbered line longer than this is a
/// paragraph that opens with its number.
const MAX_HEADING_CHARS: usize = 40;

/// Whether `line` is only a date (`2021年8月18日`, `二〇二二年九月十六日`, `2019-07-27`), as
/// a signature block ends.
pub fn is_date_line(line: &str) -> bool {
    let line = line.trim();
    let len = line.chars().count();
    if !(6..=20).contains(&len) {
        return false;
    }
    let dateish = |c: char| is_digit(c) || "〇零一二三四五六七八九十年月日-./ ".contains(c);
    line.chars().all(dateish)
        && (line.contains('年') || line.contains('-') || line.contains('/'))
        && line
            .chars()
            .filter(|&c| is_digit(c) || "〇零一二三四五六七八九十".contains(c))
            .count()
            >= 4
}

/// Whether `line` is a subtitle, series or dating line opened by a dash (`——在…上的讲话（…）`,
/// `——…系列评论之一`): short, one phrase. A dash opening a long line of prose is a dash.
fn is_subtitle(line: &str) -> bool {
    let line = line.trim();
    line.starts_with('—')
        && line.chars().count() <= MAX_TITLE_CHARS
        && !has_inner_sentence_end(line)
        && !line.ends_with(['，', ','])
}

/// Whether `line` is wholly in one pair of brackets (`（2024年3月5日在…上）`, `【理论学习】`,
/// `（新华社记者摄）`) and short.
fn is_bracketed(line: &str) -> bool {
    let line = line.trim();
    let (Some(first), Some(last)) = (line.chars().next(), line.chars().last()) else {
        return false;
    };
    if line.chars().count() < 2 {
        return false;
    }
    let inner = &line[first.len_utf8()..line.len() - last.len_utf8()];
    matching_close(first) == Some(last)
        && line.chars().count() <= MAX_TITLE_CHARS
        && !inner.contains(first)
        && !inner.contains(last)
}

/// Whether `line` stands on its own whatever follows: a section heading, a line wholly in
/// brackets (`（2024年3月5日在…上）`, `【理论学习】`, a photo credit), a subtitle or dating
/// line opened by a dash (`——在…上的讲话（…）`), a date, or a short line set out with spaces
/// (a byline `市长 张三`, a title `坚定信心 实干担当`: prose has no spaces between Chinese
/// characters), or a row of figures.
pub fn stands_alone(line: &str) -> bool {
    let line = line.trim();
    let chars: Vec<char> = line.chars().collect();
    let len = chars.len();
    if len == 0 {
        return false;
    }
    if is_section_heading(line) && len <= MAX_HEADING_CHARS {
        return true;
    }
    let bracketed = is_bracketed(line);
    let dash = is_subtitle(line);
    let spaced = len <= 16
        && chars
            .windows(3)
            .any(|w| w[1] == ' ' && !w[0].is_ascii() && !w[2].is_ascii());
    bracketed || dash || spaced || is_date_line(line) || is_data_row(line)
}

/// Longest title in characters: compilation titles of speeches run up to about 60.
pub const MAX_TITLE_CHARS: usize = 64;

/// Decorations that open a column label or an ornament line (`★ 精选范文 ★`), never a title.
fn is_ornament(c: char) -> bool {
    matches!(
        c,
        '★' | '☆'
            | '◆'
            | '◇'
            | '●'
            | '○'
            | '■'
            | '□'
            | '▲'
            | '△'
            | '▼'
            | '※'
            | '◎'
            | '❖'
            | '♦'
    )
}

/// Whether `text` holds the end of a sentence before its last character, outside quotes and
/// brackets: a title is one phrase, prose runs on.
fn has_inner_sentence_end(text: &str) -> bool {
    let chars: Vec<char> = text.trim_end().chars().collect();
    let mut depth = 0i32;
    for (i, &c) in chars.iter().enumerate() {
        if matching_close(c).is_some() {
            depth += 1;
        } else if is_closing(c) {
            depth = (depth - 1).max(0);
        } else if depth == 0 && matches!(c, '。' | '；' | ';') && i + 1 < chars.len() {
            return true;
        }
    }
    false
}

/// Whether `line` could be a title: non-empty, short, one phrase that does not end a sentence
/// and does not start mid-sentence. Short lines ending in `。` or `？` are prose, not titles; a
/// line wholly in brackets (`【理论学习】`, `（…）`; a book title `《…》` may be a title), opened by a dash (`——在…上的讲话`, `——…系列评论之一`)
/// or by an ornament (`★ 精选范文 ★`) labels or dates a title but is not one.
pub fn is_title_like(line: &str) -> bool {
    let len = line.chars().count();
    let first = line.chars().next();
    len > 0
        && len <= MAX_TITLE_CHARS
        && !ends_with_sentence_mark(line)
        && !line.ends_with(['，', ',', '、'])
        && !starts_mid_sentence(line)
        && !has_inner_sentence_end(line)
        && !first.is_some_and(|c| is_ornament(c) || c == '—')
        && !(is_bracketed(line) && first.is_some_and(|c| "（(【[〔".contains(c)))
        && line
            .chars()
            .any(|c| crate::masks::is_cjk(c) || c.is_alphanumeric())
}

/// A line longer than this that stops mid-sentence is prose broken by a line break, wherever it
/// stands: headings and bylines are shorter.
const LONG_LINE_CHARS: usize = 40;

/// How a text lays out its lines, learnt from the whole text once: whether it is hard-wrapped
/// (lines broken mid-sentence, as web scrapes and fixed-width files are), and whether blank
/// lines then separate its paragraphs (so that inside a block every break is a wrap, even one
/// that falls after `。`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Layout {
    pub wrapped: bool,
    pub blank_separated: bool,
    /// An indent starts each paragraph (and lines without one continue the line before).
    pub indented: bool,
}

impl Layout {
    /// Reads the layout from a text's lines (blank lines included) and whether each was
    /// indented: the indents mark paragraphs when two or more lines have one and most of those
    /// that follow a line of text follow the end of a sentence (a text indented throughout,
    /// wrapped lines and all, is not marked by its indents).
    pub fn of_indented<S: AsRef<str>>(lines: &[S], indents: &[bool]) -> Layout {
        let (mut marked, mut after_text, mut after_end) = (0usize, 0usize, 0usize);
        for (i, line) in lines.iter().enumerate() {
            if !indents.get(i).copied().unwrap_or(false) || line.as_ref().trim().is_empty() {
                continue;
            }
            marked += 1;
            if let Some(before) = i.checked_sub(1).map(|k| lines[k].as_ref().trim())
                && !before.is_empty()
            {
                after_text += 1;
                // A title set apart (first, or after a blank line) ends what comes before too.
                let set_apart = i < 2 || lines[i - 2].as_ref().trim().is_empty();
                if ends_sentence(before)
                    || stands_alone(before)
                    || (set_apart && is_title_like(before))
                {
                    after_end += 1;
                }
            }
        }
        Layout {
            indented: marked >= 2 && after_end * 2 >= after_text,
            ..Layout::of(lines)
        }
    }

    /// Reads the layout from a text's lines (blank lines included).
    pub fn of<S: AsRef<str>>(lines: &[S]) -> Layout {
        let (mut inner, mut open, mut ended, mut blocks) = (0usize, 0usize, 0usize, 0usize);
        let mut evident = 0usize;
        let mut previous_blank = true;
        for (i, line) in lines.iter().enumerate() {
            let line = line.as_ref().trim();
            if line.is_empty() {
                previous_blank = true;
                continue;
            }
            if previous_blank {
                blocks += 1;
            }
            previous_blank = false;
            let next_blank = lines
                .get(i + 1)
                .is_none_or(|l| l.as_ref().trim().is_empty());
            if next_blank {
                continue;
            }
            inner += 1;
            // A line that stops mid-sentence and is long enough not to be a heading or byline.
            if !ends_sentence(line) && !stands_alone(line) && line.chars().count() >= 16 {
                open += 1;
            }
            // A break that plainly falls inside a sentence (a comma, `，` or `》` starting the
            // next line, an open quote): a wrap, where a list of phrases has none.
            if let Some(next) = lines.get(i + 1)
                && runs_on(line, line, next.as_ref())
            {
                evident += 1;
            }
            if ends_sentence(line) && !line.ends_with(['：', ':']) {
                ended += 1;
            }
        }
        // Many lines stop mid-sentence, and some of the breaks plainly do: one line in ten of
        // a hard-wrapped text at least breaks at a comma or before closing punctuation.
        let wrapped = open >= 2 && open * 4 >= inner && evident >= 2 && evident * 10 >= open;
        Layout {
            wrapped,
            // Blocks that seldom hold the end of a sentence before their last line: the blocks
            // are paragraphs, every break inside one a wrap.
            blank_separated: wrapped && blocks >= 3 && ended * 2 <= blocks,
            indented: false,
        }
    }

    /// [`Layout::continues`] for a `next` line that was indented or not: in a text whose
    /// indents mark paragraphs, an indented line starts one and a line without an indent after
    /// a line that stops mid-sentence continues it.
    pub fn continues_indented(
        &self,
        paragraph: &str,
        line: &str,
        next: &str,
        next_indented: bool,
    ) -> bool {
        if self.indented && next_indented {
            return false;
        }
        let wrapped = Layout {
            wrapped: self.wrapped || self.indented,
            ..*self
        };
        wrapped.continues(paragraph, line, next)
    }

    /// Whether a paragraph that so far is `paragraph`, whose last line is `line`, continues on
    /// the line `next` (see [`continues_on_next_line`] for the rules).
    pub fn continues(&self, paragraph: &str, line: &str, next: &str) -> bool {
        let (line, next) = (line.trim(), next.trim());
        if line.is_empty() || next.is_empty() {
            return false;
        }
        if runs_on(paragraph, line, next) {
            return true;
        }
        let next_stands_alone = is_section_heading(next)
            || is_subtitle(next)
            || is_date_line(next)
            || is_bracketed(next);
        if ends_sentence(line) {
            let colon = ends_with_colon(line);
            let lead_in = colon && line.chars().count() <= 30;
            // In hard-wrapped text a long line may break after a colon inside its paragraph;
            // a list that the colon opens (`一是`, `首先`, `第一，`) starts paragraphs.
            let wrapped_colon = self.wrapped && colon && !lead_in && !starts_list_item(next);
            return (self.blank_separated || wrapped_colon)
                && !lead_in
                && !stands_alone(line)
                && !next_stands_alone;
        }
        let first = next.chars().next().unwrap_or(' ');
        if stands_alone(line) || next_stands_alone {
            return false;
        }
        // A short line before a number is a phrase of its own (`才停了下来` / `13辆车定损`, a
        // name before a telephone number); a longer one runs on.
        let len = line.chars().count();
        ((is_digit(first) || first.is_ascii_lowercase()) && len >= 16)
            || len > LONG_LINE_CHARS
            || self.wrapped
    }
}

fn ends_with_colon(line: &str) -> bool {
    line.trim_end().ends_with(['：', ':'])
}

/// Whether `line` opens an item of a list: a section number, or `一是`, `首先`, `其次`,
/// `第一，`.
fn starts_list_item(line: &str) -> bool {
    let chars: Vec<char> = line.trim_start().chars().take(3).collect();
    let numeral = |i: usize| chars.get(i).is_some_and(|&c| is_cn_numeral(c));
    is_section_heading(line)
        || (numeral(0) && chars.get(1) == Some(&'是'))
        || (chars.first() == Some(&'第')
            && numeral(1)
            && matches!(chars.get(2), Some('，' | ',' | '、')))
        || ["首先", "其次"]
            .iter()
            .any(|w| line.trim_start().starts_with(w))
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || is_digit(c)
        || ('ａ'..='ｚ').contains(&c)
        || ('Ａ'..='Ｚ').contains(&c)
}

/// Whether the sentence of `paragraph` (whose last line is `line`) plainly runs on into `next`,
/// whatever the layout: `next` starts with closing or continuing punctuation, the paragraph
/// stops inside brackets or quotes, `line` stops at a comma or dash, or in a Latin word or
/// number that `next` goes on with (`广义货币M` / `2`). A line followed by such a line is no
/// title.
pub fn runs_on(paragraph: &str, line: &str, next: &str) -> bool {
    let (line, next) = (line.trim(), next.trim());
    if line.is_empty() || next.is_empty() {
        return false;
    }
    if starts_mid_sentence(next) {
        return true;
    }
    // A quotation of several paragraphs opens each with `“` and closes only the last: a
    // sentence's end before an opening quote ends the paragraph, the quote open or not.
    let new_quote = ends_with_sentence_mark(line) && next.starts_with(['“', '「', '『']);
    if stops_inside_brackets(paragraph) && !is_section_heading(next) && !new_quote {
        return true;
    }
    if ends_sentence(line) {
        return false;
    }
    if line.ends_with(['，', ',', '、', '—', '-', '/']) {
        return true;
    }
    let last = line.chars().last().unwrap_or(' ');
    let first = next.chars().next().unwrap_or(' ');
    is_latin(last) && is_latin(first) && !(is_data_row(line) && is_data_row(next))
}

/// Whether `line` is a row of figures (a table of prices or scores): twelve characters or
/// more, at least half of them digits and at most a quarter Chinese characters.
pub fn is_data_row(line: &str) -> bool {
    let (mut digits, mut han, mut all) = (0usize, 0usize, 0usize);
    for c in line.chars().filter(|c| !c.is_whitespace()) {
        all += 1;
        digits += usize::from(is_digit(c));
        han += usize::from(crate::masks::is_cjk(c));
    }
    all >= 12 && digits * 2 >= all && han * 4 <= all
}

/// Whether `line` was broken mid-sentence and `next` continues it, knowing nothing of the rest
/// of the text: `next` starts with closing or continuing punctuation (`。`, `》`, `、`…); `line`
/// stops inside brackets or quotes, or at a comma, or in a Latin word or number that `next`
/// goes on with (`M` / `2`); or `line` has not ended its sentence, does not stand alone (a
/// heading, a dating line, a byline) and either `next` starts with a digit or a lower-case
/// letter or `line` is too long to be a heading. [`Layout::continues`] also joins short lines
/// of hard-wrapped text.
pub fn continues_on_next_line(line: &str, next: &str) -> bool {
    Layout::default().continues(line, line, next)
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

    #[test]
    fn short_lines_join_on_plain_signs_whatever_their_length() {
        // The next line starts with closing or continuing punctuation.
        for next in [
            "。会议充分肯定",
            "》创作者以鼓舞",
            "、人均占有粮食",
            "”实际上也是",
            "）面对亚洲",
            "：推车运货",
        ] {
            assert!(
                continues_on_next_line("国务院总理李强所作的", next),
                "{next}"
            );
        }
        // Even after the end of a sentence: a line never starts with `”`.
        assert!(continues_on_next_line("他说：“好。", "”大家都笑了。"));
        // Inside brackets or quotes.
        assert!(continues_on_next_line("悠深情，给《红嫂", "创作者以鼓舞和"));
        assert!(continues_on_next_line("他说：“我们要", "努力工作。”"));
        assert!(continues_on_next_line(
            "日电（记者陈如为",
            "面对亚洲一些国家"
        ));
        // A comma, a number or a Latin word running on, a digit or a lower-case letter next.
        assert!(continues_on_next_line("关心群众生活，", "是我们党的传统"));
        assert!(continues_on_next_line("广义货币M", "2增长8.3%"));
        assert!(continues_on_next_line("富润集团在1", "988年实行承包"));
        assert!(continues_on_next_line(
            "中南两国关系一直发展顺利，两国正式建交",
            "26年来，双方"
        ));
        // A short phrase before a number is a line of its own.
        assert!(!continues_on_next_line("才停了下来", "13辆车定损"));
        assert!(!continues_on_next_line(
            "镇江东升铝合金门窗厂",
            "13375195986"
        ));
        assert!(continues_on_next_line("网址是http://w", "ww.example.cn"));
        // Long lines that stop mid-sentence.
        assert!(continues_on_next_line(&"长".repeat(41), "续"));
        assert!(!continues_on_next_line(&"长".repeat(20), "续"));
    }

    #[test]
    fn headings_bylines_salutations_and_dates_stay_apart() {
        for line in [
            "一、总体要求",
            "（一）强化组织领导",
            "第一章 总则",
            "1. 提高认识",
            "同志们：",
            "（2024年3月5日在市政府常务会议上）",
            "——在全市经济工作会议上的讲话（2023年12月1日）",
            "2021年8月18日",
            "市长 张三",
        ] {
            assert!(
                !continues_on_next_line(line, "2023年是全面贯彻的开局之年。"),
                "{line}"
            );
            assert!(
                !Layout {
                    wrapped: true,
                    blank_separated: true,
                    indented: false
                }
                .continues(line, line, "今年的工作很重要。"),
                "{line}"
            );
        }
        // A line before a heading or a subtitle does not run into it.
        let wrapped = Layout {
            wrapped: true,
            ..Layout::default()
        };
        assert!(!wrapped.continues("市长 张三", "市长 张三", "——在全市大会上的讲话"));
        assert!(!wrapped.continues("坚持稳中求进", "坚持稳中求进", "二、主要任务"));
    }

    #[test]
    fn section_headings() {
        for yes in [
            "一、总体要求",
            "十二、其他",
            "（三）加强领导",
            "(2)推进改革",
            "第二节 任务",
            "第三条 为了",
            "第一部分 回顾",
            "1.提高认识",
            "12、落实",
            "①坚持",
            "一、１９９１年１０月",
            "二、十四大提出",
        ] {
            assert!(is_section_heading(yes), "{yes}");
        }
        for no in [
            "1.5%的增长",
            "一个中心",
            "第一篇 讲话",
            "第一次会议",
            "2024年",
            "（新华社记者摄）",
            "一、",
        ] {
            assert!(!is_section_heading(no), "{no}");
        }
    }

    #[test]
    fn layout_of_hard_wrapped_and_clean_texts() {
        let wrapped = [
            "由于华侨华人早已度过了主要靠",
            "三把刀为生的阶段，特别是新移民中专家、学者的比例相对较大",
            "，因此专业团体也越来越多，与过去主要以血缘、地缘为主联系起来的",
            "华侨华人宗亲组织有明显的区别。",
            "由于华侨华人社团的构成发生了变化，其职能也随之有了新的拓展",
            "。",
        ];
        let layout = Layout::of(&wrapped);
        assert!(layout.wrapped && !layout.blank_separated);
        // In a wrapped text a short line that stops mid-sentence runs on; elsewhere it is a
        // heading or a byline.
        assert!(layout.continues(wrapped[0], wrapped[0], wrapped[1]));
        assert!(!Layout::default().continues(wrapped[0], wrapped[0], wrapped[1]));
        assert!(!layout.continues(wrapped[3], wrapped[3], wrapped[4]));

        let clean = [
            "坚持稳中求进",
            "今年的工作很重要，任务很重。",
            "一、总体要求",
            "全面贯彻会议精神。",
        ];
        assert_eq!(Layout::of(&clean), Layout::default());

        // Blank lines between paragraphs: inside a block every break is a wrap, even after `。`.
        let mut blank = vec![
            "今年以来，全市上下认真贯彻落实各项部署，",
            "经济运行稳中有进。各项改革扎实推进。",
            "民生保障有力有效，社会大局和谐稳定。",
            "",
        ];
        for _ in 0..3 {
            blank.extend([
                "今年以来，全市上下认真贯彻落实各项部署，",
                "经济运行稳中有进，各项改革扎实推进，民生",
                "保障有力有效，社会大局和谐稳定。",
                "",
            ]);
        }
        let layout = Layout::of(&blank);
        assert!(layout.blank_separated, "{layout:?}");
        assert!(layout.continues(blank[1], blank[1], blank[2]));
        assert!(!layout.continues("同志们：", "同志们：", blank[0]));
    }

    #[test]
    fn titles_are_one_phrase_that_neither_starts_nor_stops_mid_sentence() {
        assert!(is_title_like("目标：国际通用专门人才"));
        assert!(is_title_like("刘帅的魅力——观话剧《虎踞钟山》感言"));
        for no in [
            "友”，从华侨华人踏足异域他乡开始",
            "，从华侨华人踏足异域他乡开始",
            "疗史。然而无数杏林先贤未能回答出针灸的原理",
            "【理论学习】",
            "★ 精选范文 ★",
            "——学习贯彻党的二十大精神系列评论之一",
            "（2022年9月16日在全市经济工作会议上）",
            "各位代表：",
        ] {
            assert!(!is_title_like(no), "{no}");
        }
    }

    #[test]
    fn indents_mark_paragraphs_where_a_text_uses_them() {
        let lines = [
            "标题",
            "记者问：大熊猫所在的台湾动物园没有派员参加会议，想请发言人说明一下情况",
            "发言人：据了解，会议已经召开。",
            "这里我要澄清一下。",
            "……",
        ];
        let layout = Layout::of_indented(&lines, &[false, true, true, true, true]);
        assert!(layout.indented);
        assert!(!layout.continues_indented(lines[1], lines[1], lines[2], true));
        assert!(!layout.continues_indented(lines[3], lines[3], lines[4], true));
        // A line without an indent after one that stops mid-sentence is a wrap.
        assert!(layout.continues_indented("由于华侨华人", "由于华侨华人", "早已度过", false));
        // Indented throughout, wrapped lines and all: the indents say nothing.
        let wrapped = [
            "由于华侨华人早已度过了主要靠",
            "三把刀为生的阶段，特别是新移民中专家",
            "学者的比例相对较大，因此专业团体也越来",
            "越多，与过去主要以血缘、地缘为主联系起",
            "来的宗亲组织有明显的区别。",
        ];
        assert!(!Layout::of_indented(&wrapped, &[true; 5]).indented);
    }

    #[test]
    fn a_wrapped_line_may_break_after_a_colon() {
        let wrapped = Layout {
            wrapped: true,
            ..Layout::default()
        };
        let line = "这是一段充满艰辛的跋涉，创业者们在荒原上经历了许多难以想象的困难和挑战：";
        assert!(wrapped.continues(line, line, "推车运货、维修管道，样样都干。"));
        assert!(!wrapped.continues(line, line, "一是推车运货。"));
        assert!(!Layout::default().continues(line, line, "推车运货、维修管道，样样都干。"));
        assert!(!wrapped.continues("同志们：", "同志们：", "今天召开会议。"));
    }

    #[test]
    fn rows_of_figures_are_not_joined() {
        assert!(is_data_row("深证指数３９６·４０３９７·０９４００·１６"));
        assert!(!is_data_row("1993年底的"));
        assert!(!is_data_row("１５００万减少到１９９６年的４８６"));
        assert!(!continues_on_next_line(
            "１２１３·９６２·０９３１７９６４２",
            "３９４３·１４１·９１６４３９４５４"
        ));
        let wrapped = Layout {
            wrapped: true,
            ..Layout::default()
        };
        assert!(wrapped.continues(
            "外汇储备由1993年底的",
            "外汇储备由1993年底的",
            "234亿美元猛降"
        ));
    }

    #[test]
    fn brackets_left_open() {
        assert!(stops_inside_brackets("他说：“我们要"));
        assert!(stops_inside_brackets("《关于（试行"));
        assert!(!stops_inside_brackets("他说：“好。”"));
        assert!(!stops_inside_brackets(&format!(
            "“{}",
            "长".repeat(OPEN_REACH + 1)
        )));
        assert!(is_date_line("二〇二二年九月十六日"));
        assert!(is_date_line("2019-07-27"));
        assert!(!is_date_line("2019年全市经济运行良好"));
    }
}
