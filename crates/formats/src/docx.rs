//! Word .docx → text: the zip container, with zip-bomb limits, and WordprocessingML.
//!
//! What counts as the document's text:
//! - each `w:p` is one line (empty paragraphs are blank lines; runs of them collapse to one);
//!   `w:tab` is a tab, `w:br`/`w:cr` a line break, `w:noBreakHyphen` a '-';
//! - tables: **each cell's paragraphs are lines of their own**, in reading order (row by row,
//!   cell by cell); a row is not joined into one line, because a cell is a unit of meaning
//!   (a search never matches across cells, as it never matches across paragraphs);
//! - text boxes (`w:txbxContent`) are text: their paragraphs come out as lines just before the
//!   paragraph that anchors them. Of `mc:AlternateContent` only `mc:Choice` is read; the
//!   `mc:Fallback` (a VML copy of the same text box) is skipped so the text is not doubled;
//! - tracked insertions (`w:ins`, `w:moveTo`) are text; tracked deletions (`w:del`,
//!   `w:delText`, `w:moveFrom`) are not; field instructions (`w:instrText`) are not, field
//!   results are;
//! - footnotes and endnotes (`word/footnotes.xml`, `word/endnotes.xml`, without the separator
//!   notes) follow the body after a blank line, one line per paragraph;
//! - comments are not document text (`word/comments.xml` is never read);
//! - headers and footers are left out on purpose: they are page furniture ("第 1 页", the
//!   issuing office's name on every page), not the material.
//!
//! Elements are matched by local name, ignoring namespace prefixes, so Strict OOXML (other
//! namespace URIs) reads the same as Transitional.
//!
//! Zip-bomb defence: before anything is inflated, every entry's declared size, their sum
//! ([`Limits::max_inflated_bytes`]) and each large entry's ratio of declared to compressed size
//! ([`Limits::max_ratio`]) are checked; while reading, the bytes actually inflated are capped
//! with [`Read::take`], so a header that lies about the size cannot inflate more.

use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use zip::ZipArchive;

use crate::lines::Lines;
use crate::numbering::Numbering;
use crate::{Extracted, FormatError, Limits};

const DOCUMENT: &str = "word/document.xml";
const NUMBERING: &str = "word/numbering.xml";
const STYLES: &str = "word/styles.xml";
const FOOTNOTES: &str = "word/footnotes.xml";
const ENDNOTES: &str = "word/endnotes.xml";

/// Entries smaller than this are not checked for their compression ratio: small, repetitive
/// XML parts compress well and cannot inflate to much.
const RATIO_CHECK_FROM: u64 = 1 << 20;

/// Reads the text of a .docx.
pub(crate) fn extract(bytes: &[u8], limits: &Limits) -> Result<Extracted, FormatError> {
    if bytes.is_empty() {
        return Err(FormatError::Empty);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(FormatError::LegacyOrEncrypted);
    }
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| FormatError::DamagedZip {
        detail: e.to_string(),
    })?;
    check_declared_sizes(&archive, limits)?;

    let mut budget = limits.max_inflated_bytes;
    let mut warnings = Vec::new();
    let document = read_part(&mut archive, DOCUMENT, &mut budget)?.ok_or(FormatError::NotWord)?;
    let mut numbering = match read_part(&mut archive, NUMBERING, &mut budget)? {
        Some(xml) => Numbering::parse(&xml_text(&xml, NUMBERING, &mut warnings)),
        None => Numbering::default(),
    };
    if let Some(xml) = read_part(&mut archive, STYLES, &mut budget)? {
        numbering.read_styles(&xml_text(&xml, STYLES, &mut warnings));
    }
    let mut body = Vec::new();
    paragraphs(
        &xml_text(&document, DOCUMENT, &mut warnings),
        DOCUMENT,
        false,
        &mut numbering,
        &mut body,
    )?;

    let mut notes = Vec::new();
    for part in [FOOTNOTES, ENDNOTES] {
        if let Some(xml) = read_part(&mut archive, part, &mut budget)? {
            let xml = xml_text(&xml, part, &mut warnings);
            paragraphs(&xml, part, true, &mut Numbering::default(), &mut notes)?;
        }
    }

    let mut lines = Lines::new();
    for line in &body {
        lines.push_line(line);
    }
    if notes.iter().any(|l| !l.trim().is_empty()) {
        lines.gap();
        for line in &notes {
            lines.push_line(line.trim_start());
        }
    }
    if lines.is_empty() {
        return Err(FormatError::Empty);
    }
    Ok(Extracted {
        text: lines.finish(),
        encoding: "UTF-8",
        warnings,
    })
}

