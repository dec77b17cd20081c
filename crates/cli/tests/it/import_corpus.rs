//! The whole shared corpus (11 M characters, 45,000 documents) imports, every document
//! accounted for; the import prints its throughput.

use crate::common::*;

#[test]
fn the_whole_corpus_imports() {
    let lib = Library::new();
    let corpus = lib.corpus();
    let out = Library::ok(lib.command().arg("import").arg(&corpus));
    let text = String::from_utf8(out.stdout).unwrap();
    let summary = text.lines().last().unwrap();
    eprintln!("{summary}");
    assert!(summary.contains("characters/s"), "{summary}");
    let rejected: Vec<&str> = text.lines().filter(|l| l.starts_with("rejected")).collect();
    let files = text
        .lines()
        .filter(|l| {
            l.starts_with("imported") || l.starts_with("duplicate") || l.starts_with("rejected")
        })
        .count();
    assert_eq!(files, 45_175, "every document has a line in the report");
    // Documents whose text is empty or only a title are the only refusals.
    assert!(
        rejected
            .iter()
            .all(|l| l.contains("no article text") || l.contains("no text")),
        "{rejected:#?}"
    );
    let stats = lib.stats();
    assert!(stats["chars"].as_i64().unwrap() > 10_000_000, "{stats}");
}
