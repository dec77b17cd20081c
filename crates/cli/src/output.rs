//! What the commands print: a table or text for people, stable JSON for scripts.

use serde_json::json;
use std::fmt::Write;
use sucai_ingest::{ImportReport, ReprocessReport};
use sucai_services::overlap::OverlapReport;
use sucai_services::search::{MatchedIn, SearchResults};
use sucai_services::suggest::Suggestion;
use sucai_store::{Article, ArticleSummary, EdgeLine, EdgeVerdict, ImportStatus, Material, Stats};

/// Which part of an article is free: `(free, paid, source)`.
fn access(free_chars: Option<u32>, body_chars: u32) -> (u32, u32, &'static str) {
    let free = sucai_store::free_part(free_chars, body_chars);
    let source = if free_chars.is_some() {
        "markers"
    } else {
        "policy"
    };
    (free, body_chars - free, source)
}

pub fn import_report(report: &ImportReport, json: bool) -> String {
    let mut out = String::new();
    let r = &report.record;
    let summary = json!({
        "import_id": report.id,
        "files": r.files.len(),
        "imported": report.count(ImportStatus::Imported),
        "duplicates": report.count(ImportStatus::Duplicate),
        "rejected": report.count(ImportStatus::Rejected),
        "articles": report.articles(),
        "chars": r.chars,
        "seconds": r.seconds,
        "chars_per_second": report.chars_per_second().round(),
    });
    if json {
        let _ = writeln!(out, "{}", json!({ "files": r.files, "summary": summary }));
        return out;
    }
    for f in &r.files {
        let detail = match f.status {
            ImportStatus::Imported => format!(
                "material {}, {} article(s){}",
                f.material_id.unwrap_or_default(),
                f.articles.unwrap_or_default(),
                f.reason
                    .as_ref()
                    .map(|w| format!("; note: {w}"))
                    .unwrap_or_default()
            ),
            _ => f.reason.clone().unwrap_or_default(),
        };
        let _ = writeln!(out, "{:<9} {}  ({detail})", f.status.as_str(), f.path);
    }
    let _ = writeln!(
        out,
        "{} files: {} imported ({} articles), {} duplicates, {} rejected. {} characters in {:.2} s = {:.0} characters/s",
        r.files.len(),
        report.count(ImportStatus::Imported),
        report.articles(),
        report.count(ImportStatus::Duplicate),
        report.count(ImportStatus::Rejected),
        r.chars,
        r.seconds,
        report.chars_per_second()
    );
    out
}

