//! Cutting a material's text into articles: the material's title, the declared article count of
//! a compilation (`…汇编（10篇）`), title lines, paragraphs joined back where a line was broken
//! mid-sentence, and the paid boundary of each article.

use crate::markers::PAID;
use crate::trailer::is_promo;
use sucai_text::lines::{
    Layout, ends_sentence, is_date_line, runs_on, is_section_heading, is_title_like, stands_alone,
};
use sucai_text::normalize::clean_lines;

/// One article as cut from a material, before its metadata is worked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub title: String,
    pub paragraphs: Vec<String>,
    /// Characters of the body (paragraphs joined by `\n`) before the paid boundary; `None` when
    /// the material has no paid markers.
    pub free_chars: Option<u32>,
}

impl Draft {
    pub fn body(&self) -> String {
        self.paragraphs.join("\n")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    pub title: String,
    pub declared: Option<u32>,
    pub articles: Vec<Draft>,
    pub trailer: Vec<String>,
    pub warnings: Vec<String>,
}

fn without_paid(line: &str) -> String {
    line.replace(PAID, "")
}

fn is_blank(line: &str) -> bool {
    line.chars().all(|c| c == PAID)
}

/// The article count a compilation's title declares: `（10篇）`, `(10篇)`, `十篇`.
pub fn declared_count(title: &str) -> Option<u32> {
    let end = title.rfind('篇')?;
    let digits: String = title[..end]
        .chars()
        .rev()
        .take_while(|c| {
            c.is_ascii_digit()
                || ('０'..='９').contains(c)
                || "零一二三四五六七八九十百两".contains(*c)
        })
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    parse_number(&digits)
}

fn parse_number(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    let folded: String = s.chars().map(sucai_text::fold::fold_char).collect();
    if let Ok(n) = folded.parse() {
        return Some(n);
    }
    let digit = |c: char| {
        "零一二三四五六七八九"
            .find(c)
            .map(|i| (i / 3) as u32)
            .or((c == '两').then_some(2))
    };
    let (mut total, mut current) = (0u32, 0u32);
    for c in s.chars() {
        match c {
            '十' => {
                total += current.max(1) * 10;
                current = 0;
            }
            '百' => {
                total += current.max(1) * 100;
                current = 0;
            }
            _ => current = digit(c)?,
        }
    }
    Some(total + current)
}

/// Moves the paid boundary off lines that only carry it or that are titles: the boundary then
/// stands at the start of the next paragraph of text, which is where the paid part begins.
fn settle_paid(lines: &mut [String]) {
    let Some(k) = lines.iter().position(|l| l.contains(PAID)) else {
        return;
    };
    let line = &lines[k];
    let stripped = without_paid(line);
    let at_start = line.starts_with(PAID);
    let next_blank = lines.get(k + 1).is_none_or(|l| is_blank(l));
    let title_before_body = at_start && is_title_like(&stripped) && next_blank;
    if !(stripped.trim().is_empty() || title_before_body) {
        return;
    }
    lines[k] = stripped;
    // When nothing follows, the paid part is empty.
    if let Some(j) = (k + 1..lines.len()).find(|&j| !is_blank(&lines[j])) {
        lines[j].insert(0, PAID);
    }
}

/// Joins lines into paragraphs: a blank line ends a paragraph, and a line broken
/// mid-sentence is joined to the next (the rules of [`Layout::continues`]).
fn paragraphs(lines: &[String], layout: Layout) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut last = String::new();
    for line in lines {
        if is_blank(line) {
            if line.contains(PAID) {
                current.push(PAID);
            }
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        let plain = without_paid(line);
        if !current.is_empty() && !layout.continues(&without_paid(&current), &last, &plain) {
            out.push(std::mem::take(&mut current));
        }
        current.push_str(line);
        last = plain;
    }
    if !current.is_empty() {
        out.push(current);
    }
    out.retain(|p| !is_blank(p) || p.contains(PAID));
    out
}

/// Text compared without its spacing and with full-width letters and digits folded, as a file
/// name is compared with a line.
fn key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .map(sucai_text::fold::fold_char)
        .collect()
}

