//! HTML pages and XML feeds → visible text.
//!
//! HTML goes through html5ever (via `scraper`), like a browser: scripts, styles, comments and
//! the head (except the title, when the page has no `<h1>`) are dropped, and so is a site's
//! page furniture (navigation, footers, side bars: by element, class or id); block elements end lines, paragraph-level blocks
//! (p, headings, lists, tables, blockquote, pre …) leave a blank line around them; each table
//! cell is its own line (as in [`crate::docx`]).
//!
//! XML (RSS, Atom, RDF feeds) is read with quick-xml: every element's text is a line, links,
//! ids, dates and other metadata elements are dropped, and text that holds escaped HTML (a
//! feed's `<description>`) is parsed as HTML once more so no tags remain. An XML file whose
//! root is `<html>`, or that is not well-formed, is read as HTML.

use ego_tree::iter::Edge;
use quick_xml::events::Event;
use scraper::{Html, Node};

use crate::encoding;
use crate::lines::Lines;
use crate::{Extracted, FormatError};

/// Decodes markup bytes (honouring a declared charset) and extracts their text.
pub(crate) fn extract(bytes: &[u8]) -> Result<Extracted, FormatError> {
    let hint = encoding::sniff_declared_charset(bytes);
    let decoded = encoding::decode_with_hint(bytes, hint)?;
    let text = markup_to_text(&decoded.text);
    if text.trim().is_empty() {
        return Err(FormatError::Empty);
    }
    Ok(Extracted {
        text,
        encoding: decoded.encoding,
        warnings: crate::replaced_warning(decoded.replaced),
    })
}

/// Visible text of HTML or XML source.
pub(crate) fn markup_to_text(source: &str) -> String {
    if source
        .trim_start_matches('\u{FEFF}')
        .trim_start()
        .starts_with("<?xml")
        && let Some(text) = xml_to_text(source)
    {
        return text;
    }
    if nesting_depth(source) > MAX_DEPTH {
        return html_to_text(&Html::parse_document(&flatten(source)));
    }
    html_to_text(&Html::parse_document(source))
}

/// Deepest element nesting handed to the HTML parser as is. The HTML tree builder checks the
/// stack of open elements at many start tags, which is quadratic in the depth: 50,000 nested
/// `<div>`s take seconds. Real pages stay far below this.
const MAX_DEPTH: usize = 1500;

/// Elements that never stay open (void) or are closed implicitly by their next sibling: they
/// do not add to the depth.
const NO_DEPTH: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "thead", "tbody", "tfoot",
];

/// One tag found by the cheap scanner: its lowercase name, whether it closes, and where the
/// text after it starts.
struct Tag {
    name: String,
    closing: bool,
    self_closing: bool,
    end: usize,
}

/// The next tag at or after `from`: (start, tag). Comments and `<!…>`/`<?…>` are skipped.
fn next_tag(source: &str, mut from: usize) -> Option<(usize, Tag)> {
    loop {
        let start = from + source.get(from..)?.find('<')?;
        let rest = &source[start + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            from = start + 4 + comment.find("-->").map_or(comment.len(), |e| e + 3);
            continue;
        }
        let (closing, name_part) = match rest.strip_prefix('/') {
            Some(r) => (true, r),
            None => (false, rest),
        };
        let name_len = name_part
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(name_part.len());
        if name_len == 0 || !name_part.starts_with(|c: char| c.is_ascii_alphabetic()) {
            from = start + 1;
            continue;
        }
        let close = rest.find('>')?;
        return Some((
            start,
            Tag {
                name: name_part[..name_len].to_ascii_lowercase(),
                closing,
                self_closing: rest[..close].ends_with('/'),
                end: start + 1 + close + 1,
            },
        ));
    }
}

