//! Boilerplate: what a site or a publisher puts around every document — navigation, licence
//! notices, `来源：`/`责任编辑：` lines, copyright and filing numbers, "scan to follow" prompts,
//! the publisher's own advertising. It is not the document: it is cut from the edges of a
//! file's text and kept on the material's record (its trailer).
//!
//! Two kinds of evidence, both read only at the edges of a file (the first and last
//! [`EDGE_BLOCKS`] paragraphs, taken from the edge inwards and stopping at the first paragraph
//! that is text), so a sentence of an article that happens to mention 扫码 or a web address
//! stays:
//! - **well-known patterns** ([`is_furniture`], [`crate::trailer::is_promo`]): conventions of
//!   Chinese web pages and licences that hold on any site;
//! - **repetition**: a short paragraph standing at the edge of [`MIN_FILES`] or more files
//!   (of the batch and the library together) is the template of a site. The store counts every
//!   edge paragraph it has seen; an operator can add a line or refuse a learned one.
//!
//! A file made only of such lines keeps them: a document is never emptied by this rule.

use crate::markers::PAID;
use crate::trailer::{is_brand_promo, is_promo};
use std::collections::{HashMap, HashSet};
use sucai_store::{EdgeLine, EdgeVerdict, Store, StoreError};
use sucai_text::fold::fold_for_fingerprint;
use sucai_text::lines::{Layout, ends_sentence, is_title_like};

/// Files a paragraph must stand at the edge of before it is taken for a site's template.
pub const MIN_FILES: u32 = 3;
/// Paragraphs at each end of a file that are read for boilerplate.
pub const EDGE_BLOCKS: usize = 8;
/// Longer paragraphs are text, whatever they say.
const MAX_CHARS: usize = 120;

/// Bytes beyond which a paragraph is no boilerplate by any rule: no rule takes a paragraph
/// longer than the publisher's advertising, and a character takes at most 4 bytes.
const MAX_EDGE_BYTES: usize = 4 * crate::trailer::MAX_PROMO_CHARS;

/// The form two boilerplate lines are compared in: folded, without spaces and punctuation,
/// so `【打印本页】 【关闭窗口】` and `打印本页 关闭窗口` are one line.
pub fn key(text: &str) -> String {
    fold_for_fingerprint(text)
}

fn is_blank(line: &str) -> bool {
    line.chars().all(|c| c == PAID || c.is_whitespace())
}