fn human_size(bytes: u64) -> String {
    if bytes >= 1 << 20 && bytes.is_multiple_of(1 << 20) {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{bytes} bytes")
    }
}

fn check_declared_sizes(
    archive: &ZipArchive<Cursor<&[u8]>>,
    limits: &Limits,
) -> Result<(), FormatError> {
    let mut total = 0u64;
    for index in 0..archive.len() {
        let entry = archive
            .by_index_data(index)
            .map_err(|e| FormatError::DamagedZip {
                detail: e.to_string(),
            })?;
        if entry.encrypted() {
            return Err(FormatError::Encrypted);
        }
        let size = entry.size();
        let compressed = entry.compressed_size().max(1);
        if size >= RATIO_CHECK_FROM && size / compressed > limits.max_ratio {
            return Err(FormatError::ZipBomb {
                detail: format!(
                    "has a part compressed more than {}:1 (declared {size} bytes from {} bytes)",
                    limits.max_ratio,
                    entry.compressed_size()
                ),
            });
        }
        total = total.saturating_add(size);
    }
    if total > limits.max_inflated_bytes {
        return Err(FormatError::ZipBomb {
            detail: format!(
                "would inflate to more than {} (declared {total} bytes)",
                human_size(limits.max_inflated_bytes)
            ),
        });
    }
    Ok(())
}

/// Inflates one part (name compared case-insensitively, as OPC part names are), or None when
/// the archive has no such part. Never inflates more than the part declares or than `budget`.
fn read_part(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    name: &'static str,
    budget: &mut u64,
) -> Result<Option<Vec<u8>>, FormatError> {
    let Some(index) = (0..archive.len()).find(|&i| {
        archive
            .name_for_index(i)
            .and_then(Result::ok)
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
    }) else {
        return Ok(None);
    };
    let damaged = |e: &dyn std::fmt::Display| FormatError::DamagedZip {
        detail: format!("{name} cannot be inflated: {e}"),
    };
    let file = archive.by_index(index).map_err(|e| damaged(&e))?;
    let declared = file.size();
    let cap = declared.min(*budget);
    let mut data = Vec::with_capacity(usize::try_from(cap.min(16 << 20)).unwrap_or(0));
    file.take(cap.saturating_add(1))
        .read_to_end(&mut data)
        .map_err(|e| damaged(&e))?;
    let read = data.len() as u64;
    if read > declared {
        return Err(FormatError::ZipBomb {
            detail: format!(
                "holds more data in {name} than its zip header declares ({declared} bytes)"
            ),
        });
    }
    if read > *budget {
        return Err(FormatError::ZipBomb {
            detail: format!("would inflate to more than {}", human_size(*budget)),
        });
    }
    *budget -= read;
    Ok(Some(data))
}

/// The XML part as text: UTF-8 (a BOM is dropped) or UTF-16 with a BOM.
fn xml_text(bytes: &[u8], part: &str, warnings: &mut Vec<String>) -> String {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, errors) = crate::encoding::decode_counting(enc, &bytes[bom..]);
        if errors > 0 {
            warnings.push(format!("{part}: {}", crate::replaced_message(errors)));
        }
        return text;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => {
            let (text, errors) = crate::encoding::decode_counting(encoding_rs::UTF_8, bytes);
            warnings.push(format!("{part}: {}", crate::replaced_message(errors)));
            text
        }
    }
}

