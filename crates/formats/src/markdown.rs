//! Markdown → plain text, through pulldown-cmark (CommonMark with tables and strikethrough).
//!
//! Headings (without `#`), paragraphs, code blocks, block quotes and tables are blocks with a
//! blank line between them; each list item and each table cell is its own line. Links and
//! images keep their text and lose their URLs; inline HTML tags are dropped and HTML blocks
//! are reduced to their text. No Markdown markup (`**`, `#`, `>`, `` ` ``) is left.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::lines::Lines;
use crate::{Extracted, FormatError, encoding, html};

/// Decodes Markdown bytes and extracts their text.
pub(crate) fn extract(bytes: &[u8]) -> Result<Extracted, FormatError> {
    let decoded = encoding::decode(bytes)?;
    let text = markdown_to_text(&decoded.text);
    if text.trim().is_empty() {
        return Err(FormatError::Empty);
    }
    Ok(Extracted {
        text,
        encoding: decoded.encoding,
        warnings: crate::replaced_warning(decoded.replaced),
    })
}

fn markdown_to_text(source: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut lines = Lines::new();
    let mut in_item = 0usize;
    let mut in_code = false;
    let mut html_block: Option<String> = None;
    for event in Parser::new_ext(source, options) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph | Tag::List(_) if in_item > 0 => lines.end_line(),
                Tag::Item => {
                    lines.end_line();
                    in_item += 1;
                }
                Tag::CodeBlock(_) => {
                    lines.gap();
                    in_code = true;
                }
                Tag::HtmlBlock => {
                    lines.gap();
                    html_block = Some(String::new());
                }
                Tag::Paragraph
                | Tag::List(_)
                | Tag::Heading { .. }
                | Tag::BlockQuote(_)
                | Tag::Table(_)
                | Tag::FootnoteDefinition(_)
                | Tag::DefinitionList => lines.gap(),
                Tag::TableHead
                | Tag::TableRow
                | Tag::TableCell
                | Tag::DefinitionListTitle
                | Tag::DefinitionListDefinition => lines.end_line(),
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph | TagEnd::List(_) if in_item > 0 => lines.end_line(),
                TagEnd::Item => {
                    lines.end_line();
                    in_item = in_item.saturating_sub(1);
                }
                TagEnd::CodeBlock => {
                    lines.gap();
                    in_code = false;
                }
                TagEnd::HtmlBlock => {
                    if let Some(block) = html_block.take() {
                        for line in html::markup_to_text(&block).lines() {
                            lines.push_line(line);
                        }
                    }
                    lines.gap();
                }
                TagEnd::Paragraph
                | TagEnd::List(_)
                | TagEnd::Heading(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::Table
                | TagEnd::FootnoteDefinition
                | TagEnd::DefinitionList => lines.gap(),
                TagEnd::TableHead
                | TagEnd::TableRow
                | TagEnd::TableCell
                | TagEnd::DefinitionListTitle
                | TagEnd::DefinitionListDefinition => lines.end_line(),
                _ => {}
            },
            Event::Text(text) if in_code => lines.push_raw(&text),
            Event::Text(text) | Event::Code(text) => lines.push_inline(&text),
            Event::InlineMath(text) | Event::DisplayMath(text) => lines.push_inline(&text),
            Event::Html(text) => match html_block.as_mut() {
                Some(block) => block.push_str(&text),
                None => {
                    for line in html::markup_to_text(&text).lines() {
                        lines.push_line(line);
                    }
                }
            },
            Event::SoftBreak => lines.soft_break(),
            Event::HardBreak => lines.end_line(),
            Event::Rule => lines.gap(),
            // Inline tags, footnote marks and task checkboxes are markup, not text.
            _ => {}
        }
    }
    lines.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_lists_links_and_code() {
        let md = "# 关于加强**作风建设**的讲话\n\n同志们：\n今天我们召开会议。\n\n\
                  > 引用的一段话\n\n- 第一点\n- 第二点，见[通知](http://example.com/a)\n  1. 子项\n\n\
                  ![图片说明](img.png)\n\n```\nlet x = 1;\n  indented\n```\n\n\
                  | 项目 | 金额 |\n|---|---|\n| 办公 | 100 |\n\n***\n\n结束<br>语";
        let text = markdown_to_text(md);
        assert_eq!(
            text,
            "关于加强作风建设的讲话\n\n同志们：今天我们召开会议。\n\n引用的一段话\n\n\
             第一点\n第二点，见通知\n子项\n\n图片说明\n\nlet x = 1;\n  indented\n\n\
             项目\n金额\n办公\n100\n\n结束语"
        );
        for markup in ["**", "#", ">", "http", "](", "`"] {
            assert!(!text.contains(markup), "{markup} left in {text}");
        }
    }

    #[test]
    fn latin_soft_breaks_become_spaces_and_crlf_works() {
        let text = markdown_to_text("Hello\r\nworld\r\n\r\nSecond *para*\r\n");
        assert_eq!(text, "Hello world\n\nSecond para");
    }
}