/// Paragraphs of `lines` (each with whether it was indented): runs of non-blank lines joined
/// where a line was broken mid-sentence (as the splitter joins them), as `start..end` line
/// ranges. Read once per file, for learning and for cutting.
pub fn paragraphs(lines: &[String], indents: &[bool]) -> Vec<std::ops::Range<usize>> {
    let layout = Layout::of_indented(lines, indents);
    let indented = |i: usize| indents.get(i).copied().unwrap_or(false);
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if is_blank(&lines[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let mut paragraph = unpaid(&lines[i]);
        while i + 1 < lines.len() && !is_blank(&lines[i + 1]) {
            let (line, next) = (unpaid(&lines[i]), unpaid(&lines[i + 1]));
            if !layout.continues_indented(&paragraph, &line, &next, indented(i + 1)) {
                break;
            }
            paragraph.push_str(&next);
            i += 1;
        }
        i += 1;
        out.push(start..i);
    }
    out
}

fn unpaid(line: &str) -> String {
    line.replace(PAID, "")
}

fn block_text(lines: &[String], range: &std::ops::Range<usize>) -> String {
    lines[range.clone()].iter().map(|l| unpaid(l)).collect()
}

/// Whether a paragraph may be learned as boilerplate from repetition alone. Parts of a
/// document recur too, and stay: a salutation (`同志们：`), a closing (`谢谢大家！`), a title
/// naming its kind (`心得体会`), a dated line (the document's own date), and a sentence of
/// prose (a standard closing paragraph is text until an operator says otherwise).
fn learnable(text: &str) -> bool {
    let trimmed = text.trim();
    let addresses = [
        "同志", "代表", "朋友", "领导", "来宾", "先生", "女士", "各位", "大家", "尊敬",
    ];
    let salutation =
        trimmed.ends_with(['：', ':']) && addresses.iter().any(|w| trimmed.contains(w));
    let thanks = trimmed.starts_with("谢谢");
    let contents = key(trimmed) == "目录";
    // A byline (`本报记者许立群`, `本报评论员`) or a name standing alone (`钟行`) recurs with
    // its author: it is the document's, not a site's.
    let byline = ["本报", "记者", "评论员", "通讯员", "特约", "作者"]
        .iter()
        .any(|w| trimmed.contains(w));
    let name = trimmed.chars().count() <= 4 && trimmed.chars().all(sucai_text::masks::is_cjk);
    let genres = [
        "讲话", "发言", "心得", "体会", "报告", "汇报", "总结", "方案", "致辞", "党课", "提纲",
    ];
    let names_a_kind = genres.iter().any(|w| trimmed.contains(w));
    let chars = key(trimmed).chars().count();
    let prose = ends_sentence(trimmed) && chars >= 16;
    (2..=MAX_CHARS).contains(&chars)
        && !salutation
        && !thanks
        && !contents
        && !byline
        && !name
        && !names_a_kind
        && !prose
        && !holds_date(trimmed)
}

/// Whether `text` holds a date to the month: `2019年7月`, `2019-07-27`, `2019/7/27`,
/// `2019.07.27` (half- or full-width digits).
fn holds_date(text: &str) -> bool {
    let chars: Vec<char> = text.chars().map(sucai_text::fold::fold_char).collect();
    chars.windows(6).any(|w| {
        w[..4].iter().all(char::is_ascii_digit)
            && matches!(w[4], '年' | '-' | '/' | '.')
            && w[5].is_ascii_digit()
    })
}

/// A field label that opens a line of page furniture: `来源：`, `责任编辑：`.
const FIELD_LABELS: &[&str] = &[
    "来源",
    "稿源",
    "文章来源",
    "信息来源",
    "责任编辑",
    "责编",
    "编辑",
    "审核",
    "审校",
    "校对",
    "终审",
    "初审",
    "供稿",
    "排版",
    "美编",
    "图片来源",
    "出处",
    "浏览次数",
    "阅读次数",
    "点击数",
    "主办单位",
    "主办",
    "承办单位",
    "承办",
    "技术支持",
    "网站地图",
];

/// Words that only copyright, filing and licence lines hold (such a line may run long with a
/// site's name and numbers).
const LEGAL_WORDS: &[&str] = &[
    "版权所有",
    "copyright",
    "©",
    "all rights reserved",
    "icp备",
    "icp证",
    "公网安备",
    "网站标识码",
    "未经授权禁止",
    "转载请注明",
    "公有领域",
    "public domain",
    "creative commons",
    "知识共享",
    "著作权保护",
];

/// Words of a page's controls and prompts: a short line of them is furniture; a long one is
/// text that happens to start with a prompt.
const PAGE_WORDS: &[&str] = &[
    "扫一扫在手机",
    "在手机上打开",
    "点击上方蓝字",
    "点击蓝字",
    "打印本页",
    "关闭窗口",
    "返回顶部",
    "分享到",
    "阅读原文",
    "点个“在看”",
    "点个在看",
];

/// Whether `text` is page furniture by the conventions of Chinese web pages and licences:
/// a short line labelled `来源：`/`责任编辑：`, a copyright or filing line, a breadcrumb
/// (`首页 > 新闻中心`), a bar of links (`首页 | 政务公开 | 办事服务`), a font-size switch,
/// print/close/share controls, a "scan to follow" prompt, `END`.
pub fn is_furniture(text: &str) -> bool {
    let t = text.trim();
    let chars = t.chars().count();
    if chars == 0 || chars > MAX_CHARS {
        return false;
    }
    let lower = t.to_lowercase();
    let labelled = FIELD_LABELS.iter().any(|label| {
        t.strip_prefix(label)
            .map(|rest| rest.trim_start())
            .is_some_and(|rest| rest.starts_with(['：', ':']))
    }) && chars <= 40;
    // A furniture word after a sentence of prose is the prose's: `…主办单位昨晚宣布…`.
    let holds = |words: &[&str]| {
        words.iter().any(|w| {
            lower
                .find(w)
                .is_some_and(|at| !lower[..at].contains(['。', '！', '？']))
        })
    };
    let words = holds(LEGAL_WORDS) || (chars <= 40 && holds(PAGE_WORDS));
    let breadcrumb = ["首页", "当前位置", "您的位置", "您现在的位置", "位置："]
        .iter()
        .any(|w| t.starts_with(w))
        && t.contains(['>', '›', '»', '→', '＞']);
    let link_bar = t.matches(['|', '｜']).count() >= 2
        && t.split(['|', '｜'])
            .all(|part| part.trim().chars().count() <= 8);
    let font_size = t.starts_with("字号") && t.contains('大') && t.contains('小');
    let follow =
        (t.contains("扫码关注") || t.contains("长按识别") || t.contains("关注我们")) && chars <= 30;
    let end = matches!(
        key(t).to_lowercase().as_str(),
        "end" | "完" | "全文完" | "本文完"
    ) && chars <= 12;
    labelled || words || breadcrumb || link_bar || font_size || follow || end
}

/// A column label standing alone above a document (`【理论学习】`, `★ 精选范文 ★`): the
/// publisher's shelf, not the document. (Lower down, such a line is a section heading.)
fn is_column_label(text: &str) -> bool {
    let t = text.trim();
    let inner = t.trim_matches(|c: char| "★☆◆◇■□●○※·—-=~ 　".contains(c));
    let framed = inner.len() < t.len() && t.starts_with(|c: char| "★☆◆◇■□●○※".contains(c));
    let bracketed = t.starts_with('【') && t.ends_with('】') && t.matches('【').count() == 1;
    (bracketed || framed) && (1..=10).contains(&key(inner).chars().count())
}

/// What one file offers the learning of boilerplate.
#[derive(Debug, Clone, Default)]
pub struct Edges {
    /// Its edge paragraphs that repetition may teach: `(key, text)`, each once.
    pub lines: Vec<(String, String)>,
    /// Hashes of its long paragraphs (longer than any template line), or of its whole text
    /// when it has none: copies of one document share them.
    signature: Vec<u64>,
}

/// The edge paragraphs of a file and its signature.
pub fn edges(lines: &[String], blocks: &[std::ops::Range<usize>]) -> Edges {
    let n = blocks.len();
    let mut seen = HashSet::new();
    let mut out = Edges::default();
    let mut learn = |text: &str| {
        if learnable(text) {
            let k = key(text);
            if seen.insert(k.clone()) {
                out.lines.push((k, text.trim().to_string()));
            }
        }
    };
    let mut signature = Vec::new();
    for (i, range) in blocks.iter().enumerate() {
        let (at_head, at_tail) = (i < EDGE_BLOCKS, i + EDGE_BLOCKS >= n);
        let long = lines[range.clone()].iter().map(|l| l.len()).sum::<usize>() > 3 * MAX_CHARS;
        if long && signature.len() < 8 {
            signature.push(hash(&block_text(lines, range)));
        }
        // A file of one line is all document: no edge stands apart from a body.
        if !(at_head || at_tail) || (n == 1 && range.len() == 1) {
            continue;
        }
        if !long {
            learn(&block_text(lines, range));
        }
        // A template glued to a paragraph by the layout shows as the paragraph's outer lines.
        if range.len() > 1 {
            let outer: Vec<&String> = if at_head {
                lines[range.clone()].iter().take(EDGE_BLOCKS).collect()
            } else {
                lines[range.clone()]
                    .iter()
                    .rev()
                    .take(EDGE_BLOCKS)
                    .collect()
            };
            for line in outer {
                learn(&unpaid(line));
            }
        }
    }
    out.signature = signature;
    if out.signature.is_empty() {
        out.signature.push(hash(&lines.concat()));
    }
    out
}

fn hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for c in text.chars().filter(|c| !c.is_whitespace() && *c != PAID) {
        c.hash(&mut h);
    }
    h.finish()
}

