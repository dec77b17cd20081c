//! Bytes of one file → plain text: encoding detection and the file formats sucai reads.
//!
//! This crate is the first step of the ingest pipeline: it turns the bytes of a .txt (UTF-8,
//! UTF-16, GB18030/GBK, Big5), .docx, .md or .html/.xml file into text, as lines joined by
//! '\n'. It is pure: bytes in, text out, no file-system access.
//!
//! It is not where text is normalised (full-width spaces, zero-width characters, masks), where
//! compilations are split or where paid markers are found: that happens downstream, on the
//! text this crate returns.
//!
//! Every refusal is a [`FormatError`] whose message is a sentence for the import report.

pub mod docx;
pub mod encoding;
mod error;
pub mod html;
mod lines;
pub mod markdown;
mod numbering;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

pub use encoding::Decoded;
pub use error::FormatError;

/// The file formats sucai reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text in any supported encoding.
    Text,
    /// Word 2007+ (Office Open XML, Transitional or Strict).
    Docx,
    /// Markdown (CommonMark with tables).
    Markdown,
    /// HTML pages and XML documents (feeds): their text, not their tags.
    Html,
}

impl Format {
    /// By file extension, case-insensitive: txt/text → Text; docx → Docx; md/markdown →
    /// Markdown; html/htm/xhtml/xml → Html (XML feeds and pages are treated as markup: text,
    /// not tags). None otherwise.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" | "gbk" | "gb2312" | "gb18030" => Some(Format::Text),
            "docx" => Some(Format::Docx),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" | "xml" => Some(Format::Html),
            _ => None,
        }
    }

    /// Short name: "txt", "docx", "md", "html".
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Docx => "docx",
            Format::Markdown => "md",
            Format::Html => "html",
        }
    }
}

/// Resource limits for container formats (.docx is a zip archive).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Most bytes all entries of an archive may declare, and the most that will be inflated.
    pub max_inflated_bytes: u64,
    /// Highest ratio of declared to compressed size for an entry of 1 MiB or more.
    pub max_ratio: u64,
}

impl Default for Limits {
    /// 256 MiB inflated in total, ratio 200:1.
    fn default() -> Limits {
        Limits {
            max_inflated_bytes: 256 << 20,
            max_ratio: 200,
        }
    }
}

/// The text of one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    /// Paragraphs as lines joined by '\n'; a blank line where the source has empty paragraphs
    /// or gaps between blocks (never two blank lines in a row for markup and .docx). Plain text
    /// keeps its lines as they are, with line endings normalised to '\n'.
    pub text: String,
    /// The encoding the bytes were in, e.g. "UTF-8", "UTF-16LE", "GB18030", "Big5"; "UTF-8"
    /// for .docx.
    pub encoding: &'static str,
    /// Things the operator should know that did not stop the import, e.g. "3 invalid byte
    /// sequences replaced with U+FFFD".
    pub warnings: Vec<String>,
}

/// Turns the bytes of a file in `format` into text.
///
/// Never panics: should a parser fail unexpectedly, the result is [`FormatError::Internal`].
pub fn extract(format: Format, bytes: &[u8], limits: &Limits) -> Result<Extracted, FormatError> {
    let run = || match format {
        Format::Text => extract_text(bytes),
        Format::Docx => docx::extract(bytes, limits),
        Format::Markdown => markdown::extract(bytes),
        Format::Html => html::extract(bytes),
    };
    catch_unwind(AssertUnwindSafe(run)).unwrap_or(Err(FormatError::Internal {
        format: format.name(),
    }))
}

/// Plain text: decoded, with "\r\n" and "\r" turned into "\n"; nothing else is changed.
fn extract_text(bytes: &[u8]) -> Result<Extracted, FormatError> {
    let decoded = encoding::decode(bytes)?;
    let text = if decoded.text.contains('\r') {
        decoded.text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        decoded.text
    };
    Ok(Extracted {
        text,
        encoding: decoded.encoding,
        warnings: replaced_warning(decoded.replaced),
    })
}

fn replaced_message(count: usize) -> String {
    if count == 1 {
        "1 invalid byte sequence replaced with U+FFFD".to_owned()
    } else {
        format!("{count} invalid byte sequences replaced with U+FFFD")
    }
}

