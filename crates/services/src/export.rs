//! Exports: an article as its reader may read it ([`ArticleView`]), as a Word file in the
//! official-document layout (GB/T 9704-2012), plain text (UTF-8 or GB18030) or Markdown; several
//! as one zip. Each export can carry a watermark (who downloaded it) in the document's
//! properties and a footer line.

use crate::reading::ArticleView;
use docx_rs::{
    AlignmentType, Docx, FieldCharType, Footer, InstrPAGE, InstrText, LineSpacing, LineSpacingType,
    PageMargin, Paragraph, Run, RunFonts, SpecialIndentType,
};
use std::borrow::Cow;
use std::io::{Cursor, Write};
use sucai_text::normalize::is_forbidden;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum ExportError {
    #[error("cannot write the Word file: {0}")]
    Docx(String),
    #[error("cannot write the zip file: {0}")]
    Zip(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Docx,
    Txt,
    Md,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "docx" | "word" => Some(Format::Docx),
            "txt" | "text" => Some(Format::Txt),
            "md" | "markdown" => Some(Format::Md),
            _ => None,
        }
    }
    pub fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Txt => "txt",
            Format::Md => "md",
        }
    }
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            Format::Txt => "text/plain; charset=utf-8",
            Format::Md => "text/markdown; charset=utf-8",
        }
    }
}