/// Elements whose whole content is not document text.
const SKIP: &[&str] = &[
    "del",
    "moveFrom",
    "delText",
    "instrText",
    "delInstrText",
    "Fallback",
    "rPr",
    "sectPr",
    "tblPr",
    "tcPr",
    "trPr",
    "tblGrid",
];

/// The value of an attribute by local name, e.g. `w:type` → "type".
pub(crate) fn attribute(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .map(|a| a.value.into_owned())
}

fn is_separator_note(e: &BytesStart<'_>) -> bool {
    let name = e.local_name();
    (name.as_ref() == "footnote" || name.as_ref() == "endnote")
        && attribute(e, "type").is_some_and(|t| {
            matches!(
                t.as_str(),
                "separator" | "continuationSeparator" | "continuationNotice"
            )
        })
}

/// A paragraph being read: its text and its list (`w:numPr`: numId, level), if any.
#[derive(Default)]
struct Open {
    text: String,
    num_id: Option<String>,
    ilvl: Option<usize>,
    style: Option<String>,
}

/// Appends one line per paragraph of a WordprocessingML part to `out`. Of a paragraph's
/// properties (`w:pPr`) only its list (`w:numPr`) is read: the number Word draws for it opens
/// the line (see [`crate::numbering`]).
fn paragraphs(
    xml: &str,
    part: &'static str,
    notes: bool,
    numbering: &mut Numbering,
    out: &mut Vec<String>,
) -> Result<(), FormatError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut skip = 0usize;
    let mut in_text = 0usize;
    let mut in_props = 0usize;
    // Open paragraphs: a text box inside a paragraph opens paragraphs of its own.
    let mut open: Vec<Open> = Vec::new();
    loop {
        let event = reader.read_event().map_err(|_| FormatError::DamagedXml {
            part,
            position: reader.error_position(),
        })?;
        match event {
            Event::Start(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if skip > 0 || SKIP.contains(&name) || (notes && is_separator_note(&e)) {
                    skip += 1;
                    continue;
                }
                if name == "pPr" || in_props > 0 {
                    in_props += 1;
                    list_property(&e, &mut open);
                    continue;
                }
                match name {
                    "p" => open.push(Open::default()),
                    "t" => in_text += 1,
                    _ => inline_mark(&e, &mut open),
                }
            }
            Event::Empty(e) => {
                if skip > 0 {
                    continue;
                }
                if in_props > 0 {
                    list_property(&e, &mut open);
                } else if e.local_name().as_ref() == "p" {
                    out.push(String::new());
                } else {
                    inline_mark(&e, &mut open);
                }
            }
            Event::End(e) => {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                if in_props > 0 {
                    in_props -= 1;
                    continue;
                }
                match e.local_name().as_ref() {
                    "t" => in_text = in_text.saturating_sub(1),
                    "p" => {
                        if let Some(paragraph) = open.pop() {
                            let label = if paragraph.text.trim().is_empty() {
                                None
                            } else {
                                numbering.label_for(
                                    paragraph.num_id.as_deref(),
                                    paragraph.ilvl,
                                    paragraph.style.as_deref(),
                                )
                            };
                            let text = match label {
                                Some(label) => label + paragraph.text.trim_start(),
                                None => paragraph.text,
                            };
                            let text = text.trim_end_matches('\n');
                            out.extend(text.split('\n').map(|l| l.trim_end().to_owned()));
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if skip == 0 && in_text > 0 => {
                if let Some(current) = open.last_mut() {
                    current.text.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) if skip == 0 && in_text > 0 => {
                if let Some(current) = open.last_mut() {
                    current.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if skip == 0 && in_text > 0 => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match r.xml10_content().as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let (Some(c), Some(current)) = (c, open.last_mut()) {
                    current.text.push(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(())
}

/// Reads a paragraph property that places the paragraph in a list: `w:numId`, `w:ilvl`, and
/// the style (`w:pStyle`), which may carry a list of its own.
fn list_property(e: &BytesStart<'_>, open: &mut [Open]) {
    let Some(current) = open.last_mut() else {
        return;
    };
    match e.local_name().as_ref() {
        "numId" => current.num_id = attribute(e, "val"),
        "ilvl" => current.ilvl = attribute(e, "val").and_then(|v| v.parse().ok()),
        "pStyle" => current.style = attribute(e, "val"),
        _ => {}
    }
}

/// Run-level marks that stand for characters: tab, breaks, non-breaking hyphen.
fn inline_mark(e: &BytesStart<'_>, open: &mut [Open]) {
    let Some(current) = open.last_mut().map(|o| &mut o.text) else {
        return;
    };
    match e.local_name().as_ref() {
        "tab" | "ptab" => current.push('\t'),
        "br" => {
            let page = attribute(e, "type").is_some_and(|t| t == "page" || t == "column");
            // A page break separates lines only when text precedes it in the paragraph.
            if !page || !(current.is_empty() || current.ends_with('\n')) {
                current.push('\n');
            }
        }
        "cr" => current.push('\n'),
        "noBreakHyphen" => current.push('-'),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

    fn docx(document: &[u8], extra: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("word/document.xml", options).unwrap();
        zip.write_all(document).unwrap();
        for (name, data) in extra {
            zip.start_file(*name, options).unwrap();
            zip.write_all(data).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn text_of(body: &str) -> Result<String, FormatError> {
        let xml =
            format!("<?xml version=\"1.0\"?><w:document {W}><w:body>{body}</w:body></w:document>");
        extract(&docx(xml.as_bytes(), &[]), &Limits::default()).map(|e| e.text)
    }

    #[test]
    fn paragraphs_runs_and_marks() {
        let text = text_of(
            "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>\
             <w:r><w:t>一、总体</w:t></w:r><w:r><w:t xml:space=\"preserve\">要求 &amp; 目标</w:t></w:r></w:p>\
             <w:p/><w:p></w:p>\
             <w:p><w:r><w:t>A</w:t><w:tab/><w:t>B</w:t><w:br/><w:t>C</w:t><w:noBreakHyphen/><w:t>D</w:t></w:r></w:p>\
             <w:p><w:r><w:br w:type=\"page\"/><w:t>新页</w:t></w:r></w:p>",
        )
        .unwrap();
        assert_eq!(text, "一、总体要求 & 目标\n\nA\tB\nC-D\n新页");
    }

    #[test]
    fn tracked_changes_fields_and_fallback() {
        let text = text_of(
            "<w:p><w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删掉</w:delText></w:r></w:del>\
             <w:ins><w:r><w:t>插入</w:t></w:r></w:ins><w:moveFrom><w:r><w:t>移走</w:t></w:r></w:moveFrom></w:p>\
             <w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>\
             <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>结果</w:t></w:r>\
             <w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>\
             <w:p><w:r><mc:AlternateContent xmlns:mc=\"m\"><mc:Choice Requires=\"wps\"><w:txbxContent>\
             <w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:pict>\
             <w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>\
             </mc:AlternateContent></w:r><w:r><w:t>锚点</w:t></w:r></w:p>",
        )
        .unwrap();
        assert_eq!(text, "保留插入\n结果\n框内\n锚点");
    }

    #[test]
    fn empty_document_and_missing_part() {
        assert!(matches!(
            text_of("<w:p><w:r></w:r></w:p>"),
            Err(FormatError::Empty)
        ));
        let bytes = {
            let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
            zip.start_file("xl/workbook.xml", SimpleFileOptions::default())
                .unwrap();
            zip.write_all(b"<workbook/>").unwrap();
            zip.finish().unwrap().into_inner()
        };
        let err = extract(&bytes, &Limits::default()).unwrap_err();
        assert!(matches!(err, FormatError::NotWord), "{err}");
        assert!(err.to_string().contains("word/document.xml"));
    }

    #[test]
    fn not_a_zip_and_old_doc() {
        let err = extract(b"hello, this is not a zip", &Limits::default()).unwrap_err();
        assert!(matches!(err, FormatError::DamagedZip { .. }), "{err}");
        assert!(err.to_string().starts_with("the .docx is damaged"));
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        assert!(matches!(
            extract(&ole, &Limits::default()),
            Err(FormatError::LegacyOrEncrypted)
        ));
        assert!(matches!(
            extract(b"", &Limits::default()),
            Err(FormatError::Empty)
        ));
    }

    #[test]
    fn malformed_xml_is_damaged() {
        let bytes = docx(b"<w:document><w:body><w:p><w:t>x</w:p></w:document>", &[]);
        let err = extract(&bytes, &Limits::default()).unwrap_err();
        assert!(matches!(err, FormatError::DamagedXml { .. }), "{err}");
    }

    /// 4 MiB of zeros behind a document.xml header.
    fn bomb_document() -> Vec<u8> {
        let mut doc = format!("<w:document {W}><w:body><w:p><w:r><w:t>").into_bytes();
        doc.resize(doc.len() + (4 << 20), b' ');
        doc.extend_from_slice(b"</w:t></w:r></w:p></w:body></w:document>");
        doc
    }

    #[test]
    fn zip_bomb_by_declared_total() {
        let bytes = docx(&bomb_document(), &[]);
        let limits = Limits {
            max_inflated_bytes: 1 << 20,
            max_ratio: 1_000_000,
        };
        let start = std::time::Instant::now();
        let err = extract(&bytes, &limits).unwrap_err();
        assert!(start.elapsed() < std::time::Duration::from_secs(5));
        assert!(matches!(err, FormatError::ZipBomb { .. }), "{err}");
        assert!(
            err.to_string()
                .starts_with("the .docx would inflate to more than 1 MiB (declared"),
            "{err}"
        );
    }

    #[test]
    fn zip_bomb_by_ratio() {
        let bytes = docx(&bomb_document(), &[]);
        let err = extract(&bytes, &Limits::default()).unwrap_err();
        assert!(matches!(err, FormatError::ZipBomb { .. }), "{err}");
        assert!(
            err.to_string().contains("compressed more than 200:1"),
            "{err}"
        );
    }

    /// Patches the uncompressed size of every entry in both the local and central headers.
    fn lie_about_sizes(bytes: &mut [u8], size: u32) {
        let mut i = 0;
        while i + 30 <= bytes.len() {
            if bytes[i..].starts_with(&[0x50, 0x4B, 0x03, 0x04]) {
                bytes[i + 22..i + 26].copy_from_slice(&size.to_le_bytes());
            } else if bytes[i..].starts_with(&[0x50, 0x4B, 0x01, 0x02]) {
                bytes[i + 24..i + 28].copy_from_slice(&size.to_le_bytes());
            }
            i += 1;
        }
    }

    #[test]
    fn zip_bomb_with_lying_header() {
        let mut bytes = docx(&bomb_document(), &[]);
        lie_about_sizes(&mut bytes, 100_000);
        let start = std::time::Instant::now();
        let err = extract(&bytes, &Limits::default()).unwrap_err();
        assert!(start.elapsed() < std::time::Duration::from_secs(5));
        assert!(
            matches!(
                err,
                FormatError::ZipBomb { .. } | FormatError::DamagedZip { .. }
            ),
            "{err}"
        );
    }

    /// A numbering part: list 1 is `一、` over `（一）`; list 2 is `1.`, and list 3 uses the same
    /// abstract numbering restarted at 5 for its first level.
    fn numbering_xml() -> String {
        let level = |ilvl: u8, fmt: &str, text: &str| {
            format!(
                "<w:lvl w:ilvl=\"{ilvl}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{fmt}\"/>\
                 <w:lvlText w:val=\"{text}\"/><w:pPr><w:tabs><w:tab w:val=\"num\" w:pos=\"720\"/></w:tabs></w:pPr></w:lvl>"
            )
        };
        format!(
            "<w:numbering {W}>\
             <w:abstractNum w:abstractNumId=\"10\">{}{}</w:abstractNum>\
             <w:abstractNum w:abstractNumId=\"20\">{}{}</w:abstractNum>\
             <w:num w:numId=\"1\"><w:abstractNumId w:val=\"10\"/></w:num>\
             <w:num w:numId=\"2\"><w:abstractNumId w:val=\"20\"/></w:num>\
             <w:num w:numId=\"3\"><w:abstractNumId w:val=\"20\"/>\
             <w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"5\"/></w:lvlOverride></w:num>\
             </w:numbering>",
            level(0, "chineseCounting", "%1、"),
            level(1, "chineseCounting", "（%2）"),
            level(0, "decimal", "%1."),
            level(1, "bullet", "•"),
        )
    }

    fn numbered(num: u8, ilvl: u8, text: &str) -> String {
        format!(
            "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/><w:numPr><w:ilvl w:val=\"{ilvl}\"/>\
             <w:numId w:val=\"{num}\"/></w:numPr><w:tabs><w:tab w:val=\"left\" w:pos=\"420\"/></w:tabs></w:pPr>\
             <w:r><w:t>{text}</w:t></w:r></w:p>"
        )
    }

    #[test]
    fn automatic_numbering_is_written_into_the_text() {
        let body = [
            numbered(1, 0, "总体要求"),
            numbered(1, 1, "指导思想"),
            numbered(1, 1, "基本原则"),
            "<w:p><w:r><w:t>正文一段。</w:t></w:r></w:p>".to_string(),
            numbered(1, 0, "主要任务"),
            numbered(1, 1, "加强领导"),
            numbered(2, 0, "提高认识"),
            numbered(2, 1, "列表项"),
            numbered(2, 0, "狠抓落实"),
            numbered(3, 0, "重新起算"),
            numbered(0, 0, "取消编号"),
            "<w:p><w:pPr><w:pStyle w:val=\"H2\"/></w:pPr><w:r><w:t>样式编号</w:t></w:r></w:p>"
                .to_string(),
        ]
        .concat();
        let doc = format!("<w:document {W}><w:body>{body}</w:body></w:document>");
        let numbering = numbering_xml();
        // Style H2, based on H1, which is linked to list 1 at level 1.
        let styles = format!(
            "<w:styles {W}><w:style w:type=\"paragraph\" w:styleId=\"H1\"><w:pPr><w:numPr>\
             <w:ilvl w:val=\"1\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>\
             <w:style w:type=\"paragraph\" w:styleId=\"H2\"><w:basedOn w:val=\"H1\"/></w:style></w:styles>"
        );
        let bytes = docx(
            doc.as_bytes(),
            &[
                ("word/numbering.xml", numbering.as_bytes()),
                ("word/styles.xml", styles.as_bytes()),
            ],
        );
        let text = extract(&bytes, &Limits::default()).unwrap().text;
        assert_eq!(
            text,
            "一、总体要求\n（一）指导思想\n（二）基本原则\n正文一段。\n二、主要任务\n（一）加强领导\n\
             1. 提高认识\n列表项\n2. 狠抓落实\n5. 重新起算\n取消编号\n（二）样式编号"
        );
        // Without a numbering part the paragraphs read as before.
        let plain = docx(doc.as_bytes(), &[]);
        assert!(
            extract(&plain, &Limits::default())
                .unwrap()
                .text
                .starts_with("总体要求\n指导思想")
        );
    }

    #[test]
    fn footnotes_skip_separators() {
        let doc = format!(
            "<w:document {W}><w:body><w:p><w:r><w:t>正文</w:t></w:r></w:p></w:body></w:document>"
        );
        let notes = format!(
            "<w:footnotes {W}><w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>\
             <w:footnote w:id=\"1\"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space=\"preserve\"> 脚注一</w:t></w:r></w:p></w:footnote></w:footnotes>"
        );
        let bytes = docx(doc.as_bytes(), &[("word/footnotes.xml", notes.as_bytes())]);
        let text = extract(&bytes, &Limits::default()).unwrap().text;
        assert_eq!(text, "正文\n\n脚注一");
    }
}
