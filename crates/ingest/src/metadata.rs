//! An article's metadata: category (by genre), topic tags, date.

use jieba_rs::{Jieba, KeywordExtract, TfIdf};
use std::sync::OnceLock;
use sucai_text::fold::fold_for_search;

/// Words that name a document's genre in its title, and the category each names. A Chinese
/// title names its kind last (`在…总结大会上的讲话` is a 讲话, `…心得体会` a 心得体会), so the
/// word that ends latest wins, the longer one on a tie.
const GENRE_WORDS: &[(&str, &str)] = &[
    ("研讨发言", "研讨发言"),
    ("研讨交流", "研讨发言"),
    ("交流发言", "研讨发言"),
    ("研讨材料", "研讨发言"),
    ("心得体会", "心得体会"),
    ("心得", "心得体会"),
    ("体会", "心得体会"),
    ("感悟", "心得体会"),
    ("读后感", "心得体会"),
    ("观后感", "心得体会"),
    ("党课", "党课"),
    ("D课", "党课"),
    ("述职报告", "述职报告"),
    ("述职", "述职报告"),
    ("对照检查", "对照检查"),
    ("检视剖析", "对照检查"),
    ("剖析材料", "对照检查"),
    ("调研报告", "调研报告"),
    ("调查报告", "调研报告"),
    ("主持词", "主持词"),
    ("总结", "总结"),
    ("汇报", "汇报"),
    ("工作报告", "汇报"),
    ("报告", "汇报"),
    ("决议", "决议"),
    ("方案", "方案"),
    ("规划", "方案"),
    ("计划", "方案"),
    ("实施意见", "方案"),
    ("办法", "方案"),
    ("讲话", "讲话"),
    ("致辞", "讲话"),
    ("贺词", "讲话"),
    ("发言", "讲话"),
    ("讲稿", "讲话"),
    ("演讲", "讲话"),
];

/// What may follow a genre word that ends a title: `…讲话稿`, `…发言材料`, `…心得体会范文`.
const TITLE_TAILS: &[&str] = &["稿", "讲稿", "材料", "全文", "范文", "汇编", "摘要", "提纲"];

/// How a news headline ends: an event reported (`…研讨会召开`, `…论坛开幕`) or a news form.
const NEWS_TITLE_ENDS: &[&str] = &[
    "召开", "举行", "举办", "开幕", "闭幕", "落幕", "开班", "结业", "启动", "揭牌", "成立", "签约",
    "纪实", "侧记", "综述", "简报", "快讯", "速递", "早报", "晚报",
];

/// Marks of a news item in its opening: a dateline or a reporter (`本报讯`, `新华社北京3月5日电`,
/// `（记者 …）`, `据…报道`).
const NEWS_OPENINGS: &[&str] = &[
    "本报讯",
    "本报记者",
    "日电",
    "日讯",
    "新华社",
    "中新社",
    "中新网",
    "记者",
    "通讯员",
    "消息，",
];

/// What nobody reading the library would want as a category.
pub const OTHER: &str = "其他";

/// A news item: a report, not a document of its own genre.
pub const NEWS: &str = "新闻";

/// The title without trailing notes: `（修改稿）`, `(2)`, `（2023年3月5日）`, `【…】`, spaces.
fn title_core(title: &str) -> &str {
    let mut t = title.trim();
    loop {
        let before = t;
        for (open, close) in [('（', '）'), ('(', ')'), ('【', '】'), ('[', ']')] {
            if let Some(rest) = t.strip_suffix(close)
                && let Some(at) = rest.rfind(open)
            {
                t = rest[..at].trim_end();
            }
        }
        t = t.trim_end_matches(|c: char| c.is_whitespace() || "_-—·.。：:".contains(c));
        if t == before {
            return t;
        }
    }
}

