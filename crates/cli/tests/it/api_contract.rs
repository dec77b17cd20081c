//! The API as a contract for programs nobody here wrote, through the real `sucai serve`: one
//! error body everywhere under `/api/v1` — `{"error": "<中文>", "code": "<stable code>"}` — for
//! the library's own refusals and for what the HTTP layer refuses by itself.

use crate::common::*;

fn has_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

/// The answer is the one error body with this status and code.
fn assert_error(reply: &Reply, status: u16, code: &str, what: &str) {
    assert_eq!(reply.status, status, "{what}: {}", reply.text());
    assert!(
        reply
            .header("content-type")
            .is_some_and(|t| t.starts_with("application/json")),
        "{what}: {:?}",
        reply.header("content-type")
    );
    let body = reply.json();
    assert_eq!(body["code"], code, "{what}: {body}");
    let message = body["error"].as_str().unwrap_or_default();
    assert!(has_chinese(message), "{what}: {body}");
    assert_eq!(body.as_object().unwrap().len(), 2, "{what}: {body}");
}

#[test]
fn every_refusal_under_the_api_has_one_shape() {
    let lib = Library::new();
    lib.import(&[&shared().join("samples/compilation-10.txt")]);
    let server = start(&lib);
    let get = |path: &str| send(&server, "GET", path, &[], None);
    let post = |path: &str, content_type: &str, body: &[u8]| {
        send(&server, "POST", path, &[], Some((content_type, body)))
    };

    // The library's own refusals.
    assert_error(
        &get("/api/v1/articles/99999"),
        404,
        "no_article",
        "no such article",
    );
    assert_error(
        &get("/api/v1/search?q=%22abc"),
        400,
        "bad_query",
        "open quote",
    );
    assert_error(
        &get("/api/v1/search?q=a&offset=9995&limit=10"),
        400,
        "too_deep",
        "deep page",
    );
    assert_error(
        &get("/api/v1/search?q=a&sort=x"),
        400,
        "invalid_parameter",
        "sort",
    );
    assert_error(
        &get("/api/v1/account/tokens"),
        401,
        "need_login",
        "anonymous",
    );
    let wrong = post(
        "/api/v1/account/login",
        "application/json",
        br#"{"username":"nobody","password":"wrong password"}"#,
    );
    assert_error(&wrong, 401, "wrong_password", "login");

    // What the HTTP layer refuses by itself.
    assert_error(&get("/api/v1/articles/abc"), 400, "bad_path", "path id");
    assert_error(
        &get("/api/v1/articles/99999999999999999999"),
        400,
        "bad_path",
        "path id past i64",
    );
    assert_error(
        &get("/api/v1/search?q=a&offset=-1"),
        400,
        "bad_query_string",
        "offset",
    );
    assert_error(
        &post("/api/v1/account/login", "application/json", b"{not json"),
        400,
        "bad_json",
        "malformed JSON",
    );
    assert_error(
        &post("/api/v1/account/login", "text/plain", b"{}"),
        415,
        "json_required",
        "no JSON content type",
    );
    assert_error(
        &post(
            "/api/v1/account/login",
            "application/json",
            br#"{"username":1}"#,
        ),
        422,
        "bad_json_fields",
        "wrong JSON type",
    );
    assert_error(
        &get("/api/v1/nothing-here"),
        404,
        "not_found",
        "unknown path",
    );
    assert_error(&get("/api/v1/search/"), 404, "not_found", "trailing slash");
    let wrong_method = send(&server, "DELETE", "/api/v1/search?q=a", &[], None);
    assert_error(&wrong_method, 405, "method_not_allowed", "method");
    assert!(
        wrong_method
            .header("allow")
            .is_some_and(|a| a.contains("GET"))
    );

    // The web pages keep their pages.
    let page = get("/no-such-page");
    assert_eq!(page.status, 404);
    assert!(
        page.header("content-type")
            .unwrap()
            .starts_with("text/html")
    );
}

