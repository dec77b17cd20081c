//! Bad input never stops or crashes an import: each bad file is rejected with a reason a
//! person understands, and the good files beside it are imported.

use crate::common::*;
use std::io::Write;
use std::path::Path;

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

/// A .docx whose document.xml inflates to 512 MiB of spaces (about 0.5 MB compressed).
fn zip_bomb(path: &Path) {
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(b"<Types/>").unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..512 {
        zip.write_all(&chunk).unwrap();
    }
    zip.finish().unwrap();
}

fn reason<'a>(report: &'a serde_json::Value, name: &str) -> &'a str {
    let line = file_line(report, name);
    assert_eq!(line["status"], "rejected", "{line}");
    line["reason"].as_str().unwrap()
}

#[test]
fn each_kind_of_bad_file_is_rejected_and_the_rest_imported() {
    let lib = Library::new();
    let dir = lib.dir.path().join("inbox");
    std::fs::create_dir(&dir).unwrap();

    write(
        &dir,
        "good.txt",
        "关于水利工作的讲话\n\n水是万物之母、生存之本、文明之源。\n".as_bytes(),
    );
    write(&dir, "empty.txt", b"");
    write(&dir, "blank.txt", "  \n\u{3000}\n".as_bytes());
    let junk: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    write(&dir, "junk.txt", &junk);
    let real_docx =
        std::fs::read(shared().join("fixtures/docx_real/docx-rust_aa_word2016_zh.docx")).unwrap();
    write(&dir, "truncated.docx", &real_docx[..real_docx.len() / 2]);
    write(&dir, "not-a-zip.docx", "这不是一个Word文件".as_bytes());
    zip_bomb(&dir.join("bomb.docx"));
    let mut invalid = Vec::new();
    for _ in 0..300 {
        invalid.extend_from_slice(&[0x81, 0xff, 0xc0, 0xfe, 0x80, 0xa0, 0xff]);
    }
    write(&dir, "invalid.txt", &invalid);
    let mut stray = "关于加强学习的心得体会\n\n学习是进步的阶梯，我们要坚持不懈地学习。"
        .repeat(20)
        .into_bytes();
    stray.insert(30, 0xff);
    write(&dir, "stray-byte.txt", &stray);
    let huge = vec![b'a'; 100 << 20];
    write(&dir, "huge-single-line.txt", &huge);
    drop(huge);
    std::os::unix::fs::symlink(dir.join("nowhere.txt"), dir.join("dangling.txt")).unwrap();
    let fifo = dir.join("pipe.txt");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    write(&dir, "slides.pptx", b"PK\x03\x04");
    // A name written in GBK, as Windows archives leave them: 讲话稿.txt
    {
        use std::os::unix::ffi::OsStrExt;
        let (name, _, _) = encoding_rs::GBK.encode("讲话稿.txt");
        let path = dir.join(std::ffi::OsStr::from_bytes(&name));
        std::fs::write(
            path,
            "在全市工作会议上的讲话\n\n同志们，今天召开全市工作会议。\n".as_bytes(),
        )
        .unwrap();
    }

    let started = std::time::Instant::now();
    let out = Library::ok(lib.command().args(["import", "--json"]).arg(&dir));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        started.elapsed().as_secs() < 120,
        "the import must not inflate the bomb"
    );

    assert_eq!(file_line(&report, "good.txt")["status"], "imported");
    assert!(reason(&report, "/empty.txt").contains("empty"));
    assert!(reason(&report, "blank.txt").contains("no text"));
    assert!(
        reason(&report, "junk.txt").contains("binary")
            || reason(&report, "junk.txt").contains("not valid")
    );
    assert!(
        reason(&report, "truncated.docx").contains("damaged"),
        "{}",
        reason(&report, "truncated.docx")
    );
    assert!(
        reason(&report, "not-a-zip.docx").contains("not"),
        "{}",
        reason(&report, "not-a-zip.docx")
    );
    assert!(
        reason(&report, "bomb.docx").contains("zip bomb"),
        "{}",
        reason(&report, "bomb.docx")
    );
    assert!(
        reason(&report, "invalid.txt").contains("not valid"),
        "{}",
        reason(&report, "invalid.txt")
    );
    let stray_line = file_line(&report, "stray-byte.txt");
    assert_eq!(stray_line["status"], "imported", "{stray_line}");
    assert!(
        stray_line["reason"].as_str().unwrap().contains("replaced"),
        "{stray_line}"
    );
    assert!(reason(&report, "huge-single-line.txt").contains("MB"));
    assert!(reason(&report, "dangling.txt").contains("no such file"));
    assert!(reason(&report, "pipe.txt").contains("not a regular file"));
    assert!(reason(&report, "slides.pptx").contains("unsupported file type .pptx"));
    let legacy = file_line(&report, "讲话稿.txt");
    assert_eq!(legacy["status"], "imported", "{legacy}");
    assert_eq!(report["files"].as_array().unwrap().len(), 14);
}

#[test]
fn a_huge_single_line_file_imports_when_the_operator_allows_it() {
    let lib = Library::new();
    let file = lib.dir.path().join("one-line.txt");
    let line = "水利高质量发展，".repeat(600_000); // 4.8 M characters, 14 MB, one line
    std::fs::write(&file, format!("超长单行\n\n{line}")).unwrap();
    let out = Library::ok(
        lib.command()
            .args(["import", "--json", "--max-file-mb", "200"])
            .arg(&file),
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        file_line(&report, "one-line.txt")["status"],
        "imported",
        "{report}"
    );
}

#[test]
fn a_missing_path_is_reported_not_fatal() {
    let lib = Library::new();
    let missing = lib.dir.path().join("does-not-exist");
    let report = lib.import(&[&missing, &shared().join("samples/compilation-10.txt")]);
    assert!(reason(&report, "does-not-exist").contains("no such file"));
    assert_eq!(
        file_line(&report, "compilation-10.txt")["status"],
        "imported"
    );
}