fn replaced_warning(count: usize) -> Vec<String> {
    if count == 0 {
        Vec::new()
    } else {
        vec![replaced_message(count)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_from_path() {
        let f = |p: &str| Format::from_path(Path::new(p));
        assert_eq!(f("a/讲话.TXT"), Some(Format::Text));
        assert_eq!(f("x.text"), Some(Format::Text));
        assert_eq!(f("x.Docx"), Some(Format::Docx));
        assert_eq!(f("x.md"), Some(Format::Markdown));
        assert_eq!(f("x.MARKDOWN"), Some(Format::Markdown));
        for p in ["x.html", "x.HTM", "x.xhtml", "feed.xml"] {
            assert_eq!(f(p), Some(Format::Html), "{p}");
        }
        for p in ["x.doc", "x.pdf", "README", "x.", ".txt"] {
            assert_eq!(f(p), None, "{p}");
        }
        assert_eq!(Format::Html.name(), "html");
        assert_eq!(Format::Text.name(), "txt");
        assert_eq!(Format::Docx.name(), "docx");
        assert_eq!(Format::Markdown.name(), "md");
    }

    #[test]
    fn text_line_endings_only() {
        let bytes = "第一行\r\n第二行\r第三行\n　　缩进 \n".as_bytes();
        let e = extract(Format::Text, bytes, &Limits::default()).unwrap();
        assert_eq!(e.text, "第一行\n第二行\n第三行\n　　缩进 \n");
        assert_eq!(e.encoding, "UTF-8");
        assert!(e.warnings.is_empty());
    }

    #[test]
    fn warning_for_replaced_bytes() {
        let mut bytes = "这是一段正常的文字，".repeat(20).into_bytes();
        bytes.insert(9, 0xFF);
        let e = extract(Format::Text, &bytes, &Limits::default()).unwrap();
        assert_eq!(e.warnings, ["1 invalid byte sequence replaced with U+FFFD"]);
    }

    #[test]
    fn html_visible_text() {
        let html = "<!DOCTYPE html><html><head><title>关于 通知</title><meta charset=utf-8>\
            <style>p{color:red}</style><script>var x='<p>no</p>';</script></head>\
            <body><!-- comment --><h1>标题</h1><p>第一段&nbsp;文字，\n  继续<b>加粗</b>。</p>\
            <div>块一</div><div>块二<br>换行</div><ul><li>甲</li><li>乙</li></ul>\
            <table><tr><td>单元格1</td><td>单元格2</td></tr></table><p></p><p></p><p>Last   words\tand more</p>\
            <pre>a  b\n  c</pre></body></html>";
        let e = extract(Format::Html, html.as_bytes(), &Limits::default()).unwrap();
        // The page's <h1> names it; the <title> (often with the site's name) is left out.
        assert_eq!(
            e.text,
            "标题\n\n第一段 文字，继续加粗。\n\n块一\n块二\n换行\n\n甲\n乙\n\n\
             单元格1\n单元格2\n\nLast words and more\n\na  b\n  c"
        );
    }

    #[test]
    fn html_page_furniture_is_not_text() {
        let html = "<html><head><title>关于 通知_某某网</title></head><body>\
            <div class=\"nav\"><a href=/>首页</a> | <a href=/news>要闻</a></div>\
            <nav>栏目导航</nav><div id=\"breadcrumb\">当前位置：首页 &gt; 正文</div>\
            <div class=\"article\"><h1>关于 通知</h1><div class=\"content\"><p>正文第一段。</p></div></div>\
            <div class=\"share-bar\">分享到微信</div><aside>热门文章</aside>\
            <div class=\"footer\">版权所有 某某网</div><footer>联系我们</footer></body></html>";
        let e = extract(Format::Html, html.as_bytes(), &Limits::default()).unwrap();
        assert_eq!(e.text, "关于 通知\n\n正文第一段。");
        // Without a heading, the title is the page's name.
        let plain = "<html><head><title>通知</title></head><body><p>正文。</p></body></html>";
        let e = extract(Format::Html, plain.as_bytes(), &Limits::default()).unwrap();
        assert_eq!(e.text, "通知\n\n正文。");
    }

    #[test]
    fn html_declared_charset() {
        let mut bytes = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><p>".to_vec();
        bytes.extend(encoding_rs::GB18030.encode("朱镕基在会上讲话").0.iter());
        bytes.extend(b"</p></body></html>");
        let e = extract(Format::Html, &bytes, &Limits::default()).unwrap();
        assert_eq!(e.text, "朱镕基在会上讲话");
        assert_eq!(e.encoding, "GB18030");
    }

    #[test]
    fn rss_feed_with_escaped_html() {
        let xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel>\
            <title>频道</title><link>http://example.com/</link><item><title>文章一</title>\
            <link>http://example.com/1</link><pubDate>Mon, 01 Jan 2024</pubDate>\
            <description>&lt;p&gt;第一段&amp;nbsp;内容&lt;/p&gt;&lt;p&gt;第二段&lt;a href=\"x\"&gt;链接&lt;/a&gt;&lt;/p&gt;</description>\
            </item><item><title><![CDATA[ 文章二 ]]></title><description><![CDATA[<div>正文<br/>下一行</div>]]></description></item>\
            </channel></rss>";
        let e = extract(Format::Html, xml.as_bytes(), &Limits::default()).unwrap();
        assert_eq!(
            e.text,
            "频道\n\n文章一\n第一段 内容\n\n第二段链接\n\n文章二\n正文\n下一行"
        );
    }

    #[test]
    fn empty_markup_is_empty() {
        let e = extract(
            Format::Html,
            b"<html><body><script>x</script></body></html>",
            &Limits::default(),
        );
        assert!(matches!(e, Err(FormatError::Empty)));
        assert!(matches!(
            extract(Format::Markdown, b"\n\n", &Limits::default()),
            Err(FormatError::Empty)
        ));
    }

    #[test]
    fn messages_are_sentences_without_content() {
        let err = extract(Format::Text, b"", &Limits::default()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the file has no text: it is empty or holds only blank space"
        );
        let err =
            extract(Format::Docx, b"PK\x03\x04 secret words", &Limits::default()).unwrap_err();
        assert!(!err.to_string().contains("secret"), "{err}");
    }
}
