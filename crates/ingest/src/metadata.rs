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

/// The year an article is about: one named in its title, else the year its text names most
/// often (the later one on a tie), else none. Masked years (`xxxx年`) are not years.
pub fn year(title: &str, body: &str) -> Option<i32> {
    if let Some(y) = years_in(title).into_iter().max() {
        return Some(y);
    }
    let mut counts = std::collections::BTreeMap::new();
    for y in years_in(body) {
        *counts.entry(y).or_insert(0) += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(y, n)| (n, y))
        .map(|(y, _)| y)
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
    fn years() {
        assert_eq!(
            year("2023年工作总结", "2022年取得成绩，2035年远景"),
            Some(2023)
        );
        assert_eq!(
            year("总结", "１９９８年新年讲话，１９９８年到来，1997年回顾"),
            Some(1998)
        );
        assert_eq!(year("总结", "xxxx年是开局之年，12345年不是"), None);
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