/// A file's name as a title: without the copy number a second download adds (`讲话(2)`,
/// `讲话（3）`) or the `副本` / `- Copy` of a copied file.
pub fn file_title(stem: &str) -> String {
    let mut t = stem.trim();
    for suffix in [" - 副本", "_副本", "-副本", "副本", " - Copy", " - copy", " copy"] {
        if let Some(rest) = t.strip_suffix(suffix)
            && !rest.trim().is_empty()
        {
            t = rest.trim_end();
        }
    }
    for (open, close) in [('(', ')'), ('（', '）')] {
        if let Some(rest) = t.strip_suffix(close)
            && let Some(at) = rest.rfind(open)
            && !rest[at + open.len_utf8()..].is_empty()
            && rest[at + open.len_utf8()..].chars().all(|c| c.is_ascii_digit())
            && !rest[..at].trim().is_empty()
        {
            t = rest[..at].trim_end();
        }
    }
    t.to_string()
}

/// A line that labels rather than says: wholly in brackets (`【理论学习】`) or opened by an
/// ornament (`★ 精选范文 ★`). Before a title it is the page's column, not the article's text.
fn is_label_line(line: &str) -> bool {
    let t = line.trim();
    let first = t.chars().next();
    let bracketed = t.starts_with('【') && t.ends_with('】') && t.matches('【').count() == 1;
    let ornament = first.is_some_and(|c| "★☆◆◇●○■□▲△▼※◎❖♦".contains(c));
    (bracketed || ornament) && t.chars().count() <= 24
}

/// The material's title and where its text starts. In order: a title broken over two lines
/// that the file's name confirms; the line the file is named after among the first three; the
/// first line when it is a title (one phrase, not a salutation, not the start of a sentence
/// that runs on); the line after a short prefatory line (an epigraph, a column label, a series
/// line `——…之一`); else the file's name. Column labels before the title go to `trailer`; an
/// epigraph stays as the text's first paragraph.
fn choose_title(
    lines: &mut [String],
    fallback: &str,
    layout: Layout,
    trailer: &mut Vec<String>,
) -> (String, usize) {
    let name = file_title(fallback);
    let name_key = key(&name);
    let nonblank: Vec<usize> = (0..lines.len())
        .filter(|&i| !is_blank(&lines[i]))
        .take(4)
        .collect();
    let Some(&first) = nonblank.first() else {
        return (name, 0);
    };
    let usable = |l: &str| !l.contains(PAID) && is_title_like(l);
    let has_text_after = |lines: &[String], i: usize| lines[i + 1..].iter().any(|l| !is_blank(l));
    // A title needs text after it, and does not run on into the next line.
    let is_title_at = |lines: &[String], i: usize| {
        usable(&lines[i])
            && has_text_after(lines, i)
            && lines.get(i + 1).is_none_or(|next| {
                is_blank(next) || !runs_on(&lines[i], &lines[i], next)
            })
    };

    // A title broken over two lines, confirmed by the file's name.
    if let Some(next) = lines.get(first + 1)
        && !is_blank(next)
        && usable(&lines[first])
        && usable(next)
        && name_key.chars().count() >= 4
        && key(&lines[first]) != name_key
        && name_key.contains(&key(&format!("{}{next}", lines[first])))
        && has_text_after(lines, first + 1)
    {
        let title = format!("{}{}", lines[first], next);
        return (title, first + 2);
    }
    // The line the file is named after.
    if name_key.chars().count() >= 4
        && let Some(&i) = nonblank
            .iter()
            .take(3)
            .find(|&&i| key(&lines[i]) == name_key && usable(&lines[i]) && has_text_after(lines, i))
    {
        let title = std::mem::take(&mut lines[i]);
        for j in first..i {
            if is_label_line(&lines[j]) {
                trailer.push(std::mem::take(&mut lines[j]));
            }
        }
        return (title, if i == first { i + 1 } else { first });
    }
    if is_title_at(lines, first) && !(layout.wrapped && starts_run_on(lines, first)) {
        return (lines[first].clone(), first + 1);
    }
    // A short prefatory line set apart by a blank line, then the title.
    let prefatory = |l: &str| {
        let len = l.chars().count();
        len <= 40 && !l.contains(PAID) && !l.trim_end().ends_with(['：', ':']) && !usable(l)
    };
    if prefatory(&lines[first])
        && lines.get(first + 1).is_some_and(|l| is_blank(l))
        && let Some(&j) = nonblank.get(1)
        && is_title_at(lines, j)
    {
        let title = std::mem::take(&mut lines[j]);
        if is_label_line(&lines[first]) {
            trailer.push(std::mem::take(&mut lines[first]));
        }
        return (title, first);
    }
    (name, first)
}