/// The genre word ending latest in `title` (see [`GENRE_WORDS`]): where it ends, and its
/// category. An event (`研讨会`, `报告会`, `总结大会`) names no genre, and a 讲稿 of another genre
/// (`党课讲稿`) is of that genre.
fn latest_genre(title: &str) -> Option<(usize, &'static str)> {
    let found: Vec<(usize, usize, &str, &'static str)> = GENRE_WORDS
        .iter()
        .flat_map(|(word, category)| {
            title
                .match_indices(word)
                .map(move |(at, _)| (at, at + word.len(), *word, *category))
        })
        .filter(|(_, end, ..)| {
            let rest = &title[*end..];
            !(rest.starts_with('会') || rest.starts_with("大会"))
        })
        .collect();
    let carried = |at: usize, word: &str| word == "讲稿" && found.iter().any(|f| f.1 == at);
    let (_, end, word, mut category) = found
        .iter()
        .copied()
        .filter(|(at, _, word, _)| !carried(*at, word))
        .max_by_key(|(_, end, word, _)| (*end, word.len()))?;
    // A 发言 among 研讨 or 交流 is a 研讨发言 (`在…研讨会上的发言`).
    if word == "发言" && (title.contains("研讨") || title.contains("交流")) {
        category = "研讨发言";
    }
    // `党课讲稿`: the end of the genre named before the 讲稿.
    let end = found
        .iter()
        .find(|f| f.2 == "讲稿" && f.0 == end)
        .map_or(end, |f| f.1);
    Some((end, category))
}

/// The genre a title names, and whether it names it last (`…的讲话`, `…讲话稿`, a label before a
/// colon: `党课讲稿：传承红色基因`) rather than in passing.
fn title_genre(title: &str) -> Option<(&'static str, bool)> {
    let ends_it = |t: &str, end: usize| {
        let rest = &t[end..];
        rest.is_empty() || TITLE_TAILS.contains(&rest)
    };
    let core = title_core(title);
    if let Some((label, _)) = core.split_once(['：', ':']) {
        let label = title_core(label);
        if let Some((end, category)) = latest_genre(label)
            && ends_it(label, end)
        {
            return Some((category, true));
        }
    }
    let (end, category) = latest_genre(core)?;
    Some((category, ends_it(core, end)))
}

/// Whether the opening lines greet an audience (`同志们：`, `各位代表：`) or the last ones
/// thank it (`谢谢大家`), or a subtitle says it is a speech (`——在…上的讲话`): a speech.
fn speech_signals(body: &str) -> Option<&'static str> {
    let lines: Vec<&str> = body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    for line in lines.iter().take(3) {
        let short = line.chars().count() <= 30;
        if let Some(sub) = line.strip_prefix("——").or_else(|| line.strip_prefix('—'))
            && line.chars().count() <= 80
            && let Some((category, _)) = title_genre(sub)
        {
            return Some(category);
        }
        let greets = [
            "同志们",
            "各位代表",
            "各位委员",
            "各位领导",
            "各位来宾",
            "各位同志",
            "尊敬的",
            "同学们",
            "朋友们",
            "老师们",
        ];
        let salutation = short
            && (line.ends_with('：') || line.ends_with(':'))
            && greets.iter().any(|g| line.starts_with(g));
        if salutation {
            return Some("讲话");
        }
    }
    let thanks = lines.iter().rev().take(2).any(|l| {
        l.chars().count() <= 40
            && ["谢谢大家", "谢谢各位", "谢谢！", "谢谢!"]
                .iter()
                .any(|t| l.contains(t))
    });
    thanks.then_some("讲话")
}

/// Whether the article opens as a news item does: a dateline, a reporter, `据…报道`.
fn news_opening(body: &str) -> bool {
    let opening: String = body.chars().take(120).collect();
    let first = opening.split(['。', '\n']).next().unwrap_or("");
    NEWS_OPENINGS.iter().any(|w| opening.contains(w))
        || first
            .find('据')
            .is_some_and(|at| first[at..].contains("报道") || first[at..].contains("消息"))
}

/// An article's category from its genre signals, strongest first: a genre word ending its title
/// (`…的讲话`, `…心得体会`); a speech's salutation, thanks or `——在…上的讲话` subtitle; a news
/// headline (`…研讨会召开`) or news opening (`本报讯`, `新华社…电`, `记者`) → [`NEWS`]; a genre
/// word elsewhere in its title; the material's title (a compilation of 研讨发言 names its
/// articles' kind once); else [`OTHER`]. A word the body merely mentions (news about a 研讨会)
/// never decides.
pub fn category(article_title: &str, material_title: &str, body: &str) -> &'static str {
    let titled = title_genre(article_title);
    if let Some((category, true)) = titled {
        return category;
    }
    if let Some(category) = speech_signals(body) {
        return category;
    }
    let headline = title_core(article_title);
    if NEWS_TITLE_ENDS.iter().any(|e| headline.ends_with(e)) || news_opening(body) {
        return NEWS;
    }
    if let Some((category, _)) = titled {
        return category;
    }
    title_genre(material_title).map_or(OTHER, |(category, _)| category)
}

