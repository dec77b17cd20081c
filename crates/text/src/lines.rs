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
            | '’'
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
/// before it ([`is_continuation_start`]).
pub fn starts_mid_sentence(line: &str) -> bool {
    line.trim_start()
        .chars()
        .next()
        .is_some_and(is_continuation_start)
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
/// [`OPEN_REACH`] characters.
pub fn stops_inside_brackets(text: &str) -> bool {
    let chars: Vec<char> = text.trim_end().chars().collect();
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
    let run = |from: usize, f: fn(char) -> bool| chars[from.min(chars.len())..]
        .iter()
        .take_while(|&&c| f(c))
        .count();
    let has_text_at = |i: usize| chars.get(i).is_some_and(|&c| !c.is_whitespace() || chars.len() > i + 1);
    let Some(&first) = chars.first() else {
        return false;
    };
    if ('①'..='⑳').contains(&first) {
        return has_text_at(1);
    }
    if matches!(first, '（' | '(') {
        let n = run(1, is_cn_numeral).max(run(1, is_digit));
        return n > 0 && n <= 3 && matches!(chars.get(1 + n), Some('）' | ')')) && has_text_at(2 + n);
    }
    if first == '第' {
        let n = run(1, is_cn_numeral).max(run(1, is_digit));
        let unit: String = chars.iter().skip(1 + n).take(2).collect();
        return n > 0
            && (unit.starts_with(['章', '节', '条', '讲', '编']) || unit == "部分");
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
    line.chars().all(dateish) && (line.contains('年') || line.contains('-') || line.contains('/'))
        && line.chars().filter(|&c| is_digit(c) || "〇零一二三四五六七八九十".contains(c)).count() >= 4
}

/// Whether `line` stands on its own whatever follows: a section heading, a line wholly in
/// brackets (`（2024年3月5日在…上）`, `【理论学习】`, a photo credit), a subtitle or dating
/// line opened by a dash (`——在…上的讲话（…）`), a date, or a short line set out with spaces
/// (a byline `市长 张三`, a title `坚定信心 实干担当`: prose has no spaces between Chinese
/// characters).
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
    let bracketed = matching_close(chars[0])
        .is_some_and(|close| chars[len - 1] == close && !stops_inside_brackets(line))
        && len <= MAX_TITLE_CHARS;
    let dash = line.starts_with('—') && len <= MAX_TITLE_CHARS;
    let spaced = len <= 16
        && chars.windows(3).any(|w| {
            w[1] == ' ' && !w[0].is_ascii() && !w[2].is_ascii()
        });
    bracketed || dash || spaced || is_date_line(line)
}

/// Longest title in characters: compilation titles of speeches run up to about 60.
pub const MAX_TITLE_CHARS: usize = 64;

/// Decorations that open a column label or an ornament line (`★ 精选范文 ★`), never a title.
fn is_ornament(c: char) -> bool {
    matches!(
        c,
        '★' | '☆' | '◆' | '◇' | '●' | '○' | '■' | '□' | '▲' | '△' | '▼' | '※' | '◎' | '❖' | '♦'
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
/// line wholly in brackets (`【理论学习】`), opened by a dash (`——在…上的讲话`, `——…系列评论之一`)
/// or by an ornament (`★ 精选范文 ★`) labels or dates a title but is not one.
pub fn is_title_like(line: &str) -> bool {
    let len = line.chars().count();
    let first = line.chars().next();
    let last = line.chars().last();
    len > 0
        && len <= MAX_TITLE_CHARS
        && !ends_sentence(line)
        && !line.ends_with(['，', ',', '、'])
        && !starts_mid_sentence(line)
        && !has_inner_sentence_end(line)
        && !first.is_some_and(|c| is_ornament(c) || c == '—')
        && !(first.and_then(matching_close).is_some_and(|close| Some(close) == last)
            && !stops_inside_brackets(line))
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
}

impl Layout {
    /// Reads the layout from a text's lines (blank lines included).
    pub fn of<S: AsRef<str>>(lines: &[S]) -> Layout {
        let (mut inner, mut open, mut ended, mut blocks) = (0usize, 0usize, 0usize, 0usize);
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
            let next_blank = lines.get(i + 1).is_none_or(|l| l.as_ref().trim().is_empty());
            if next_blank {
                continue;
            }
            inner += 1;
            // A line that stops mid-sentence and is long enough not to be a heading or byline.
            if !ends_sentence(line) && !stands_alone(line) && line.chars().count() >= 16 {
                open += 1;
            }
            if ends_sentence(line) && !line.ends_with(['：', ':']) {
                ended += 1;
            }
        }
        let wrapped = open >= 2 && open * 4 >= inner;
        Layout {
            wrapped,
            // Blocks that seldom hold the end of a sentence before their last line: the blocks
            // are paragraphs, every break inside one a wrap.
            blank_separated: wrapped && blocks >= 3 && ended * 2 <= blocks,
        }
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
        let next_stands_alone = is_section_heading(next) || next.starts_with('—');
        if ends_sentence(line) {
            let lead_in = line.ends_with(['：', ':']) && line.chars().count() <= 30;
            return self.blank_separated && !lead_in && !stands_alone(line) && !next_stands_alone;
        }
        let first = next.chars().next().unwrap_or(' ');
        if stands_alone(line) || next_stands_alone {
            return false;
        }
        is_digit(first)
            || first.is_ascii_lowercase()
            || line.chars().count() > LONG_LINE_CHARS
            || self.wrapped
    }
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphanumeric() || is_digit(c) || ('ａ'..='ｚ').contains(&c) || ('Ａ'..='Ｚ').contains(&c)
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
    if stops_inside_brackets(paragraph) && !is_section_heading(next) {
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
    is_latin(last) && is_latin(first)
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
}
