//! Every real file in `shared/fixtures` is accounted for, and what matters in them survives.

use crate::common::*;
use std::path::Path;

fn count_files(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| if p.is_dir() { count_files(&p) } else { 1 })
        .sum()
}

fn article_of(lib: &Library, report: &serde_json::Value, name: &str) -> serde_json::Value {
    let line = file_line(report, name);
    assert_eq!(line["status"], "imported", "{line}");
    let material = lib.json(&["material", &line["material_id"].to_string(), "--json"]);
    lib.show(material["article_ids"][0].as_i64().unwrap())
}

#[test]
fn every_fixture_is_imported_or_rejected_with_a_reason() {
    let fixtures = shared().join("fixtures");
    let lib = Library::new();
    let report = lib.import(&[&fixtures]);
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), count_files(&fixtures));
    for f in files {
        match f["status"].as_str().unwrap() {
            "imported" => assert!(f["articles"].as_u64().unwrap() >= 1, "{f}"),
            "duplicate" => assert!(f["duplicate_of"].is_i64(), "{f}"),
            "rejected" => assert!(f["reason"].as_str().is_some_and(|r| r.len() > 10), "{f}"),
            other => panic!("status {other}"),
        }
    }
    let empty = file_line(&report, "docx_structural/empty.docx");
    assert_eq!(empty["status"], "rejected");
    assert!(
        empty["reason"].as_str().unwrap().contains("no text"),
        "{empty}"
    );

    // GBK with 镕 (outside GB2312), Big5, GB2312 pages: decoded, not mojibake.
    let gbk = article_of(&lib, &report, "rmrb199801-00002.gbk.txt");
    assert!(text_of(&gbk).contains("朱镕基"), "{}", text_of(&gbk));
    let big5 = lib.json(&[
        "material",
        &file_line(&report, "big5_real/_ude_1.txt")["material_id"].to_string(),
        "--json",
    ]);
    assert_eq!(big5["encoding"], "Big5");

    // Word: table cells and text boxes are text; deleted tracked changes are not.
    let word = article_of(&lib, &report, "docx_real/docx-rust_aa_word2016_zh.docx");
    let word_text = text_of(&word);
    for cell in ["权利人", "公告"] {
        assert!(word_text.contains(cell), "table cell {cell} missing");
    }
    let text_box = text_of(&article_of(&lib, &report, "text-box.docx"));
    assert_eq!(text_box.matches("Datum plane").count(), 1, "{text_box}");
    let deletion = text_of(&article_of(&lib, &report, "track_changes_deletion.docx"));
    assert!(!deletion.contains("excessively modified"), "{deletion}");
    let tables = text_of(&article_of(&lib, &report, "tables.docx"));
    assert!(tables.contains("Bottom right"), "{tables}");
}
