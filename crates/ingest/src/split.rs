//! Cutting a material's text into articles: the material's title, the declared article count of
//! a compilation (`…汇编（10篇）`), title lines, paragraphs joined back where a line was broken
//! mid-sentence, and the paid boundary of each article.

use crate::markers::PAID;
use sucai_text::lines::{
    Layout, ends_sentence, ends_with_sentence_mark, is_date_line, is_section_heading,
    is_title_like, runs_on, stands_alone,
};
use sucai_text::normalize::clean_lines_indented;

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
    /// Lines that are not text: a column label above the title, a table of contents.
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
/// mid-sentence is joined to the next (the rules of [`Layout::continues`]), but for a line that
/// opens with the paid boundary.
fn paragraphs(lines: &[String], indents: &[bool], layout: Layout) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut last = String::new();
    for (line, &indented) in lines.iter().zip(indents) {
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
        // The publisher's paid boundary at the start of a line stands between paragraphs.
        if !current.is_empty()
            && (line.starts_with(PAID)
                || !layout.continues_indented(&without_paid(&current), &last, &plain, indented))
        {
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
    let name = fallback.to_string();
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
            && lines
                .get(i + 1)
                .is_none_or(|next| is_blank(next) || !runs_on(&lines[i], &lines[i], next))
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
        for line in &mut lines[first..i] {
            if is_label_line(line) {
                trailer.push(std::mem::take(line));
            }
        }
        return (title, if i == first { i + 1 } else { first });
    }
    if is_title_at(lines, first) && !(layout.wrapped && starts_run_on(lines, first)) {
        return (lines[first].clone(), first + 1);
    }
    // A short prefatory line set apart by a blank line, then the title: a column label, a
    // series line opened by a dash, a one-sentence epigraph (not a salutation).
    let prefatory = |l: &str| {
        let short_sentence = l.chars().count() <= 30 && l.trim_end().ends_with('。');
        !l.contains(PAID) && (is_label_line(l) || is_subtitle_line(l) || short_sentence)
    };
    if prefatory(&lines[first])
        && lines.get(first + 1).is_some_and(|l| is_blank(l))
        && let Some(&j) = nonblank.get(1)
        && is_title_at(lines, j)
        && !stands_alone(&lines[j])
        && lines[j].chars().count() >= 4
    {
        let title = std::mem::take(&mut lines[j]);
        if is_label_line(&lines[first]) {
            trailer.push(std::mem::take(&mut lines[first]));
        }
        return (title, first);
    }
    // A file name without a Chinese character (`scan0001`, `inews-00512`) names no document:
    // a first line short enough for a title, not prose, does better.
    let name_is_title = name.chars().any(sucai_text::masks::is_cjk);
    let first_line = &lines[first];
    if !name_is_title
        && first_line.chars().count() <= sucai_text::lines::MAX_TITLE_CHARS
        && !first_line.contains(PAID)
        && !ends_with_sentence_mark(first_line)
        && !first_line.ends_with(['，', ',', '、'])
        && first_line
            .chars()
            .any(|c| sucai_text::masks::is_cjk(c) || c.is_alphanumeric())
        && has_text_after(lines, first)
    {
        return (first_line.clone(), first + 1);
    }
    (name, first)
}

