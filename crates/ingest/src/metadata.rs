//! An article's metadata: category, topic tags, year.

use jieba_rs::{Jieba, KeywordExtract, TfIdf};
use std::sync::OnceLock;
use sucai_text::fold::fold_for_search;

/// Categories by the words that name them in a title, most specific first.
const CATEGORIES: &[(&str, &[&str])] = &[
    (
        "研讨发言",
        &["研讨发言", "研讨交流", "交流发言", "研讨材料", "研讨"],
    ),
    (
        "心得体会",
        &["心得体会", "心得", "体会", "感悟", "读后感", "观后感"],
    ),
    ("党课", &["党课", "D课"]),
    ("述职报告", &["述职"]),
    ("对照检查", &["对照检查", "检视剖析", "剖析材料", "查摆"]),
    ("调研报告", &["调研"]),
    ("主持词", &["主持词"]),
    ("总结", &["总结"]),
    ("汇报", &["汇报", "工作报告", "报告"]),
    ("方案", &["方案", "规划", "计划", "实施意见", "办法"]),
    (
        "讲话",
        &["讲话", "致辞", "发言", "讲稿", "动员", "会议上", "演讲"],
    ),
];

/// What nobody reading the library would want as a category.
pub const OTHER: &str = "其他";

/// The category named by the article's title, else by the material's title (a compilation of
/// 研讨发言 names its articles' kind once), else [`OTHER`].
pub fn category(article_title: &str, material_title: &str) -> &'static str {
    [article_title, material_title]
        .iter()
        .find_map(|title| {
            CATEGORIES
                .iter()
                .find(|(_, words)| words.iter().any(|w| title.contains(w)))
                .map(|(name, _)| *name)
        })
        .unwrap_or(OTHER)
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

/// Characters of an article that keyword extraction reads: the opening carries the topic, and
/// a bound keeps a pathological file from stalling an import.
const TAG_SAMPLE_CHARS: usize = 20_000;

/// Topic tags: the article's top keywords (TF-IDF over jieba words), read through the masks.
pub fn tags(title: &str, body: &str, max: usize) -> Vec<String> {
    let sample: String = body.chars().take(TAG_SAMPLE_CHARS).collect();
    // The title counts three times: it says what the article is about.
    let text = fold_for_search(&format!("{title}。{title}。{title}。{sample}"));
    let pos = ["n", "nz", "vn", "ns", "nt", "l", "j"]
        .map(String::from)
        .to_vec();
    let k = keywords();
    k.tfidf
        .extract_keywords(&k.jieba, &text, max * 2, pos)
        .into_iter()
        .map(|kw| kw.keyword)
        .filter(|w| {
            w.chars().count() >= 2 && !w.contains('x') && w.chars().any(sucai_text::masks::is_cjk)
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

/// The year of a document, from what dates it and nothing else: a dating line at its start or
/// end (`（2024年3月5日在…上）`, `——在…上的讲话（2023年12月1日）`, `日期：2022-06-30`, a line
/// that is only a date, in Arabic or Chinese numerals), else a year in its title, else a date
/// in the file's name; never a year the text merely mentions (a target such as 2035年, an
/// anniversary). A year after `latest` or before 1949 is no date of this library's documents.
/// `None` rather than a guess.
pub fn year(title: &str, body: &str, file_name: &str, latest: i32) -> Option<i32> {
    let plausible = |y: &i32| (1949..=latest).contains(y);
    let lines: Vec<&str> = body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let edges = lines.iter().take(3).chain(lines.iter().rev().take(3));
    edges
        .filter_map(|line| dating_line_year(line))
        .find(plausible)
        .or_else(|| years_in(title).into_iter().filter(plausible).max())
        .or_else(|| file_name_year(file_name).filter(plausible))
}

/// The year of a line that dates its document, if `line` is one.
fn dating_line_year(line: &str) -> Option<i32> {
    if line.chars().count() > 80 {
        return None;
    }
    let folded: String = line.chars().map(sucai_text::fold::fold_char).collect();
    let dating = [
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
    let (year, before, after) = full_date(&folded)?;
    // A line that is only a date dates the document too.
    let words = |s: &str| s.chars().any(char::is_alphanumeric);
    let only_date = !words(before) && !words(after);
    (dating || only_date).then_some(year)
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

/// The first full date in `text` (`2024年3月5日`, `二〇二四年三月五日`, `2024-03-05`): its year,
/// and the text before and after it.
fn full_date(text: &str) -> Option<(i32, &str, &str)> {
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
        let after = chars.get(i + 4).map(|c| c.1);
        let month_follows = match after {
            Some('年') => chars.get(i + 5).is_some_and(|c| {
                c.1.is_ascii_digit() || chinese_digit(c.1).is_some() || c.1 == '十'
            }),
            Some('-' | '.' | '/') => chars.get(i + 5).is_some_and(|c| c.1.is_ascii_digit()),
            _ => false,
        };
        if !month_follows {
            continue;
        }
        // The date runs to its day mark (日) or, in the numeric forms, to the end of its digits.
        let rest_from = chars[i + 5..]
            .iter()
            .position(|c| c.1 == '日')
            .map(|p| i + 5 + p + 1)
            .or_else(|| {
                chars[i + 5..]
                    .iter()
                    .position(|c| !(c.1.is_ascii_digit() || "-./".contains(c.1)))
                    .map(|p| i + 5 + p)
            })
            .unwrap_or(chars.len());
        let at = chars.get(rest_from).map_or(text.len(), |c| c.0);
        return Some((year as i32, &text[..chars[i].0], &text[at..]));
    }
    None
}

/// A date in a file's name: `2021-05-04 关于….txt`, `20210504_讲话.docx`, `2021年…`.
fn file_name_year(name: &str) -> Option<i32> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    if let Some((year, _, _)) = full_date(base) {
        return Some(year);
    }
    if let Some(y) = years_in(base).into_iter().max() {
        return Some(y);
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
            let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
            ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| y.parse().ok())?
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories() {
        assert_eq!(
            category(
                "为全面建设新xx贡献水利力量",
                "D组书记在座谈会上的研讨发言材料汇编（10篇）"
            ),
            "研讨发言"
        );
        assert_eq!(category("学习二十大精神心得体会", "x"), "心得体会");
        assert_eq!(category("在全县经济工作会议上的讲话", ""), "讲话");
        assert_eq!(category("周末去哪儿", "随笔"), OTHER);
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
    fn tags_read_through_masks() {
        let tags = tags(
            "为全面建设社会主义现代化新xx贡献水利力量",
            "水是万物之母。D的二十大报告提出了新时代新征程我们D的使命任务。水利高质量发展，水资源高效利用，水生态明显改善。推进智慧水利建设，增强水利事业发展动能。",
            5,
        );
        assert!(tags.iter().any(|t| t == "水利"), "{tags:?}");
        assert!(
            tags.iter().all(|t| !t.contains('x') && !t.contains('D')),
            "{tags:?}"
        );
    }
}
