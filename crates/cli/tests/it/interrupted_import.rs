//! Killing `sucai import` part-way leaves a library that opens, holds only whole materials,
//! and is completed by running the same import again.

use crate::common::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// Titles and lengths of every article, per file name: what "the same library" means here.
fn contents(lib: &Library) -> BTreeMap<String, Vec<(String, u64)>> {
    let mut by_material: BTreeMap<i64, Vec<(String, u64)>> = BTreeMap::new();
    for a in lib.articles() {
        by_material
            .entry(a["material_id"].as_i64().unwrap())
            .or_default()
            .push((
                a["title"].as_str().unwrap().to_string(),
                a["chars"].as_u64().unwrap(),
            ));
    }
    by_material
        .into_iter()
        .map(|(id, articles)| {
            let material: Value = lib.json(&["material", &id.to_string(), "--json"]);
            assert_eq!(
                material["article_ids"].as_array().unwrap().len(),
                articles.len()
            );
            (
                material["file_name"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_string(),
                articles,
            )
        })
        .collect()
}

#[test]
fn a_killed_import_is_whole_and_finishes_when_run_again() {
    let work = Library::new();
    let corpus = work.corpus();
    let folder = corpus.join("peoples-daily-1998-01");

    let whole = Library::new();
    whole.import(&[&folder]);
    let expected = contents(&whole);
    assert!(expected.len() > 2000);

    let lib = Library::new();
    let mut child = lib
        .command()
        .args(["import", "--json"])
        .arg(&folder)
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        std::thread::sleep(Duration::from_millis(50));
        assert!(
            child.try_wait().unwrap().is_none(),
            "the import finished before it could be killed"
        );
        let stats = lib.run(&["stats", "--json"]);
        if stats.status.success() {
            let stats: Value = serde_json::from_slice(&stats.stdout).unwrap();
            if stats["materials"].as_i64().unwrap() > 0 {
                break;
            }
        }
        assert!(Instant::now() < deadline, "no batch was committed in time");
    }
    child.kill().unwrap();
    child.wait().unwrap();

    // The library opens and holds some of the files, each of them whole.
    let partial = contents(&lib);
    assert!(
        !partial.is_empty() && partial.len() < expected.len(),
        "{} of {}",
        partial.len(),
        expected.len()
    );
    for (file, articles) in &partial {
        assert_eq!(Some(articles), expected.get(file), "{file} is not whole");
    }

    // Running the import again finishes it: every file accounted, nothing twice.
    let report = lib.import(&[&folder]);
    let files = report["files"].as_array().unwrap();
    let already = files.iter().filter(|f| f["status"] == "duplicate").count();
    assert!(already >= partial.len());
    assert!(files.iter().all(|f| f["status"] != "rejected"), "{report}");
    assert_eq!(contents(&lib), expected);
}