struct Keywords {
    jieba: Jieba,
    tfidf: TfIdf,
}

fn keywords() -> &'static Keywords {
    static KEYWORDS: OnceLock<Keywords> = OnceLock::new();
    KEYWORDS.get_or_init(|| Keywords {
        jieba: Jieba::new(),
        tfidf: TfIdf::default(),
    })
}

/// Loads the segmentation dictionary now rather than inside the first import.
pub fn warm_up() {
    keywords();
}

/// Characters of an article's opening that keyword extraction reads, beside its title and
/// headings: the opening and the outline carry the topic, and a bound keeps a long report from
/// costing an import more than its topic needs.
const TAG_SAMPLE_CHARS: usize = 1_500;

/// Words too common in this library to tell articles apart, or that are page furniture rather
/// than topic (`图片`, `本报讯`): never a tag. An operator's list may replace it (see [`tags`]).
pub const DEFAULT_TAG_STOP_WORDS: &[&str] = &[
    // page and news furniture
    "图片",
    "附图片",
    "图片说明",
    "照片",
    "本报讯",
    "本报",
    "记者",
    "通讯员",
    "新华社",
    "日电",
    "报道",
    "消息",
    "来源",
    "编辑",
    "责任编辑",
    "原标题",
    "全文",
    "附件",
    "链接",
    "网站",
    "网页",
    "版权",
    "作者",
    // words every official text uses
    "共和",
    "共和国",
    "发展",
    "工作",
    "建设",
    "问题",
    "同志",
    "会议",
    "领导",
    "干部",
    "社会",
    "国家",
    "人民",
    "群众",
    "我们",
    "方面",
    "情况",
    "单位",
    "部门",
    "地方",
    "时间",
    "全面",
    "重要",
    "要求",
    "意见",
    "措施",
    "活动",
    "内容",
    "任务",
    "目标",
    "水平",
    "能力",
    "作用",
    "体系",
    "机制",
    "制度",
    "精神",
    "思想",
    "全国",
    "全省",
    "全市",
    "全县",
    "政府",
    "中央",
    "中国",
    "我国",
    "时代",
    "新时代",
    "实践",
    "推进",
    "推动",
    "加强",
    "坚持",
    "落实",
    "讲话",
    "发言",
    "报告",
    "文章",
    "材料",
    "总结",
    "方案",
    "心得",
    "体会",
    "主题",
    "有关",
    "部署",
    "重点",
    "关键",
    "基础",
    "过程",
    "形势",
    "成绩",
    "成效",
    "经验",
    "特色",
    "社会主义",
    "现代化",
    "高质量",
    "中国式",
    "经济",
    "政治",
    "服务",
    "同比",
    "强国",
];

/// The words that never make a tag: the built-in generic words ([`DEFAULT_TAG_STOP_WORDS`])
/// with an operator's additions, less the words an operator wants as tags after all.
#[derive(Debug, Clone, Default)]
pub struct TagWords {
    stop: std::collections::HashSet<String>,
    keep: std::collections::HashSet<String>,
}

impl TagWords {
    /// From the operator's words: `(word, stop)`.
    pub fn new(words: impl IntoIterator<Item = (String, bool)>) -> TagWords {
        let mut out = TagWords::default();
        for (word, stop) in words {
            if stop {
                out.stop.insert(word);
            } else {
                out.keep.insert(word);
            }
        }
        out
    }

    pub fn is_stop(&self, word: &str) -> bool {
        !self.keep.contains(word) && (self.stop.contains(word) || is_default_tag_stop_word(word))
    }
}

/// Whether `word` is on [`DEFAULT_TAG_STOP_WORDS`].
pub fn is_default_tag_stop_word(word: &str) -> bool {
    static SET: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| DEFAULT_TAG_STOP_WORDS.iter().copied().collect())
        .contains(word)
}

