//! The writers' tools through the real `sucai serve`: a member fills a basket from the sample
//! compilation, reorders it, composes a draft, edits it and downloads it as a Word file; a free
//! user collects from free previews only; and commissions (代笔/润笔/PPT orders), their
//! attachments and deliveries reach nobody but their member and the operators.

use crate::common::*;
use serde_json::{Value, json};
use std::io::Read;

/// A talk with a free opening paragraph and two paid ones.
const SPEECH: &str = "在作风建设推进会上的讲话\n\n同志们，今天召开作风建设推进会，主要任务是总结经验、部署工作。\n##paidbegin##第一，要坚持不懈纠治四风，驰而不息改进作风，这是会员才能读到的段落。\n第二，要健全长效机制，推动作风建设常态化长效化。\n##paidend##\n";

/// A caller: anonymous, or a logged-in browser session with its CSRF token.
struct Who {
    name: &'static str,
    session: Option<(String, String)>,
}

const BOUNDARY: &str = "sucai-writers-boundary-3d9e";

impl Who {
    fn anonymous() -> Who {
        Who {
            name: "anonymous",
            session: None,
        }
    }

    fn log_in(server: &Server, name: &'static str) -> Who {
        Who {
            name,
            session: Some(log_in(server, name, "a good password")),
        }
    }

    fn headers(&self) -> Vec<(&str, &str)> {
        match &self.session {
            Some((cookie, csrf)) => vec![("Cookie", cookie.as_str()), ("X-CSRF-Token", csrf)],
            None => vec![],
        }
    }

    fn get(&self, server: &Server, path: &str) -> Reply {
        send(server, "GET", path, &self.headers(), None)
    }

    fn call(&self, server: &Server, method: &str, path: &str, body: Option<Value>) -> Reply {
        let body = body.map(|b| b.to_string());
        send(
            server,
            method,
            path,
            &self.headers(),
            body.as_deref().map(|b| ("application/json", b.as_bytes())),
        )
    }