/// An estimate of the deepest element nesting, by counting start and end tags.
fn nesting_depth(source: &str) -> usize {
    let (mut depth, mut max, mut from) = (0usize, 0usize, 0usize);
    while let Some((_, tag)) = next_tag(source, from) {
        from = tag.end;
        if tag.closing {
            depth = depth.saturating_sub(1);
        } else if !tag.self_closing && !NO_DEPTH.contains(&tag.name.as_str()) {
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

/// Markup too deep to parse: keep the text, turn block tags into `<br>`, drop the other tags
/// and the content of skipped elements (script, style …). The result is flat.
fn flatten(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    // ASCII lower-casing keeps byte offsets.
    let lower = source.to_ascii_lowercase();
    let mut from = 0;
    while let Some((start, tag)) = next_tag(source, from) {
        out.push_str(&source[from..start]);
        from = tag.end;
        let name = tag.name.as_str();
        if !tag.closing && !tag.self_closing && HTML_SKIP.contains(&name) {
            let closer = format!("</{name}");
            from = lower[from..]
                .find(&closer)
                .map_or(source.len(), |at| from + at);
        } else if name == "br" || HTML_GAP.contains(&name) || HTML_LINE.contains(&name) {
            out.push_str("<br>");
        }
    }
    out.push_str(source.get(from..).unwrap_or_default());
    out
}

/// Elements whose content is never visible text.
const HTML_SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
    "select", "textarea", "button", "canvas", "audio", "video", "map",
];

/// Paragraph-level blocks: a blank line before and after.
const HTML_GAP: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "title",
    "blockquote",
    "pre",
    "table",
    "ul",
    "ol",
    "dl",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "aside",
    "main",
    "figure",
    "form",
    "hr",
    "address",
    "fieldset",
    "details",
    "body",
];

/// Other blocks: they end the line.
const HTML_LINE: &[&str] = &[
    "div",
    "li",
    "dt",
    "dd",
    "tr",
    "td",
    "th",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "figcaption",
    "center",
    "summary",
    "legend",
    "option",
    "html",
    "head",
];

/// Page furniture: a site's navigation, footers and side bars, by element or by a class or id
/// word (`<div class="nav">`, `id="footer"`, `class="share-bar"`). Not text of the document.
const FURNITURE_ELEMENTS: &[&str] = &["nav", "footer", "aside"];
const FURNITURE_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "menu",
    "footer",
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "copyright",
    "share",
    "toolbar",
];

fn is_furniture(el: &scraper::node::Element) -> bool {
    FURNITURE_ELEMENTS.contains(&el.name())
        || ["class", "id"].iter().any(|attribute| {
            el.attr(attribute).is_some_and(|value| {
                value
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .any(|word| FURNITURE_WORDS.contains(&word.to_ascii_lowercase().as_str()))
            })
        })
}

fn html_to_text(doc: &Html) -> String {
    let mut lines = Lines::new();
    let mut skip = 0usize;
    let mut pre = 0usize;
    // A page's own heading names the document; its <title> adds the site's name
    // (`标题_某某网`), so it is left out when there is a heading.
    let has_heading = doc
        .tree
        .root()
        .descendants()
        .any(|n| n.value().as_element().is_some_and(|el| el.name() == "h1"));
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let name = el.name();
                    if skip > 0
                        || HTML_SKIP.contains(&name)
                        || is_furniture(el)
                        || (name == "title" && has_heading)
                    {
                        skip += 1;
                    } else if name == "br" {
                        lines.break_line();
                    } else if HTML_GAP.contains(&name) {
                        lines.gap();
                        if name == "pre" {
                            pre += 1;
                        }
                    } else if HTML_LINE.contains(&name) {
                        lines.end_line();
                    } else if name == "img"
                        && let Some(alt) = el.attr("alt").filter(|a| !a.trim().is_empty())
                    {
                        lines.push_inline(" ");
                        lines.push_inline(alt);
                        lines.push_inline(" ");
                    }
                }
                Node::Text(text) if skip == 0 => {
                    if pre > 0 {
                        lines.push_raw(text);
                    } else {
                        lines.push_inline(text);
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    let name = el.name();
                    if skip > 0 {
                        skip -= 1;
                    } else if HTML_GAP.contains(&name) {
                        lines.gap();
                        if name == "pre" {
                            pre = pre.saturating_sub(1);
                        }
                    } else if HTML_LINE.contains(&name) {
                        lines.end_line();
                    }
                }
            }
        }
    }
    lines.finish()
}

/// Feed elements that hold links, ids, dates, flags or boilerplate rather than prose
/// (compared case-insensitively: feeds spell `commentRss` and `commentRSS`).
const XML_SKIP: &[&str] = &[
    "link",
    "guid",
    "id",
    "comments",
    "commentrss",
    "ping",
    "docs",
    "generator",
    "enclosure",
    "url",
    "about",
    "email",
    "language",
    "ttl",
    "width",
    "height",
    "cloud",
    "rating",
    "skiphours",
    "skipdays",
    "textinput",
    "pubdate",
    "lastbuilddate",
    "date",
    "issued",
    "modified",
    "updated",
    "published",
    "created",
    "icon",
    "logo",
    "uri",
    "source",
    "info",
    "draft",
    "updateperiod",
    "updatefrequency",
    "updatebase",
    "errorreportsto",
    "admin",
];