/// `text` without the characters XML refuses or discourages (control characters, noncharacters,
/// see [`is_forbidden`]): imports and drafts are cleaned of them, but text stored before that or
/// written by other means must not make a Word file that no reader opens.
fn xml_text(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_forbidden) {
        Cow::Owned(text.chars().filter(|&c| !is_forbidden(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// GB/T 9704 in Word's units: twentieths of a point (twips) and half-points.
mod layout {
    /// Millimetres to twips.
    pub const fn mm(mm: i32) -> i32 {
        mm * 14400 / 254
    }
    pub const A4: (u32, u32) = (11906, 16838);
    pub const TOP: i32 = mm(37);
    pub const BOTTOM: i32 = mm(35);
    pub const LEFT: i32 = mm(28);
    pub const RIGHT: i32 = mm(26);
    /// 22 lines a page: a fixed pitch of 28.95 pt.
    pub const LINE_PITCH: i32 = 579;
    /// 2号 (22 pt) title, 3号 (16 pt) body, 4号 (14 pt) page numbers, in half-points.
    pub const TITLE_SIZE: usize = 44;
    pub const BODY_SIZE: usize = 32;
    pub const PAGE_NUMBER_SIZE: usize = 28;
    /// Two characters of 16 pt.
    pub const FIRST_LINE_INDENT: i32 = 640;
    pub const TITLE_FONT: &str = "方正小标宋简体";
    pub const BODY_FONT: &str = "仿宋_GB2312";
    pub const HEADING1_FONT: &str = "黑体";
    pub const HEADING2_FONT: &str = "楷体_GB2312";
}

/// The font of a body paragraph: 一、 headings in 黑体, （一） in 楷体, the rest in 仿宋.
fn paragraph_font(text: &str) -> &'static str {
    let numeral = |c: char| "一二三四五六七八九十".contains(c);
    let first: Vec<char> = text.chars().take(6).collect();
    let run = first.iter().take_while(|&&c| numeral(c)).count();
    if run > 0 && first.get(run) == Some(&'、') {
        layout::HEADING1_FONT
    } else if matches!(first.first(), Some('（' | '(')) && first.get(1).is_some_and(|&c| numeral(c))
    {
        layout::HEADING2_FONT
    } else {
        layout::BODY_FONT
    }
}

fn fonts(east_asia: &str) -> RunFonts {
    // Word takes Chinese text's font from w:eastAsia; Latin letters and digits from ascii.
    RunFonts::new()
        .east_asia(east_asia)
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
}

fn pitch() -> LineSpacing {
    LineSpacing::new()
        .line(layout::LINE_PITCH)
        .line_rule(LineSpacingType::Exact)
}

/// `— N —`, 4号, at the outside edge: right on odd pages, left on even ones.
fn page_number_footer(align: AlignmentType, mark: Option<&str>) -> Footer {
    let run = |text: &str| {
        Run::new()
            .add_text(xml_text(text))
            .size(layout::PAGE_NUMBER_SIZE)
            .fonts(fonts("宋体"))
    };
    let number = Run::new()
        .size(layout::PAGE_NUMBER_SIZE)
        .fonts(fonts("宋体"))
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(InstrText::PAGE(InstrPAGE {}))
        .add_field_char(FieldCharType::Separate, false)
        .add_text("1")
        .add_field_char(FieldCharType::End, false);
    let mut footer = Footer::new().add_paragraph(
        Paragraph::new()
            .align(align)
            .add_run(run("— "))
            .add_run(number)
            .add_run(run(" —")),
    );
    if let Some(mark) = mark {
        footer = footer.add_paragraph(
            Paragraph::new().align(AlignmentType::Center).add_run(
                Run::new()
                    .add_text(xml_text(mark))
                    .size(18)
                    .fonts(fonts(layout::BODY_FONT)),
            ),
        );
    }
    footer
}

/// The article as a Word file in the GB/T 9704 layout.
pub fn docx(view: &ArticleView, mark: Option<&str>) -> Result<Vec<u8>, ExportError> {
    let title = Paragraph::new()
        .align(AlignmentType::Center)
        .line_spacing(pitch())
        .add_run(
            Run::new()
                .add_text(xml_text(&view.title))
                .size(layout::TITLE_SIZE)
                .fonts(fonts(layout::TITLE_FONT)),
        );
    let mut doc = Docx::new()
        .page_size(layout::A4.0, layout::A4.1)
        .page_margin(PageMargin {
            top: layout::TOP,
            bottom: layout::BOTTOM,
            left: layout::LEFT,
            right: layout::RIGHT,
            header: layout::mm(15),
            footer: layout::mm(18),
            gutter: 0,
        })
        .footer(page_number_footer(AlignmentType::Right, mark))
        .even_footer(page_number_footer(AlignmentType::Left, mark))
        .add_paragraph(title)
        // A blank line between title and text, as the standard lays it out.
        .add_paragraph(Paragraph::new().line_spacing(pitch()));
    for text in &view.paragraphs {
        let text = xml_text(text);
        doc = doc.add_paragraph(
            Paragraph::new()
                .line_spacing(pitch())
                .indent(
                    None,
                    Some(SpecialIndentType::FirstLine(layout::FIRST_LINE_INDENT)),
                    None,
                    None,
                )
                .add_run(
                    Run::new()
                        .add_text(text.as_ref())
                        .size(layout::BODY_SIZE)
                        .fonts(fonts(paragraph_font(&text))),
                ),
        );
    }
    if let Some(mark) = mark {
        doc = doc.custom_property("sucai_watermark", xml_text(mark));
    }
    let mut out = Cursor::new(Vec::new());
    doc.build()
        .pack(&mut out)
        .map_err(|e| ExportError::Docx(e.to_string()))?;
    Ok(out.into_inner())
}

/// Plain text: the title, a blank line, one paragraph a line; UTF-8, or GB18030 for old
/// Windows tools.
pub fn txt(view: &ArticleView, gb18030: bool, mark: Option<&str>) -> Vec<u8> {
    let mut text = format!("{}\n\n{}\n", view.title, view.paragraphs.join("\n"));
    if let Some(mark) = mark {
        text.push_str(&format!("\n{mark}\n"));
    }
    let text = xml_text(&text);
    if gb18030 {
        encoding_rs::GB18030.encode(&text).0.into_owned()
    } else {
        text.into_owned().into_bytes()
    }
}

/// Markdown: the title as a heading, the paragraphs as paragraphs.
pub fn md(view: &ArticleView, mark: Option<&str>) -> Vec<u8> {
    let mut text = format!("# {}\n\n{}\n", view.title, view.paragraphs.join("\n\n"));
    if let Some(mark) = mark {
        text.push_str(&format!("\n---\n\n{mark}\n"));
    }
    xml_text(&text).into_owned().into_bytes()
}

pub fn render(
    view: &ArticleView,
    format: Format,
    gb18030: bool,
    mark: Option<&str>,
) -> Result<Vec<u8>, ExportError> {
    Ok(match format {
        Format::Docx => docx(view, mark)?,
        Format::Txt => txt(view, gb18030, mark),
        Format::Md => md(view, mark),
    })
}

/// A file name for an article: its id and title, without characters file systems refuse.
pub fn file_name(view: &ArticleView, format: Format) -> String {
    let title: String = view
        .title
        .chars()
        .filter(|c| {
            !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') && !c.is_control()
        })
        .take(60)
        .collect();
    format!("{}-{}.{}", view.id, title.trim(), format.extension())
}

/// Several files as one zip.
pub fn zip(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>, ExportError> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        zip.start_file(name.as_str(), options)
            .map_err(|e| ExportError::Zip(e.to_string()))?;
        zip.write_all(bytes)
            .map_err(|e| ExportError::Zip(e.to_string()))?;
    }
    Ok(zip
        .finish()
        .map_err(|e| ExportError::Zip(e.to_string()))?
        .into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reading::Access;
    use std::io::Read;

    fn view() -> ArticleView {
        ArticleView {
            id: 3,
            title: "关于加强水利工作的讲话".into(),
            category: "讲话".into(),
            tags: vec![],
            year: None,
            date: None,
            chars: 40,
            paragraphs: vec![
                "同志们：".into(),
                "一、提高站位".into(),
                "（一）统一思想".into(),
                "水是生命之源。".into(),
            ],
            outline: vec![],
            quotes: vec![],
            access: Access {
                free_chars: 10,
                paid_chars: 30,
                complete: true,
            },
            duplicate_of: None,
        }
    }

    fn part(docx: &[u8], name: &str) -> String {
        let mut archive = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
        let mut text = String::new();
        archive
            .by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    }

    #[test]
    fn word_file_follows_the_official_layout() {
        let bytes = docx(&view(), Some("会员 #7 下载")).unwrap();
        let document = part(&bytes, "word/document.xml");
        for needle in [
            r#"w:eastAsia="方正小标宋简体""#,
            r#"w:eastAsia="仿宋_GB2312""#,
            r#"w:eastAsia="黑体""#,
            r#"w:eastAsia="楷体_GB2312""#,
            r#"<w:sz w:val="44" />"#,
            r#"<w:sz w:val="32" />"#,
            r#"w:line="579" w:lineRule="exact""#,
            r#"w:firstLine="640""#,
            r#"<w:pgSz w:w="11906" w:h="16838""#,
            r#"w:top="2097""#,
            r#"w:left="1587""#,
        ] {
            assert!(document.contains(needle), "{needle} missing in {document}");
        }
        assert!(document.contains("一、提高站位") && document.contains("水是生命之源。"));
        let custom = part(&bytes, "docProps/custom.xml");
        assert!(custom.contains("会员 #7 下载"), "{custom}");
    }

    #[test]
    fn word_files_leave_out_characters_xml_refuses() {
        let mut view = view();
        view.title = "关于\u{1B}[1m水利\u{7}的讲话\u{FFFE}".into();
        view.paragraphs = vec![
            "水是\u{0}生命\u{8}之源\u{B}\u{C}\u{1F}\u{7F}\u{85}。".into(),
            "\u{FFFF}\u{FDD0}\u{1FFFF}".into(),
        ];
        let bytes = docx(&view, Some("会员\u{1B} #7")).unwrap();
        for name in [
            "word/document.xml",
            "docProps/custom.xml",
            "word/footer1.xml",
        ] {
            let xml = part(&bytes, name);
            assert!(!xml.chars().any(is_forbidden), "{name}: {xml:?}");
        }
        let document = part(&bytes, "word/document.xml");
        assert!(document.contains("关于[1m水利的讲话"), "{document}");
        assert!(document.contains("水是生命之源。"), "{document}");
        let text = String::from_utf8(txt(&view, false, None)).unwrap();
        assert!(
            text.starts_with("关于[1m水利的讲话\n\n水是生命之源。\n"),
            "{text:?}"
        );
        assert!(
            !String::from_utf8(md(&view, None))
                .unwrap()
                .chars()
                .any(is_forbidden)
        );
    }

    #[test]
    fn fonts_of_headings() {
        assert_eq!(paragraph_font("一、总体要求"), "黑体");
        assert_eq!(paragraph_font("十二、其他"), "黑体");
        assert_eq!(paragraph_font("（三）工作措施"), "楷体_GB2312");
        assert_eq!(paragraph_font("一是加强领导。"), "仿宋_GB2312");
    }

    #[test]
    fn text_and_markdown() {
        let utf8 = String::from_utf8(txt(&view(), false, None)).unwrap();
        assert!(utf8.starts_with("关于加强水利工作的讲话\n\n同志们：\n"));
        let gb = txt(&view(), true, None);
        assert_eq!(encoding_rs::GB18030.decode(&gb).0, utf8);
        assert!(
            String::from_utf8(md(&view(), Some("m")))
                .unwrap()
                .starts_with("# 关于加强水利工作的讲话\n\n同志们：\n\n一、")
        );
        assert_eq!(
            file_name(&view(), Format::Docx),
            "3-关于加强水利工作的讲话.docx"
        );
    }
}
