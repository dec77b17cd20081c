//! `sucai search`, `suggest` and `reindex` through the binary, on the sample compilation.

use crate::common::*;

fn sample_library() -> Library {
    let lib = Library::new();
    lib.import(&[&shared().join("samples/compilation-10.txt")]);
    lib
}

#[test]
fn exact_search_finds_masked_text_with_highlights() {
    let lib = sample_library();
    let found = lib.json(&["search", "党的二十大", "--json", "--all"]);
    let hits = found["hits"].as_array().unwrap();
    assert_eq!(found["total"].as_u64().unwrap() as usize, hits.len());
    let expected = lib
        .articles()
        .iter()
        .filter(|a| text_of(&lib.show(a["id"].as_i64().unwrap())).contains("D的二十大"))
        .count();
    assert_eq!(hits.len(), expected);
    for hit in hits {
        let snippet: Vec<char> = hit["snippet"].as_str().unwrap().chars().collect();
        let (a, b) = (
            hit["highlights"][0][0].as_u64().unwrap() as usize,
            hit["highlights"][0][1].as_u64().unwrap() as usize,
        );
        assert_eq!(
            snippet[a..b].iter().collect::<String>(),
            "D的二十大",
            "{hit}"
        );
        assert!(hit["score"].as_f64().unwrap() > 0.0);
        assert_eq!(
            hit["matched_in"], "paid",
            "the sample's speeches are all paid text"
        );
    }
    assert_eq!(lib.json(&["search", "\"水，利\"", "--json"])["total"], 0);
    assert!(
        lib.json(&["search", "水利", "--json"])["total"]
            .as_u64()
            .unwrap()
            >= 1
    );
}

#[test]
fn filters_title_scope_and_sorting() {
    let lib = sample_library();
    let listing = lib.json(&["search", "category:研讨发言", "--json", "--all", "--facets"]);
    assert_eq!(listing["total"], 10);
    assert_eq!(
        listing["facets"]["categories"],
        serde_json::json!([["研讨发言", 10]])
    );
    assert_eq!(
        (
            listing["facets"]["paid"].as_u64(),
            listing["facets"]["free"].as_u64()
        ),
        (Some(10), Some(0))
    );
    let tagged = &listing["facets"]["tags"][0];
    let tag = tagged[0].as_str().unwrap();
    let by_tag = lib.json(&["search", &format!("tag:{tag}"), "--json", "--all"]);
    assert_eq!(by_tag["total"], tagged[1]);
    assert_eq!(lib.json(&["search", "access:free", "--json"])["total"], 0);
    let in_title = lib.json(&["search", "title:水利", "--json"]);
    assert_eq!(in_title["total"], 1);
    assert_eq!(in_title["hits"][0]["matched_in"], "title");
    let newest = lib.json(&[
        "search",
        "现代化",
        "--json",
        "--sort",
        "date",
        "--limit",
        "3",
    ]);
    let ids: Vec<i64> = newest["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_i64().unwrap())
        .collect();
    assert!(ids.windows(2).all(|w| w[0] > w[1]), "{ids:?}");
    let page = lib.json(&[
        "search",
        "现代化",
        "--json",
        "--limit",
        "2",
        "--offset",
        "2",
    ]);
    assert_eq!(page["hits"].as_array().unwrap().len(), 2);
    let excluded = lib.json(&["search", "现代化 -水利", "--json", "--all"]);
    assert!(
        excluded["hits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| !h["title"].as_str().unwrap().contains("水利"))
    );
}

#[test]
fn malformed_queries_get_a_clear_message() {
    let lib = sample_library();
    for (query, says) in [
        ("year:abc", "is not a year"),
        ("\"水利", "never closed"),
        ("OR 水利", "OR"),
        ("-水利", "only says what to leave out"),
    ] {
        let out = lib.run(&["search", query]);
        assert!(!out.status.success(), "{query}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(says), "{query}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn the_index_follows_imports_and_rebuilds() {
    let lib = sample_library();
    assert_eq!(
        lib.json(&["search", "独一无二的测试短语", "--json"])["total"],
        0
    );
    let file = lib.dir.path().join("new.txt");
    std::fs::write(&file, "新增材料的标题\n\n这里有一句独一无二的测试短语。\n").unwrap();
    lib.import(&[&file]);
    let found = lib.json(&["search", "独一无二的测试短语", "--json"]);
    assert_eq!(found["total"], 1);
    assert_eq!(found["hits"][0]["title"], "新增材料的标题");
    let out = lib.run(&["reindex"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        lib.json(&["search", "独一无二的测试短语", "--json"])["total"],
        1
    );
    assert_eq!(
        lib.json(&["search", "category:研讨发言", "--json", "--all"])["total"],
        10
    );
}

#[test]
fn suggest_by_prefix_initials_and_id() {
    let lib = sample_library();
    let by_prefix = lib.json(&["suggest", "聚焦", "--json"]);
    let titles: Vec<&str> = by_prefix["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles.len(), 3, "{titles:?}");
    assert!(titles.iter().all(|t| t.starts_with("聚焦")));
    // 以检察工作现代化服务… → yjcgzxdhfw
    let by_initials = lib.json(&["suggest", "yjcgz", "--json"]);
    assert_eq!(
        by_initials["suggestions"][0]["title"],
        "以检察工作现代化服务社会主义现代化新xx建设"
    );
    assert_eq!(by_initials["suggestions"][0]["how"], "initials");
    let first = lib.articles()[0]["id"].to_string();
    assert_eq!(
        lib.json(&["suggest", &first, "--json"])["suggestions"][0]["how"],
        "id"
    );
}