/// Elements that start a new entry of a feed: a blank line before and after.
const XML_GAP: &[&str] = &["item", "entry", "channel", "feed"];

/// Text of a well-formed XML document, or None (not well-formed, or really HTML).
fn xml_to_text(source: &str) -> Option<String> {
    let mut reader = quick_xml::Reader::from_str(source);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.allow_dangling_amp = true;

    let mut lines = Lines::new();
    let mut pending = String::new();
    let mut skip = 0usize;
    let mut seen_root = false;
    loop {
        let event = reader.read_event().ok()?;
        match event {
            Event::DocType(doctype)
                if doctype
                    .xml10_content()
                    .trim_start()
                    .to_ascii_lowercase()
                    .starts_with("html") =>
            {
                return None;
            }
            Event::Start(e) => {
                let name = e.local_name();
                if !seen_root {
                    seen_root = true;
                    if name.as_ref().eq_ignore_ascii_case("html") {
                        return None;
                    }
                }
                handle_start(name.as_ref(), &mut skip, &mut pending, &mut lines);
            }
            Event::End(e) => {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                flush(&mut pending, &mut lines);
                lines.end_line();
                if XML_GAP
                    .iter()
                    .any(|g| g.eq_ignore_ascii_case(e.local_name().as_ref()))
                {
                    lines.gap();
                }
            }
            Event::Empty(e) => {
                if !seen_root && e.local_name().as_ref().eq_ignore_ascii_case("html") {
                    return None;
                }
                seen_root = true;
            }
            Event::Text(t) if skip == 0 => pending.push_str(&t.xml10_content()),
            Event::CData(t) if skip == 0 => pending.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if skip == 0 => match r.resolve_char_ref() {
                Ok(Some(c)) => pending.push(c),
                Ok(None) => match r.xml10_content().as_ref() {
                    "amp" => pending.push('&'),
                    "lt" => pending.push('<'),
                    "gt" => pending.push('>'),
                    "quot" => pending.push('"'),
                    "apos" => pending.push('\''),
                    // An HTML entity in XML (e.g. &nbsp;): left for the HTML pass.
                    other => {
                        pending.push('&');
                        pending.push_str(other);
                        pending.push(';');
                    }
                },
                Err(_) => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    flush(&mut pending, &mut lines);
    Some(lines.finish())
}

fn handle_start(name: &str, skip: &mut usize, pending: &mut String, lines: &mut Lines) {
    if *skip > 0 || XML_SKIP.iter().any(|s| s.eq_ignore_ascii_case(name)) {
        *skip += 1;
        return;
    }
    flush(pending, lines);
    if XML_GAP.iter().any(|g| g.eq_ignore_ascii_case(name)) {
        lines.gap();
    }
}

/// Writes the text collected so far: plain text inline, escaped HTML through the HTML parser.
fn flush(pending: &mut String, lines: &mut Lines) {
    if pending.trim().is_empty() {
        pending.clear();
        return;
    }
    if pending.contains('<') || pending.contains('&') {
        let text = html_to_text(&Html::parse_fragment(pending));
        lines.end_line();
        for line in text.lines() {
            lines.push_line(line);
        }
    } else {
        lines.push_inline(pending);
    }
    pending.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_markup_is_flattened_not_lost() {
        let deep = format!(
            "<html><body>{}<p>第一段</p><script>var x = '<div>';</script><div>第二段<b>加粗</b></div>{}</body></html>",
            "<div><span>".repeat(5000),
            "</span></div>".repeat(5000)
        );
        assert!(nesting_depth(&deep) > MAX_DEPTH);
        // Degraded but readable: block tags become line breaks.
        assert_eq!(markup_to_text(&deep), "第一段\n\n第二段加粗");
    }

    #[test]
    fn ordinary_pages_are_not_deep() {
        let page = "<html><head><meta charset=utf-8><title>t</title></head><body>\
                    <ul><li>a<li>b</ul><p>x<p>y<br><img src=a.png><div><p>z</p></div></body></html>";
        assert_eq!(nesting_depth(page), 3); // html > body > div
        assert_eq!(nesting_depth("a < b and <!-- <div> --> c"), 0);
    }
}
