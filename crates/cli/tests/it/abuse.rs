//! The server as an attacker meets it: numbers that would size an allocation, answers that
//! would rebuild paid text one character at a time (search and 查重), logins guessed from one
//! address and in parallel, drafts that would carry paid text past the download allowance,
//! redirects off the site.

use crate::common::*;
use serde_json::{Value, json};
use std::collections::HashMap;

fn sample_library() -> Library {
    let lib = Library::new();
    lib.import(&[&shared().join("samples/compilation-10.txt")]);
    lib
}

/// A session: the cookie and the CSRF token its writes carry.
struct Session {
    cookie: String,
    csrf: String,
}

fn log_in(server: &Server, name: &str, password: &str) -> (u16, Option<Session>, String) {
    let creds = json!({ "username": name, "password": password }).to_string();
    let (status, head, body) = request(server, "POST", "/api/v1/account/login", &[], Some(&creds));
    let session = (status == 200).then(|| Session {
        cookie: head
            .lines()
            .find_map(|l| l.strip_prefix("set-cookie: "))
            .and_then(|c| c.split(';').next())
            .expect("a session cookie")
            .to_string(),
        csrf: serde_json::from_str::<Value>(&body).unwrap()["csrf_token"]
            .as_str()
            .unwrap()
            .to_string(),
    });
    (status, session, body)
}

fn call(
    server: &Server,
    method: &str,
    path: &str,
    session: Option<&Session>,
    body: Option<&Value>,
) -> (u16, String, String) {
    let headers: Vec<(&str, &str)> = match session {
        Some(s) => vec![("Cookie", &s.cookie), ("X-CSRF-Token", &s.csrf)],
        None => Vec::new(),
    };
    let body = body.map(Value::to_string);
    request(server, method, path, &headers, body.as_deref())
}

fn json_of(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

/// The first run of at least `len` Chinese characters in the paid part of an article, with
/// its id: what an attacker wants to read. Only ideographs, so that a query or a draft of it
/// means the same characters to search and to 查重.
fn paid_run(lib: &Library, len: usize) -> (i64, Vec<char>) {
    for a in lib.articles() {
        let id = a["id"].as_i64().unwrap();
        let shown = lib.show(id);
        let body: Vec<char> = text_of(&shown).chars().collect();
        let free = shown["access"]["free_chars"].as_u64().unwrap() as usize;
        let paid = &body[free.min(body.len())..];
        let mut run = Vec::new();
        for &c in paid {
            if ('\u{4e00}'..='\u{9fff}').contains(&c) {
                run.push(c);
                if run.len() == len {
                    return (id, run);
                }
            } else {
                run.clear();
            }
        }
    }
    panic!("the sample has no paid run of {len} characters");
}

/// Every Chinese character of the library, the most frequent first: the attacker's alphabet
/// (generous: it is drawn from the paid text too).
fn alphabet(lib: &Library) -> Vec<char> {
    let mut counts: HashMap<char, usize> = HashMap::new();
    for a in lib.articles() {
        let shown = lib.show(a["id"].as_i64().unwrap());
        for c in text_of(&shown).chars() {
            if ('\u{4e00}'..='\u{9fff}').contains(&c) {
                *counts.entry(c).or_default() += 1;
            }
        }
    }
    let mut chars: Vec<(char, usize)> = counts.into_iter().collect();
    chars.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    chars.into_iter().map(|(c, _)| c).collect()
}

/// The attacker's guessing loop: extends `known` one character at a time, asking `probe`
/// whether any of several candidate continuations stands in the target's paid text, first 32
/// at a time with a binary search inside a group that answers yes, then one at a time. Returns
/// how many characters it read correctly within `requests` probes.
fn attack(
    truth: &[char],
    start: usize,
    alphabet: &[char],
    requests: usize,
    mut probe: impl FnMut(&[char], &[char]) -> bool,
) -> usize {
    let mut known: Vec<char> = truth[..start].to_vec();
    let mut spent = 0;
    'next: while known.len() < truth.len() && spent < requests {
        // Groups of 32: a yes narrows by halves.
        for group in alphabet.chunks(32) {
            if spent >= requests {
                break 'next;
            }
            spent += 1;
            if !probe(&known, group) {
                continue;
            }
            let mut group = group;
            while group.len() > 1 && spent < requests {
                let (low, high) = group.split_at(group.len() / 2);
                spent += 1;
                group = if probe(&known, low) { low } else { high };
            }
            if group.len() == 1 {
                known.push(group[0]);
                continue 'next;
            }
        }
        // No group answered: one candidate at a time.
        for &c in alphabet {
            if spent >= requests {
                break 'next;
            }
            spent += 1;
            if probe(&known, &[c]) {
                known.push(c);
                continue 'next;
            }
        }
        break;
    }
    known[start..]
        .iter()
        .zip(&truth[start..])
        .take_while(|(a, b)| a == b)
        .count()
}

