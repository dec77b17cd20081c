//! Boilerplate through the binary: a site's template learned from the files of one import
//! and cut to the materials' trailers, an article's own closing paragraph kept, and an
//! operator's verdicts (command line and admin page) applied to the library by `sucai
//! reprocess` without new ids.

use crate::common::*;
use serde_json::{Value, json};

/// The site's own footer: in no list of well-known furniture, learned from repetition.
const TEMPLATE: &str = "江城在线理论频道整理";
const CLOSING: &str = "欢迎广大群众扫码关注“江城发布”，或登录www.jiangcheng.gov.cn反映意见建议，我们将在3个工作日内答复。";

/// A page of the site: its title, a document of its own (long paragraphs no template has),
/// the editor's line and the site's footer; the first page also ends with a genuine closing.
fn page(n: usize, topic: &str) -> String {
    let body: String = (0..6)
        .map(|i| format!("{topic}要在第{i}个方面下功夫，把{topic}的各项任务落到实处，确保{topic}取得实效，让群众有更多获得感。"))
        .collect();
    let closing = if n == 0 { CLOSING } else { "" };
    format!(
        "关于{topic}的几点思考\n\n{body}\n\n{body}{topic}没有终点。\n\n{closing}\n\n责任编辑：王晓东{n}\n{TEMPLATE}\n"
    )
}