/// Whether the line at `i` of a hard-wrapped text has its sentence go on in the next line
/// (no blank line between, the next line not a line of its own, the line itself long).
fn starts_run_on(lines: &[String], i: usize) -> bool {
    lines.get(i + 1).is_some_and(|next| {
        !is_blank(next)
            && !stands_alone(next)
            && !ends_sentence(&lines[i])
            && lines[i].chars().count() > 30
    })
}

/// Cuts `text` (paid markers already replaced by [`PAID`]) into articles. `fallback_title`
/// names a single article whose text has no title line (the file name).
pub fn split(text: &str, has_markers: bool, fallback_title: &str) -> Split {
    let mut lines = clean_lines(text);
    let mut trailer = Vec::new();
    for line in lines.iter_mut() {
        if is_promo(&without_paid(line)) {
            trailer.push(without_paid(line));
            *line = if line.contains(PAID) {
                PAID.to_string()
            } else {
                String::new()
            };
        }
    }
    settle_paid(&mut lines);
    let layout = Layout::of(&lines);

    let mut warnings = Vec::new();
    let (title, body_start) = choose_title(&mut lines, fallback_title, layout, &mut trailer);
    let declared = declared_count(&title);
    let is_compilation = declared.is_some_and(|n| n >= 2)
        || ["汇编", "合集", "选编"].iter().any(|w| title.contains(w));

    let starts: Vec<usize> = if is_compilation {
        let (starts, warning) = compilation_starts(&lines, body_start, declared);
        warnings.extend(warning);
        starts
    } else {
        Vec::new()
    };

    let mut articles = Vec::new();
    if starts.is_empty() {
        articles.push(Draft {
            title: title.clone(),
            paragraphs: paragraphs(&lines[body_start..], layout),
            free_chars: None,
        });
    } else {
        let preamble = paragraphs(&lines[body_start..starts[0]], layout);
        if preamble.iter().any(|p| !is_blank(p)) {
            warnings.push(format!(
                "{} paragraph(s) before the first article title belong to no article",
                preamble.len()
            ));
        }
        let paid_in_preamble = preamble.iter().any(|p| p.contains(PAID));
        for (n, &start) in starts.iter().enumerate() {
            let end = starts.get(n + 1).copied().unwrap_or(lines.len());
            let mut paragraphs = paragraphs(&lines[start + 1..end], layout);
            if n == 0 && paid_in_preamble {
                paragraphs.insert(0, PAID.to_string());
            }
            articles.push(Draft {
                title: lines[start].clone(),
                paragraphs,
                free_chars: None,
            });
        }
    }
    if has_markers {
        place_paid_boundary(&mut articles);
    }
    Split {
        title,
        declared,
        articles,
        trailer,
        warnings,
    }
}

/// A line that may title one document of a compilation, and how strongly it does.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    line: usize,
    score: u32,
}

/// Score from which a candidate title line starts a whole document: set apart by blank lines,
/// after a finished document (or at the start), with a document's worth of text after it.
const DOCUMENT_LEVEL: u32 = 4;

