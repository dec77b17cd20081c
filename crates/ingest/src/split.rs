//! Cutting a material's text into articles: the material's title, the declared article count of
//! a compilation (`…汇编（10篇）`), title lines, paragraphs joined back where a line was broken
//! mid-sentence, and the paid boundary of each article.

use crate::markers::PAID;
use sucai_text::lines::{continues_on_next_line, is_title_like};

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
/// mid-sentence is joined to the next.
fn paragraphs(lines: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
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
        if !current.is_empty()
            && !continues_on_next_line(&without_paid(&current), &without_paid(line))
        {
            out.push(std::mem::take(&mut current));
        }
        current.push_str(line);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out.retain(|p| !is_blank(p) || p.contains(PAID));
    out
}

/// Cuts the cleaned lines of a material (paid markers already replaced by [`PAID`],
/// boilerplate already cut) into articles. `fallback_title` names a single article whose text
/// has no title line (the file name).
pub fn split(mut lines: Vec<String>, has_markers: bool, fallback_title: &str) -> Split {
    settle_paid(&mut lines);

    let mut warnings = Vec::new();
    let first = lines.iter().position(|l| !is_blank(l));
    // A title line needs text after it: a lone short line is the text itself.
    let has_text_after = |i: usize| lines[i + 1..].iter().any(|l| !is_blank(l));
    let (title, body_start) = match first {
        Some(i) if is_title_like(&lines[i]) && !lines[i].contains(PAID) && has_text_after(i) => {
            (lines[i].clone(), i + 1)
        }
        _ => (fallback_title.to_string(), 0),
    };
    let declared = declared_count(&title);
    let is_compilation = declared.is_some_and(|n| n >= 2)
        || ["汇编", "合集", "选编"].iter().any(|w| title.contains(w));

    let starts: Vec<usize> = if is_compilation {
        (body_start..lines.len())
            .filter(|&i| {
                let blank_before = i == body_start || is_blank(&lines[i - 1]);
                let blank_after = i + 1 == lines.len() || is_blank(&lines[i + 1]);
                blank_before && blank_after && !lines[i].contains(PAID) && is_title_like(&lines[i])
            })
            .collect()
    } else {
        Vec::new()
    };
    if let Some(n) = declared
        && is_compilation
        && n as usize != starts.len()
    {
        warnings.push(format!(
            "the title says {n}篇 but {} article titles were found",
            starts.len()
        ));
    }

    let mut articles = Vec::new();
    if starts.is_empty() {
        articles.push(Draft {
            title: title.clone(),
            paragraphs: paragraphs(&lines[body_start..]),
            free_chars: None,
        });
    } else {
        let preamble = paragraphs(&lines[body_start..starts[0]]);
        if preamble.iter().any(|p| !is_blank(p)) {
            warnings.push(format!(
                "{} paragraph(s) before the first article title belong to no article",
                preamble.len()
            ));
        }
        let paid_in_preamble = preamble.iter().any(|p| p.contains(PAID));
        for (n, &start) in starts.iter().enumerate() {
            let end = starts.get(n + 1).copied().unwrap_or(lines.len());
            let mut paragraphs = paragraphs(&lines[start + 1..end]);
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
        warnings,
    }
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
    use sucai_text::normalize::clean_lines;

    fn split_text(text: &str, has_markers: bool, fallback_title: &str) -> Split {
        split(clean_lines(text), has_markers, fallback_title)
    }

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
        let s = split_text("标题\n\n免费的一段。\n\u{E000}付费的一段。\n", true, "file");
        assert_eq!(s.title, "标题");
        assert_eq!(s.articles.len(), 1);
        let a = &s.articles[0];
        assert_eq!(a.paragraphs, vec!["免费的一段。", "付费的一段。"]);
        assert_eq!(a.free_chars, Some("免费的一段。\n".chars().count() as u32));
    }

    #[test]
    fn compilation_with_count_mismatch_is_reported() {
        let text = "讲话汇编（3篇）\n\n第一篇标题\n\n正文一。\n\n第二篇标题\n\n正文二。\n";
        let s = split_text(text, false, "file");
        assert_eq!(s.articles.len(), 2);
        assert_eq!(s.declared, Some(3));
        assert!(s.warnings[0].contains("3篇"));
        assert_eq!(s.articles[1].title, "第二篇标题");
        assert_eq!(s.articles[1].free_chars, None);
    }

    #[test]
    fn broken_line_is_joined() {
        let long = "四是打造文旅产业发展“xx亮点”，实施重大文化产业项目带动战略。五是坚持用文化的理念发展旅游、用旅游的载体传播文化，推动“两廊两带两区”";
        let text = format!("标题\n\n{long}\n文旅发展布局从蓝图转化为实景。\n");
        let s = split_text(&text, false, "file");
        assert_eq!(s.articles[0].paragraphs.len(), 1);
        assert!(s.articles[0].paragraphs[0].ends_with("两区”文旅发展布局从蓝图转化为实景。"));
    }

    #[test]
    fn text_without_title_line_takes_the_file_name() {
        let s = split_text("这是一段很长的正文，没有标题。\n", false, "某文件");
        assert_eq!(s.title, "某文件");
        assert_eq!(
            s.articles[0].paragraphs,
            vec!["这是一段很长的正文，没有标题。"]
        );
    }
}
