//! `sucai serve`: the JSON API over a real socket. An anonymous caller (what every caller is
//! until accounts exist) gets titles, metadata and the free preview, and never paid text: the
//! attacker's requests below search for paid phrases and read every article.

use crate::common::*;
use std::collections::HashSet;
use std::io::{Read, Write};
use std::net::TcpStream;

struct Response {
    status: u16,
    head: String,
    body: String,
}

impl Response {
    /// The value of the session cookie this response sets.
    fn session_cookie(&self) -> Option<String> {
        self.head
            .lines()
            .filter_map(|l| {
                l.strip_prefix("set-cookie: ")
                    .or_else(|| l.strip_prefix("Set-Cookie: "))
            })
            .find_map(|c| c.strip_prefix("sucai_session="))
            .map(|c| c.split(';').next().unwrap().to_string())
    }
    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// One HTTP/1.1 request over a fresh connection.
fn http(
    server: &Server,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Response {
    let (status, head, body) = request(server, method, path, headers, body);
    Response { status, head, body }
}

/// POST a JSON body and read the raw response: status, head, body bytes.
fn post_raw(
    server: &Server,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String, Vec<u8>) {
    post_typed(server, path, headers, "application/json", body)
}

/// POST an HTML form's fields, as a browser sends them.
fn post_form(
    server: &Server,
    path: &str,
    headers: &[(&str, &str)],
    fields: &[(&str, &str)],
) -> (u16, String, Vec<u8>) {
    let body: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect();
    post_typed(
        server,
        path,
        headers,
        "application/x-www-form-urlencoded",
        &body.join("&"),
    )
}

fn post_typed(
    server: &Server,
    path: &str,
    headers: &[(&str, &str)],
    content_type: &str,
    body: &str,
) -> (u16, String, Vec<u8>) {
    let mut stream = TcpStream::connect(&server.addr).unwrap();
    let mut request = format!(
        "POST {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n",
        server.addr
    );
    for (k, v) in headers {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    request.push_str(&format!(
        "Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    ));
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let split = response.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&response[..split]).to_string();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, head, response[split + 4..].to_vec())
}

/// GET `path` as an anonymous caller.
fn anon(server: &Server, path: &str) -> Response {
    http(server, "GET", path, &[], None)
}

/// GET `path`: the status and the body.
fn get(server: &Server, path: &str) -> (u16, String) {
    let r = anon(server, path);
    (r.status, r.body)
}

/// A percent-encoded address as text (`+` is a space in a query).
fn decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                match u8::from_str_radix(hex, 16) {
                    Ok(b) => {
                        out.push(b);
                        i += 3;
                        continue;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A page's text as a reader sees it: HTML's escapes undone, so escaped paid text is caught.
fn unescape(html: &str) -> String {
    html.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#x2f;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn windows(text: &str, n: usize) -> impl Iterator<Item = String> + '_ {
    let chars: Vec<char> = text.chars().filter(|c| *c != '\n').collect();
    (0..chars.len().saturating_sub(n - 1))
        .map(move |i| chars[i..i + n].iter().collect::<String>())
        .collect::<Vec<_>>()
        .into_iter()
}

/// The 党课 of the tests: a category VIP does not cover, with a free preview and a paid part.
const LESSON: &str = "专题党课讲稿：传承红色基因\n\n同志们，今天我们一起学习。\n##paidbegin##红色基因是我们党的宝贵精神财富，必须代代相传、永续发扬。我们要把红色资源利用好、把红色传统发扬好、把红色基因传承好。\n##paidend##\n";

/// 8-character runs of an article's paid part and of its free parts (title and preview).
fn paid_and_free(article: &serde_json::Value) -> (HashSet<String>, HashSet<String>) {
    let text = text_of(article);
    let free_chars = article["access"]["free_chars"].as_u64().unwrap() as usize;
    let preview: String = text.chars().take(free_chars).collect();
    let paid: String = text.chars().skip(free_chars).collect();
    let free = windows(article["title"].as_str().unwrap(), 8)
        .chain(windows(&preview, 8))
        .collect();
    (windows(&paid, 8).collect(), free)
}

#[test]
fn callers_without_rights_never_receive_paid_text() {
    let lib = Library::new();
    lib.import(&[&shared().join("samples/compilation-10.txt")]);
    let lesson_file = lib.dir.path().join("lesson.txt");
    std::fs::write(&lesson_file, LESSON).unwrap();
    lib.import(&[&lesson_file]);
    let articles: Vec<serde_json::Value> = lib
        .articles()
        .iter()
        .map(|a| lib.show(a["id"].as_i64().unwrap()))
        .collect();
    let lesson = articles
        .iter()
        .find(|a| a["category"] == "党课")
        .expect("the lesson is a 党课");

    // Free text of any article may repeat a paid run of another (a title quoted in a speech):
    // such runs are not secrets.
    let mut free_everywhere = HashSet::new();
    let mut paid_everywhere = HashSet::new();
    for a in &articles {
        let (paid, free) = paid_and_free(a);
        free_everywhere.extend(free);
        paid_everywhere.extend(paid);
    }
    let all_paid: HashSet<String> = paid_everywhere
        .difference(&free_everywhere)
        .cloned()
        .collect();
    let lesson_paid: HashSet<String> = paid_and_free(lesson)
        .0
        .difference(&free_everywhere)
        .cloned()
        .collect();
    assert!(all_paid.len() > 10_000 && lesson_paid.len() > 30);

    for (name, args) in [
        ("fred", vec![]),
        ("elsa", vec!["svip", "0"]),
        ("vicky", vec!["vip", "30"]),
    ] {
        Library::ok(
            lib.command()
                .env("SUCAI_PASSWORD", "a good password")
                .args(["user", "add", name]),
        );
        if let [tier, days] = args[..] {
            Library::ok(
                lib.command()
                    .args(["user", "grant", name, "--tier", tier, "--days", days]),
            );
        }
    }

    let mut requests: Vec<String> = vec![
        format!("/api/v1/search?q={}", encode("党的二十大 OR 水利")),
        format!(
            "/api/v1/search?q={}&facets=true&limit=100",
            encode("category:研讨发言")
        ),
        format!("/api/v1/search?q={}&sort=date", encode("红色")),
        format!("/api/v1/suggest?q={}", encode("为全面")),
        "/api/v1/articles/999999".into(),
        "/api/v1/account".into(),
        format!("/api/v1/search?q={}", encode("\"水是万物之母、生存之本")),
        format!("/api/v1/search?q={}", encode("\"红色基因是我们党的宝贵")),
        "/api/v1/search?q=%E6%B0%B4&sort=sideways".into(),
        // The web pages.
        "/".into(),
        format!("/search?q={}", encode("党的二十大 OR 水利")),
        format!("/search?q={}&category={}", encode("红色"), encode("党课")),
        format!("/search?q={}", encode("year:abc")),
        "/search?q=%E6%B0%B4&sort=date&page=2".into(),
        "/articles/999999".into(),
        "/no/such/page".into(),
        "/account".into(),
        "/admin".into(),
        "/login?next=/admin".into(),
        "/check".into(),
        // The daily updates: today's list and every category's feed.
        "/api/v1/today".into(),
        // The writers' tools: the caller's own baskets, drafts and orders, and the operators'.
        "/api/v1/baskets".into(),
        "/api/v1/drafts".into(),
        "/api/v1/commissions".into(),
        "/api/v1/admin/commissions".into(),
        "/basket".into(),
        "/drafts".into(),
        "/commissions".into(),
        "/admin/commissions".into(),
    ];
    let categories: std::collections::BTreeSet<&str> = articles
        .iter()
        .map(|a| a["category"].as_str().unwrap())
        .collect();
    for category in &categories {
        requests.push(format!("/feeds/{}.atom", encode(category)));
        requests.push(format!("/feeds/{}", encode(category)));
    }
    for a in &articles {
        requests.push(format!("/api/v1/articles/{}", a["id"]));
        requests.push(format!("/articles/{}", a["id"]));
        requests.push(format!("/admin/articles/{}", a["id"]));
        requests.push(format!("/api/v1/articles/{}/related", a["id"]));
        let text: Vec<char> = text_of(a).chars().filter(|c| *c != '\n').collect();
        for start in (0..text.len().saturating_sub(12)).step_by(97) {
            let phrase: String = text[start..start + 12].iter().collect();
            requests.push(format!(
                "/api/v1/search?q={}&limit=100&facets=true",
                encode(&phrase)
            ));
            requests.push(format!("/search?q={}", encode(&phrase)));
        }
    }

    // Every caller here comes from one address: a budget of paid hints large enough for all of
    // them (the budget itself is the attacker test's).
    let server = start_with(
        &lib,
        &[
            "--paid-hints-per-account",
            "100000",
            "--paid-hints-per-address",
            "100000",
        ],
    );
    assert_eq!(get(&server, "/healthz"), (200, "ok".to_string()));
    let (status, openapi) = get(&server, "/api/v1/openapi.json");
    assert_eq!(status, 200);
    assert!(
        serde_json::from_str::<serde_json::Value>(&openapi).unwrap()["paths"]["/api/v1/search"]
            .is_object()
    );
    let callers: Vec<(&str, Option<Browser>, &HashSet<String>)> = vec![
        ("anonymous", None, &all_paid),
        (
            "a free user",
            Some(Browser::log_in(&server, "fred", "a good password")),
            &all_paid,
        ),
        (
            "an expired member",
            Some(Browser::log_in(&server, "elsa", "a good password")),
            &all_paid,
        ),
        (
            "a VIP user, for the SVIP-only 党课",
            Some(Browser::log_in(&server, "vicky", "a good password")),
            &lesson_paid,
        ),
    ];
    for (who, browser, secret) in &callers {
        let mut paid_hits = 0;
        for path in &requests {
            let r = match browser {
                Some(b) => b.get(&server, path),
                None => anon(&server, path),
            };
            assert!(
                matches!(r.status, 200 | 303 | 400 | 401 | 403 | 404),
                "{who}: {path}: {} {}",
                r.status,
                r.body
            );
            // A page may echo the query: what the caller typed is not news to them.
            let asked = decode(path);
            let leak = windows(&unescape(&r.body), 8)
                .find(|w| secret.contains(w) && !asked.contains(w.as_str()));
            assert_eq!(
                leak, None,
                "{who} received paid text from {path}: {}",
                r.body
            );
            paid_hits += usize::from(
                r.body.contains("\"matched_in\":\"paid\"") || r.body.contains("命中付费内容"),
            );
        }
        assert!(
            paid_hits > 5,
            "{who}: searches for paid phrases say that they matched ({paid_hits})"
        );
        // Downloads: refused, with nothing of the text.
        for a in &articles {
            let body = serde_json::json!({ "ids": [a["id"]], "format": "txt" }).to_string();
            let page = format!("/articles/{}/download", a["id"]);
            let (status, _, bytes) = match browser {
                Some(b) => b.download(
                    &server,
                    &serde_json::json!({ "ids": [a["id"]], "format": "txt" }),
                ),
                None => post_raw(&server, "/api/v1/downloads", &[], &body),
            };
            // The same through the article page's download form.
            let (form_status, _, form_bytes) = match browser {
                Some(b) => post_form(
                    &server,
                    &page,
                    &[("Cookie", &b.cookie)],
                    &[("csrf", &b.csrf), ("format", "txt")],
                ),
                None => post_form(&server, &page, &[], &[("csrf", ""), ("format", "txt")]),
            };
            // A VIP user's two downloads use two units of the allowance, so they may differ.
            assert!(
                form_status == status || who.starts_with("a VIP"),
                "{who}: {page}: {form_status}, the API said {status}"
            );
            assert_eq!(
                windows(&unescape(&String::from_utf8_lossy(&form_bytes)), 8)
                    .find(|w| secret.contains(w)),
                None,
                "{who} downloaded paid text through {page}"
            );
            let text = String::from_utf8_lossy(&bytes);
            if status == 200 {
                // Only a VIP user downloading what VIP covers.
                assert!(
                    who.starts_with("a VIP"),
                    "{who} downloaded {}: {text}",
                    a["id"]
                );
            } else {
                assert!(matches!(status, 401 | 403 | 429), "{who}: {status} {text}");
            }
            assert_eq!(
                windows(&text, 8).find(|w| secret.contains(w)),
                None,
                "{who} downloaded paid text"
            );
        }
        // The basket takes only what the caller may read: every paragraph of every article
        // is offered, and the basket, a draft composed from it and its download hold no paid text.
        if let Some(b) = browser {
            let basket = b.post(
                &server,
                "/api/v1/baskets",
                &serde_json::json!({ "name": "篮" }),
            );
            assert_eq!(basket.status, 201, "{}", basket.body);
            let basket = basket.json()["id"].as_i64().unwrap();
            for a in &articles {
                for p in 0..a["paragraphs"].as_array().unwrap().len() {
                    let r = b.post(
                        &server,
                        &format!("/api/v1/baskets/{basket}/items"),
                        &serde_json::json!({ "article_id": a["id"], "paragraph": p }),
                    );
                    assert!(matches!(r.status, 201 | 403), "{who}: {}", r.body);
                    assert_eq!(windows(&r.body, 8).find(|w| secret.contains(w)), None);
                }
                let whole = b.post(
                    &server,
                    &format!("/api/v1/baskets/{basket}/items"),
                    &serde_json::json!({ "article_id": a["id"], "start": 0, "end": 100000 }),
                );
                assert!(matches!(whole.status, 400 | 403), "{who}: {}", whole.body);
            }
            let draft = b.post(
                &server,
                &format!("/api/v1/baskets/{basket}/compose"),
                &serde_json::json!({}),
            );
            let mut outputs = vec![
                b.get(&server, &format!("/api/v1/baskets/{basket}")).body,
                b.get(&server, &format!("/basket?b={basket}")).body,
                draft.body.clone(),
            ];
            if draft.status == 201 {
                let id = draft.json()["id"].clone();
                outputs.push(b.get(&server, &format!("/drafts/{id}")).body);
                outputs.push(
                    b.get(
                        &server,
                        &format!("/api/v1/drafts/{id}/download?format=txt&sources=1"),
                    )
                    .body,
                );
            }
            for out in outputs {
                assert_eq!(
                    windows(&unescape(&out), 8).find(|w| secret.contains(w)),
                    None,
                    "{who} collected paid text: {out}"
                );
            }
        }
        // Writes with bad input answer without echoing text either.
        if let Some(b) = browser {
            let r = b.post(
                &server,
                "/api/v1/account/redeem",
                &serde_json::json!({ "code": "红色基因是我们党的宝贵精神财富" }),
            );
            assert_eq!(r.status, 404, "{}", r.body);
            assert_eq!(windows(&r.body, 8).find(|w| secret.contains(w)), None);
            // 查重 of a draft made of the middle of every article: the report names the
            // articles and how much matched, and holds nothing of their text beyond the draft.
            let draft: String = articles
                .iter()
                .map(|a| {
                    let text: Vec<char> = text_of(a).chars().collect();
                    let middle = text.len() / 2;
                    text[middle..(middle + 60).min(text.len())]
                        .iter()
                        .collect::<String>()
                        + "\n"
                })
                .collect();
            let r = b.post(
                &server,
                "/api/v1/check",
                &serde_json::json!({ "text": draft }),
            );
            assert_eq!(r.status, 200, "{}", r.body);
            // What they may read counts; the articles whose paid text matched are only named.
            let report = r.json();
            assert!(
                report["rate"].as_f64().unwrap() > 0.5
                    || !report["members_only"].as_array().unwrap().is_empty(),
                "{}",
                r.body
            );
            let leak =
                windows(&r.body, 8).find(|w| secret.contains(w) && !draft.contains(w.as_str()));
            assert_eq!(leak, None, "{who} received paid text from 查重");
        }
    }

    // Every request was counted, by route (not by id) and status.
    let (_, metrics) = get(&server, "/metrics");
    assert!(metrics.contains("sucai_http_requests_total{method=\"GET\",route=\"/api/v1/articles/{id}\",status=\"200\"}"), "{metrics}");
    assert!(
        metrics.contains("sucai_http_request_duration_seconds"),
        "{metrics}"
    );

    // The VIP user does read what VIP covers.
    let vicky = callers[3].1.as_ref().unwrap();
    let speech = vicky
        .get(&server, &format!("/api/v1/articles/{}", articles[0]["id"]))
        .json();
    assert_eq!(speech["access"]["complete"], true);

    // What anonymous callers do get: titles, metadata, that a paid phrase matched.
    let found = anon(
        &server,
        &format!("/api/v1/search?q={}", encode("党的二十大")),
    )
    .json();
    assert!(found["total"].as_u64().unwrap() >= 5);
    assert!(
        found["hits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["snippet"].is_null() && h["matched_in"] == "paid")
    );
    let view = anon(&server, &format!("/api/v1/articles/{}", articles[0]["id"])).json();
    assert_eq!(view["title"], articles[0]["title"]);
    assert_eq!(view["paragraphs"], serde_json::json!([]));
    assert_eq!(view["access"]["complete"], false);
    let bad = anon(&server, &format!("/api/v1/search?q={}", encode("year:abc")));
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("不是年份"), "{}", bad.body);
}

#[test]
fn a_file_imported_while_serving_becomes_searchable() {
    let lib = Library::new();
    lib.import(&[&shared().join("samples/compilation-10.txt")]);
    let server = start(&lib);
    let phrase = encode("服务运行时导入的新材料");
    assert!(
        get(&server, &format!("/api/v1/search?q={phrase}"))
            .1
            .contains("\"total\":0")
    );
    let file = lib.dir.path().join("late.txt");
    std::fs::write(
        &file,
        "后来导入的一篇\n\n这是服务运行时导入的新材料，全部免费阅读。\n",
    )
    .unwrap();
    lib.import(&[&file]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let (_, body) = get(&server, &format!("/api/v1/search?q={phrase}"));
        if body.contains("\"total\":1") {
            assert!(
                body.contains("服务运行时导入的新材料"),
                "the free preview shows the match: {body}"
            );
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "not searchable through the server: {body}"
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
}

/// A logged-in browser: its cookie and CSRF token.
struct Browser {
    cookie: String,
    csrf: String,
}

impl Browser {
    fn download(&self, server: &Server, body: &serde_json::Value) -> (u16, String, Vec<u8>) {
        post_raw(
            server,
            "/api/v1/downloads",
            &[("Cookie", &self.cookie), ("X-CSRF-Token", &self.csrf)],
            &body.to_string(),
        )
    }

    fn log_in(server: &Server, name: &str, password: &str) -> Browser {
        let body = serde_json::json!({ "username": name, "password": password }).to_string();
        let r = http(server, "POST", "/api/v1/account/login", &[], Some(&body));
        assert_eq!(r.status, 200, "{}", r.body);
        Browser {
            cookie: format!("sucai_session={}", r.session_cookie().unwrap()),
            csrf: r.json()["csrf_token"].as_str().unwrap().to_string(),
        }
    }
    fn get(&self, server: &Server, path: &str) -> Response {
        http(server, "GET", path, &[("Cookie", &self.cookie)], None)
    }
    fn post(&self, server: &Server, path: &str, body: &serde_json::Value) -> Response {
        self.post_method(server, "POST", path, body)
    }
    fn post_method(
        &self,
        server: &Server,
        method: &str,
        path: &str,
        body: &serde_json::Value,
    ) -> Response {
        http(
            server,
            method,
            path,
            &[("Cookie", &self.cookie), ("X-CSRF-Token", &self.csrf)],
            Some(&body.to_string()),
        )
    }
}

fn register(server: &Server, name: &str, password: &str) {
    let body = serde_json::json!({ "username": name, "password": password }).to_string();
    let r = http(server, "POST", "/api/v1/account/register", &[], Some(&body));
    assert_eq!(r.status, 201, "{}", r.body);
}

#[test]
fn members_read_what_their_tier_covers_and_nobody_else_does() {
    let lib = Library::new();
    lib.import(&[&shared().join("samples/compilation-10.txt")]);
    // A 党课 (not covered by VIP) with a paid part.
    let lesson = lib.dir.path().join("lesson.txt");
    std::fs::write(&lesson, LESSON).unwrap();
    lib.import(&[&lesson]);
    let lesson_id = lib
        .articles()
        .iter()
        .find(|a| a["category"] == "党课")
        .expect("a 党课")["id"]
        .as_i64()
        .unwrap();
    let speech_id = lib.articles()[0]["id"].as_i64().unwrap();
    Library::ok(lib.command().args([
        "user",
        "add",
        "root",
        "--admin",
        "--password",
        "operator-secret",
    ]));
    let svip = lib.json(&["code", "new", "--tier", "svip", "--days", "365", "--json"])["codes"][0]
        .as_str()
        .unwrap()
        .to_string();
    let vip = lib.json(&["code", "new", "--tier", "vip", "--days", "30", "--json"])["codes"][0]
        .as_str()
        .unwrap()
        .to_string();

    let server = start(&lib);
    for name in ["alice", "bob", "carol"] {
        register(&server, name, "a good password");
    }
    let alice = Browser::log_in(&server, "alice", "a good password");
    assert_eq!(
        alice.get(&server, "/api/v1/account").json()["membership"],
        serde_json::Value::Null
    );

    // Writes with the session cookie need the CSRF token.
    let no_csrf = http(
        &server,
        "POST",
        "/api/v1/account/redeem",
        &[("Cookie", &alice.cookie)],
        Some(&serde_json::json!({ "code": svip }).to_string()),
    );
    assert_eq!(no_csrf.status, 403, "{}", no_csrf.body);
    // Free user: preview only.
    assert_eq!(
        alice
            .get(&server, &format!("/api/v1/articles/{speech_id}"))
            .json()["access"]["complete"],
        false
    );
    // SVIP: everything.
    let redeemed = alice.post(
        &server,
        "/api/v1/account/redeem",
        &serde_json::json!({ "code": svip.to_lowercase() }),
    );
    assert_eq!(redeemed.status, 200, "{}", redeemed.body);
    assert_eq!(redeemed.json()["tier"], "svip");
    assert_eq!(
        alice
            .post(
                &server,
                "/api/v1/account/redeem",
                &serde_json::json!({ "code": svip })
            )
            .status,
        409
    );
    for id in [speech_id, lesson_id] {
        let view = alice.get(&server, &format!("/api/v1/articles/{id}")).json();
        assert_eq!(view["access"]["complete"], true, "{view}");
        assert!(!view["paragraphs"].as_array().unwrap().is_empty());
    }
    let found = alice
        .get(
            &server,
            &format!(
                "/api/v1/search?q={}",
                encode("红色基因是我们党的宝贵精神财富")
            ),
        )
        .json();
    assert!(
        found["hits"][0]["snippet"]
            .as_str()
            .unwrap()
            .contains("红色基因是我们党的宝贵精神财富"),
        "{found}"
    );

    // VIP: the speeches (研讨发言), not the 党课.
    let bob = Browser::log_in(&server, "bob", "a good password");
    assert_eq!(
        bob.post(
            &server,
            "/api/v1/account/redeem",
            &serde_json::json!({ "code": vip })
        )
        .status,
        200
    );
    assert_eq!(
        bob.get(&server, &format!("/api/v1/articles/{speech_id}"))
            .json()["access"]["complete"],
        true
    );
    let lesson_view = bob.get(&server, &format!("/api/v1/articles/{lesson_id}"));
    assert_eq!(lesson_view.json()["access"]["complete"], false);
    assert!(
        !lesson_view.body.contains("宝贵精神财富"),
        "{}",
        lesson_view.body
    );
    let found = bob.get(
        &server,
        &format!("/api/v1/search?q={}", encode("宝贵精神财富")),
    );
    assert!(
        !found.body.contains("宝贵精神财富\"") && found.body.contains("\"matched_in\":\"paid\""),
        "{}",
        found.body
    );

    // Logging out ends the session.
    assert_eq!(
        alice
            .post(&server, "/api/v1/account/logout", &serde_json::json!({}))
            .status,
        204
    );
    assert_eq!(alice.get(&server, "/api/v1/account").status, 401);

    // Bearer tokens for scripts.
    let root = Browser::log_in(&server, "root", "operator-secret");
    let token = root
        .post(
            &server,
            "/api/v1/account/tokens",
            &serde_json::json!({ "name": "script" }),
        )
        .json()["token"]
        .as_str()
        .unwrap()
        .to_string();
    let codes = http(
        &server,
        "POST",
        "/api/v1/admin/codes",
        &[("Authorization", &format!("Bearer {token}"))],
        Some(r#"{"tier":"vip","days":7,"count":3}"#),
    );
    assert_eq!(codes.status, 201, "{}", codes.body);
    assert_eq!(codes.json()["codes"].as_array().unwrap().len(), 3);
    assert_eq!(
        bob.post(
            &server,
            "/api/v1/admin/codes",
            &serde_json::json!({"tier":"vip","days":7,"count":3})
        )
        .status,
        403
    );
    let bad = http(
        &server,
        "GET",
        "/api/v1/account",
        &[("Authorization", "Bearer nonsense")],
        None,
    );
    assert_eq!(bad.status, 401);

    // Failed logins are limited per account.
    let wrong =
        serde_json::json!({ "username": "carol", "password": "not her password" }).to_string();
    let statuses: Vec<u16> = (0..7)
        .map(|_| http(&server, "POST", "/api/v1/account/login", &[], Some(&wrong)).status)
        .collect();
    assert_eq!(&statuses[..5], &[401; 5]);
    assert_eq!(statuses[6], 429);
}

#[test]
fn members_download_word_files_within_their_allowance() {
    let lib = Library::new();
    lib.import(&[&shared().join("samples/compilation-10.txt")]);
    let ids: Vec<i64> = lib
        .articles()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect();
    for name in ["vera", "nina"] {
        Library::ok(
            lib.command()
                .env("SUCAI_PASSWORD", "a good password")
                .args(["user", "add", name]),
        );
    }
    Library::ok(
        lib.command()
            .args(["user", "grant", "vera", "--tier", "vip", "--days", "30"]),
    );
    let server = start(&lib);
    let vera = Browser::log_in(&server, "vera", "a good password");
    let vera_id = vera.get(&server, "/api/v1/account").json()["id"]
        .as_i64()
        .unwrap();

    // One article as a Word file: the full text, the member's id in the properties.
    let (status, head, bytes) = vera.download(
        &server,
        &serde_json::json!({ "ids": [ids[0]], "format": "docx" }),
    );
    assert_eq!(status, 200, "{head}");
    assert!(
        head.to_ascii_lowercase()
            .contains("x-downloads-remaining: 9"),
        "{head}"
    );
    assert!(head.contains("filename*=UTF-8''"), "{head}");
    let mut docx = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut document = String::new();
    docx.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut document)
        .unwrap();
    assert!(document.contains("水是万物之母") && document.contains("w:eastAsia=\"仿宋_GB2312\""));
    let mut custom = String::new();
    docx.by_name("docProps/custom.xml")
        .unwrap()
        .read_to_string(&mut custom)
        .unwrap();
    assert!(custom.contains(&format!("会员 #{vera_id}")), "{custom}");

    // Several as one zip; GB18030 text on request.
    let (status, _, bytes) = vera.download(
        &server,
        &serde_json::json!({ "ids": [ids[1], ids[2]], "format": "txt", "encoding": "gb18030" }),
    );
    assert_eq!(status, 200);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(zip.len(), 2);
    let mut raw = Vec::new();
    zip.by_index(0).unwrap().read_to_end(&mut raw).unwrap();
    assert!(
        encoding_rs::GB18030
            .decode(&raw)
            .0
            .contains("推进文化和旅游领域现代化")
    );

    // A free user may not download.
    let nina = Browser::log_in(&server, "nina", "a good password");
    assert_eq!(
        nina.download(&server, &serde_json::json!({ "ids": [ids[0]] }))
            .0,
        403
    );

    // 7 left today: 50 parallel downloads of the 7 articles not taken yet all succeed, each
    // article charged once however many ask for it at the same time; then none is left.
    let vera = std::sync::Arc::new(vera);
    let server = std::sync::Arc::new(server);
    let statuses: Vec<u16> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..50)
            .map(|i| {
                let (vera, server, id) = (vera.clone(), server.clone(), ids[3 + i % 7]);
                s.spawn(move || {
                    vera.download(&server, &serde_json::json!({ "ids": [id], "format": "md" }))
                        .0
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(statuses.iter().all(|&s| s == 200), "{statuses:?}");
    let (status, head, _) = vera.download(
        &server,
        &serde_json::json!({ "ids": [ids[0]], "format": "txt" }),
    );
    assert_eq!(status, 200);
    assert!(head.contains("x-downloads-remaining: 0"), "{head}");
}

/// POST files as multipart/form-data.
fn post_files(server: &Server, path: &str, browser: &Browser, files: &[(&str, &[u8])]) -> Response {
    let boundary = "sucai-test-boundary-7c1f";
    let mut body = Vec::new();
    for (name, bytes) in files {
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes());
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    let mut stream = TcpStream::connect(&server.addr).unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nCookie: {}\r\nX-CSRF-Token: {}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {}\r\n\r\n",
        server.addr,
        browser.cookie,
        browser.csrf,
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(&body).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    Response {
        status: head.split(' ').nth(1).unwrap().parse().unwrap(),
        head: head.to_string(),
        body: body.to_string(),
    }
}

#[test]
fn operators_upload_files_and_correct_articles() {
    let lib = Library::new();
    Library::ok(lib.command().args([
        "user",
        "add",
        "root",
        "--admin",
        "--password",
        "operator-secret",
    ]));
    Library::ok(
        lib.command()
            .env("SUCAI_PASSWORD", "a good password")
            .args(["user", "add", "mia"]),
    );
    let server = start(&lib);
    let root = Browser::log_in(&server, "root", "operator-secret");
    let mia = Browser::log_in(&server, "mia", "a good password");

    let sample = std::fs::read(shared().join("samples/compilation-10.txt")).unwrap();
    assert_eq!(
        post_files(&server, "/api/v1/admin/import", &mia, &[("x.txt", &sample)]).status,
        403
    );
    let report = post_files(
        &server,
        "/api/v1/admin/import",
        &root,
        &[("compilation-10.txt", &sample), ("empty.txt", b"")],
    );
    assert_eq!(report.status, 200, "{}", report.body);
    let report = report.json();
    assert_eq!(report["files"][0]["path"], "compilation-10.txt");
    assert_eq!(report["files"][0]["articles"], 10);
    assert_eq!(report["files"][1]["status"], "rejected");

    // Searchable at once, through this server.
    let found = anon(
        &server,
        &format!("/api/v1/search?q={}", encode("党的二十大")),
    )
    .json();
    assert!(found["total"].as_u64().unwrap() >= 5);

    // Moving the paid boundary opens the start of an article to everyone.
    let id = found["hits"][0]["id"].as_i64().unwrap();
    let edited = root.post_method(
        &server,
        "PATCH",
        &format!("/api/v1/admin/articles/{id}"),
        &serde_json::json!({ "free_chars": 20, "category": "讲话" }),
    );
    assert_eq!(edited.status, 200, "{}", edited.body);
    let view = anon(&server, &format!("/api/v1/articles/{id}")).json();
    assert_eq!(view["category"], "讲话");
    assert_eq!(
        view["paragraphs"][0].as_str().unwrap().chars().count(),
        20,
        "{view}"
    );
    let listing = anon(
        &server,
        &format!("/api/v1/search?q={}", encode("category:讲话")),
    )
    .json();
    assert_eq!(listing["total"], 1, "the index follows the edit");
    assert_eq!(
        mia.post_method(
            &server,
            "PATCH",
            &format!("/api/v1/admin/articles/{id}"),
            &serde_json::json!({ "free_chars": 9999 })
        )
        .status,
        403
    );

    let users = root.get(&server, "/api/v1/admin/users").json();
    assert_eq!(users.as_array().unwrap().len(), 2);
    assert!(
        !users.to_string().contains("argon2"),
        "password hashes stay in the store"
    );
    assert_eq!(mia.get(&server, "/api/v1/admin/users").status, 403);
    assert_eq!(
        root.get(&server, "/api/v1/admin/downloads").json(),
        serde_json::json!([])
    );
}

#[test]
fn today_and_the_category_feeds_show_metadata_and_previews() {
    let lib = Library::new();
    lib.import(&[&shared().join("samples/compilation-10.txt")]);
    // The sample's articles are all behind its paid marker; the lesson has a free preview.
    let lesson = lib.dir.path().join("lesson.txt");
    std::fs::write(&lesson, LESSON).unwrap();
    lib.import(&[&lesson]);
    let articles = lib.articles();
    let server = start(&lib);

    let today = anon(&server, "/api/v1/today").json();
    let listed = today.as_array().unwrap();
    assert_eq!(listed.len(), articles.len());
    for item in listed {
        let keys: Vec<&str> = item
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys.len(), 6, "{item}");
        for key in ["id", "title", "category", "tags", "year", "chars"] {
            assert!(keys.contains(&key), "{key} missing in {item}");
        }
        let a = articles.iter().find(|a| a["id"] == item["id"]).unwrap();
        assert_eq!((&item["title"], &item["chars"]), (&a["title"], &a["chars"]));
    }
    assert_eq!(
        anon(&server, "/api/v1/today?limit=3")
            .json()
            .as_array()
            .unwrap()
            .len(),
        3
    );

    let categories: HashSet<&str> = articles
        .iter()
        .map(|a| a["category"].as_str().unwrap())
        .collect();
    let mut previews = 0;
    for category in categories {
        let r = anon(&server, &format!("/feeds/{}.atom", encode(category)));
        assert_eq!(r.status, 200, "{}", r.body);
        assert!(
            r.head
                .to_ascii_lowercase()
                .contains("content-type: application/atom+xml"),
            "{}",
            r.head
        );
        assert!(
            r.body.starts_with("<?xml")
                && r.body
                    .contains("<feed xmlns=\"http://www.w3.org/2005/Atom\"")
        );
        let body = unescape(&r.body);
        let members: Vec<&serde_json::Value> = articles
            .iter()
            .filter(|a| a["category"] == category)
            .collect();
        assert_eq!(
            r.body.matches("<entry>").count(),
            members.len(),
            "{category}"
        );
        for a in members {
            assert!(
                body.contains(&format!(
                    "<id>http://{}/articles/{}</id>",
                    server.addr, a["id"]
                )),
                "{body}"
            );
            assert!(body.contains(&format!("<title>{}</title>", a["title"].as_str().unwrap())));
            // The free preview stands in the summary.
            let full = lib.show(a["id"].as_i64().unwrap());
            let preview: String = text_of(&full)
                .chars()
                .take(full["access"]["free_chars"].as_u64().unwrap() as usize)
                .filter(|c| *c != '\n')
                .take(30)
                .collect();
            // (Articles wholly behind the paid marker have none.)
            assert!(body.replace('\n', "").contains(&preview), "{preview}");
            previews += usize::from(!preview.is_empty());
        }
        // Without the extension too.
        assert_eq!(
            anon(&server, &format!("/feeds/{}", encode(category))).body,
            r.body
        );
    }
    assert!(previews > 0, "no feed entry had a preview");
    assert_eq!(
        anon(&server, &format!("/feeds/{}.atom", encode("没有这个分类"))).status,
        404
    );
}