/// Where the documents of a compilation start (title line indexes), and a warning when that
/// disagrees with the declared count.
///
/// A candidate is a title-like line after a blank line (or first in the body) that is not a
/// section heading (`一、`, `（一）`, `第一章`, `1.`), a dating line, a line of a `目录`, or a
/// salutation. It scores for a blank line after it (2), for the text before it having ended
/// (1), for its text running to at least 100 characters before the next candidate (1), for
/// standing in the table of contents (2), and for a salutation, byline or dating line right
/// after it (1). Candidates scoring [`DOCUMENT_LEVEL`] start documents.
///
/// With a declared count N: the document-level candidates when there are N of them; when
/// there are fewer, they and the strongest of the rest when a gap in score picks exactly the
/// missing ones; else, when the document-level split finds two or more whole documents, that
/// split (more documents than declared are not merged to fit: the count is then wrong), with a
/// warning; else the file stays whole, with a warning. Without a declared count, the document-level split when it
/// finds two or more documents.
fn compilation_starts(
    lines: &[String],
    body_start: usize,
    declared: Option<u32>,
) -> (Vec<usize>, Option<String>) {
    let candidates = title_candidates(lines, body_start);
    if std::env::var_os("SUCAI_DEBUG_SPLIT").is_some() {
        for c in &candidates {
            eprintln!("{} {} {}", c.line, c.score, lines[c.line]);
        }
    }
    let strong: Vec<usize> = candidates
        .iter()
        .filter(|c| c.score >= DOCUMENT_LEVEL)
        .map(|c| c.line)
        .collect();
    let Some(n) = declared.map(|n| n as usize) else {
        return (if strong.len() >= 2 { strong } else { Vec::new() }, None);
    };
    if strong.len() == n {
        return (strong, None);
    }
    // Too few whole documents: the strongest of the other candidates make up the count when a
    // gap in score sets exactly the missing ones apart (never a section heading: those are no
    // candidates). More documents than declared are never merged to fit the count.
    if strong.len() < n {
        let missing = n - strong.len();
        let mut weaker: Vec<Candidate> = candidates
            .iter()
            .filter(|c| c.score < DOCUMENT_LEVEL)
            .copied()
            .collect();
        weaker.sort_by(|a, b| b.score.cmp(&a.score).then(a.line.cmp(&b.line)));
        if weaker.len() >= missing
            && weaker[missing - 1].score >= DOCUMENT_LEVEL - 1
            && weaker
                .get(missing)
                .is_none_or(|c| c.score < weaker[missing - 1].score)
        {
            let mut chosen = strong.clone();
            chosen.extend(weaker[..missing].iter().map(|c| c.line));
            chosen.sort_unstable();
            return (chosen, None);
        }
    }
    if strong.len() >= 2 {
        let found = strong.len();
        return (
            strong,
            Some(format!(
                "the title says {n}篇 but {found} documents were found; split into those {found}"
            )),
        );
    }
    (
        Vec::new(),
        Some(format!(
            "the title says {n}篇 but no split into whole documents was found; kept as one article"
        )),
    )
}

/// Lines that list a compilation's contents: a `目录` line and the lines after it up to the
/// next blank line; with the titles they list (numbers and page numbers left off).
fn table_of_contents(lines: &[String], from: usize) -> (Vec<usize>, Vec<String>) {
    let mut rows = Vec::new();
    let mut titles = Vec::new();
    for i in from..lines.len() {
        if key(&lines[i]) != "目录" {
            continue;
        }
        rows.push(i);
        for (j, line) in lines.iter().enumerate().skip(i + 1) {
            if is_blank(line) {
                break;
            }
            rows.push(j);
            let title = line
                .trim()
                .trim_start_matches(|c: char| {
                    c.is_ascii_digit() || "０１２３４５６７８９.．、 ()（）一二三四五六七八九十".contains(c)
                })
                .trim_end_matches(|c: char| c.is_ascii_digit() || " .．…·-".contains(c));
            titles.push(key(title));
        }
        break;
    }
    (rows, titles)
}

fn title_candidates(lines: &[String], body_start: usize) -> Vec<Candidate> {
    let (toc_rows, toc_titles) = table_of_contents(lines, body_start);
    let is_candidate = |i: usize| {
        let line = &lines[i];
        let blank_before = i == body_start || is_blank(&lines[i - 1]);
        blank_before
            && !is_blank(line)
            && !line.contains(PAID)
            && is_title_like(line)
            && !is_section_heading(line)
            && !is_date_line(line)
            && !toc_rows.contains(&i)
    };
    let lines_at: Vec<usize> = (body_start..lines.len()).filter(|&i| is_candidate(i)).collect();
    let blank_after = |i: usize| lines.get(i + 1).is_none_or(|l| is_blank(l));
    lines_at
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            // The text up to the next candidate set apart like a title (a candidate run on
            // into its paragraph is the first line of one).
            let end = lines_at[k + 1..]
                .iter()
                .copied()
                .find(|&j| blank_after(j))
                .unwrap_or(lines.len());
            let text: usize = lines[i + 1..end]
                .iter()
                .map(|l| without_paid(l).chars().count())
                .sum();
            let before = (body_start..i)
                .rev()
                .find(|&j| !is_blank(&lines[j]) && !toc_rows.contains(&j));
            // The text before has ended (or only the title and the contents come before).
            let after_end = before.is_none_or(|j| {
                let l = without_paid(&lines[j]);
                // A sentence, a date or signature, an attribution in brackets `（…）`.
                ends_sentence(&l) || stands_alone(&l) || l.trim_end().ends_with(['）', ')'])
            });
            let listed = toc_titles.iter().any(|t| !t.is_empty() && *t == key(&lines[i]));
            let next = lines[i + 1..end].iter().find(|l| !is_blank(l));
            let introduced = next.is_some_and(|l| {
                let l = without_paid(l);
                (stands_alone(&l) && !is_section_heading(&l))
                    || (l.trim_end().ends_with(['：', ':']) && l.chars().count() <= 30)
            });
            let score = 2 * u32::from(blank_after(i))
                + u32::from(after_end)
                + u32::from(text >= 100)
                + 2 * u32::from(listed)
                + u32::from(introduced);
            Candidate { line: i, score }
        })
        .collect()
}