#[test]
fn unchanged_answers_are_not_sent_twice_and_text_is_compressed() {
    let lib = Library::new();
    lib.import(&[&shared().join("samples/compilation-10.txt")]);
    let id = lib.articles()[0]["id"].as_i64().unwrap();
    let category = lib.show(id)["category"].as_str().unwrap().to_string();
    let server = start(&lib);
    let home = send(&server, "GET", "/", &[], None).text();
    let css = home
        .split('"')
        .find(|s| s.starts_with("/static/app.") && s.ends_with(".css"))
        .expect("the page links its stylesheet")
        .to_string();
    assert_ne!(css, "/static/app.css", "the address names the content");

    for path in [
        format!("/api/v1/articles/{id}"),
        format!("/articles/{id}"),
        format!("/feeds/{}.atom", encode(&category)),
        "/api/v1/openapi.json".to_string(),
        css.clone(),
    ] {
        let first = send(&server, "GET", &path, &[], None);
        assert_eq!(first.status, 200, "{path}");
        let tag = first
            .header("etag")
            .unwrap_or_else(|| panic!("{path}: no ETag"));
        assert!(
            tag.starts_with('"') && !tag.starts_with("W/"),
            "{path}: {tag}"
        );
        let again = send(&server, "GET", &path, &[("If-None-Match", &tag)], None);
        assert_eq!(again.status, 304, "{path}");
        assert!(again.body.is_empty(), "{path}");
        assert_eq!(again.header("etag").as_deref(), Some(tag.as_str()));
        let other = send(&server, "GET", &path, &[("If-None-Match", "\"0\"")], None);
        assert_eq!(
            (other.status, other.body.len()),
            (200, first.body.len()),
            "{path}"
        );
    }
    let static_file = send(&server, "GET", &css, &[], None);
    assert_eq!(
        static_file.header("cache-control").as_deref(),
        Some("public, max-age=31536000, immutable")
    );

    // A feed says when it last changed, and answers 304 to a caller who has that.
    let feed_path = format!("/feeds/{}.atom", encode(&category));
    let feed = send(&server, "GET", &feed_path, &[], None);
    let modified = feed.header("last-modified").expect("Last-Modified");
    let since = send(
        &server,
        "GET",
        &feed_path,
        &[("If-Modified-Since", &modified)],
        None,
    );
    assert_eq!(since.status, 304);
    let before = send(
        &server,
        "GET",
        &feed_path,
        &[("If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT")],
        None,
    );
    assert_eq!(before.status, 200);

    // Text is compressed for callers who take it: gzip and br.
    for (encoding, path) in [
        ("gzip", "/api/v1/openapi.json"),
        ("br", "/api/v1/openapi.json"),
        ("gzip", "/"),
    ] {
        let plain = send(&server, "GET", path, &[], None);
        let packed = send(&server, "GET", path, &[("Accept-Encoding", encoding)], None);
        assert_eq!(packed.status, 200);
        assert_eq!(
            packed.header("content-encoding").as_deref(),
            Some(encoding),
            "{path}"
        );
        assert!(
            packed.body.len() * 2 < plain.body.len(),
            "{path} {encoding}: {} of {} bytes",
            packed.body.len(),
            plain.body.len()
        );
        println!(
            "{path} as {encoding}: {} → {} bytes",
            plain.body.len(),
            packed.body.len()
        );
    }
}

/// Every family of `/metrics` with its HELP and TYPE, latency as a histogram, the library and
/// its members from the start; the exposition parses with the Prometheus client's own parser
/// (`prometheus-client` from PyPI, which `.ci/run` installs).
#[test]
fn metrics_describe_themselves_and_parse() {
    let lib = Library::new();
    lib.import(&[&shared().join("samples/compilation-10.txt")]);
    add_user(&lib, "member", Some("vip"));
    let server = start(&lib);
    send(
        &server,
        "GET",
        "/api/v1/search?q=%E4%BA%8C%E5%8D%81%E5%A4%A7",
        &[],
        None,
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let text = loop {
        let text = send(&server, "GET", "/metrics", &[], None).text();
        if text.contains("sucai_library_articles") || std::time::Instant::now() > deadline {
            break text;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    for (family, kind) in [
        ("sucai_http_requests_total", "counter"),
        ("sucai_http_request_duration_seconds", "histogram"),
        ("sucai_build_info", "gauge"),
        ("sucai_index_applied_seq", "gauge"),
        ("sucai_library_materials", "gauge"),
        ("sucai_library_articles", "gauge"),
        ("sucai_library_characters", "gauge"),
        ("sucai_members", "gauge"),
    ] {
        assert!(
            text.contains(&format!("# HELP {family} ")),
            "{family}:\n{text}"
        );
        assert!(
            text.contains(&format!("# TYPE {family} {kind}")),
            "{family}:\n{text}"
        );
    }
    assert!(text.contains("sucai_http_request_duration_seconds_bucket{"));
    assert!(text.contains("sucai_library_articles 10\n"), "{text}");
    assert!(text.contains("sucai_members{tier=\"vip\"} 1\n"), "{text}");
    assert!(text.contains("sucai_members{tier=\"svip\"} 0\n"), "{text}");
    assert!(text.contains("sucai_build_info{version=\""), "{text}");

    let mut parser = std::process::Command::new("python3")
        .args([
            "-c",
            "import sys\nfrom prometheus_client.parser import text_string_to_metric_families as parse\nfamilies = list(parse(sys.stdin.read()))\nprint(len(families))",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python3 runs");
    use std::io::Write;
    parser
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = parser.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "the Prometheus parser refused /metrics: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let families: usize = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
    assert!(families >= 8, "{families}");
}
