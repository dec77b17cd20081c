//! Two `sucai serve` processes on one PostgreSQL database (the server on 127.0.0.1, a database
//! made for the test): what is imported through one is found through the other, a session
//! opened on one works on the other, allowances stay exact across both, and a server that was
//! down catches up when it starts.

use crate::common::*;
use std::process::Command;
use std::time::{Duration, Instant};

/// A new database on the PostgreSQL server on 127.0.0.1 (as `postgres`), dropped after.
struct ScratchDatabase {
    name: String,
    url: String,
}

fn psql(sql: &str) {
    let out = Command::new("psql")
        .args([
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-d",
            "test",
            "-v",
            "ON_ERROR_STOP=1",
        ])
        .args(["-c", sql])
        .output()
        .expect("psql runs (PostgreSQL's client)");
    assert!(
        out.status.success(),
        "{sql}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

impl ScratchDatabase {
    fn new() -> Self {
        let name = format!("sucai_servers_{}", std::process::id());
        psql(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        psql(&format!("CREATE DATABASE {name}"));
        ScratchDatabase {
            url: format!("postgres://postgres@127.0.0.1/{name}"),
            name,
        }
    }
}

impl Drop for ScratchDatabase {
    fn drop(&mut self) {
        let _ = Command::new("psql")
            .args(["-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-c"])
            .arg(format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ))
            .output();
    }
}

fn total(server: &Server, query: &str) -> u64 {
    let (status, _, body) = request(
        server,
        "GET",
        &format!("/api/v1/search?q={}", encode(query)),
        &[],
        None,
    );
    assert_eq!(status, 200, "{body}");
    serde_json::from_str::<serde_json::Value>(&body).unwrap()["total"]
        .as_u64()
        .unwrap()
}

/// Logs in on `server`: the cookie and CSRF token of the session.
fn log_in(server: &Server, name: &str, password: &str) -> (String, String) {
    let body = serde_json::json!({ "username": name, "password": password }).to_string();
    let (status, head, body) = request(server, "POST", "/api/v1/account/login", &[], Some(&body));
    assert_eq!(status, 200, "{body}");
    let cookie = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .starts_with("set-cookie:")
                .then(|| l[11..].trim())
        })
        .and_then(|c| c.split(';').next())
        .unwrap()
        .to_string();
    let csrf = serde_json::from_str::<serde_json::Value>(&body).unwrap()["csrf_token"]
        .as_str()
        .unwrap()
        .to_string();
    (cookie, csrf)
}

fn download(server: &Server, session: &(String, String), id: i64) -> u16 {
    let body = serde_json::json!({ "ids": [id], "format": "txt" }).to_string();
    request(
        server,
        "POST",
        "/api/v1/downloads",
        &[("Cookie", &session.0), ("X-CSRF-Token", &session.1)],
        Some(&body),
    )
    .0
}

#[test]
fn two_servers_share_one_postgresql_library() {
    let db = ScratchDatabase::new();
    let a = Library::on_database(&db.url);
    let b = Library::on_database(&db.url);
    Library::ok(
        a.command()
            .env("SUCAI_PASSWORD", "member password")
            .args(["user", "add", "mia"]),
    );
    Library::ok(
        a.command()
            .args(["user", "grant", "mia", "--tier", "vip", "--days", "30"]),
    );
    let server_a = start(&a);
    let mut server_b = start(&b);

    // Imported through A's installation, found through both servers within 2 s.
    let sample = shared().join("samples/compilation-10.txt");
    let started = Instant::now();
    a.import(&[&sample]);
    let imported = started.elapsed();
    while total(&server_a, "党的二十大") == 0 || total(&server_b, "党的二十大") == 0 {
        assert!(
            started.elapsed() < imported + Duration::from_secs(2),
            "A's import was not found through both servers within 2 s"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(
        total(&server_a, "党的二十大"),
        total(&server_b, "党的二十大")
    );

    // A session opened on A works on B.
    let ids: Vec<i64> = a
        .articles()
        .iter()
        .map(|x| x["id"].as_i64().unwrap())
        .collect();
    let session = log_in(&server_a, "mia", "member password");
    assert_eq!(download(&server_b, &session, ids[0]), 200);

    // 20 parallel downloads of the ten articles, split across A and B, with 9 units left.
    let statuses: Vec<u16> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..20)
            .map(|i| {
                let server = if i % 2 == 0 { &server_a } else { &server_b };
                let session = &session;
                let id = ids[i % ids.len()];
                s.spawn(move || download(server, session, id))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    // Each article is charged once however many ask for it on either server: the nine not
    // taken yet fit the nine units left, so every download succeeds.
    assert!(statuses.iter().all(|&s| s == 200), "{statuses:?}");

    // B is down while A's installation imports 100 files; started again, B finds all 100.
    drop(server_b);
    let folder = a.dir.path().join("batch");
    std::fs::create_dir_all(&folder).unwrap();
    for n in 0..100 {
        std::fs::write(
            folder.join(format!("{n:03}.txt")),
            format!("停机期间的第{n}号通知\n\n各单位：停机补课测试材料第{n}号，请按要求落实防汛抗旱各项工作。\n"),
        )
        .unwrap();
    }
    let report = a.import(&[&folder]);
    assert_eq!(report["summary"]["imported"], 100, "{report}");
    let imported = Instant::now();
    server_b = start(&b);
    // B caught up before it began to serve; A follows within 2 s as always.
    assert_eq!(total(&server_b, "停机补课测试材料"), 100);
    while total(&server_a, "停机补课测试材料") != 100 {
        assert!(imported.elapsed() < Duration::from_secs(2), "A fell behind");
        std::thread::sleep(Duration::from_millis(50));
    }
    drop(server_b);
}