#[test]
fn numbers_a_caller_sends_never_size_an_allocation() {
    let lib = sample_library();
    let server = start(&lib);
    for path in [
        "/api/v1/search?q=%E6%B0%B4%E5%88%A9&offset=1000000000000",
        "/api/v1/search?q=%E6%B0%B4%E5%88%A9&offset=18446744073709551000",
        "/api/v1/search?q=%E6%B0%B4%E5%88%A9&offset=9995&limit=10",
        "/search?q=%E6%B0%B4%E5%88%A9&page=1000000000000",
        "/search?q=%E6%B0%B4%E5%88%A9&page=18446744073709551615",
    ] {
        let (status, _, body) = request(&server, "GET", path, &[], None);
        assert_eq!(status, 400, "{path}: {body}");
        assert!(body.contains("10000"), "{path}: the limit is said: {body}");
    }
    // The deepest page allowed answers, and the server still does.
    let (status, _, body) = request(
        &server,
        "GET",
        "/api/v1/search?q=%E6%B0%B4%E5%88%A9&offset=9900&limit=100",
        &[],
        None,
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(json_of(&body)["hits"], json!([]));
    assert_eq!(
        request(&server, "GET", "/healthz", &[], None).0,
        200,
        "the server is still up"
    );
}

/// Whether a search answer says the target article matched.
fn names(answer: &Value, target: i64) -> bool {
    answer["hits"]
        .as_array()
        .is_some_and(|h| h.iter().any(|h| h["id"] == target))
}

#[test]
fn searches_cannot_read_paid_text_by_guessing() {
    let lib = sample_library();
    let (target, truth) = paid_run(&lib, 30);
    let alphabet = alphabet(&lib);
    let server = start(&lib);

    // An honest reader still learns that a paid phrase matched (命中付费内容).
    let phrase: String = truth[..8].iter().collect();
    let (status, _, body) = request(
        &server,
        "GET",
        &format!("/api/v1/search?q={}", encode(&phrase)),
        &[],
        None,
    );
    assert_eq!(status, 200);
    let answer = json_of(&body);
    assert!(names(&answer, target), "{answer}");
    assert!(
        answer["hits"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["matched_in"] == "paid" && h["snippet"].is_null()),
        "{answer}"
    );

    // The attacker: 400 anonymous queries, 6 known characters to start from.
    let mut asked = 0;
    let recovered = attack(&truth, 6, &alphabet, 400, |known, candidates| {
        asked += 1;
        let known: String = known.iter().collect();
        let q = candidates
            .iter()
            .map(|c| format!("\"{known}{c}\""))
            .collect::<Vec<_>>()
            .join(" OR ");
        let (status, _, body) = request(
            &server,
            "GET",
            &format!("/api/v1/search?q={}&limit=100", encode(&q)),
            &[],
            None,
        );
        assert_eq!(status, 200, "{q}: {body}");
        names(&json_of(&body), target)
    });
    assert!(asked <= 400);
    eprintln!("search attacker: {recovered} paid characters read with {asked} searches");
    assert!(
        recovered < 4,
        "{recovered} paid characters read with {asked} searches"
    );

    // Its budget spent, an anonymous reader's answers no longer depend on paid text: a paid
    // phrase and a phrase found nowhere get the same answer.
    let (_, _, paid) = request(
        &server,
        "GET",
        &format!("/api/v1/search?q={}", encode(&phrase)),
        &[],
        None,
    );
    let (_, _, nowhere) = request(
        &server,
        "GET",
        &format!("/api/v1/search?q={}", encode("这句话在素材库中并不存在")),
        &[],
        None,
    );
    let (paid, nowhere) = (json_of(&paid), json_of(&nowhere));
    assert_eq!(paid["total"], 0, "{paid}");
    assert_eq!(paid, nowhere);
    assert!(paid["notice"].is_string());
}

#[test]
fn overlap_checks_cannot_read_paid_text_by_guessing() {
    let lib = sample_library();
    add_user(&lib, "fred", None);
    let (target, truth) = paid_run(&lib, 40);
    let alphabet = alphabet(&lib);
    let server = start(&lib);
    let (_, fred, _) = log_in(&server, "fred", "a good password");
    let fred = fred.expect("fred logs in");

    // The attacker: a free user, 300 checks of drafts of guesses, one a line: 12 known
    // characters and a guess make a run of 13, which the check finds wherever it stands.
    let mut asked = 0;
    let recovered = attack(&truth, 12, &alphabet, 300, |known, candidates| {
        asked += 1;
        let tail: String = known[known.len() - 12..].iter().collect();
        // A character no article holds between the guesses: the check compares text without
        // line breaks and punctuation, and a guess must not run into the next line's tail.
        let draft = candidates
            .iter()
            .map(|c| format!("{tail}{c}"))
            .collect::<Vec<_>>()
            .join("\n龘\n");
        let (status, _, body) = call(
            &server,
            "POST",
            "/api/v1/check",
            Some(&fred),
            Some(&json!({ "text": draft, "min_run": 13 })),
        );
        assert_eq!(status, 200, "{body}");
        let report = json_of(&body);
        let listed = |key: &str| {
            report[key]
                .as_array()
                .is_some_and(|s| s.iter().any(|s| s["id"] == target))
        };
        listed("sources") || listed("members_only") || report["hidden_chars"].as_u64() > Some(0)
    });
    assert!(asked <= 300);
    eprintln!("查重 attacker: {recovered} paid characters read with {asked} checks");
    assert!(
        recovered < 4,
        "{recovered} paid characters read with {asked} checks"
    );
}

/// The `Retry-After` of a response head, in seconds.
fn retry_after(head: &str) -> Option<u64> {
    head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case("retry-after")
            .then(|| v.trim().parse().ok())?
    })
}