fn bodies(lib: &Library) -> Vec<(i64, String, String)> {
    lib.articles()
        .iter()
        .map(|a| {
            let id = a["id"].as_i64().unwrap();
            let shown = lib.show(id);
            (
                id,
                text_of(&shown),
                shown["title"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn trailer(lib: &Library, material: i64) -> String {
    lib.json(&["material", &material.to_string(), "--json"])["trailer"]
        .as_str()
        .unwrap()
        .to_string()
}

fn rules(lib: &Library) -> Vec<Value> {
    lib.json(&["boilerplate", "list", "--json"])
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn a_sites_template_is_learned_cut_and_judged_by_the_operator() {
    let lib = Library::new();
    let dir = lib.dir.path().join("site");
    std::fs::create_dir_all(&dir).unwrap();
    for (n, topic) in ["乡村振兴", "基层治理", "安全生产", "营商环境"]
        .iter()
        .enumerate()
    {
        std::fs::write(dir.join(format!("{n}.txt")), page(n, topic)).unwrap();
    }
    let report = lib.import(&[&dir]);
    assert_eq!(report["files"].as_array().unwrap().len(), 4);

    // The template and the editor's line are cut and kept on the material; the text stays.
    let before = bodies(&lib);
    assert_eq!(before.len(), 4);
    for (_, body, title) in &before {
        assert!(
            !body.contains(TEMPLATE) && !body.contains("责任编辑"),
            "{body}"
        );
        assert!(title.starts_with("关于"), "{title}");
        assert!(body.contains("没有终点。"), "{body}");
    }
    assert!(before.iter().any(|(_, body, _)| body.ends_with(CLOSING)));
    for f in report["files"].as_array().unwrap() {
        let t = trailer(&lib, f["material_id"].as_i64().unwrap());
        assert!(t.contains(TEMPLATE) && t.contains("责任编辑："), "{t}");
    }
    let learned = rules(&lib);
    let line = learned
        .iter()
        .find(|r| r["text"] == TEMPLATE)
        .expect("the template is listed");
    assert_eq!(
        (line["files"].as_u64(), &line["verdict"]),
        (Some(4), &Value::Null)
    );

    // The operator says it is text: reprocess puts it back in place, same ids, searchable.
    Library::ok(lib.command().args(["boilerplate", "remove", TEMPLATE]));
    let out = lib.json(&["reprocess", "--json"]);
    assert_eq!(
        (out["materials"].as_u64(), out["changed"].as_u64()),
        (Some(4), Some(4))
    );
    let after = bodies(&lib);
    assert_eq!(
        after.iter().map(|a| a.0).collect::<Vec<_>>(),
        before.iter().map(|a| a.0).collect::<Vec<_>>()
    );
    assert!(after.iter().all(|(_, body, _)| body.ends_with(TEMPLATE)));
    let found = lib.json(&["search", TEMPLATE, "--json"]);
    assert_eq!(found["total"], 4);
    let line = rules(&lib)
        .into_iter()
        .find(|r| r["text"] == TEMPLATE)
        .unwrap();
    assert_eq!(line["verdict"], "text");

    // A line the operator adds is cut from then on; a second reprocess changes nothing more.
    Library::ok(lib.command().args(["boilerplate", "add", TEMPLATE]));
    let out = lib.json(&["reprocess", "--json"]);
    assert_eq!(out["changed"].as_u64(), Some(4));
    assert!(
        bodies(&lib)
            .iter()
            .all(|(_, body, _)| !body.contains(TEMPLATE))
    );
    assert_eq!(
        lib.json(&["reprocess", "--json"])["changed"].as_u64(),
        Some(0)
    );
    let empty = lib.run(&["boilerplate", "add", " ，。 "]);
    assert!(!empty.status.success());
    assert!(String::from_utf8_lossy(&empty.stderr).contains("not a boilerplate line"));
}

#[test]
fn operators_review_boilerplate_on_the_admin_page() {
    let lib = Library::new();
    add_user(&lib, "reader", None);
    Library::ok(
        lib.command()
            .env("SUCAI_PASSWORD", "operator password")
            .args(["user", "add", "operator", "--admin"]),
    );
    let server = start(&lib);
    let post = |(cookie, csrf): &(String, String), line: &str, verdict: &str| {
        let body = format!("csrf={csrf}&line={}&verdict={verdict}", encode(line));
        send(
            &server,
            "POST",
            "/admin/boilerplate",
            &[("Cookie", cookie)],
            Some(("application/x-www-form-urlencoded", body.as_bytes())),
        )
    };

    let operator = log_in(&server, "operator", "operator password");
    let added = post(&operator, "本页面由江城在线整理", "boilerplate");
    assert_eq!(added.status, 200, "{}", added.text());
    assert!(added.text().contains("已保存"));
    let page = send(
        &server,
        "GET",
        "/admin/boilerplate",
        &[("Cookie", &operator.0)],
        None,
    );
    assert!(page.text().contains("本页面由江城在线整理") && page.text().contains("管理员添加"));
    let listed = rules(&lib);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["verdict"], "boilerplate");

    // Punctuation alone, a forged form and a reader are refused; nothing changes.
    assert_eq!(post(&operator, "。，", "boilerplate").status, 400);
    assert_eq!(
        post(
            &(operator.0.clone(), "forged".into()),
            "另一行",
            "boilerplate"
        )
        .status,
        403
    );
    let reader = log_in(&server, "reader", "a good password");
    assert_eq!(post(&reader, "另一行", "boilerplate").status, 403);
    assert_eq!(
        send(
            &server,
            "GET",
            "/admin/boilerplate",
            &[("Cookie", &reader.0)],
            None
        )
        .status,
        403
    );
    assert_eq!(rules(&lib).len(), 1);
}

#[test]
fn an_operators_tag_words_decide_what_makes_a_tag() {
    let lib = Library::new();
    lib.import(&[&shared().join("samples/compilation-10.txt")]);
    let tags_of_all = |lib: &Library| -> Vec<String> {
        lib.articles()
            .iter()
            .flat_map(|a| {
                lib.show(a["id"].as_i64().unwrap())["tags"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|t| t.as_str().unwrap().to_string())
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    let before = tags_of_all(&lib);
    let common = before
        .iter()
        .max_by_key(|t| before.iter().filter(|u| u == t).count())
        .expect("the sample's articles have tags")
        .clone();
    Library::ok(lib.command().args(["tag-words", "add", &common]));
    let listed = lib.json(&["tag-words", "list", "--json"]);
    assert_eq!(listed, json!([{ "word": common, "stop": true }]));
    assert!(
        lib.json(&["reprocess", "--json"])["changed"]
            .as_u64()
            .unwrap()
            > 0
    );
    let after = tags_of_all(&lib);
    assert!(!after.contains(&common), "{common} still a tag: {after:?}");

    // Taken back, it is a tag again.
    Library::ok(lib.command().args(["tag-words", "remove", &common]));
    lib.json(&["reprocess", "--json"]);
    assert!(tags_of_all(&lib).contains(&common));
    assert!(!lib.run(&["tag-words", "add", "  "]).status.success());
}
