//! The real files in `../shared/fixtures` (next to the repository): old GB2312/GBK/Big5 web
//! pages and feeds, GBK text, and Word files from real and structural test suites.

use std::path::{Path, PathBuf};

use sucai_formats::{Extracted, Format, FormatError, Limits, extract};

/// The fixtures folder. Its absence fails the test: a silently skipped fixture test would
/// make the suite look greener than it is.
fn fixtures() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures");
    assert!(
        dir.join("README.md").is_file(),
        "the fixtures folder is missing: expected it at {} (../shared/fixtures next to the repository)",
        dir.display()
    );
    dir
}

fn files_in(folder: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures().join(folder))
        .unwrap_or_else(|e| panic!("cannot list fixtures/{folder}: {e}"))
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "fixtures/{folder} is empty");
    files
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Extracts a fixture by its extension; files without a known one are plain text.
fn extract_file(path: &Path) -> Result<Extracted, FormatError> {
    let format = Format::from_path(path).unwrap_or(Format::Text);
    extract(format, &read(path), &Limits::default())
}

fn fixture(rel: &str) -> Extracted {
    let path = fixtures().join(rel);
    extract_file(&path).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn has_cjk(text: &str) -> bool {
    text.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

/// An HTML tag left in the text (`<p>`, `</a>`, `<br/>`, `<img src…`), or an entity left
/// undecoded. Angle brackets around an e-mail address are text, not a tag.
fn markup_remnant(text: &str) -> Option<String> {
    const TAGS: &[&str] = &[
        "a",
        "b",
        "i",
        "u",
        "p",
        "br",
        "hr",
        "div",
        "span",
        "img",
        "font",
        "table",
        "tr",
        "td",
        "th",
        "li",
        "ul",
        "ol",
        "strong",
        "em",
        "script",
        "style",
        "blockquote",
        "h1",
        "h2",
        "h3",
        "center",
        "small",
        "big",
        "pre",
        "embed",
        "object",
        "iframe",
        "html",
        "body",
    ];
    for (i, _) in text.match_indices('<') {
        let rest = &text[i + 1..];
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        let name_len = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        let name = rest[..name_len].to_ascii_lowercase();
        let after = rest[name_len..].chars().next();
        if TAGS.contains(&name.as_str()) && matches!(after, Some(' ' | '>' | '/' | '\n')) {
            return Some(text[i..].chars().take(40).collect());
        }
    }
    ["&lt;", "&gt;", "&amp;", "&nbsp;", "&quot;", "&#"]
        .into_iter()
        .find(|e| text.contains(e))
        .map(str::to_owned)
}

#[test]
fn gbk_congress_report() {
    let e = fixture("gbk_converted/cpc_congress_reports-002.gbk.txt");
    assert_eq!(e.encoding, "GB18030");
    assert!(e.warnings.is_empty(), "{:?}", e.warnings);
    assert!(
        e.text
            .starts_with("陈独秀在中国共产党第三次全国代表大会上的报告\n")
    );
    // Traditional characters are in GBK but not in GB2312.
    assert!(e.text.contains("(譯自中共駐共產國際代表團檔案俄文稿)"));
    assert!(!e.text.contains('\r'), "CRLF must become LF");
}

#[test]
fn gbk_peoples_daily() {
    let e = fixture("gbk_converted/rmrb199801-00002.gbk.txt");
    assert_eq!(e.encoding, "GB18030");
    assert!(e.text.starts_with("北京举行新年音乐会\n"));
    // 镕 is in GBK but not in GB2312.
    assert!(
        e.text
            .contains("党和国家领导人江泽民、李鹏、乔石、朱镕基、李瑞环")
    );
    assert!(e.text.contains("本报北京１２月３１日讯"));
    assert!(!e.text.contains('\r'));
}

fn check_legacy_folder(folder: &str, encoding: &str) {
    let mut failures = Vec::new();
    for path in files_in(folder) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        match extract_file(&path) {
            Err(e) => failures.push(format!("{name}: refused: {e}")),
            Ok(e) => {
                if e.encoding != encoding {
                    failures.push(format!("{name}: decoded as {}", e.encoding));
                }
                if !e.warnings.is_empty() {
                    failures.push(format!("{name}: warnings {:?}", e.warnings));
                }
                if !has_cjk(&e.text) {
                    failures.push(format!("{name}: no Chinese characters in the text"));
                }
                if let Some(remnant) = markup_remnant(&e.text) {
                    failures.push(format!("{name}: markup left: {remnant:?}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_gb2312_file_is_gb18030_text() {
    check_legacy_folder("gb2312_real", "GB18030");
}

#[test]
fn every_big5_file_is_big5_text() {
    check_legacy_folder("big5_real", "Big5");
}

#[test]
fn legacy_pages_and_feeds_read_as_text() {
    let e = fixture("gb2312_real/cppjieba_testlines.gbk");
    assert!(
        e.text
            .starts_with("我来到北京清华大学\n他来到了网易杭研大厦\n")
    );
    let e = fixture("gb2312_real/_mozilla_bug171813_text.html");
    assert!(e.text.contains("搜狐在线国庆免费大酬宾"), "{}", e.text);
    let e = fixture("gb2312_real/_chromium_gb18030_with_no_encoding_specified.html.xml");
    assert!(e.text.starts_with("中国制造的领军者3名"), "{}", e.text);
    let e = fixture("big5_real/_ude_1.txt");
    assert!(e.text.starts_with("維基大典（Wikipedia）者，網路為礎"));
    let e = fixture("big5_real/_chromium_Big5_with_no_encoding_specified.html");
    assert!(e.text.contains("台北看守所昨天抽查前總統陳水扁的房舍"));
    // CDATA titles.
    let e = fixture("big5_real/myblog.pchome.com.tw.xml");
    assert!(e.text.lines().any(|l| l == "愛力真正的源頭"), "{}", e.text);
    // Escaped HTML in a description is parsed, and links and feed metadata are dropped.
    let e = fixture("gb2312_real/cappuccinos.3322.org.xml");
    assert!(e.text.contains("很久，很久终于下雨了"), "{}", e.text);
    assert!(
        !e.text.contains("http://cappuccinos.3322.org/"),
        "{}",
        e.text
    );
    assert!(!e.text.contains("wordpress"), "generator left: {}", e.text);
}

fn docx(name: &str) -> Result<Extracted, FormatError> {
    extract_file(&fixtures().join("docx_structural").join(name))
}

fn docx_text(name: &str) -> String {
    let e = docx(name).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(e.encoding, "UTF-8");
    assert!(e.warnings.is_empty(), "{name}: {:?}", e.warnings);
    e.text
}

#[test]
fn real_word_2016_document() {
    let e = fixture("docx_real/docx-rust_aa_word2016_zh.docx");
    let lines: Vec<&str> = e.text.lines().collect();
    assert_eq!(lines[..2], ["今天是一个好日子。", "明天是一个好日子。"]);
    // The table: each cell is its own line.
    for cell in ["权利人", "地方", "补充", "发放", "公告"] {
        assert!(
            lines.contains(&cell),
            "table cell {cell} missing in {lines:?}"
        );
    }
    // Mail-merge field results are text, their instructions are not.
    assert!(lines.contains(&"«案号»"));
    assert!(!e.text.contains("MERGEFIELD"));
    // Footnote and endnote, after the body.
    assert_eq!(lines[lines.len() - 2..], ["123", "234"]);
    // Page numbers in headers and footers are left out.
    assert!(!e.text.contains(" / "));
}

#[test]
fn structural_docx_files() {
    assert_eq!(
        docx_text("tables.docx"),
        "Above\nTop left\nTop right\nBottom left\nBottom right\nBelow"
    );
    let text = docx_text("text-box.docx");
    assert_eq!(text.matches("Datum plane").count(), 1, "{text}");
    let text = docx_text("footnotes.docx");
    assert!(text.starts_with("Ouch.\n\n"), "{text}");
    assert!(text.contains("A tachyon walks into a bar."), "{text}");
    assert!(text.ends_with("Fin."), "{text}");
    assert_eq!(
        docx_text("track_changes_insertion.docx"),
        "This is a text with two exciting insertions."
    );
    let text = docx_text("track_changes_deletion.docx");
    assert_eq!(text, "This is a text with a deletion.");
    assert!(!text.contains("excessively"));
    let text = docx_text("comments.docx");
    assert_eq!(text, "Ouch.");
    assert!(!text.contains("tachyon"));
    assert_eq!(docx_text("strict-format.docx"), "Test");
    assert_eq!(docx_text("unicode.docx"), "Hello, 世界. This costs €10.∨∨(");
    assert_eq!(
        docx_text("utf8-bom.docx"),
        "This XML has a byte order mark."
    );
    let text = docx_text("headers.docx");
    assert!(
        text.starts_with("A Test of Headers\nSecond Level\nSome plain text.\n"),
        "{text}"
    );
    assert!(text.ends_with("this gets converted to Span."), "{text}");
    // Word's automatic numbers are text as the reader sees them; bullets are not.
    let text = docx_text("lists.docx");
    assert!(
        text.contains("1. one\n2. two\na. a\nb. b\none\ntwo\n"),
        "{text}"
    );
    let err = docx("empty.docx").unwrap_err();
    assert!(matches!(err, FormatError::Empty), "{err}");
}

fn no_internal_error(format: Format, bytes: &[u8], what: &str) {
    if let Err(FormatError::Internal { .. }) = extract(format, bytes, &Limits::default()) {
        panic!("{what}: a reader panicked");
    }
}

/// xorshift: deterministic pseudo-random bytes.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn damaged_and_random_input_never_panics() {
    let real = read(&fixtures().join("docx_real/docx-rust_aa_word2016_zh.docx"));
    // Truncated copies of a real .docx: each is a clean error, never a panic.
    for len in (0..real.len()).step_by(997) {
        match extract(Format::Docx, &real[..len], &Limits::default()) {
            Ok(_) => panic!("a .docx cut at {len} bytes was accepted"),
            Err(FormatError::Internal { .. }) => panic!("cut at {len}: a reader panicked"),
            Err(e) => assert!(!e.to_string().is_empty()),
        }
    }
    // Bytes flipped inside the archive (headers, deflate streams, XML).
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for round in 0..300 {
        let mut bytes = real.clone();
        for _ in 0..1 + round % 8 {
            let at = (rng.next() % bytes.len() as u64) as usize;
            bytes[at] ^= (rng.next() % 255 + 1) as u8;
        }
        no_internal_error(Format::Docx, &bytes, &format!("mutation round {round}"));
    }
    // Random bytes in every format, and random bytes after a zip signature.
    for round in 0..300usize {
        let len = (rng.next() % 4096) as usize;
        let mut bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        if round % 3 == 0 {
            bytes.splice(0..0, *b"PK\x03\x04");
        }
        for format in [Format::Text, Format::Docx, Format::Markdown, Format::Html] {
            no_internal_error(
                format,
                &bytes,
                &format!("random round {round} as {format:?}"),
            );
        }
    }
    // Random markup-ish text.
    let pieces = [
        "<p>",
        "</p>",
        "<div",
        ">",
        "&amp;",
        "&#x",
        "<![CDATA[",
        "]]>",
        "<?xml ",
        "<br/>",
        "中文",
        "**",
        "# ",
        "\n",
        "<script>",
        "<!--",
        "`",
        "[a](",
        ")",
        "|",
        "<w:t>",
    ];
    for round in 0..300 {
        let text: String = (0..rng.next() % 60)
            .map(|_| pieces[(rng.next() % pieces.len() as u64) as usize])
            .collect();
        for format in [Format::Markdown, Format::Html] {
            no_internal_error(format, text.as_bytes(), &format!("markup round {round}"));
        }
    }
}

#[test]
fn remnant_check_itself() {
    assert!(markup_remnant("文字<p>文字").is_some());
    assert!(markup_remnant("文字</a>").is_some());
    assert!(markup_remnant("a <br/> b").is_some());
    assert!(markup_remnant("x &nbsp; y").is_some());
    assert!(markup_remnant("\"lu jam\" <javailoveyou@hotmail.com>").is_none());
    assert!(markup_remnant("1 < 2 and a<b").is_none());
}