    /// A multipart form: text fields and at most one file (field `file`).
    fn upload(
        &self,
        server: &Server,
        path: &str,
        fields: &[(&str, &str)],
        file: Option<(&str, &[u8])>,
    ) -> Reply {
        let mut body = Vec::new();
        for (name, value) in fields {
            body.extend_from_slice(
                format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                    .as_bytes(),
            );
        }
        if let Some((file_name, bytes)) = file {
            body.extend_from_slice(format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes());
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
        let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
        send(
            server,
            "POST",
            path,
            &self.headers(),
            Some((&content_type, &body)),
        )
    }

    /// An HTML form, as a browser posts it, with the session's CSRF token.
    fn form(&self, server: &Server, path: &str, fields: &[(&str, &str)]) -> Reply {
        let csrf = self.session.as_ref().map_or("", |(_, c)| c.as_str());
        let body: Vec<String> = std::iter::once(("csrf", csrf))
            .chain(fields.iter().copied())
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect();
        let cookie: Vec<(&str, &str)> = self
            .session
            .as_ref()
            .map(|(c, _)| vec![("Cookie", c.as_str())])
            .unwrap_or_default();
        send(
            server,
            "POST",
            path,
            &cookie,
            Some((
                "application/x-www-form-urlencoded",
                body.join("&").as_bytes(),
            )),
        )
    }
}

/// A library with the sample compilation and [`SPEECH`], and these users (password "a good
/// password"): SVIP members, free users, and the operator `root`.
fn library(members: &[&str], free: &[&str]) -> Library {
    let lib = Library::new();
    lib.import(&[&shared().join("samples/compilation-10.txt")]);
    let speech = lib.dir.path().join("speech.txt");
    std::fs::write(&speech, SPEECH).unwrap();
    lib.import(&[&speech]);
    for name in members.iter().chain(free).chain(&["root"]) {
        let mut add = lib.command();
        add.env("SUCAI_PASSWORD", "a good password")
            .args(["user", "add", name]);
        if *name == "root" {
            add.arg("--admin");
        }
        Library::ok(&mut add);
    }
    for name in members {
        Library::ok(
            lib.command()
                .args(["user", "grant", name, "--tier", "svip", "--days", "30"]),
        );
    }
    lib
}

/// The articles as the operator reads them (whole), the speech last.
fn articles(lib: &Library) -> (Vec<Value>, Value) {
    let all: Vec<Value> = lib
        .articles()
        .iter()
        .map(|a| lib.show(a["id"].as_i64().unwrap()))
        .collect();
    let speech = all
        .iter()
        .find(|a| a["title"] == "在作风建设推进会上的讲话")
        .expect("the speech")
        .clone();
    (all, speech)
}

fn paragraphs(article: &Value) -> Vec<String> {
    article["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_string())
        .collect()
}

/// The text of a Word file's body.
fn document_xml(docx: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

/// The level-1 heading numbers of a draft, in order (一 for 一、…).
fn first_level_numbers(body: &str) -> Vec<String> {
    body.lines()
        .filter_map(|l| {
            let run: String = l
                .chars()
                .take_while(|c| "一二三四五六七八九十".contains(*c))
                .collect();
            (!run.is_empty() && l[run.len()..].starts_with('、')).then_some(run)
        })
        .collect()
}

#[test]
fn members_collect_compose_and_download_drafts() {
    let lib = library(&["mia"], &["fred"]);
    let (all, speech) = articles(&lib);
    let server = start(&lib);
    let mia = Who::log_in(&server, "mia");

    let r = mia.call(
        &server,
        "POST",
        "/api/v1/baskets",
        Some(json!({ "name": "讲话素材" })),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let basket = r.json()["id"].as_i64().unwrap();
    let items = format!("/api/v1/baskets/{basket}/items");

    // A whole article, a paragraph and a sentence (a span of characters); text a client sends
    // is ignored: the server cuts it from the stored article.
    let (first, second) = (&all[0], &all[1]);
    let whole = mia.call(
        &server,
        "POST",
        &items,
        Some(json!({ "article_id": first["id"], "text": "伪造的文字" })),
    );
    assert_eq!(whole.status, 201, "{}", whole.text());
    assert_eq!(whole.json()["text"], text_of(first));
    let paragraph = mia.call(
        &server,
        "POST",
        &items,
        Some(json!({ "article_id": second["id"], "paragraph": 2 })),
    );
    assert_eq!(paragraph.status, 201, "{}", paragraph.text());
    let second_paragraph = paragraphs(second)[2].clone();
    assert_eq!(paragraph.json()["text"], second_paragraph.as_str());
    assert_eq!(paragraph.json()["paragraph"], 2);
    let sentence: String = paragraphs(second)[0].chars().take(20).collect();
    let span = mia.call(
        &server,
        "POST",
        &items,
        Some(json!({ "article_id": second["id"], "start": 0, "end": 20 })),
    );
    assert_eq!(span.status, 201, "{}", span.text());
    assert_eq!(span.json()["text"], sentence.as_str());
    assert_eq!(span.json()["article_title"], second["title"]);
    let ids: Vec<i64> = [&whole, &paragraph, &span]
        .iter()
        .map(|r| r.json()["id"].as_i64().unwrap())
        .collect();

    // Reorder: the sentence first; then a heading before it and one before the paragraph.
    let path = |item: i64| format!("/api/v1/baskets/{basket}/items/{item}");
    let moved = mia.call(
        &server,
        "PATCH",
        &path(ids[2]),
        Some(json!({ "position": 0 })),
    );
    assert_eq!(moved.status, 200, "{}", moved.text());
    let order: Vec<i64> = moved
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    assert_eq!(order, [ids[2], ids[0], ids[1]]);
    for (item, heading) in [(ids[2], "统一思想认识"), (ids[1], "三、狠抓工作落实")] {
        let r = mia.call(
            &server,
            "PATCH",
            &path(item),
            Some(json!({ "heading": heading })),
        );
        assert_eq!(r.status, 200, "{}", r.text());
    }
    // The whole article goes, and comes back at the end.
    assert_eq!(mia.call(&server, "DELETE", &path(ids[0]), None).status, 204);
    let again = mia.call(
        &server,
        "POST",
        &items,
        Some(json!({ "article_id": speech["id"], "paragraph": 1 })),
    );
    assert_eq!(again.status, 201, "{}", again.text());
    let opened = mia
        .get(&server, &format!("/api/v1/baskets/{basket}"))
        .json();
    assert_eq!(opened["basket"]["name"], "讲话素材");
    assert_eq!(opened["items"].as_array().unwrap().len(), 3);

    // Compose: the items in order under numbered headings (the typed number is replaced).
    let r = mia.call(
        &server,
        "POST",
        &format!("/api/v1/baskets/{basket}/compose"),
        Some(json!({ "title": "在专题会议上的发言" })),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let draft = r.json();
    let body = draft["body"].as_str().unwrap();
    assert!(
        body.starts_with(&format!(
            "一、统一思想认识\n{sentence}\n二、狠抓工作落实\n{second_paragraph}\n"
        )),
        "{body}"
    );
    assert_eq!(draft["sources"].as_array().unwrap().len(), 2);
    let draft_id = draft["id"].as_i64().unwrap();

    // The writer edits the draft: a new heading anywhere, numbered afresh on saving.
    let edited = format!("{body}\n五、下一步打算\n我们要把会议精神落到实处。写作者自己的结尾。");
    let r = mia.call(
        &server,
        "PUT",
        &format!("/api/v1/drafts/{draft_id}"),
        Some(json!({ "title": "在专题会议上的发言（修改稿）", "body": edited, "renumber": true })),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let saved = r.json()["body"].as_str().unwrap().to_string();
    assert!(saved.contains("三、下一步打算"), "{saved}");
    assert_eq!(first_level_numbers(&saved), ["一", "二", "三"]);
    assert_eq!(mia.get(&server, "/api/v1/drafts").json()[0]["id"], draft_id);

    // Download: a Word file whose body holds the text, with the sources listed on request.
    // The draft holds members-only text of two articles (the second's paragraph 2, the
    // speech's paragraph 1): it counts as a download of each, once today, and carries the
    // member's watermark.
    let download = |query: &str| {
        mia.get(
            &server,
            &format!("/api/v1/drafts/{draft_id}/download?{query}"),
        )
    };
    let plain = download("format=docx");
    assert_eq!(plain.status, 200, "{}", plain.text());
    assert!(
        plain
            .header("content-type")
            .unwrap()
            .contains("wordprocessingml")
    );
    assert_eq!(plain.header("x-downloads-remaining").as_deref(), Some("48"));
    let xml = document_xml(&plain.body);
    for needle in [
        "在专题会议上的发言（修改稿）",
        "一、统一思想认识",
        "三、下一步打算",
        "写作者自己的结尾。",
        r#"w:eastAsia="黑体""#,
        r#"w:eastAsia="仿宋_GB2312""#,
    ] {
        assert!(xml.contains(needle), "{needle} missing: {xml}");
    }
    assert!(xml.contains(&sentence), "{sentence} missing: {xml}");
    assert!(!xml.contains("素材来源"));
    let sourced = download("format=docx&sources=1");
    assert_eq!(sourced.status, 200);
    let xml = document_xml(&sourced.body);
    assert!(xml.contains("素材来源"), "{xml}");
    for source in [second, &speech] {
        assert!(
            xml.contains(source["title"].as_str().unwrap())
                && xml.contains(&format!("#{}", source["id"])),
            "{} missing: {xml}",
            source["title"]
        );
    }
    let txt = download("format=txt&sources=1");
    assert!(
        txt.text()
            .starts_with("在专题会议上的发言（修改稿）\n\n一、统一思想认识\n")
    );
    assert!(txt.text().contains("素材来源"));
    assert!(txt.text().contains("sucai 会员 #"), "the watermark");
    assert_eq!(
        txt.header("x-downloads-remaining").as_deref(),
        Some("48"),
        "the same article again the same day costs nothing more"
    );
    let md = download("format=md");
    assert!(md.text().starts_with("# 在专题会议上的发言（修改稿）"));
    let account = mia.get(&server, "/api/v1/account").json();
    assert_eq!(account["membership"]["tier"], "svip");
    let root = Who::log_in(&server, "root");
    let ledger = root.get(&server, "/api/v1/admin/downloads").json();
    let rows = ledger.as_array().unwrap();
    assert_eq!(
        rows.len(),
        4,
        "every download of the draft is recorded: {ledger}"
    );
    assert!(
        rows.iter()
            .all(|r| r["article_ids"] == json!([second["id"], speech["id"]])),
        "by the articles whose paid text it holds: {ledger}"
    );

    // A free user collects from free previews only, and reaches nothing of mia's.
    let fred = Who::log_in(&server, "fred");
    let r = fred.call(
        &server,
        "POST",
        "/api/v1/baskets",
        Some(json!({ "name": "我的" })),
    );
    let fred_basket = r.json()["id"].as_i64().unwrap();
    let fred_items = format!("/api/v1/baskets/{fred_basket}/items");
    let free = fred.call(
        &server,
        "POST",
        &fred_items,
        Some(json!({ "article_id": speech["id"], "paragraph": 0 })),
    );
    assert_eq!(free.status, 201, "{}", free.text());
    assert_eq!(free.json()["text"], paragraphs(&speech)[0].as_str());
    for refused in [
        json!({ "article_id": speech["id"], "paragraph": 1 }),
        json!({ "article_id": speech["id"] }),
        json!({ "article_id": speech["id"], "start": 10, "end": 60 }),
        json!({ "article_id": first["id"], "paragraph": 0 }),
    ] {
        let r = fred.call(&server, "POST", &fred_items, Some(refused.clone()));
        assert_eq!(r.status, 403, "{refused}: {}", r.text());
        assert!(r.text().contains("会员"), "a Chinese reason: {}", r.text());
        assert!(!r.text().contains("纠治四风"), "{}", r.text());
    }
    let held = fred
        .get(&server, &format!("/api/v1/baskets/{fred_basket}"))
        .json();
    assert_eq!(held["items"].as_array().unwrap().len(), 1);
    for (method, path, body) in [
        ("GET", format!("/api/v1/baskets/{basket}"), None),
        (
            "PATCH",
            format!("/api/v1/baskets/{basket}"),
            Some(json!({ "name": "抢" })),
        ),
        ("DELETE", format!("/api/v1/baskets/{basket}"), None),
        (
            "POST",
            items.clone(),
            Some(json!({ "article_id": speech["id"], "paragraph": 0 })),
        ),
        ("PATCH", path(ids[1]), Some(json!({ "position": 0 }))),
        ("DELETE", path(ids[1]), None),
        ("POST", format!("/api/v1/baskets/{basket}/compose"), None),
        ("GET", format!("/api/v1/drafts/{draft_id}"), None),
        (
            "PUT",
            format!("/api/v1/drafts/{draft_id}"),
            Some(json!({ "title": "抢", "body": "" })),
        ),
        ("DELETE", format!("/api/v1/drafts/{draft_id}"), None),
        (
            "GET",
            format!("/api/v1/drafts/{draft_id}/download?format=txt"),
            None,
        ),
    ] {
        let r = fred.call(&server, method, &path, body.clone());
        assert_eq!(r.status, 404, "fred: {method} {path}: {}", r.text());
        assert!(!r.text().contains("写作者自己的结尾"));
        let r = Who::anonymous().call(&server, method, &path, body);
        assert_eq!(r.status, 401, "anonymous: {method} {path}: {}", r.text());
    }
    // Mia's things are as she left them.
    assert_eq!(
        mia.get(&server, &format!("/api/v1/drafts/{draft_id}"))
            .json()["body"],
        saved.as_str()
    );
    assert_eq!(
        mia.get(&server, &format!("/api/v1/baskets/{basket}"))
            .json()["items"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
}

/// The markers of the confidential order: its topic, its attachment and its delivery.
const TOPIC: &str = "绝密选题甲乙丙TOPIC-4b1e";
const ATTACHED: &str = "ATTACHED-DRAFT-MARK-9c27";
const DELIVERED: &str = "DELIVERED-FILE-MARK-61f3";

#[test]
fn commissions_reach_only_their_member_and_the_operators() {
    let lib = library(&["alice", "bob"], &["fred"]);
    let (all, _) = articles(&lib);
    let server = start(&lib);
    let alice = Who::log_in(&server, "alice");
    let root = Who::log_in(&server, "root");

    // Alice files a 润笔 order with her draft attached.
    let attachment = format!("我的初稿：{ATTACHED}，请润色。").into_bytes();
    let r = alice.upload(
        &server,
        "/api/v1/commissions",
        &[
            ("kind", "润笔"),
            ("topic", TOPIC),
            ("length", "3000"),
            ("deadline", "2030-01-31"),
            ("notes", "语言更精炼"),
        ],
        Some(("我的初稿.txt", &attachment)),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let order = r.json();
    assert_eq!(order["status"], "submitted");
    let id = order["id"].as_i64().unwrap();
    let attached_id = order["files"][0]["id"].as_i64().unwrap();
    assert_eq!(order["files"][0]["file_name"], "我的初稿.txt");
    // An attachment is for 润笔 only; fields are checked, in Chinese.
    let r = alice.upload(
        &server,
        "/api/v1/commissions",
        &[
            ("kind", "代笔"),
            ("topic", "x"),
            ("length", "10"),
            ("deadline", "2030-01-31"),
        ],
        Some(("a.txt", b"x")),
    );
    assert_eq!(r.status, 400, "{}", r.text());
    let r = alice.upload(
        &server,
        "/api/v1/commissions",
        &[
            ("kind", "代笔"),
            ("topic", "x"),
            ("length", "10"),
            ("deadline", "明天"),
        ],
        None,
    );
    assert_eq!(r.status, 400);
    assert!(r.text().contains("截止日期"), "{}", r.text());

    // Alice's basket and draft, to be probed by others too.
    let basket = alice
        .call(
            &server,
            "POST",
            "/api/v1/baskets",
            Some(json!({ "name": "篮" })),
        )
        .json()["id"]
        .as_i64()
        .unwrap();
    let draft = alice
        .call(
            &server,
            "POST",
            "/api/v1/drafts",
            Some(json!({ "title": TOPIC, "body": format!("一、{TOPIC}") })),
        )
        .json()["id"]
        .as_i64()
        .unwrap();

    // The operator sees every order, accepts it and delivers a file.
    let listed = root.get(&server, "/api/v1/admin/commissions");
    assert!(listed.text().contains(TOPIC), "{}", listed.text());
    let r = root.call(
        &server,
        "POST",
        &format!("/api/v1/admin/commissions/{id}/accept"),
        None,
    );
    assert_eq!(r.json()["status"], "accepted", "{}", r.text());
    let r = root.call(
        &server,
        "POST",
        &format!("/api/v1/admin/commissions/{id}/accept"),
        None,
    );
    assert_eq!(r.status, 409, "accepted once");
    let delivery = format!("成稿：{DELIVERED}").into_bytes();
    let r = root.upload(
        &server,
        &format!("/api/v1/admin/commissions/{id}/deliver"),
        &[],
        Some(("成稿.txt", &delivery)),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let delivered = r.json();
    assert_eq!(delivered["status"], "delivered");
    let statuses: Vec<&str> = delivered["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["submitted", "accepted", "delivered"]);
    assert!(
        delivered["events"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["at"].as_i64().unwrap() > 0)
    );
    let delivered_id = delivered["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["role"] == "delivery")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    // The operator reads the attachment as it was uploaded.
    let r = root.get(
        &server,
        &format!("/api/v1/commissions/{id}/files/{attached_id}"),
    );
    assert_eq!((r.status, r.body.clone()), (200, attachment.clone()));

    // The operator runs 查重 on the delivery before the member sees it, through the API and
    // the order page's button.
    let check = format!("/api/v1/admin/commissions/{id}/files/{delivered_id}/check");
    let r = root.get(&server, &check);
    assert_eq!(r.status, 200, "{}", r.text());
    let report = r.json();
    assert!(report["chars"].as_u64().unwrap() > 0 && report["rate"].as_f64().is_some());
    let r = root.form(
        &server,
        &format!("/admin/commissions/{id}/files/{delivered_id}/check"),
        &[],
    );
    assert_eq!(r.status, 200);
    assert!(r.text().contains("总重复率") && r.text().contains(DELIVERED));

    // Everyone else: another member, a free user, anonymous.
    let mut paths: Vec<String> = vec![
        format!("/api/v1/search?q={}", encode(TOPIC)),
        format!("/api/v1/search?q={}", encode(ATTACHED)),
        format!("/api/v1/search?q={}", encode(DELIVERED)),
        format!("/search?q={}", encode(TOPIC)),
        format!("/api/v1/suggest?q={}", encode("绝密")),
        "/api/v1/today".into(),
        "/".into(),
        "/api/v1/account".into(),
        "/account".into(),
        "/api/v1/baskets".into(),
        format!("/api/v1/baskets/{basket}"),
        "/api/v1/drafts".into(),
        format!("/api/v1/drafts/{draft}"),
        format!("/api/v1/drafts/{draft}/download?format=txt"),
        "/api/v1/commissions".into(),
        format!("/api/v1/commissions/{id}"),
        format!("/api/v1/commissions/{id}/files/{attached_id}"),
        format!("/api/v1/commissions/{id}/files/{delivered_id}"),
        "/api/v1/admin/commissions".into(),
        "/api/v1/admin/users".into(),
        "/api/v1/admin/downloads".into(),
        "/basket".into(),
        format!("/basket?b={basket}"),
        "/drafts".into(),
        format!("/drafts/{draft}"),
        format!("/drafts/{draft}/download?format=txt"),
        "/commissions".into(),
        format!("/commissions/{id}"),
        format!("/commissions/{id}/files/{attached_id}"),
        format!("/commissions/{id}/files/{delivered_id}"),
        "/admin".into(),
        "/admin/commissions".into(),
        format!("/admin/commissions/{id}"),
        format!("/api/v1/admin/commissions/{id}/files/{attached_id}/check"),
        format!("/api/v1/admin/commissions/{id}/files/{delivered_id}/check"),
    ];
    let categories: std::collections::BTreeSet<&str> = all
        .iter()
        .map(|a| a["category"].as_str().unwrap())
        .collect();
    for category in categories {
        paths.push(format!("/feeds/{}.atom", encode(category)));
    }
    for a in &all {
        paths.push(format!("/api/v1/articles/{}", a["id"]));
        paths.push(format!("/articles/{}", a["id"]));
    }
    let markers = [TOPIC, ATTACHED, DELIVERED, "语言更精炼", "我的初稿"];
    let secret = |text: &str| markers.into_iter().find(|m| text.contains(m));
    // A search page echoes what the caller typed: that is not news to them.
    let leaked = |path: &str, text: &str| {
        markers
            .into_iter()
            .find(|m| text.contains(m) && !path.contains(&encode(m)))
    };
    // Ids of Alice's that must read as missing, never as forbidden.
    let hers = |path: &str| {
        path.contains(&format!("/commissions/{id}"))
            || path.contains(&format!("/baskets/{basket}"))
            || path.contains(&format!("/drafts/{draft}"))
            || path.ends_with(&format!("?b={basket}"))
    };
    for who in [
        Who::log_in(&server, "bob"),
        Who::log_in(&server, "fred"),
        Who::anonymous(),
    ] {
        for path in &paths {
            let r = who.get(&server, path);
            if path.starts_with("/api/v1/search") {
                assert_eq!(r.json()["total"], 0, "{}: {path}", who.name);
            }
            assert_eq!(
                leaked(path, &r.text()),
                None,
                "{}: {path}: {}",
                who.name,
                r.text()
            );
            assert!(
                matches!(r.status, 200 | 303 | 401 | 403 | 404),
                "{}: {path}: {}",
                who.name,
                r.status
            );
            if who.session.is_some()
                && hers(path)
                && !path.starts_with("/admin")
                && !path.contains("/admin/")
            {
                assert_eq!(r.status, 404, "{}: {path} must read as missing", who.name);
            }
        }
        for (method, path) in [
            ("POST", format!("/api/v1/commissions/{id}/close")),
            ("POST", format!("/api/v1/admin/commissions/{id}/accept")),
        ] {
            let r = who.call(&server, method, &path, None);
            assert!(
                matches!(r.status, 401 | 403 | 404),
                "{}: {path}: {}",
                who.name,
                r.status
            );
            assert_eq!(secret(&r.text()), None);
        }
        let r = who.upload(
            &server,
            &format!("/api/v1/admin/commissions/{id}/deliver"),
            &[],
            Some(("x.txt", b"overwrite")),
        );
        assert!(
            matches!(r.status, 401 | 403),
            "{}: deliver: {}",
            who.name,
            r.status
        );
        let r = who.form(
            &server,
            &format!("/admin/commissions/{id}/files/{delivered_id}/check"),
            &[],
        );
        assert!(
            matches!(r.status, 401 | 403) && secret(&r.text()).is_none(),
            "{}: 查重 of the delivery: {}",
            who.name,
            r.status
        );
        let r = who.form(&server, &format!("/commissions/{id}/close"), &[]);
        assert!(
            matches!(r.status, 401 | 403 | 404),
            "{}: close form: {}",
            who.name,
            r.status
        );
    }
    // The day's bundle for members' drives holds articles only.
    let out = lib.dir.path().join("bundle");
    Library::ok(lib.command().args(["bundle", "-o"]).arg(&out));
    for entry in std::fs::read_dir(&out).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        if path.extension().is_none_or(|e| e != "zip") {
            assert_eq!(secret(&String::from_utf8_lossy(&bytes)), None);
            continue;
        }
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        for i in 0..archive.len() {
            let mut content = Vec::new();
            archive
                .by_index(i)
                .unwrap()
                .read_to_end(&mut content)
                .unwrap();
            assert_eq!(secret(&String::from_utf8_lossy(&content)), None);
        }
    }

    // Alice sees her order, its history and both files, byte for byte; then closes it.
    let mine = alice
        .get(&server, &format!("/api/v1/commissions/{id}"))
        .json();
    assert_eq!(
        (mine["topic"].as_str(), mine["status"].as_str()),
        (Some(TOPIC), Some("delivered"))
    );
    assert_eq!(mine["events"].as_array().unwrap().len(), 3);
    assert!(
        alice
            .get(&server, "/api/v1/commissions")
            .text()
            .contains(TOPIC)
    );
    for (file, bytes) in [(attached_id, &attachment), (delivered_id, &delivery)] {
        let r = alice.get(&server, &format!("/api/v1/commissions/{id}/files/{file}"));
        assert_eq!(r.status, 200);
        assert_eq!(&r.body, bytes);
        let page = alice.get(&server, &format!("/commissions/{id}/files/{file}"));
        assert_eq!(&page.body, bytes);
    }
    let page = alice.get(&server, &format!("/commissions/{id}"));
    assert!(
        page.text().contains(TOPIC) && page.text().contains("成稿.txt"),
        "{}",
        page.text()
    );
    let r = alice.call(
        &server,
        "POST",
        &format!("/api/v1/commissions/{id}/close"),
        None,
    );
    assert_eq!(r.json()["status"], "closed", "{}", r.text());
    let r = alice.call(
        &server,
        "POST",
        &format!("/api/v1/commissions/{id}/close"),
        None,
    );
    assert_eq!(r.status, 409);
    assert!(r.text().contains("已关闭"), "{}", r.text());
    let admin_page = root.get(&server, &format!("/admin/commissions/{id}"));
    assert!(
        admin_page.text().contains(TOPIC) && admin_page.text().contains("查重"),
        "{}",
        admin_page.text()
    );
}
