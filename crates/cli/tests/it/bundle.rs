//! `sucai bundle`: the day's articles as Word files, one zip per tier with an index, and the
//! day's summary posted to a webhook.

use crate::common::*;
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::Path;
use sucai_services::clock::beijing_day;

/// The categories VIP covers (the `tiers` table); SVIP covers every category.
const VIP: [&str; 6] = ["讲话", "研讨发言", "心得体会", "汇报", "总结", "方案"];

/// A library with the sample imported, and the Beijing day it was imported on.
fn sample_library() -> (Library, String) {
    let lib = Library::new();
    let report = lib.import(&[&shared().join("samples/compilation-10.txt")]);
    let material_id = report["files"][0]["material_id"].as_i64().unwrap();
    let material = lib.json(&["material", &material_id.to_string(), "--json"]);
    let day = beijing_day(material["imported_at"].as_i64().unwrap());
    (lib, day)
}

fn read_zip(path: &Path) -> Vec<(String, Vec<u8>)> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut content = Vec::new();
            file.read_to_end(&mut content).unwrap();
            (file.name().unwrap().to_string(), content)
        })
        .collect()
}

/// The text of a Word file's body.
fn document_xml(docx: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

#[test]
fn the_days_articles_are_bundled_per_tier_with_an_index() {
    let (lib, day) = sample_library();
    let articles = lib.articles();
    assert_eq!(articles.len(), 10);
    let out = lib.dir.path().join("drive");
    let summary = lib.json(&[
        "bundle",
        "--date",
        &day,
        "-o",
        out.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(summary["date"], day.as_str());
    assert_eq!(summary["articles"], 10);

    let tiers = summary["tiers"].as_array().unwrap();
    let names: Vec<&str> = tiers.iter().map(|t| t["tier"].as_str().unwrap()).collect();
    assert!(
        names.contains(&"vip") && names.contains(&"svip"),
        "{names:?}"
    );
    for tier in tiers {
        let name = tier["tier"].as_str().unwrap();
        let expected: Vec<&Value> = articles
            .iter()
            .filter(|a| name == "svip" || VIP.contains(&a["category"].as_str().unwrap()))
            .collect();
        assert_eq!(tier["count"], expected.len(), "{name}");
        assert_eq!(tier["file"], format!("sucai-{day}-{name}.zip"));

        let entries = read_zip(&out.join(tier["file"].as_str().unwrap()));
        assert_eq!(
            entries.len(),
            expected.len() + 1,
            "{name}: the files and the index"
        );
        let index = entries
            .iter()
            .find(|(n, _)| n == "index.txt")
            .expect("an index");
        let index = String::from_utf8(index.1.clone()).unwrap();
        let lines: Vec<&str> = index.lines().collect();
        assert!(
            lines[0].contains(&day) && lines[0].contains(name),
            "{index}"
        );
        assert_eq!(lines.len(), expected.len() + 2, "{index}");
        for (a, line) in expected.iter().zip(&lines[2..]) {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields[0], a["id"].to_string(), "{line}");
            assert_eq!(fields[1], a["title"].as_str().unwrap());
            assert_eq!(fields[2], a["category"].as_str().unwrap());
            assert_eq!(fields[3], a["chars"].to_string());
            // The listed file is in the zip: a Word file of the whole article, paid part too.
            let (_, docx) = entries
                .iter()
                .find(|(n, _)| n == fields[4])
                .unwrap_or_else(|| panic!("{} is not in the zip", fields[4]));
            let xml = document_xml(docx);
            let full = lib.show(a["id"].as_i64().unwrap());
            let last = full["paragraphs"].as_array().unwrap().last().unwrap();
            assert!(
                xml.contains(last.as_str().unwrap()),
                "{}: the last paragraph is missing",
                fields[4]
            );
        }
    }
    // SVIP holds every article, VIP fewer (the sample has categories VIP does not cover).
    let count = |tier: &str| tiers.iter().find(|t| t["tier"] == tier).unwrap()["count"].clone();
    assert_eq!(count("svip"), 10);

    // A day without new materials: the zips hold an index saying so.
    let empty = lib.json(&[
        "bundle",
        "--date",
        "2001-01-01",
        "-o",
        out.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(empty["articles"], 0);
    let entries = read_zip(&out.join("sucai-2001-01-01-svip.zip"));
    assert_eq!(entries.len(), 1);

    let bad = lib.run(&[
        "bundle",
        "--date",
        "2026-02-30",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not a date"));
}

/// Listens for one HTTP request, answers with `status`, and hands back the request's body.
fn webhook(status: &'static str) -> (String, std::thread::JoinHandle<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hooks/daily", listener.local_addr().unwrap());
    let handle = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(stream);
        let mut head = String::new();
        let mut length = 0;
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = v.trim().parse().unwrap();
            }
            head.push_str(&line);
            if line == "\r\n" {
                break;
            }
        }
        assert!(head.starts_with("POST /hooks/daily HTTP/1.1"), "{head}");
        assert!(
            head.to_ascii_lowercase()
                .contains("content-type: application/json"),
            "{head}"
        );
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        let mut stream = reader.into_inner();
        write!(
            stream,
            "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        String::from_utf8(body).unwrap()
    });
    (url, handle)
}

#[test]
fn the_webhook_gets_the_days_summary_without_text() {
    let (lib, day) = sample_library();
    let articles = lib.articles();
    let out = lib.dir.path().join("drive");

    let (url, hook) = webhook("204 No Content");
    Library::ok(lib.command().args([
        "bundle",
        "--date",
        &day,
        "-o",
        out.to_str().unwrap(),
        "--notify",
        &url,
    ]));
    let body = hook.join().unwrap();
    let sent: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(sent["date"], day.as_str());
    assert_eq!(sent["articles"], 10);
    let svip = sent["tiers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["tier"] == "svip")
        .unwrap();
    assert_eq!(svip["count"], 10);
    assert_eq!(svip["file"], format!("sucai-{day}-svip.zip"));
    let mut ids: Vec<i64> = svip["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect();
    ids.sort_unstable();
    let mut expected: Vec<i64> = articles.iter().map(|a| a["id"].as_i64().unwrap()).collect();
    expected.sort_unstable();
    assert_eq!(ids, expected);
    for a in svip["articles"].as_array().unwrap() {
        let listed = articles.iter().find(|b| b["id"] == a["id"]).unwrap();
        assert_eq!(a["title"], listed["title"]);
    }
    // Metadata only: no paragraph of any article is in it.
    for a in &articles {
        let full = lib.show(a["id"].as_i64().unwrap());
        for p in full["paragraphs"].as_array().unwrap() {
            let p = p.as_str().unwrap();
            if p.chars().count() >= 20 {
                assert!(!body.contains(p), "the webhook was sent text: {p}");
            }
        }
    }

    // A webhook that fails is reported, and the bundle stays.
    let again = lib.dir.path().join("drive2");
    let (url, hook) = webhook("500 Internal Server Error");
    let failed = lib.run(&[
        "bundle",
        "--date",
        &day,
        "-o",
        again.to_str().unwrap(),
        "--notify",
        &url,
    ]);
    hook.join().unwrap();
    assert!(!failed.status.success());
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(stderr.contains("webhook"), "{stderr}");
    assert!(again.join(format!("sucai-{day}-vip.zip")).is_file());
    assert!(again.join(format!("sucai-{day}-svip.zip")).is_file());
}
