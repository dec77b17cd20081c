//! `sucai serve`: the JSON API over a real socket. An anonymous caller (what every caller is
//! until accounts exist) gets titles, metadata and the free preview, and never paid text: the
//! attacker's requests below search for paid phrases and read every article.

mod common;
use common::*;
use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};

struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(lib: &Library) -> Server {
    let mut child = lib
        .command()
        .args(["serve", "--addr", "127.0.0.1:0"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let addr = loop {
        let line = lines
            .next()
            .expect("the server says where it listens")
            .unwrap();
        if let Some(at) = line.find("http://") {
            break line[at + 7..].trim().to_string();
        }
    };
    // Keep draining the server's log so it never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    Server { child, addr }
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// GET `path`: the status and the body.
fn get(server: &Server, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(&server.addr).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        server.addr
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, body.to_string())
}

fn windows(text: &str, n: usize) -> impl Iterator<Item = String> + '_ {
    let chars: Vec<char> = text.chars().filter(|c| *c != '\n').collect();
    (0..chars.len().saturating_sub(n - 1))
        .map(move |i| chars[i..i + n].iter().collect::<String>())
        .collect::<Vec<_>>()
        .into_iter()
}

#[test]
fn anonymous_callers_never_receive_paid_text() {
    let lib = Library::new();
    lib.import(&[&shared().join("samples/compilation-10.txt")]);
    // The paid text: every article body of the sample (its free preview is only the titles),
    // less any run that also stands in free text (a title repeated in a speech).
    let articles: Vec<serde_json::Value> = lib
        .articles()
        .iter()
        .map(|a| lib.show(a["id"].as_i64().unwrap()))
        .collect();
    let free: HashSet<String> = articles
        .iter()
        .flat_map(|a| windows(a["title"].as_str().unwrap(), 8).collect::<Vec<_>>())
        .collect();
    let paid: HashSet<String> = articles
        .iter()
        .flat_map(|a| windows(&text_of(a), 8).collect::<Vec<_>>())
        .filter(|w| !free.contains(w))
        .collect();
    assert!(paid.len() > 10_000);
    let leaks = |body: &str| {
        windows(body, 8)
            .filter(|w| paid.contains(w))
            .take(1)
            .collect::<Vec<_>>()
    };

    let server = start(&lib);
    assert_eq!(get(&server, "/healthz"), (200, "ok".to_string()));

    let mut requests: Vec<String> = Vec::new();
    for a in &articles {
        let id = a["id"].as_i64().unwrap();
        requests.push(format!("/api/v1/articles/{id}"));
        let text: Vec<char> = text_of(a).chars().filter(|c| *c != '\n').collect();
        for start in (0..text.len().saturating_sub(12)).step_by(97) {
            let phrase: String = text[start..start + 12].iter().collect();
            requests.push(format!(
                "/api/v1/search?q={}&limit=100&facets=true",
                encode(&phrase)
            ));
        }
    }
    requests.push(format!("/api/v1/search?q={}", encode("党的二十大 OR 水利")));
    requests.push(format!("/api/v1/search?q={}", encode("category:研讨发言")));
    requests.push(format!("/api/v1/suggest?q={}", encode("为全面")));
    requests.push("/api/v1/articles/999999".into());
    requests.push(format!(
        "/api/v1/search?q={}",
        encode("\"水是万物之母、生存之本")
    ));
    requests.push("/api/v1/search?q=%E6%B0%B4&sort=sideways".into());

    let mut paid_hits = 0;
    for path in &requests {
        let (status, body) = get(&server, path);
        assert!(
            status == 200 || status == 400 || status == 404,
            "{path}: {status} {body}"
        );
        assert_eq!(
            leaks(&body),
            Vec::<String>::new(),
            "{path} leaked paid text: {body}"
        );
        if body.contains("\"matched_in\":\"paid\"") {
            paid_hits += 1;
        }
    }
    assert!(
        paid_hits > 20,
        "searches for paid phrases must say that they matched ({paid_hits})"
    );

    // What anonymous callers do get: titles, metadata, that a paid phrase matched.
    let (status, body) = get(
        &server,
        &format!("/api/v1/search?q={}", encode("党的二十大")),
    );
    assert_eq!(status, 200);
    let found: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(found["total"].as_u64().unwrap() >= 5);
    assert!(
        found["hits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["snippet"].is_null() && h["matched_in"] == "paid")
    );
    let (_, body) = get(&server, &format!("/api/v1/articles/{}", articles[0]["id"]));
    let view: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(view["title"], articles[0]["title"]);
    assert_eq!(view["paragraphs"], serde_json::json!([]));
    assert_eq!(view["access"]["complete"], false);
    let (status, body) = get(&server, &format!("/api/v1/search?q={}", encode("year:abc")));
    assert_eq!(status, 400);
    assert!(body.contains("is not a year"), "{body}");
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