/// Topic tags: the article's top keywords (TF-IDF over jieba words of its title, its headings
/// and its opening), read through the masks, leaving out the words `stop` names (the built-in
/// [`is_default_tag_stop_word`], or an operator's list).
pub fn tags(
    title: &str,
    headings: &[&str],
    body: &str,
    max: usize,
    stop: &dyn Fn(&str) -> bool,
) -> Vec<String> {
    let opening = body
        .char_indices()
        .nth(TAG_SAMPLE_CHARS)
        .map_or(body, |(at, _)| &body[..at]);
    // The title counts three times: it says what the article is about.
    let text = fold_for_search(&format!(
        "{title}。{title}。{title}。{}。{opening}",
        headings.join("。")
    ));
    let pos = ["n", "nz", "vn", "ns", "nt", "l", "j"]
        .map(String::from)
        .to_vec();
    let k = keywords();
    k.tfidf
        .extract_keywords(&k.jieba, &text, max * 4, pos)
        .into_iter()
        .map(|kw| kw.keyword)
        .filter(|w| {
            w.chars().count() >= 2
                && !w.contains('x')
                && w.chars().any(sucai_text::masks::is_cjk)
                && !stop(w)
        })
        .take(max)
        .collect()
}

/// Four-digit years written as `2023年` (half- or full-width digits), between 1949 and 2099.
fn years_in(text: &str) -> Vec<i32> {
    let chars: Vec<char> = text.chars().map(sucai_text::fold::fold_char).collect();
    (4..chars.len())
        .filter(|&i| chars[i] == '年' && (i < 5 || !chars[i - 5].is_ascii_digit()))
        .filter_map(|i| {
            chars[i - 4..i]
                .iter()
                .collect::<String>()
                .parse::<i32>()
                .ok()
        })
        .filter(|y| (1949..=2099).contains(y))
        .collect()
}

/// A document's date, as precise as what dates it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    pub year: i32,
    /// 1–12.
    pub month: Option<u32>,
    /// A valid day of `month`.
    pub day: Option<u32>,
}

impl Date {
    fn year_only(year: i32) -> Self {
        Date {
            year,
            month: None,
            day: None,
        }
    }
}

impl std::fmt::Display for Date {
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

/// The date of a document, from what dates it and nothing else: a dating line at its start or
/// end (`（2024年3月5日在…上）`, `——在…上的讲话（2023年12月1日）`, `日期：2022-06-30`, a line
/// that is only a date — a signature block's — in Arabic or Chinese numerals), else a year in
/// its title (to the day when the file's name dates it in that year), else a date in the file's
/// name; never a year the text merely mentions (a target such as 2035年, an anniversary). A
/// year after `latest` or before 1949 is no date of this library's documents. `None` rather
/// than a guess.
pub fn date(title: &str, body: &str, file_name: &str, latest: i32) -> Option<Date> {
    let plausible = |d: &Date| (1949..=latest).contains(&d.year);
    let lines: Vec<&str> = body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    // A document has one date: lines that are only dates, of more than one date, are its
    // content (a chronicle's entries, a table's rows), not its dating.
    let bare: Vec<Date> = lines
        .iter()
        .filter_map(|l| dating_line(l))
        .filter(|(_, how)| *how == Dating::Bare)
        .map(|(d, _)| d)
        .collect();
    let listed = bare.iter().any(|d| *d != bare[0]);
    let edges = lines.iter().take(3).chain(lines.iter().rev().take(3));
    let from_name = file_name_date(file_name).filter(plausible);
    edges
        .filter_map(|line| dating_line(line))
        .filter(|(_, how)| !(listed && *how == Dating::Bare))
        .map(|(d, _)| d)
        .find(plausible)
        .or_else(|| dating_line(title).map(|(d, _)| d).filter(plausible))
        .or_else(|| {
            let year = years_in(title)
                .into_iter()
                .filter(|y| plausible(&Date::year_only(*y)))
                .max()?;
            Some(
                from_name
                    .filter(|d| d.year == year)
                    .unwrap_or(Date::year_only(year)),
            )
        })
        .or(from_name)
}

/// The year of a document (see [`date`]).
pub fn year(title: &str, body: &str, file_name: &str, latest: i32) -> Option<i32> {
    date(title, body, file_name, latest).map(|d| d.year)
}

/// How a line dates its document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dating {
    /// Marked as a dating line: `（…）`, `——…`, `日期：…`, `…日）`.
    Marked,
    /// Only a date (a signature block's date line).
    Bare,
    /// A short line ending in a day: a signature on one line (`xx县人民政府 2021年8月18日`).
    Signed,
}

