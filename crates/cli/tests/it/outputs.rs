//! What the library hands out, through the real `sucai` binary: Word files and feeds stay
//! readable whatever control characters a file or a draft held (python-docx, LibreOffice and an
//! XML parser open them), absolute links come from the configured public address and never
//! from a request's headers, and every answer carries the security and caching headers.
//!
//! python-docx and LibreOffice come from the packages `.ci/run` installs; without them the Word
//! file tests fail, they do not skip.

use crate::common::*;
use serde_json::{Value, json};
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

/// A speech as an old Windows tool might have saved it: a bell after the title, terminal
/// colour codes, a backspace, a vertical tab, a unit separator, DEL, a C1 "next line", the
/// noncharacters U+FFFE and U+FFFF, form feeds between pages and a DOS end-of-file mark.
const SPEECH: &str = "在全市安全生产工作会议上的讲话\u{7}\r\n\r\n同志们：\u{1B}[0m\r\n今天召开全市安全生产工作会议，主要任务是总结上半年工作，分析当前形势，部署下一阶段任务。\u{8}\r\n一、提高政治站位\u{B}\r\n安全生产事关人民群众生命财产安全，\u{1F}事关改革发展稳定大局。\u{7F}各级各部门要始终把安全生产摆在突出位置，坚决守住不发生重特大事故的底线。\r\n（一）统一思想认识\u{85}\r\n要把思想和行动统一到中央和省委的决策部署上来，\u{FFFE}切实增强做好安全生产工作的责任感和紧迫感。\u{C}要深刻汲取近年来各类事故的教训，举一反三，警钟长鸣。\r\n二、抓好重点任务\u{FFFF}\r\n要加快构建现代安全治理体系，全力保障人民群众安全。\u{1B}[1m要紧盯重点行业领域，深入开展隐患排查整治，做到排查全覆盖、整治无死角。\u{1}\r\n三、压实各方责任\r\n要严格落实党政同责、一岗双责、齐抓共管、失职追责，\u{2}层层压实安全生产责任。\r\n同志们，安全生产责任重于泰山，让我们以更加有力的举措抓好各项工作。\r\n\u{1A}";

/// Sentences of the speech that every reader of its Word file must find, cleaned.
const SENTENCES: [&str; 3] = [
    "在全市安全生产工作会议上的讲话",
    "安全生产事关人民群众生命财产安全，事关改革发展稳定大局。",
    "要紧盯重点行业领域，深入开展隐患排查整治",
];

/// Characters no Word file or feed may hold (what XML 1.0 forbids or discourages).
fn forbidden(c: char) -> bool {
    let n = c as u32;
    (n < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
        || (0x7F..=0x9F).contains(&n)
        || (0xFDD0..=0xFDEF).contains(&n)
        || n & 0xFFFE == 0xFFFE
}

fn post_json(server: &Server, path: &str, headers: &[(&str, &str)], body: &Value) -> Reply {
    let body = body.to_string();
    send(
        server,
        "POST",
        path,
        headers,
        Some(("application/json", body.as_bytes())),
    )
}

/// A logged-in browser session: the cookie and the CSRF token.
struct Session {
    cookie: String,
    csrf: String,
}

impl Session {
    fn log_in(server: &Server, name: &str) -> Session {
        let (cookie, csrf) = log_in(server, name, "a good password");
        Session { cookie, csrf }
    }

    fn headers(&self) -> Vec<(&str, &str)> {
        vec![("Cookie", &self.cookie), ("X-CSRF-Token", &self.csrf)]
    }
}

/// A library holding the speech with control characters, the speech's file and its material id.
fn speech_library() -> (Library, std::path::PathBuf, i64) {
    let lib = Library::new();
    let file = lib.dir.path().join("安全生产讲话.txt");
    std::fs::write(&file, SPEECH).unwrap();
    let report = lib.import(&[&file]);
    let line = file_line(&report, "安全生产讲话.txt");
    assert_eq!(line["status"], "imported", "{report}");
    let material = line["material_id"].as_i64().unwrap();
    (lib, file, material)
}

/// Opens `docx` with python-docx and with LibreOffice (converted to text); both must read it
/// and find every one of `needles`.
fn word_readers_open(docx: &Path, needles: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let python = Command::new("python3")
        .args([
            "-c",
            "import sys, docx\nd = docx.Document(sys.argv[1])\nprint('\\n'.join(p.text for p in d.paragraphs))\nprint(d.core_properties.title)",
        ])
        .arg(docx)
        .output()
        .expect("python3 runs");
    let read = String::from_utf8_lossy(&python.stdout);
    assert!(
        python.status.success(),
        "python-docx cannot open {} (is python-docx installed? .ci/run installs it): {}",
        docx.display(),
        String::from_utf8_lossy(&python.stderr)
    );
    for needle in needles {
        assert!(
            read.contains(needle),
            "python-docx reads no {needle}: {read}"
        );
    }

    let out = dir.path().join("txt");
    let convert = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.path().join("profile").display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
        ])
        .arg(&out)
        .arg(docx)
        .env("HOME", dir.path())
        .stdin(Stdio::null())
        .output()
        .expect("LibreOffice (soffice) is installed: .ci/run installs libreoffice-writer-nogui");
    assert!(
        convert.status.success(),
        "{}",
        String::from_utf8_lossy(&convert.stderr)
    );
    let name = docx.file_stem().unwrap().to_string_lossy().into_owned();
    let text = std::fs::read_to_string(out.join(format!("{name}.txt"))).unwrap_or_else(|e| {
        panic!(
            "LibreOffice could not convert {}: {e}\n{}{}",
            docx.display(),
            String::from_utf8_lossy(&convert.stdout),
            String::from_utf8_lossy(&convert.stderr)
        )
    });
    for needle in needles {
        assert!(
            text.contains(needle),
            "LibreOffice reads no {needle}: {text}"
        );
    }
}