fn log_in_from(server: &Server, name: &str, password: &str, from: &str) -> (u16, String) {
    let creds = json!({ "username": name, "password": password }).to_string();
    let (status, head, _) = request(
        server,
        "POST",
        "/api/v1/account/login",
        &[("X-Forwarded-For", from)],
        Some(&creds),
    );
    (status, head)
}

#[test]
fn login_limits_slow_the_guesser_and_nobody_else() {
    let lib = sample_library();
    for name in ["alice", "bob"] {
        add_user(&lib, name, None);
    }
    // Behind a proxy on this machine, which names the client in X-Forwarded-For.
    let server = start_with(&lib, &["--trusted-proxy", "127.0.0.1"]);

    // 12 parallel guesses at one account from one address: the attempts count before the
    // password is checked, so exactly 5 passwords are checked.
    let statuses: Vec<(u16, String)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..12)
            .map(|i| {
                let server = &server;
                s.spawn(move || log_in_from(server, "alice", &format!("guess {i}"), "203.0.113.9"))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let checked = statuses.iter().filter(|(s, _)| *s == 401).count();
    assert_eq!(checked, 5, "{statuses:?}");
    for (status, head) in &statuses {
        if *status == 429 {
            let wait = retry_after(head).expect("Retry-After on 429");
            assert!((1..=900).contains(&wait), "{wait}");
        }
    }
    // Even the right password waits, from there ...
    assert_eq!(
        log_in_from(&server, "alice", "a good password", "203.0.113.9").0,
        429
    );
    // ... but not from anywhere else.
    assert_eq!(
        log_in_from(&server, "alice", "a good password", "198.51.100.7").0,
        200
    );

    // One address guessing many accounts stops at 20 failures; the others log in.
    let mut statuses = Vec::new();
    for i in 0..25 {
        statuses.push(
            log_in_from(
                &server,
                &format!("user{i}"),
                "not the password",
                "192.0.2.50",
            )
            .0,
        );
    }
    assert_eq!(
        statuses.iter().filter(|&&s| s == 401).count(),
        20,
        "{statuses:?}"
    );
    assert_eq!(statuses[24], 429);
    assert_eq!(
        log_in_from(&server, "bob", "a good password", "198.51.100.8").0,
        200,
        "one address's guesses lock out nobody else"
    );

    // Names no account can have are refused before anything is counted or kept: a
    // megabyte-long name, 30 times from one address, never reaches the limit.
    let huge = "a".repeat(1 << 20);
    for _ in 0..30 {
        assert_eq!(
            log_in_from(&server, &huge, "whatever1", "192.0.2.77").0,
            401
        );
    }
}

#[test]
fn an_untrusted_client_cannot_choose_its_address() {
    let lib = sample_library();
    add_user(&lib, "alice", None);
    let server = start(&lib);
    // Without --trusted-proxy, X-Forwarded-For is ignored: a new address on every guess
    // does not reset the limit.
    let statuses: Vec<u16> = (0..8)
        .map(|i| log_in_from(&server, "alice", "wrong password", &format!("10.9.8.{i}")).0)
        .collect();
    assert_eq!(
        statuses.iter().filter(|&&s| s == 401).count(),
        5,
        "{statuses:?}"
    );
    assert_eq!(statuses[7], 429);
}

#[test]
fn slow_requests_stall_nobody_else() {
    let lib = sample_library();
    // One async worker: work done on it (argon2 takes tens of milliseconds a check) would
    // hold every other request until it ends.
    let server = start_with_env(
        &lib,
        &["--trusted-proxy", "127.0.0.1"],
        &[("TOKIO_WORKER_THREADS", "1")],
    );
    let started = std::time::Instant::now();
    let (logins, health) = std::thread::scope(|s| {
        // Unknown names from addresses of their own: each still costs a full password check.
        let logins: Vec<_> = (0..8)
            .map(|i| {
                let server = &server;
                s.spawn(move || {
                    let from = format!("203.0.113.{i}");
                    let (status, _) = log_in_from(server, &format!("nobody{i}"), "a guess", &from);
                    (status, started.elapsed())
                })
            })
            .collect();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let (status, _, body) = request(&server, "GET", "/healthz", &[], None);
        assert_eq!((status, body.as_str()), (200, "ok"));
        let health = started.elapsed();
        let logins: Vec<_> = logins.into_iter().map(|h| h.join().unwrap()).collect();
        (logins, health)
    });
    assert!(
        logins.iter().all(|(status, _)| *status == 401),
        "{logins:?}"
    );
    let first_login = logins.iter().map(|(_, at)| *at).min().unwrap();
    assert!(
        health < first_login,
        "the health check waited for the password checks: answered at {health:?}, \
         the first login at {first_login:?}"
    );
}

#[test]
fn forms_never_send_a_reader_off_the_site() {
    let lib = sample_library();
    add_user(&lib, "alice", None);
    let server = start(&lib);
    for next in [
        "/\t/evil.example/",
        "/account\nSet-Cookie: x=1",
        "//evil.example/",
    ] {
        let form = format!(
            "username=alice&password=a+good+password&next={}",
            encode(next)
        );
        let mut stream = std::net::TcpStream::connect(&server.addr).unwrap();
        use std::io::{Read, Write};
        write!(
            stream,
            "POST /login HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{form}",
            server.addr,
            form.len()
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let status = response.split(' ').nth(1).unwrap();
        assert_eq!(status, "303", "{next:?}: {response}");
        let location = response
            .lines()
            .find_map(|l| l.strip_prefix("location: "))
            .unwrap();
        assert_eq!(location, "/account", "{next:?}");
    }
}

/// The index of the first paragraph of an article that lies wholly in its paid part.
fn paid_paragraph(shown: &Value) -> usize {
    let free = shown["access"]["free_chars"].as_u64().unwrap() as usize;
    let mut at = 0;
    for (i, p) in shown["paragraphs"].as_array().unwrap().iter().enumerate() {
        if at >= free {
            return i;
        }
        at += p.as_str().unwrap().chars().count() + 1;
    }
    panic!("no paid paragraph: {shown}");
}

#[test]
fn drafts_carry_paid_text_only_within_the_allowance() {
    let lib = sample_library();
    // Three more speeches a VIP member reads, each with a paid part of its own.
    let dir = tempfile::tempdir().unwrap();
    let sample = lib.show(1);
    let paragraphs: Vec<String> = sample["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().chars().rev().collect())
        .collect();
    for k in 0..3 {
        let text = format!(
            "关于做好第{k}季度重点工作的讲话\n\n同志们：今天召开这次会议，主要任务是部署第{k}季度的重点工作。\n##paidbegin##{}\n{}\n##paidend##\n",
            paragraphs[2 * k],
            paragraphs[2 * k + 1]
        );
        std::fs::write(dir.path().join(format!("speech-{k}.txt")), text).unwrap();
    }
    lib.import(&[dir.path()]);
    add_user(&lib, "vera", Some("vip"));
    let articles = lib.articles();
    assert_eq!(articles.len(), 13);
    let server = start(&lib);
    let (_, vera, _) = log_in(&server, "vera", "a good password");
    let vera = vera.unwrap();

    // Nine of her ten downloads today: one left.
    let ids: Vec<i64> = articles.iter().map(|a| a["id"].as_i64().unwrap()).collect();
    let (status, head, _) = call(
        &server,
        "POST",
        "/api/v1/downloads",
        Some(&vera),
        Some(&json!({ "ids": ids[..9], "format": "txt" })),
    );
    assert_eq!(status, 200);
    assert!(head.contains("x-downloads-remaining: 1"), "{head}");
    // The same article three times is one article, charged once (and at most once a day).
    let (status, head, _) = call(
        &server,
        "POST",
        "/api/v1/downloads",
        Some(&vera),
        Some(&json!({ "ids": [ids[0], ids[0], ids[0]], "format": "md" })),
    );
    assert_eq!(status, 200, "{head}");
    assert!(head.contains("x-downloads-remaining: 1"), "{head}");

    // A basket of the paid paragraphs of the three new speeches, composed into a draft.
    let basket_of = |articles: &[i64]| -> i64 {
        let (_, _, body) = call(
            &server,
            "POST",
            "/api/v1/baskets",
            Some(&vera),
            Some(&json!({ "name": "素材" })),
        );
        let basket = json_of(&body)["id"].as_i64().unwrap();
        for &id in articles {
            let paragraph = paid_paragraph(&lib.show(id));
            let (status, _, body) = call(
                &server,
                "POST",
                &format!("/api/v1/baskets/{basket}/items"),
                Some(&vera),
                Some(&json!({ "article_id": id, "paragraph": paragraph })),
            );
            assert_eq!(status, 201, "{body}");
        }
        let (status, _, body) = call(
            &server,
            "POST",
            &format!("/api/v1/baskets/{basket}/compose"),
            Some(&vera),
            Some(&json!({ "title": "草稿" })),
        );
        assert_eq!(status, 201, "{body}");
        json_of(&body)["id"].as_i64().unwrap()
    };
    let download = |draft: i64, format: &str| {
        call(
            &server,
            "GET",
            &format!("/api/v1/drafts/{draft}/download?format={format}"),
            Some(&vera),
            None,
        )
    };
    let three = basket_of(&ids[10..13]);
    // Three articles' paid text with one download left: refused, nothing counted.
    for _ in 0..5 {
        let (status, _, body) = download(three, "docx");
        assert_eq!(status, 429, "{body}");
    }
    // One new article (and one taken today already): counted once, watermarked, in the ledger.
    let two = basket_of(&[ids[0], ids[10]]);
    let (status, head, body) = download(two, "txt");
    assert_eq!(status, 200, "{body}");
    assert!(head.contains("x-downloads-remaining: 0"), "{head}");
    assert!(body.contains("sucai 会员 #"), "the watermark: {body}");
    let (status, head, _) = download(two, "docx");
    assert_eq!(
        status, 200,
        "the same articles again today cost nothing more"
    );
    assert!(head.contains("x-downloads-remaining: 0"), "{head}");
    // The operator's ledger holds the draft's download, by article.
    Library::ok(
        lib.command()
            .env("SUCAI_PASSWORD", "a good password")
            .args(["user", "add", "root", "--admin"]),
    );
    let (_, root, _) = log_in(&server, "root", "a good password");
    let (_, _, me) = call(&server, "GET", "/api/v1/account", Some(&vera), None);
    let vera_id = json_of(&me)["id"].as_i64().unwrap();
    let (status, _, ledger) = call(
        &server,
        "GET",
        &format!("/api/v1/admin/downloads?user={vera_id}"),
        root.as_ref(),
        None,
    );
    assert_eq!(status, 200, "{ledger}");
    let ledger = json_of(&ledger);
    let rows = ledger.as_array().unwrap();
    assert!(
        rows.iter().any(|r| r["format"] == "txt"
            && r["article_ids"]
                .as_array()
                .unwrap()
                .contains(&json!(ids[10]))),
        "{ledger}"
    );
    assert_eq!(
        rows.iter()
            .filter(|r| r["article_ids"]
                .as_array()
                .unwrap()
                .contains(&json!(ids[11])))
            .count(),
        0,
        "refused downloads are not in the ledger: {ledger}"
    );

    // Her membership lapses: the basket keeps its items but not their paid text, and
    // neither composing nor downloading gives it back.
    Library::ok(
        lib.command()
            .args(["user", "grant", "vera", "--tier", "vip", "--days", "0"]),
    );
    let (status, _, body) = call(&server, "GET", "/api/v1/baskets", Some(&vera), None);
    assert_eq!(status, 200);
    let basket = json_of(&body)[0]["id"].as_i64().unwrap();
    let (status, _, body) = call(
        &server,
        "GET",
        &format!("/api/v1/baskets/{basket}"),
        Some(&vera),
        None,
    );
    assert_eq!(status, 200);
    for id in &ids[10..13] {
        let shown = lib.show(*id);
        let paid = shown["paragraphs"][paid_paragraph(&shown)]
            .as_str()
            .unwrap();
        let start: String = paid.chars().take(12).collect();
        assert!(
            !body.contains(&start),
            "a lapsed member's basket shows paid text: {body}"
        );
    }
    let (status, _, _) = call(
        &server,
        "POST",
        &format!("/api/v1/baskets/{basket}/compose"),
        Some(&vera),
        Some(&json!({ "title": "再来一份" })),
    );
    assert_eq!(status, 403);
    let (status, _, body) = download(two, "docx");
    assert_eq!(status, 403, "{body}");
}