/// Turns the [`PAID`] character into each article's count of free characters: articles before
/// it are free, the one holding it is free up to it, the ones after are paid.
fn place_paid_boundary(articles: &mut [Draft]) {
    let mut seen = false;
    for article in articles.iter_mut() {
        let body = article.body();
        match body.find(PAID) {
            Some(at) if !seen => {
                seen = true;
                article.free_chars = Some(body[..at].chars().count() as u32);
            }
            _ => {
                let len = body.chars().filter(|&c| c != PAID).count() as u32;
                article.free_chars = Some(if seen { 0 } else { len });
            }
        }
        for p in article.paragraphs.iter_mut() {
            if p.contains(PAID) {
                *p = without_paid(p);
            }
        }
        article.paragraphs.retain(|p| !p.is_empty());
        // A boundary standing alone between paragraphs counted its own `\n`.
        let len = article.body().chars().count() as u32;
        article.free_chars = article.free_chars.map(|f| f.min(len));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_counts() {
        assert_eq!(declared_count("研讨发言材料汇编（10篇）"), Some(10));
        assert_eq!(declared_count("心得体会汇编(１２篇)"), Some(12));
        assert_eq!(declared_count("讲话稿十五篇"), Some(15));
        assert_eq!(declared_count("讲话稿二十篇"), Some(20));
        assert_eq!(declared_count("一篇讲话"), Some(1));
        assert_eq!(declared_count("没有数字"), None);
    }

    #[test]
    fn single_article_with_free_preview() {
        let s = split("标题\n\n免费的一段。\n\u{E000}付费的一段。\n", true, "file");
        assert_eq!(s.title, "标题");
        assert_eq!(s.articles.len(), 1);
        let a = &s.articles[0];
        assert_eq!(a.paragraphs, vec!["免费的一段。", "付费的一段。"]);
        assert_eq!(a.free_chars, Some("免费的一段。\n".chars().count() as u32));
    }

    #[test]
    fn compilation_with_count_mismatch_is_reported() {
        let text = "讲话汇编（3篇）\n\n第一篇标题\n\n正文一。\n\n第二篇标题\n\n正文二。\n";
        let s = split(text, false, "file");
        assert_eq!(s.articles.len(), 2);
        assert_eq!(s.declared, Some(3));
        assert!(s.warnings[0].contains("3篇"));
        assert_eq!(s.articles[1].title, "第二篇标题");
        assert_eq!(s.articles[1].free_chars, None);
    }

    #[test]
    fn broken_line_is_joined_and_promo_goes_to_trailer() {
        let long = "四是打造文旅产业发展“xx亮点”，实施重大文化产业项目带动战略。五是坚持用文化的理念发展旅游、用旅游的载体传播文化，推动“两廊两带两区”";
        let text = format!(
            "标题\n\n{long}\n文旅发展布局从蓝图转化为实景。\n【某某素材库】——会员每日更新，添加客服：abc\n"
        );
        let s = split(&text, false, "file");
        assert_eq!(s.articles[0].paragraphs.len(), 1);
        assert!(s.articles[0].paragraphs[0].ends_with("两区”文旅发展布局从蓝图转化为实景。"));
        assert_eq!(s.trailer.len(), 1);
    }

    #[test]
    fn text_without_title_line_takes_the_file_name() {
        let s = split("这是一段很长的正文，没有标题。\n", false, "某文件");
        assert_eq!(s.title, "某文件");
        assert_eq!(
            s.articles[0].paragraphs,
            vec!["这是一段很长的正文，没有标题。"]
        );
    }
}