/// The date of a line that dates its document, and how it does, if `line` is one.
fn dating_line(line: &str) -> Option<(Date, Dating)> {
    if line.chars().count() > 80 {
        return None;
    }
    let folded: String = line.chars().map(sucai_text::fold::fold_char).collect();
    let marked = [
        "（",
        "(",
        "——",
        "—",
        "日期",
        "时间",
        "发布时间",
        "发布日期",
        "印发日期",
    ]
    .iter()
    .any(|p| folded.starts_with(p))
        || folded.ends_with("日）")
        || folded.ends_with("日)");
    let (date, before, after) = full_date(&folded)?;
    let words = |s: &str| s.chars().any(char::is_alphanumeric);
    if marked {
        return Some((date, Dating::Marked));
    }
    if !words(before) && !words(after) {
        return Some((date, Dating::Bare));
    }
    // A sentence goes on after its date, and a field (`入住时间：…`) or an entry (`补充点评
    // 2008年2月19日：`) labels something else.
    let labelled = |s: &str| s.trim_end().ends_with(['：', ':']);
    let signed = !words(after)
        && !labelled(before)
        && !after.contains(['：', ':'])
        && date.day.is_some()
        && folded.chars().count() <= 40;
    signed.then_some((date, Dating::Signed))
}

fn chinese_digit(c: char) -> Option<u32> {
    match c {
        '〇' | '零' => Some(0),
        _ => "一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|d| d as u32 + 1),
    }
}