/// For each edge paragraph of `files`, its text and the number of distinct documents it
/// stands at the edge of: copies of one document (files sharing a long paragraph, as the
/// same text imported as .txt and .docx does) count once.
pub fn count_documents<'a>(
    files: impl IntoIterator<Item = &'a Edges>,
) -> HashMap<String, (String, u32)> {
    let files: Vec<&Edges> = files.into_iter().collect();
    // Union-find over files by shared signature hashes.
    let mut parent: Vec<usize> = (0..files.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut first: HashMap<u64, usize> = HashMap::new();
    for (i, f) in files.iter().enumerate() {
        for h in &f.signature {
            let j = *first.entry(*h).or_insert(i);
            let (a, b) = (root(&mut parent, i), root(&mut parent, j));
            parent[a] = b;
        }
    }
    let mut documents: HashMap<&str, HashSet<usize>> = HashMap::new();
    let mut texts: HashMap<&str, &str> = HashMap::new();
    for (i, f) in files.iter().enumerate() {
        let r = root(&mut parent, i);
        for (k, text) in &f.lines {
            documents.entry(k).or_default().insert(r);
            texts.entry(k).or_insert(text);
        }
    }
    documents
        .into_iter()
        .map(|(k, docs)| (k.to_string(), (texts[k].to_string(), docs.len() as u32)))
        .collect()
}

/// The boilerplate rules one import (or reprocess) applies.
#[derive(Debug, Clone, Default)]
pub struct Boilerplate {
    learned: HashSet<String>,
    refused: HashSet<String>,
}

impl Boilerplate {
    /// Rules from what the store knows of these keys and how many files of this batch hold each.
    pub fn from_counts(
        stored: &HashMap<String, EdgeLine>,
        in_batch: &HashMap<String, u32>,
    ) -> Boilerplate {
        let mut rules = Boilerplate::default();
        for k in stored.keys().chain(in_batch.keys()) {
            let batch = in_batch.get(k).copied().unwrap_or(0);
            let line = stored.get(k);
            match line.and_then(|l| l.verdict) {
                Some(EdgeVerdict::Text) => {
                    rules.refused.insert(k.clone());
                }
                Some(EdgeVerdict::Boilerplate) => {
                    rules.learned.insert(k.clone());
                }
                None if line.map_or(0, |l| l.files) + batch >= MIN_FILES => {
                    rules.learned.insert(k.clone());
                }
                None => {}
            }
        }
        rules
    }

    /// Whether a paragraph at the edge of a file is boilerplate. At the head, a line learned
    /// from repetition alone is not cut when it could be the title: titles recur too.
    pub fn is_boilerplate(&self, text: &str, at_head: bool) -> bool {
        if text.len() > MAX_EDGE_BYTES {
            return false;
        }
        let k = key(text);
        if k.is_empty() || self.refused.contains(&k) {
            return false;
        }
        let learned = self.learned.contains(&k) && !(at_head && is_title_like(text.trim()));
        learned || is_furniture(text) || is_promo(text.trim()) || (at_head && is_column_label(text))
    }

    /// Cuts boilerplate from the edges of `lines` (whose [`paragraphs`] are `blocks`), and the
    /// publisher's branded advertising from anywhere; returns what was cut, in order. A paid
    /// marker on a cut line stays.
    pub fn strip(&self, lines: &mut [String], blocks: &[std::ops::Range<usize>]) -> Vec<String> {
        // A long paragraph is refused before its lines are joined into one string.
        let is_cut = |range: &std::ops::Range<usize>, at_head: bool| {
            let bytes: usize = lines[range.clone()].iter().map(String::len).sum();
            bytes <= MAX_EDGE_BYTES && self.is_boilerplate(&block_text(lines, range), at_head)
        };
        // Cut lines, as ranges: whole paragraphs, or the outer lines of a paragraph the layout
        // glued a template to.
        let mut cut: Vec<std::ops::Range<usize>> = Vec::new();
        let line_is_cut = |i: usize, at_head: bool| {
            !is_blank(&lines[i]) && self.is_boilerplate(&unpaid(&lines[i]), at_head)
        };
        // The head: furniture, the title, more furniture (a page's `来源：` line under its
        // headline); the first paragraph that is neither ends it.
        let mut title_seen = false;
        // Blocks the head took whole (cut, or the title), and where a peel of the next ended.
        let mut head = 0;
        let mut peeled_to = 0;
        for b in blocks.iter().take(EDGE_BLOCKS) {
            if is_cut(b, true) {
                cut.push(b.clone());
                head += 1;
                continue;
            }
            // A paragraph of one line was judged whole just now: nothing to peel.
            let peelable = b.len() > 1;
            let peeled = b
                .clone()
                .take_while(|&i| peelable && line_is_cut(i, true))
                .count();
            if peeled > 0 {
                cut.push(b.start..b.start + peeled);
                peeled_to = b.start + peeled;
            } else if !title_seen && is_title_like(block_text(lines, b).trim()) {
                title_seen = true;
                head += 1;
                continue;
            }
            break;
        }
        let mut tail = 0;
        for b in blocks.iter().skip(head).rev().take(EDGE_BLOCKS) {
            if b.start >= peeled_to && is_cut(b, false) {
                cut.push(b.clone());
                tail += 1;
                continue;
            }
            let peelable = b.len() > 1;
            let peeled = (b.start.max(peeled_to)..b.end)
                .rev()
                .take_while(|&i| peelable && line_is_cut(i, false))
                .count();
            if peeled > 0 {
                cut.push(b.end - peeled..b.end);
            }
            break;
        }
        let tail_start = blocks.len() - tail;
        // The publisher's branded advertising is cut wherever it stands (between the articles
        // of a compilation too).
        let inner = &blocks[head.min(tail_start)..tail_start];
        cut.extend(
            inner
                .iter()
                .filter(|b| {
                    // Most paragraphs are not: a look at the first character spares the copy.
                    let bracketed = lines[b.start]
                        .trim_start_matches(|c: char| c == PAID || c.is_whitespace())
                        .starts_with('【');
                    bracketed && {
                        let text = block_text(lines, b);
                        !self.refused.contains(&key(&text)) && is_brand_promo(text.trim())
                    }
                })
                .cloned(),
        );
        // A document is never emptied: when nothing but a title would be left, it keeps all.
        let kept = (0..lines.len())
            .filter(|&i| !is_blank(&lines[i]) && !cut.iter().any(|r| r.contains(&i)))
            .count();
        if kept <= 1 {
            return Vec::new();
        }
        cut.sort_by_key(|b| b.start);
        let mut removed = Vec::new();
        for range in &cut {
            removed.push(block_text(lines, range).trim().to_string());
            for line in &mut lines[range.clone()] {
                *line = if line.contains(PAID) {
                    PAID.to_string()
                } else {
                    String::new()
                };
            }
        }
        removed
    }
}

/// The rules an operator reviews: lines they judged and lines learned from repetition, most
/// seen first.
pub async fn rules(store: &dyn Store, limit: i64) -> Result<Vec<EdgeLine>, StoreError> {
    store.boilerplate(MIN_FILES, limit).await
}

/// Records an operator's verdict on `line` (`None`: back to counting). Answers `false`, and
/// records nothing, when the line has nothing to compare (only spaces and punctuation).
pub async fn judge(
    store: &dyn Store,
    line: &str,
    verdict: Option<EdgeVerdict>,
) -> Result<bool, StoreError> {
    let k = key(line);
    if k.is_empty() {
        return Ok(false);
    }
    store.judge_edge_line(&k, line.trim(), verdict).await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(rules: &Boilerplate, lines: &mut [String]) -> Vec<String> {
        let blocks = paragraphs(lines, &[]);
        rules.strip(lines, &blocks)
    }

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_string).collect()
    }

    #[test]
    fn web_furniture_by_convention() {
        for line in [
            "来源：江城日报",
            "责任编辑： 王晓东",
            "首页 > 新闻中心 > 时政要闻",
            "网站首页 | 政务公开 | 办事服务 | 互动交流",
            "字号：大 中 小",
            "【打印本页】【关闭窗口】",
            "Copyright © 2003-2024 某某网 All Rights Reserved",
            "京ICP备05070218号-1",
            "扫一扫在手机打开当前页",
            "- END -",
            "扫码关注我们",
        ] {
            assert!(is_furniture(line), "{line}");
        }
        for line in [
            "来源于群众、服务于群众，是我们工作的根本出发点，任何时候都不能动摇，这是我们党的优良传统。",
            "欢迎广大群众扫码关注“江城发布”，或登录www.jiangcheng.gov.cn反映意见建议，我们将在3个工作日内答复。",
            "一、总体要求",
            "同志们：",
            "谢谢大家！",
        ] {
            assert!(!is_furniture(line), "{line}");
        }
    }

    #[test]
    fn edges_are_cut_and_text_in_between_stays() {
        let text = "首页 > 新闻中心\n\n关于水利工作的讲话\n\n同志们：\n来源于实践的经验要总结。\n欢迎扫码关注我们的工作进展，登录网站提出意见建议，我们将认真研究办理。\n\n来源：江城日报\n责任编辑：李娜\n京ICP备05070218号-1\n";
        let mut ls = lines(text);
        let removed = cut(&Boilerplate::default(), &mut ls);
        assert_eq!(
            removed,
            vec![
                "首页 > 新闻中心",
                "来源：江城日报",
                "责任编辑：李娜",
                "京ICP备05070218号-1"
            ]
        );
        let kept: Vec<&String> = ls.iter().filter(|l| !l.is_empty()).collect();
        assert_eq!(kept.len(), 4);
        assert!(kept[3].starts_with("欢迎扫码关注"));
    }

    #[test]
    fn repetition_teaches_a_sites_template_but_not_a_salutation() {
        let files = [
            "甲文的标题\n同志们：\n甲文的正文。\n注意：\n本站文字可自由转载。\nfalse\n",
            "乙文的标题\n同志们：\n乙文的正文。\n注意：\n本站文字可自由转载。\nfalse\n",
            "丙文的标题\n同志们：\n丙文的正文。\n注意：\n本站文字可自由转载。\nfalse\n",
        ];
        let found: Vec<Edges> = files
            .iter()
            .map(|f| edges(&lines(f), &paragraphs(&lines(f), &[])))
            .collect();
        let in_batch: HashMap<String, u32> = count_documents(&found)
            .into_iter()
            .map(|(k, (_, n))| (k, n))
            .collect();
        let rules = Boilerplate::from_counts(&HashMap::new(), &in_batch);
        let mut ls = lines(files[0]);
        let removed = cut(&rules, &mut ls);
        assert_eq!(removed, vec!["注意：", "本站文字可自由转载。", "false"]);
        assert!(ls.contains(&"同志们：".to_string()));

        // Two files are not yet a template; an operator's refusal outweighs any count.
        let two: HashMap<String, u32> = in_batch.keys().map(|k| (k.clone(), 2)).collect();
        assert!(
            cut(
                &Boilerplate::from_counts(&HashMap::new(), &two),
                &mut lines(files[0])
            )
            .is_empty()
        );
        let refused: HashMap<String, EdgeLine> = [(
            key("false"),
            EdgeLine {
                key: key("false"),
                text: "false".into(),
                files: 0,
                verdict: Some(EdgeVerdict::Text),
            },
        )]
        .into();
        let rules = Boilerplate::from_counts(&refused, &in_batch);
        assert!(!rules.is_boilerplate("false", false));
    }

    #[test]
    fn a_template_glued_to_a_paragraph_by_the_layout_is_peeled_off() {
        // Blank lines part paragraphs here, so every break inside one is a wrap: the layout
        // glues the page's lines to the text around them.
        let text = "网站首页 | 政务公开 | 办事服务\n字号：大 中 小\n走持续发展之路\n\n处于世纪之交的重要历史时刻，锡山市的未来蓝图应如何勾勒，这是广大干部群众\n关注的问题。\n\n任何单位和部门不准以任何理由\n和方式让下级承担上级的开支。\nEND\n来源：青山组工\n扫码关注我们\n";
        let mut ls = lines(text);
        let removed = cut(&Boilerplate::default(), &mut ls);
        assert_eq!(
            removed.concat(),
            "网站首页 | 政务公开 | 办事服务字号：大 中 小END来源：青山组工扫码关注我们"
        );
        let kept: String = ls.concat();
        assert!(
            kept.starts_with("走持续发展之路") && kept.ends_with("上级的开支。"),
            "{kept}"
        );
    }

    #[test]
    fn a_file_of_nothing_but_boilerplate_keeps_it() {
        let mut ls = lines("扫码关注我们\n来源：江城日报\n");
        assert!(cut(&Boilerplate::default(), &mut ls).is_empty());
        assert_eq!(ls[0], "扫码关注我们");
    }

    #[test]
    fn a_paid_marker_on_a_cut_line_stays() {
        let mut ls = lines("标题\n正文第一段。\n\u{E000}来源：江城日报\n");
        cut(&Boilerplate::default(), &mut ls);
        assert_eq!(ls[2], "\u{E000}");
    }
}