pub fn list(articles: &[ArticleSummary], json: bool) -> String {
    let mut out = String::new();
    if json {
        let items: Vec<_> = articles
            .iter()
            .map(|a| {
                let (free, paid, source) = access(a.free_chars, a.body_chars);
                json!({
                    "id": a.id, "material_id": a.material_id, "title": a.title,
                    "category": a.category, "tags": a.tags, "year": a.year, "chars": a.chars,
                    "access": {"source": source, "free_chars": free, "paid_chars": paid},
                    "duplicate_of": a.duplicate_of,
                })
            })
            .collect();
        let _ = writeln!(out, "{}", json!({ "articles": items }));
        return out;
    }
    for a in articles {
        let dup = a
            .duplicate_of
            .map(|d| format!("  (duplicate of {d})"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{:>6}  {:<6} {:>6}字  {}{dup}",
            a.id, a.category, a.chars, a.title
        );
    }
    out
}

pub fn show(a: &Article, material: Option<&Material>, json: bool) -> String {
    let mut out = String::new();
    let body_chars = a.body.chars().count() as u32;
    let (free, paid, source) = access(a.free_chars, body_chars);
    if json {
        let paragraphs: Vec<&str> = a.body.split('\n').filter(|p| !p.is_empty()).collect();
        let value = json!({
            "id": a.id, "title": a.title, "category": a.category, "tags": a.tags, "year": a.year,
            "date": a.date, "chars": a.chars, "paragraphs": paragraphs, "outline": a.outline, "quotes": a.quotes,
            "access": {"source": source, "free_chars": free, "paid_chars": paid},
            "duplicate_of": a.duplicate_of, "duplicate_kind": a.duplicate_kind, "masks": a.masks,
            "material": material.map(|m| json!({
                "id": m.id, "title": m.title, "file_name": m.file_name, "format": m.format,
                "encoding": m.encoding, "declared_articles": m.declared_articles,
                "trailer": m.trailer, "warnings": m.warnings,
            })),
        });
        let _ = writeln!(out, "{value}");
        return out;
    }
    let _ = writeln!(out, "{}\n", a.title);
    let _ = writeln!(
        out,
        "id {}  material {}  {}  {}字  date {}",
        a.id,
        a.material_id,
        a.category,
        a.chars,
        a.date
            .clone()
            .or_else(|| a.year.map(|y| y.to_string()))
            .unwrap_or_else(|| "-".into())
    );
    let _ = writeln!(out, "tags: {}", a.tags.join("、"));
    let _ = writeln!(
        out,
        "access: {free} characters free, {paid} paid ({source})"
    );
    if let Some(d) = a.duplicate_of {
        let _ = writeln!(out, "duplicate of article {d}");
    }
    if !a.outline.is_empty() {
        let _ = writeln!(out, "\n提纲");
        for item in &a.outline {
            let _ = writeln!(
                out,
                "{}{}",
                "  ".repeat(item.level.saturating_sub(1) as usize),
                item.text
            );
        }
    }
    if !a.quotes.is_empty() {
        let _ = writeln!(out, "\n金句");
        for q in &a.quotes {
            let _ = writeln!(out, "  {}", q.text);
        }
    }
    let _ = writeln!(out);
    let boundary = a
        .body
        .char_indices()
        .nth(free as usize)
        .map_or(a.body.len(), |(i, _)| i);
    let _ = write!(out, "{}", &a.body[..boundary]);
    if paid > 0 {
        let _ = writeln!(out, "\n──────── 以下为付费内容 ────────");
        let _ = writeln!(out, "{}", a.body[boundary..].trim_start_matches('\n'));
    } else {
        let _ = writeln!(out);
    }
    out
}

pub fn material(m: &Material, json: bool) -> String {
    if json {
        return format!("{}\n", json!(m));
    }
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", m.title);
    let _ = writeln!(
        out,
        "id {}  file {}  {} ({})  {} bytes",
        m.id, m.file_name, m.format, m.encoding, m.byte_len
    );
    let _ = writeln!(out, "articles: {:?}", m.article_ids);
    if let Some(n) = m.declared_articles {
        let _ = writeln!(out, "declared articles: {n}");
    }
    for w in &m.warnings {
        let _ = writeln!(out, "warning: {w}");
    }
    if !m.trailer.is_empty() {
        let _ = writeln!(out, "\ntrailer (removed from the articles):\n{}", m.trailer);
    }
    out
}

pub fn boilerplate(rules: &[EdgeLine], json: bool) -> String {
    if json {
        return format!("{}\n", json!(rules));
    }
    let mut out = String::new();
    for r in rules {
        let verdict = match r.verdict {
            Some(EdgeVerdict::Boilerplate) => "added",
            Some(EdgeVerdict::Text) => "kept",
            None => "learned",
        };
        let _ = writeln!(out, "{:>6} files  {verdict:<7}  {}", r.files, r.text);
    }
    if rules.is_empty() {
        out.push_str("no boilerplate learned or added yet\n");
    }
    out
}

pub fn tag_words(words: &[(String, bool)], json: bool) -> String {
    if json {
        let list: Vec<_> = words
            .iter()
            .map(|(w, stop)| json!({"word": w, "stop": stop}))
            .collect();
        return format!("{}\n", json!(list));
    }
    let mut out = String::new();
    for (word, stop) in words {
        let _ = writeln!(
            out,
            "{}  {word}",
            if *stop { "never a tag" } else { "may be a tag" }
        );
    }
    if words.is_empty() {
        out.push_str("no changes to the built-in list of generic words\n");
    }
    out
}

pub fn reprocess_report(r: &ReprocessReport, json: bool) -> String {
    if json {
        let skipped: Vec<_> = r
            .skipped
            .iter()
            .map(|(id, why)| json!({"material_id": id, "reason": why}))
            .collect();
        return format!(
            "{}\n",
            json!({"materials": r.materials, "changed": r.changed, "skipped": skipped})
        );
    }
    let mut out = format!(
        "read {} materials again: {} changed, {} left as they were\n",
        r.materials,
        r.changed,
        r.skipped.len()
    );
    for (id, why) in &r.skipped {
        let _ = writeln!(out, "  material {id}: {why}");
    }
    out
}

pub fn stats(s: &Stats, json: bool) -> String {
    if json {
        return format!("{}\n", json!(s));
    }
    format!(
        "{} materials, {} articles, {} characters; change sequence at {}\n",
        s.materials, s.articles, s.chars, s.last_seq
    )
}

pub fn search(results: &SearchResults, json: bool) -> String {
    if json {
        return format!("{}\n", json!(results));
    }
    let mut out = String::new();
    let _ = writeln!(out, "{} hits", results.total);
    if let Some(f) = &results.facets {
        let list = |items: &[(String, u64)]| {
            items
                .iter()
                .map(|(k, n)| format!("{k} {n}"))
                .collect::<Vec<_>>()
                .join("、")
        };
        let _ = writeln!(
            out,
            "category: {}\ntags: {}\nfree {} / paid {}",
            list(&f.categories),
            list(&f.tags),
            f.free,
            f.paid
        );
    }
    for h in &results.hits {
        let _ = writeln!(out, "\n{:>6}  {}  ({:.2})", h.id, h.title, h.score);
        match &h.snippet {
            Some(text) => {
                let chars: Vec<char> = text.chars().collect();
                let mut line = String::new();
                let mut at = 0;
                for &(a, b) in &h.highlights {
                    if a < at {
                        continue;
                    }
                    line.extend(&chars[at..a]);
                    line.push('«');
                    line.extend(&chars[a..b]);
                    line.push('»');
                    at = b;
                }
                line.extend(&chars[at..]);
                let _ = writeln!(out, "        {line}");
            }
            None if h.matched_in == MatchedIn::Paid => {
                let _ = writeln!(out, "        命中付费内容");
            }
            None => {}
        }
    }
    out
}

pub fn suggestions(list: &[Suggestion], json: bool) -> String {
    if json {
        return format!("{}\n", json!({ "suggestions": list }));
    }
    list.iter()
        .map(|s| format!("{:>6}  {}\n", s.id, s.title))
        .collect()
}

/// What `sucai bundle` wrote: one line a tier, or the summary the webhook gets.
pub fn bundle(
    summary: &sucai_services::bundle::Summary,
    out: &std::path::Path,
    json: bool,
) -> String {
    if json {
        return format!("{}\n", json!(summary));
    }
    let mut text = format!("{}: {} new articles\n", summary.date, summary.articles);
    for t in &summary.tiers {
        let _ = writeln!(
            text,
            "{:<8} {:>5} articles  {}",
            t.tier,
            t.count,
            out.join(&t.file).display()
        );
    }
    text
}

/// A 查重 report: the rate, the sources, then every paragraph with its matched spans marked
/// «…».
pub fn overlap(report: &OverlapReport, draft: &str, json: bool) -> String {
    if json {
        return format!("{}\n", json!(report));
    }
    let percent = |rate: f64| format!("{:.1}%", rate * 100.0);
    let mut out = format!(
        "overlap {} ({} of {} characters in runs of {} or more)\n",
        percent(report.rate),
        report.matched_chars,
        report.chars,
        report.min_run
    );
    for s in &report.sources {
        let _ = writeln!(
            out,
            "{:>6}  {}  {} characters, {}",
            s.id,
            s.title,
            s.matched_chars,
            percent(s.rate)
        );
    }
    for (p, pieces) in report.marked(draft) {
        let mut line = String::new();
        for piece in pieces {
            if piece.sources.is_empty() {
                line.push_str(&piece.text);
            } else {
                let ids: Vec<String> = piece.sources.iter().map(|s| format!("#{}", s.id)).collect();
                let _ = write!(line, "«{}»[{}]", piece.text, ids.join(","));
            }
        }
        let _ = writeln!(out, "\n{:>6}  {}", percent(p.rate), line);
    }
    out
}