/// The parts of a Word file (a zip) that are XML, each of which must be free of forbidden
/// characters.
fn assert_clean_xml_parts(docx: &[u8]) {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).unwrap();
        let name = part.name().unwrap().to_string();
        let mut text = String::new();
        part.read_to_string(&mut text).unwrap();
        if let Some(c) = text.chars().find(|&c| forbidden(c)) {
            panic!("{name} holds {c:?}");
        }
    }
}

/// Parses `xml` with Python's expat, which refuses what XML 1.0 forbids; returns the text of
/// every `id` and the `href` of every `link`.
fn parse_atom(xml: &[u8]) -> Vec<String> {
    let mut python = Command::new("python3")
        .args([
            "-c",
            "import sys, xml.etree.ElementTree as E\nroot = E.fromstring(sys.stdin.buffer.read())\nns = '{http://www.w3.org/2005/Atom}'\nfor e in root.iter():\n    if e.tag == ns + 'id': print(e.text)\n    if e.tag == ns + 'link': print(e.get('href'))",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    python.stdin.take().unwrap().write_all(xml).unwrap();
    let out = python.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "the feed is not XML: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(xml)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn control_characters_in_a_file_reach_no_word_file_nor_feed() {
    let (lib, file, material) = speech_library();
    let article = lib.articles()[0].clone();
    let id = article["id"].as_i64().unwrap();
    let shown = lib.show(id);
    let text = format!("{}\n{}", shown["title"].as_str().unwrap(), text_of(&shown));
    assert!(!text.chars().any(forbidden), "stored: {text:?}");
    assert!(text.contains(SENTENCES[1]), "{text}");
    // A form feed ended a page: the text after it is a paragraph of its own.
    assert!(
        shown["paragraphs"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p.as_str().unwrap().starts_with("要深刻汲取")),
        "{shown}"
    );

    // The original file stays on record byte for byte, control characters and all.
    let original = lib.dir.path().join("original.txt");
    Library::ok(
        lib.command()
            .args(["original", &material.to_string(), "-o"])
            .arg(&original),
    );
    assert_eq!(
        std::fs::read(&original).unwrap(),
        std::fs::read(&file).unwrap()
    );

    // The operator's export opens in python-docx and LibreOffice.
    let exported = lib.dir.path().join("exported.docx");
    Library::ok(
        lib.command()
            .args(["export", &id.to_string(), "--format", "docx", "-o"])
            .arg(&exported),
    );
    assert_clean_xml_parts(&std::fs::read(&exported).unwrap());
    word_readers_open(&exported, &SENTENCES);

    // A member's download through the server, and the category's feed.
    add_user(&lib, "mia", Some("svip"));
    let server = start_with_env(&lib, &[], &[]);
    let mia = Session::log_in(&server, "mia");
    let r = post_json(
        &server,
        "/api/v1/downloads",
        &mia.headers(),
        &json!({ "ids": [id], "format": "docx" }),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_clean_xml_parts(&r.body);
    let downloaded = lib.dir.path().join("downloaded.docx");
    std::fs::write(&downloaded, &r.body).unwrap();
    word_readers_open(&downloaded, &SENTENCES);

    let category = article["category"].as_str().unwrap();
    let feed = send(
        &server,
        "GET",
        &format!("/feeds/{}.atom", encode(category)),
        &[],
        None,
    );
    assert_eq!(feed.status, 200, "{}", feed.text());
    assert!(!feed.text().chars().any(forbidden), "{}", feed.text());
    assert!(feed.text().contains(SENTENCES[0]), "{}", feed.text());
    parse_atom(&feed.body);
}

#[test]
fn a_draft_typed_with_control_characters_exports_to_a_readable_word_file() {
    let lib = Library::new();
    add_user(&lib, "wuhua", None);
    let server = start_with_env(&lib, &[], &[]);
    let wu = Session::log_in(&server, "wuhua");
    let body = "一、总体要求\u{7}\r\n\t坚持以人民为中心的发展思想，\u{1B}[31m推动高质量发展。\u{FFFE}\r\n（一）工作目标\u{C}到年底，各项指标全面完成。\u{8}\u{0}\r\n二、保障措施\u{FFFF}\r\n加强组织领导，\u{1F}强化督促检查。\u{85}";
    let r = post_json(
        &server,
        "/api/v1/drafts",
        &wu.headers(),
        &json!({ "title": "关于\u{1B}推进工作的意见\u{7}", "body": "草稿" }),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let id = r.json()["id"].as_i64().unwrap();
    let r = send(
        &server,
        "PUT",
        &format!("/api/v1/drafts/{id}"),
        &wu.headers(),
        Some((
            "application/json",
            json!({ "title": "关于\u{1B}推进工作的意见\u{7}", "body": body })
                .to_string()
                .as_bytes(),
        )),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let saved = r.json();
    assert_eq!(saved["title"], "关于推进工作的意见");
    let saved = saved["body"].as_str().unwrap();
    assert!(!saved.chars().any(forbidden), "{saved:?}");
    // Tabs stay tabs; a form feed ends a line.
    assert!(saved.contains("\t坚持以人民为中心"), "{saved:?}");
    assert!(saved.contains("（一）工作目标\n到年底"), "{saved:?}");

    let r = send(
        &server,
        "GET",
        &format!("/api/v1/drafts/{id}/download?format=docx"),
        &wu.headers(),
        None,
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_clean_xml_parts(&r.body);
    let docx = lib.dir.path().join("draft.docx");
    std::fs::write(&docx, &r.body).unwrap();
    word_readers_open(
        &docx,
        &[
            "关于推进工作的意见",
            "推动高质量发展。",
            "加强组织领导，强化督促检查。",
        ],
    );
}

#[test]
fn feed_links_come_from_the_public_url_not_the_request() {
    let (lib, _, material) = speech_library();
    let category = lib.articles()[0]["category"].as_str().unwrap().to_string();
    let path = format!("/feeds/{}.atom", encode(&category));
    let hostile = [("Host", "evil.example"), ("X-Forwarded-Proto", "https")];

    let server = start_with_env(&lib, &["--public-url", "https://example.org/"], &[]);
    let feed = send(&server, "GET", &path, &hostile, None);
    assert_eq!(feed.status, 200, "{}", feed.text());
    assert!(!feed.text().contains("evil"), "{}", feed.text());
    let links = parse_atom(&feed.body);
    assert!(links.len() >= 4, "{links:?}");
    for link in &links {
        assert!(link.starts_with("https://example.org/"), "{link}");
    }
    drop(server);

    // From the environment, as a service manager sets it.
    let server = start_with_env(
        &lib,
        &[],
        &[("SUCAI_PUBLIC_URL", "https://sucai.example.net/ku")],
    );
    let links = parse_atom(&send(&server, "GET", &path, &hostile, None).body);
    for link in &links {
        assert!(link.starts_with("https://sucai.example.net/ku/"), "{link}");
    }
    drop(server);

    // Without one: the address the server listens on, whatever the request says.
    let server = start_with_env(&lib, &[], &[]);
    let links = parse_atom(&send(&server, "GET", &path, &hostile, None).body);
    for link in &links {
        assert!(
            link.starts_with(&format!("http://{}/", server.addr)),
            "{link}"
        );
    }
    drop(server);

    // An address that is not one is refused with a sentence.
    let bad = lib.run(&[
        "serve",
        "--addr",
        "127.0.0.1:0",
        "--public-url",
        "example.org",
    ]);
    assert!(!bad.status.success());
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("--public-url"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );

    // The daily bundle's summary (the webhook's JSON) links each article under it too.
    let out = lib.dir.path().join("drive");
    let material = lib.json(&["material", &material.to_string(), "--json"]);
    let day = sucai_services::clock::beijing_day(material["imported_at"].as_i64().unwrap());
    let summary = lib.json(&[
        "bundle",
        "--date",
        &day,
        "-o",
        out.to_str().unwrap(),
        "--json",
        "--public-url",
        "https://example.org",
    ]);
    let entries: Vec<&Value> = summary["tiers"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["articles"].as_array().unwrap())
        .collect();
    assert!(!entries.is_empty(), "{summary}");
    for e in entries {
        assert_eq!(
            e["url"],
            format!("https://example.org/articles/{}", e["id"]),
            "{summary}"
        );
    }
}

/// The Content-Security-Policy's directives, by name.
fn csp(reply: &Reply) -> std::collections::HashMap<String, String> {
    let policy = reply
        .header("content-security-policy")
        .unwrap_or_else(|| panic!("no Content-Security-Policy: {}", reply.head));
    policy
        .split(';')
        .filter_map(|d| {
            let d = d.trim();
            let (name, value) = d.split_once(' ').unwrap_or((d, ""));
            (!name.is_empty()).then(|| (name.to_string(), value.trim().to_string()))
        })
        .collect()
}

/// Cache-Control private, no-store and Vary by the caller's credentials.
fn assert_private(what: &str, reply: &Reply) {
    let cache = reply.header("cache-control").unwrap_or_default();
    assert!(
        cache.contains("private") && cache.contains("no-store"),
        "{what}: Cache-Control {cache:?}\n{}",
        reply.head
    );
    let vary = reply.headers("vary").join(", ").to_ascii_lowercase();
    assert!(
        vary.contains("cookie") && vary.contains("authorization"),
        "{what}: Vary {vary:?}"
    );
}

#[test]
fn every_answer_carries_the_security_and_caching_headers() {
    let (lib, _, _) = speech_library();
    let id = lib.articles()[0]["id"].as_i64().unwrap();
    let category = lib.articles()[0]["category"].as_str().unwrap().to_string();
    add_user(&lib, "vera", Some("vip"));
    let server = start_with_env(&lib, &[], &[]);
    let vera = Session::log_in(&server, "vera");
    let cookie = [("Cookie", vera.cookie.as_str())];

    // Pages: the policy, nosniff and the referrer, for visitors and members alike.
    let article_page = format!("/articles/{id}");
    for (path, headers) in [
        ("/", &[][..]),
        ("/login", &[][..]),
        ("/search?q=安全生产", &[][..]),
        (article_page.as_str(), &[][..]),
        (article_page.as_str(), &cookie[..]),
        ("/account", &cookie[..]),
        ("/articles/999999", &[][..]),
    ] {
        let r = send(
            &server,
            "GET",
            &path.replace("安全生产", &encode("安全生产")),
            headers,
            None,
        );
        assert!(r.status == 200 || r.status == 404, "{path}: {}", r.status);
        let policy = csp(&r);
        for (name, value) in [
            ("default-src", "'self'"),
            ("frame-ancestors", "'none'"),
            ("base-uri", "'self'"),
            ("form-action", "'self'"),
            ("object-src", "'none'"),
        ] {
            assert_eq!(policy.get(name).map(String::as_str), Some(value), "{path}");
        }
        let scripts = policy
            .get("script-src")
            .or(policy.get("default-src"))
            .unwrap();
        assert!(!scripts.contains("unsafe"), "{path}: {scripts}");
        assert_eq!(
            r.header("x-content-type-options").as_deref(),
            Some("nosniff")
        );
        let referrer = r.header("referrer-policy").unwrap_or_default();
        assert!(
            ["same-origin", "strict-origin-when-cross-origin"].contains(&referrer.as_str()),
            "{path}: {referrer}"
        );
        // Pages show who is logged in (and what they may read): no shared cache keeps them.
        assert_private(path, &r);
    }

    // The API's answers depend on the caller: private, with or without credentials.
    for (path, headers) in [
        (format!("/api/v1/articles/{id}"), &cookie[..]),
        (format!("/api/v1/articles/{id}"), &[][..]),
        (
            format!("/api/v1/search?q={}", encode("安全生产")),
            &cookie[..],
        ),
        ("/api/v1/account".to_string(), &cookie[..]),
    ] {
        let r = send(&server, "GET", &path, headers, None);
        assert_eq!(r.status, 200, "{path}: {}", r.text());
        assert_private(&path, &r);
        assert_eq!(
            r.header("x-content-type-options").as_deref(),
            Some("nosniff")
        );
    }
    let r = post_json(
        &server,
        "/api/v1/downloads",
        &vera.headers(),
        &json!({ "ids": [id], "format": "txt" }),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_private("a download", &r);

    // What is the same for everyone keeps its public caching.
    for path in [
        "/static/app.css".to_string(),
        "/static/app.js".to_string(),
        format!("/feeds/{}.atom", encode(&category)),
    ] {
        let r = send(&server, "GET", &path, &cookie, None);
        assert_eq!(r.status, 200, "{path}");
        let cache = r.header("cache-control").unwrap_or_default();
        assert!(cache.starts_with("public"), "{path}: {cache}");
        assert_eq!(
            r.header("x-content-type-options").as_deref(),
            Some("nosniff")
        );
    }

    // Every 401 from the API names its scheme.
    for (method, path, headers, body) in [
        ("GET", "/api/v1/drafts", &[][..], None),
        ("GET", "/api/v1/account", &[][..], None),
        (
            "GET",
            "/api/v1/articles/1",
            &[("Authorization", "Bearer not-a-token")][..],
            None,
        ),
        (
            "POST",
            "/api/v1/downloads",
            &[][..],
            Some(json!({ "ids": [id] })),
        ),
        (
            "POST",
            "/api/v1/account/login",
            &[][..],
            Some(json!({ "username": "vera", "password": "wrong password" })),
        ),
    ] {
        let r = match body {
            Some(body) => post_json(&server, path, headers, &body),
            None => send(&server, method, path, headers, None),
        };
        assert_eq!(r.status, 401, "{path}: {}", r.text());
        assert_eq!(
            r.header("www-authenticate").as_deref(),
            Some("Bearer realm=\"sucai\""),
            "{path}"
        );
    }

    // 429s say how long to wait: the login limiter its window (a quarter of an hour) ...
    let mut limited = None;
    for _ in 0..10 {
        let r = post_json(
            &server,
            "/api/v1/account/login",
            &[],
            &json!({ "username": "vera", "password": "wrong password" }),
        );
        if r.status == 429 {
            limited = Some(r);
            break;
        }
    }
    let limited = limited.expect("the limiter refuses at last");
    let wait: u64 = limited
        .header("retry-after")
        .unwrap_or_else(|| panic!("no Retry-After: {}", limited.head))
        .parse()
        .unwrap();
    assert!((1..=15 * 60).contains(&wait), "{wait}");
    let form = "username=vera&password=wrong+password";
    let r = send(
        &server,
        "POST",
        "/login",
        &[],
        Some(("application/x-www-form-urlencoded", form.as_bytes())),
    );
    assert_eq!(r.status, 429, "{}", r.text());
    assert!(r.header("retry-after").is_some(), "{}", r.head);

    // ... and the download allowance the seconds until the member's next (Beijing) day.
    // VIP: 10 articles a day, one of them taken above; ten more (the sample's) don't fit.
    lib.import(&[&shared().join("samples/compilation-10.txt")]);
    let others: Vec<i64> = lib
        .articles()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .filter(|&other| other != id)
        .collect();
    let r = post_json(
        &server,
        "/api/v1/downloads",
        &vera.headers(),
        &json!({ "ids": others[..9], "format": "txt" }),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let r = post_json(
        &server,
        "/api/v1/downloads",
        &vera.headers(),
        &json!({ "ids": [others[9]], "format": "txt" }),
    );
    assert_eq!(r.status, 429, "{}", r.text());
    let now = sucai_services::unix_now();
    let next_day = sucai_services::clock::beijing_midnight(now) + 86_400;
    let wait: i64 = r
        .header("retry-after")
        .unwrap_or_else(|| panic!("no Retry-After: {}", r.head))
        .parse()
        .unwrap();
    assert!((wait - (next_day - now)).abs() <= 5, "{wait}");
    let form = format!("csrf={}&format=txt", vera.csrf);
    let r = send(
        &server,
        "POST",
        &format!("/articles/{}/download", others[9]),
        &cookie,
        Some(("application/x-www-form-urlencoded", form.as_bytes())),
    );
    assert_eq!(r.status, 429, "{}", r.text());
    assert!(r.header("retry-after").is_some(), "{}", r.head);
    assert_private("the refused download page", &r);
}