/// A series or subtitle line opened by a dash (`——学习贯彻…系列评论之一`).
fn is_subtitle_line(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('—') && t.chars().count() <= 40 && !ends_sentence(t)
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

/// Cuts `text` (paid markers already replaced by [`PAID`], boilerplate already cut) into
/// articles. `fallback_title` names a single article whose text has no title line (the file
/// name).
pub fn split(text: &str, has_markers: bool, fallback_title: &str) -> Split {
    let (lines, indents): (Vec<String>, Vec<bool>) = clean_lines_indented(text).into_iter().unzip();
    split_lines(lines, &indents, has_markers, fallback_title)
}

/// [`split`] of cleaned lines (boilerplate already cut), each with whether it was
/// indented ([`clean_lines_indented`]). Lines that are not text (a column label before the
/// title, a table of contents) go to the returned trailer.
pub fn split_lines(
    mut lines: Vec<String>,
    indents: &[bool],
    has_markers: bool,
    fallback_title: &str,
) -> Split {
    let mut trailer = Vec::new();
    let mut indents = indents.to_vec();
    indents.resize(lines.len(), false);
    settle_paid(&mut lines);
    let layout = Layout::of_indented(&lines, &indents);

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
            paragraphs: paragraphs(&lines[body_start..], &indents[body_start..], layout),
            free_chars: None,
        });
    } else {
        // A table of contents before the first document is the compilation's, not text.
        let (toc_rows, _) = table_of_contents(&lines, body_start);
        for r in toc_rows.into_iter().filter(|&r| r < starts[0]) {
            trailer.push(std::mem::take(&mut lines[r]));
        }
        let preamble = paragraphs(
            &lines[body_start..starts[0]],
            &indents[body_start..starts[0]],
            layout,
        );
        if preamble.iter().any(|p| !is_blank(p)) {
            warnings.push(format!(
                "{} paragraph(s) before the first article title belong to no article",
                preamble.len()
            ));
        }
        let paid_in_preamble = preamble.iter().any(|p| p.contains(PAID));
        for (n, &start) in starts.iter().enumerate() {
            let end = starts.get(n + 1).copied().unwrap_or(lines.len());
            let mut paragraphs =
                paragraphs(&lines[start + 1..end], &indents[start + 1..end], layout);
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
    let strong: Vec<usize> = candidates
        .iter()
        .filter(|c| c.score >= DOCUMENT_LEVEL)
        .map(|c| c.line)
        .collect();
    let Some(n) = declared.map(|n| n as usize) else {
        return (
            if strong.len() >= 2 {
                strong
            } else {
                Vec::new()
            },
            None,
        );
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
            && weaker[missing - 1].score >= DOCUMENT_LEVEL - 2
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
                    c.is_ascii_digit()
                        || "０１２３４５６７８９.．、 ()（）一二三四五六七八九十".contains(c)
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
    let lines_at: Vec<usize> = (body_start..lines.len())
        .filter(|&i| is_candidate(i))
        .collect();
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
            let listed = toc_titles
                .iter()
                .any(|t| !t.is_empty() && *t == key(&lines[i]));
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

    /// A document's worth of text: a few sentences.
    fn body(topic: &str) -> String {
        format!(
            "{topic}工作取得新进展，群众满意度不断提升，各项指标稳中有进。\n\n\
             一、提高政治站位\n\n我们坚持把{topic}作为重要任务，统筹推进，狠抓落实，确保各项部署落地见效。\n\n\
             二、强化工作举措\n\n下一步，我们将继续深化改革，完善机制，推动{topic}工作再上新台阶。\n"
        )
    }

    #[test]
    fn compilation_with_count_mismatch_is_reported() {
        // Two whole documents where the title says three: split into the two, with a warning.
        let text = format!(
            "讲话汇编（3篇）\n\n第一篇标题\n\n{}\n\n第二篇标题\n\n{}",
            body("水利"),
            body("教育")
        );
        let s = split(&text, false, "file");
        assert_eq!(s.articles.len(), 2);
        assert_eq!(s.declared, Some(3));
        assert!(s.warnings[0].contains("3篇"));
        assert_eq!(s.articles[1].title, "第二篇标题");
        assert_eq!(s.articles[1].free_chars, None);
        // Headings (一、二、) stay in their document.
        assert_eq!(s.articles[0].paragraphs.len(), 5);
        assert_eq!(s.articles[0].paragraphs[1], "一、提高政治站位");
    }

    #[test]
    fn compilation_without_whole_documents_stays_whole() {
        let text = "讲话汇编（3篇）\n\n第一篇标题\n\n正文一。\n\n第二篇标题\n\n正文二。\n";
        let s = split(text, false, "file");
        assert_eq!(s.articles.len(), 1);
        assert_eq!(s.articles[0].title, "讲话汇编（3篇）");
        assert!(
            s.warnings[0].contains("kept as one article"),
            "{:?}",
            s.warnings
        );
    }

    #[test]
    fn compilation_splits_at_document_titles_not_section_headings() {
        // Three documents, each with 一、二、 headings set apart by blank lines like titles.
        let text = format!(
            "研讨发言汇编（3篇）\n\n目  录\n1. 关于水利的发言\n2. 关于教育的发言\n3. 关于交通的发言\n\n\
             关于水利的发言\n\n{}\n\n关于教育的发言\n\n{}\n\n关于交通的发言\n\n{}",
            body("水利"),
            body("教育"),
            body("交通")
        );
        let s = split(&text, false, "file");
        let titles: Vec<&str> = s.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(
            titles,
            ["关于水利的发言", "关于教育的发言", "关于交通的发言"]
        );
        assert!(s.warnings.is_empty(), "{:?}", s.warnings);
        // Without a declared count, the same whole documents are found.
        let undeclared = text.replacen("（3篇）", "", 1);
        assert_eq!(split(&undeclared, false, "file").articles.len(), 3);
    }

    #[test]
    fn declared_count_takes_the_strongest_titles_when_documents_are_too_few() {
        // The third document's title runs straight into its text (no blank line after it): a
        // weaker candidate, taken because the declared count needs exactly one more.
        let text = format!(
            "发言汇编（3篇）\n\n甲篇标题\n\n{}\n\n乙篇标题\n\n{}\n\n丙篇标题\n{}",
            body("水利"),
            body("教育"),
            body("交通")
        );
        let s = split(&text, false, "file");
        let titles: Vec<&str> = s.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["甲篇标题", "乙篇标题", "丙篇标题"]);
        assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    }

    #[test]
    fn title_split_over_two_lines_is_joined_when_the_file_name_confirms_it() {
        let text = "政府工作报\n告\n\n各位代表：\n现在，我代表国务院，向大会报告政府工作。\n";
        let s = split(text, false, "2024年政府工作报告");
        assert_eq!(s.title, "政府工作报告");
        assert_eq!(s.articles[0].paragraphs[0], "各位代表：");
        // Without the name's word for it, the first line is the title and the second stays.
        let s = split("标题\n作者\n\n正文一段。\n", false, "别的名字");
        assert_eq!(s.title, "标题");
        assert_eq!(s.articles[0].paragraphs[0], "作者");
    }

    #[test]
    fn a_salutation_or_fragment_first_line_is_no_title() {
        let s = split("同志们：\n今天召开会议。\n", false, "在县委全会上的讲话");
        assert_eq!(s.title, "在县委全会上的讲话");
        assert_eq!(s.articles[0].paragraphs[0], "同志们：");
        let s = split(
            "友”，从华侨华人踏足异域他乡开始，就建立起自己的组织\n近年来，社团也出现了新变化。\n",
            false,
            "海外华侨华人社团出现新变化",
        );
        assert_eq!(s.title, "海外华侨华人社团出现新变化");
        let s = split(
            "疗史。然而无数先贤未能回答出针灸的原理。６０年代初，周恩来总理在\n一次会议上提出了这个问题。\n",
            false,
            "打开针灸原理的大门",
        );
        assert_eq!(s.title, "打开针灸原理的大门");
    }

    #[test]
    fn an_epigraph_or_column_label_before_the_title_is_skipped() {
        let s = split(
            "不忘初心，方得始终。\n\n建立和完善工作机制\n\n正文一段。\n",
            false,
            "file",
        );
        assert_eq!(s.title, "建立和完善工作机制");
        assert_eq!(
            s.articles[0].paragraphs,
            ["不忘初心，方得始终。", "正文一段。"]
        );
        let s = split(
            "【理论学习】\n\n波澜壮阔的军事生涯\n\n正文一段。\n",
            false,
            "file",
        );
        assert_eq!(s.title, "波澜壮阔的军事生涯");
        assert_eq!(s.articles[0].paragraphs, ["正文一段。"]);
        assert_eq!(s.trailer, ["【理论学习】"]);
        let s = split(
            "——学习贯彻党的二十大精神系列评论之一\n\n奋力谱写新篇章\n\n正文一段。\n",
            false,
            "file",
        );
        assert_eq!(s.title, "奋力谱写新篇章");
        // A dated subtitle after the title is not the title.
        let s = split(
            "守正创新 笃行不怠\n——在全市经济工作会议上的讲话（2023年12月1日）\n\n同志们：\n正文。\n",
            false,
            "file",
        );
        assert_eq!(s.title, "守正创新 笃行不怠");
        assert_eq!(s.articles[0].paragraphs.len(), 3);
    }

    #[test]
    fn a_file_name_without_chinese_yields_to_the_first_line() {
        let text = "【交警宣传进校园】\n\n为进一步落实校园及周边道路交通安全管理，民警走进校园。\n";
        assert_eq!(
            split(text, false, "inews-00512").title,
            "【交警宣传进校园】"
        );
        let s = split("…等到了。\n正文一段。\n", false, "scan0001");
        assert_eq!(s.title, "scan0001");
        assert_eq!(
            split("＊＊＊\n\n正文一段。\n", false, "scan0001").title,
            "scan0001"
        );
    }

    #[test]
    fn a_paid_boundary_at_the_start_of_a_line_starts_a_paragraph() {
        let s = split("标题\n\n免费的一段。\n\u{E000}。付费的一段\n", true, "file");
        assert_eq!(s.articles[0].paragraphs, ["免费的一段。", "。付费的一段"]);
        assert_eq!(
            s.articles[0].free_chars,
            Some("免费的一段。\n".chars().count() as u32)
        );
    }

    #[test]
    fn a_hard_wrapped_text_is_joined_back_into_its_paragraphs() {
        let text = "标题\n\n由于华侨华人早已度过了主要靠\n三把刀为生的阶段，特别是新移民中专家、学者的比例相对较大\n\
                    ，因此专业团体也越来越多，与过去主要以血缘、地缘为主联系起来的\n华侨华人宗亲组织有明显的区别。\n\
                    一、新的变化\n由于华侨华人社团的构成发生了变化，其职能也随之有了新的拓展\n。\n";
        let s = split(text, false, "file");
        assert_eq!(
            s.articles[0].paragraphs.len(),
            3,
            "{:#?}",
            s.articles[0].paragraphs
        );
        assert!(s.articles[0].paragraphs[0].starts_with("由于华侨华人早已度过了主要靠三把刀"));
        assert_eq!(s.articles[0].paragraphs[1], "一、新的变化");
    }

    #[test]
    fn broken_line_is_joined() {
        let long = "四是打造文旅产业发展“xx亮点”，实施重大文化产业项目带动战略。五是坚持用文化的理念发展旅游、用旅游的载体传播文化，推动“两廊两带两区”";
        let text = format!("标题\n\n{long}\n文旅发展布局从蓝图转化为实景。\n");
        let s = split(&text, false, "file");
        assert_eq!(s.articles[0].paragraphs.len(), 1);
        assert!(s.articles[0].paragraphs[0].ends_with("两区”文旅发展布局从蓝图转化为实景。"));
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