/// A month or day number at `at`: one or two Arabic digits, or Chinese numerals up to 31
/// (`九`, `十二`, `二十三`, `廿一`); its value and where it ends.
fn day_number(chars: &[(usize, char)], at: usize) -> Option<(u32, usize)> {
    let c = |k: usize| chars.get(k).map(|c| c.1);
    let digits = (at..)
        .take_while(|&k| c(k).is_some_and(|c| c.is_ascii_digit()))
        .count();
    if digits > 0 {
        let n = chars[at..at + digits]
            .iter()
            .map(|c| c.1)
            .collect::<String>();
        return (digits <= 2).then(|| Some((n.parse().ok()?, at + digits)))?;
    }
    let mut value = 0;
    let mut k = at;
    let mut tens = false;
    while let Some(ch) = c(k) {
        match ch {
            '十' if !tens => {
                value = value.max(1) * 10;
                tens = true;
            }
            '廿' if k == at => {
                value = 20;
                tens = true;
            }
            _ => match chinese_digit(ch) {
                // A digit starts the number or follows 十 (`二十三`), never another digit.
                Some(d) if value == 0 || (tens && value % 10 == 0) => value += d,
                _ => break,
            },
        }
        k += 1;
        if k - at > 3 {
            return None;
        }
    }
    (k > at && value > 0).then_some((value, k))
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The first full date in `text` (`2024年3月5日`, `二〇二四年三月五日`, `2024年3月`,
/// `2024-03-05`, `2024.3.5`): the date as precise as written, and the text before and after it.
fn full_date(text: &str) -> Option<(Date, &str, &str)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for i in 0..chars.len() {
        let digit = |k: usize| -> Option<u32> {
            let c = chars.get(k)?.1;
            c.to_digit(10).or_else(|| chinese_digit(c))
        };
        let year = (0..4).try_fold(0u32, |y, k| Some(y * 10 + digit(i + k)?));
        let Some(year) = year else { continue };
        if i > 0 && digit(i - 1).is_some() {
            continue;
        }
        let at = |k: usize| chars.get(k).map(|c| c.1);
        let (month, day, end) = match at(i + 4) {
            Some('年') => {
                let Some((month, k)) =
                    day_number(&chars, i + 5).filter(|(_, k)| at(*k) == Some('月'))
                else {
                    continue;
                };
                match day_number(&chars, k + 1).filter(|(_, e)| matches!(at(*e), Some('日' | '号')))
                {
                    Some((day, e)) => (month, Some(day), e + 1),
                    None => (month, None, k + 1),
                }
            }
            Some(sep @ ('-' | '.' | '/')) => {
                let Some((month, k)) = day_number(&chars, i + 5)
                    .filter(|_| at(i + 5).is_some_and(|c| c.is_ascii_digit()))
                else {
                    continue;
                };
                let day = (at(k) == Some(sep))
                    .then(|| day_number(&chars, k + 1))
                    .flatten()
                    .filter(|_| at(k + 1).is_some_and(|c| c.is_ascii_digit()));
                match day {
                    Some((day, e)) => (month, Some(day), e + (at(e) == Some('日')) as usize),
                    None => (month, None, k),
                }
            }
            _ => continue,
        };
        if !(1..=12).contains(&month) {
            continue;
        }
        let year = year as i32;
        let day = day.filter(|d| (1..=days_in_month(year, month)).contains(d));
        let date = Date {
            year,
            month: Some(month),
            day,
        };
        let rest = chars.get(end).map_or(text.len(), |c| c.0);
        return Some((date, &text[..chars[i].0], &text[rest..]));
    }
    None
}

/// A date in a file's name: `2021-05-04 关于….txt`, `20210504_讲话.docx`, `2021年…`.
fn file_name_date(name: &str) -> Option<Date> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    if let Some((date, _, _)) = full_date(base) {
        return Some(date);
    }
    if let Some(y) = years_in(base).into_iter().max() {
        return Some(Date::year_only(y));
    }
    // Eight digits standing alone: YYYYMMDD.
    let chars: Vec<char> = base.chars().collect();
    chars
        .windows(8)
        .enumerate()
        .filter(|(i, w)| {
            w.iter().all(char::is_ascii_digit)
                && (*i == 0 || !chars[i - 1].is_ascii_digit())
                && chars.get(i + 8).is_none_or(|c| !c.is_ascii_digit())
        })
        .find_map(|(_, w)| {
            let text: String = w.iter().collect();
            let (y, m, d) = (&text[..4], &text[4..6], &text[6..]);
            let (year, month, day): (i32, u32, u32) =
                (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
            ((1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day))
                .then_some(Date {
                    year,
                    month: Some(month),
                    day: Some(day),
                })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories() {
        let c = |title, material, body| category(title, material, body);
        assert_eq!(
            c(
                "为全面建设新xx贡献水利力量",
                "D组书记在座谈会上的研讨发言材料汇编（10篇）",
                "正文。"
            ),
            "研讨发言"
        );
        assert_eq!(c("学习二十大精神心得体会", "x", ""), "心得体会");
        assert_eq!(c("在全县经济工作会议上的讲话", "", ""), "讲话");
        assert_eq!(c("周末去哪儿", "随笔", "今天天气很好。"), OTHER);
    }

    #[test]
    fn the_genre_word_ending_the_title_wins() {
        let c = |title| category(title, "", "正文。");
        assert_eq!(c("在全县工作总结大会上的讲话"), "讲话");
        assert_eq!(c("2023年工作总结（修改稿）"), "总结");
        assert_eq!(c("在理论学习中心组研讨会上的发言"), "研讨发言");
        assert_eq!(c("关于全县水利工作情况的汇报材料"), "汇报");
        assert_eq!(c("十四届全国人大二次会议关于政府工作报告的决议"), "决议");
        assert_eq!(c("乡村振兴实施方案(2)"), "方案");
        assert_eq!(c("专题党课讲稿：传承红色基因"), "党课");
        assert_eq!(c("国庆节讲稿"), "讲话");
        assert_eq!(c("心得体会：在学习中成长"), "心得体会");
    }

    #[test]
    fn news_about_a_seminar_is_news() {
        // An event named in the title is no genre; the headline or the opening says news.
        assert_eq!(
            category("“敬业”主题研讨会召开", "", "近日，研讨会在杭州召开。"),
            NEWS
        );
        assert_eq!(
            category(
                "小学科学课堂教学研讨交流活动",
                "",
                "本报讯（记者 王芳）3月5日，全区小学科学课堂教学研讨活动举行。"
            ),
            NEWS
        );
        assert_eq!(
            category("两国外长会谈", "", "新华社北京1月8日电 两国外长今天会谈。"),
            NEWS
        );
        assert_eq!(
            category("伊朗总统谈对美关系", "", "据德黑兰电台报道，伊朗总统说……"),
            NEWS
        );
    }

    #[test]
    fn speeches_by_salutation_closing_or_subtitle() {
        assert_eq!(
            category("锚定目标 真抓实干", "", "同志们：\n今天召开会议。"),
            "讲话"
        );
        assert_eq!(
            category("坚定信心", "", "今天召开会议。\n我们要努力。\n谢谢大家！"),
            "讲话"
        );
        assert_eq!(
            category(
                "加强村民自治法制建设研讨会",
                "",
                "——在全省村民自治工作研讨会上的讲话\n（2018年10月5日）\n各位代表："
            ),
            "讲话"
        );
        // A 研讨会 in the title alone is no 研讨发言.
        assert_ne!(
            category("加强村民自治法制建设研讨会", "", "会议在京举行。"),
            "研讨发言"
        );
    }

    #[test]
    fn dates_as_precise_as_written() {
        let d = |title, body, name| date(title, body, name, 2027).map(|d| d.to_string());
        let some = |s: &str| Some(s.to_string());
        assert_eq!(
            d("讲话", "（2024年3月5日在全省会议上）\n正文。", "a.txt"),
            some("2024-03-05")
        );
        assert_eq!(
            d("讲话", "正文。\n（二〇二二年九月十六日）", "a.txt"),
            some("2022-09-16")
        );
        assert_eq!(
            d("讲话", "正文。\n二〇二一年十二月三十一日", "a.txt"),
            some("2021-12-31")
        );
        assert_eq!(
            d("讲话", "正文。\n二〇二一年十二月廿一日", "a.txt"),
            some("2021-12-21")
        );
        assert_eq!(
            d("讲话", "发布时间：2019-07-27 10:30\n正文。", "a.txt"),
            some("2019-07-27")
        );
        assert_eq!(
            d("讲话", "日期：2019.7.2\n正文。", "a.txt"),
            some("2019-07-02")
        );
        assert_eq!(d("讲话", "正文。\n2021年8月", "a.txt"), some("2021-08"));
        // An impossible day keeps the month; an impossible month is no date.
        assert_eq!(d("讲话", "正文。\n2021年2月30日", "a.txt"), some("2021-02"));
        assert_eq!(d("讲话", "正文。\n2021年13月3日", "a.txt"), None);
        assert_eq!(
            d("讲话", "正文。", "2021-05-04 讲话.txt"),
            some("2021-05-04")
        );
        assert_eq!(d("讲话", "正文。", "20211005_讲话.txt"), some("2021-10-05"));
        assert_eq!(d("讲话", "正文。", "20210231_讲话.txt"), None);
        // A title's year, to the day when the file's name dates it in that year.
        assert_eq!(
            d("2023年工作总结", "正文。", "2023-12-20 总结.txt"),
            some("2023-12-20")
        );
        assert_eq!(
            d("2023年工作总结", "正文。", "2024-01-05 总结.txt"),
            some("2023")
        );
        assert_eq!(d("讲话", "到2035年基本实现现代化。", "a.txt"), None);
        // A title dated in brackets; a signature on one line.
        assert_eq!(
            d("在全县大会上的讲话（2023年12月1日）", "正文。", "a.txt"),
            some("2023-12-01")
        );
        assert_eq!(
            d("通知", "正文。\nxx县人民政府 2021年8月18日", "a.txt"),
            some("2021-08-18")
        );
        assert_eq!(
            d("通知", "正文。\n会议定于2021年8月18日召开。", "a.txt"),
            None
        );
        // Fields and entries that date something else.
        assert_eq!(d("点评", "入住时间：2008.5.14\n很好。", "a.txt"), None);
        assert_eq!(
            d("点评", "很好。\n补充点评 2008年2月19日 ：", "a.txt"),
            None
        );
        // Date lines of a chronicle are its entries; the same date twice is still one.
        let chronicle = "1988年7月\n农业部提出建议。\n1990年7月\n全面推开。";
        assert_eq!(d("大事记", chronicle, "a.txt"), None);
        let twice = "2021年8月18日\n正文。\nxx县人民政府\n2021年8月18日";
        assert_eq!(d("通知", twice, "a.txt"), some("2021-08-18"));
    }

    #[test]
    fn years_come_from_what_dates_the_document() {
        let y = |title, body, name| year(title, body, name, 2027);
        assert_eq!(
            y("2023年工作总结", "2022年取得成绩，2035年远景", "a.txt"),
            Some(2023)
        );
        // Years the text only mentions are no date.
        assert_eq!(
            y(
                "总结",
                "１９９８年新年讲话，１９９８年到来，1997年回顾",
                "a.txt"
            ),
            None
        );
        assert_eq!(y("总结", "xxxx年是开局之年，12345年不是", "a.txt"), None);
        assert_eq!(
            y("讲话", "到2035年基本实现现代化。\n纪念1950年。", "a.txt"),
            None
        );
        // Dating lines, first or last, in either numerals.
        let dated =
            "（2024年3月5日在第十四届全国人民代表大会第二次会议上）\n到2035年基本实现现代化。";
        assert_eq!(y("政府工作报告", dated, "a.txt"), Some(2024));
        let signed =
            "各位代表：\n到2035年基本实现现代化。\n——在全省工作会议上的讲话（2023年12月1日）";
        assert_eq!(y("讲话", signed, "a.txt"), Some(2023));
        assert_eq!(
            y("讲话", "正文。\n二〇二二年六月三十日", "a.txt"),
            Some(2022)
        );
        assert_eq!(
            y("讲话", "日期：2021-06-30\n正文写到2035年。", "a.txt"),
            Some(2021)
        );
        assert_eq!(y("讲话", "正文。\n2019年5月4日", "a.txt"), Some(2019));
        // A sentence with a date is no dating line.
        assert_eq!(
            y(
                "讲话",
                "2019年5月4日，我们召开了会议，部署了全年的工作任务。",
                "a.txt"
            ),
            None
        );
        // The file's name, last.
        assert_eq!(
            y("讲话", "正文。", "2021-05-04 关于工作的讲话.txt"),
            Some(2021)
        );
        assert_eq!(y("讲话", "正文。", "20200315_讲话.docx"), Some(2020));
        assert_eq!(y("讲话", "正文。", "讲话 123456789.docx"), None);
        // A year after the latest plausible one, or before 1949, is refused.
        assert_eq!(y("2078年展望", "正文。", "a.txt"), None);
        assert_eq!(y("讲话", "（1921年7月1日）", "a.txt"), None);
    }

    #[test]
    fn tags_leave_out_stop_words() {
        let body = "本报讯 附图片。图片说明：水利工程。图片。水利建设发展，水库防汛，水利工程发展。附图片。图片。";
        let plain = tags("水库防汛工作", &[], body, 5, &|_| false);
        assert!(plain.iter().any(|t| t == "图片"), "{plain:?}");
        let stopped = tags("水库防汛工作", &[], body, 5, &is_default_tag_stop_word);
        assert!(
            stopped
                .iter()
                .all(|t| !["图片", "附图片", "发展", "工作", "本报讯"].contains(&t.as_str())),
            "{stopped:?}"
        );
        assert!(
            stopped.iter().any(|t| t == "水库" || t == "防汛"),
            "{stopped:?}"
        );
        // An operator's list is any set of words.
        let mine: std::collections::HashSet<String> = ["水库".to_string()].into();
        let theirs = tags("水库防汛工作", &[], body, 5, &|w| mine.contains(w));
        assert!(theirs.iter().all(|t| t != "水库"), "{theirs:?}");
    }

    #[test]
    fn tags_read_through_masks() {
        let tags = tags(
            "为全面建设社会主义现代化新xx贡献水利力量",
            &[],
            "水是万物之母。D的二十大报告提出了新时代新征程我们D的使命任务。水利高质量发展，水资源高效利用，水生态明显改善。推进智慧水利建设，增强水利事业发展动能。",
            5,
            &is_default_tag_stop_word,
        );
        assert!(tags.iter().any(|t| t == "水利"), "{tags:?}");
        assert!(
            tags.iter().all(|t| !t.contains('x') && !t.contains('D')),
            "{tags:?}"
        );
    }
}
