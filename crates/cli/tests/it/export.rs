//! The exported Word file opens in real readers: python-docx finds the GB/T 9704 layout
//! (fonts, sizes, margins, line pitch), and LibreOffice converts it to PDF. Both come from
//! Debian/PyPI packages that `.ci/run` installs; without them this test fails, it does not skip.

use crate::common::*;
use std::path::Path;
use std::process::Command;

const SPEECH: &str = "在全市水利工作会议上的讲话\n\n同志们：\n今天召开全市水利工作会议，主要任务是总结工作、部署任务。\n一、提高政治站位\n水是生命之源、生产之要、生态之基。\n（一）统一思想认识\n要把思想统一到中央决策部署上来。\n二、抓好重点任务\n要加快构建现代水网，全力保障防洪安全。\n";

fn scripts() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts")
}

#[test]
fn exported_word_files_keep_the_official_layout() {
    let lib = Library::new();
    let file = lib.dir.path().join("speech.txt");
    std::fs::write(&file, SPEECH).unwrap();
    lib.import(&[&file]);
    let id = lib.articles()[0]["id"].to_string();
    let docx = lib.dir.path().join("speech.docx");
    Library::ok(
        lib.command()
            .args(["export", &id, "--format", "docx", "-o"])
            .arg(&docx),
    );

    let check = Command::new("python3")
        .arg(scripts().join("check_docx.py"))
        .arg(&docx)
        .args(["在全市水利工作会议上的讲话", "全力保障防洪安全"])
        .output()
        .expect("python3 runs");
    assert!(
        check.status.success(),
        "python-docx check failed (is python-docx installed? .ci/run installs it):\n{}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );

    let pdf_dir = lib.dir.path().join("pdf");
    let convert = Command::new("soffice")
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(&pdf_dir)
        .arg(&docx)
        .env("HOME", lib.dir.path())
        .output()
        .expect("LibreOffice (soffice) is installed: .ci/run installs libreoffice-writer-nogui");
    assert!(
        convert.status.success(),
        "{}",
        String::from_utf8_lossy(&convert.stderr)
    );
    let pdf = std::fs::read(pdf_dir.join("speech.pdf")).expect("LibreOffice wrote a PDF");
    assert!(
        pdf.starts_with(b"%PDF") && pdf.len() > 1_000,
        "{} bytes",
        pdf.len()
    );
}

#[test]
fn text_exports_in_utf8_and_gb18030() {
    let lib = Library::new();
    let file = lib.dir.path().join("speech.txt");
    std::fs::write(&file, SPEECH).unwrap();
    lib.import(&[&file]);
    let id = lib.articles()[0]["id"].to_string();
    let (utf8, gb, md) = (
        lib.dir.path().join("a.txt"),
        lib.dir.path().join("b.txt"),
        lib.dir.path().join("c.md"),
    );
    Library::ok(
        lib.command()
            .args(["export", &id, "--format", "txt", "-o"])
            .arg(&utf8),
    );
    Library::ok(
        lib.command()
            .args([
                "export",
                &id,
                "--format",
                "txt",
                "--encoding",
                "gb18030",
                "-o",
            ])
            .arg(&gb),
    );
    Library::ok(
        lib.command()
            .args(["export", &id, "--format", "md", "-o"])
            .arg(&md),
    );
    let text = std::fs::read_to_string(&utf8).unwrap();
    assert!(
        text.starts_with("在全市水利工作会议上的讲话\n\n同志们：\n"),
        "{text}"
    );
    assert_eq!(
        encoding_rs::GB18030.decode(&std::fs::read(&gb).unwrap()).0,
        text
    );
    assert!(
        std::fs::read_to_string(&md)
            .unwrap()
            .starts_with("# 在全市水利工作会议上的讲话\n\n同志们：\n\n")
    );
    let bad = lib.run(&["export", &id, "--format", "pdf", "-o", "x"]);
    assert!(
        !bad.status.success()
            && String::from_utf8_lossy(&bad.stderr).contains("use docx, txt or md")
    );
}
