//! `sucai backup` and `sucai restore`: a backup taken while the library serves, restored into
//! another data folder, serves the same search results and the same accounts.

use crate::common::*;
use serde_json::Value;

/// The ids and total of a search, in order.
fn search(lib: &Library, query: &str) -> (u64, Vec<i64>) {
    let found = lib.json(&["search", query, "--json", "--all"]);
    let ids = found["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_i64().unwrap())
        .collect();
    (found["total"].as_u64().unwrap(), ids)
}

/// Logs in over HTTP and reads the account: its name and membership tier.
fn account(server: &Server, name: &str, password: &str) -> Value {
    let body = serde_json::json!({ "username": name, "password": password }).to_string();
    let (status, head, text) = request(server, "POST", "/api/v1/account/login", &[], Some(&body));
    assert_eq!(status, 200, "{text}");
    let cookie = head
        .lines()
        .find_map(|l| {
            let (k, v) = l.split_once(": ")?;
            (k.eq_ignore_ascii_case("set-cookie") && v.starts_with("sucai_session="))
                .then(|| v.split(';').next().unwrap().to_string())
        })
        .expect("a session cookie");
    let (status, _, text) = request(
        server,
        "GET",
        "/api/v1/account",
        &[("Cookie", &cookie)],
        None,
    );
    assert_eq!(status, 200, "{text}");
    serde_json::from_str(&text).unwrap()
}

#[test]
fn a_restored_backup_serves_the_same_results_and_accounts() {
    let lib = Library::new();
    lib.import(&[&shared().join("samples/compilation-10.txt")]);
    Library::ok(
        lib.command()
            .env("SUCAI_PASSWORD", "a good password")
            .args(["user", "add", "reader"]),
    );
    Library::ok(
        lib.command()
            .args(["user", "grant", "reader", "--tier", "vip", "--days", "30"]),
    );
    let before = search(&lib, "二十大");
    assert!(before.0 >= 5, "{before:?}");
    let member = {
        let server = start(&lib);
        account(&server, "reader", "a good password")
    };

    // Taken while the library serves.
    let backup = lib.dir.path().join("backup");
    {
        let _server = start(&lib);
        Library::ok(lib.command().arg("backup").arg(&backup));
    }
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(backup.join("manifest.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["format"], "sucai-backup");
    assert_eq!(manifest["counts"]["materials"], 1);
    assert_eq!(manifest["counts"]["articles"], 10);
    assert_eq!(manifest["counts"]["users"], 1);
    // A backup folder is never overwritten.
    let again = lib.run(&["backup", backup.to_str().unwrap()]);
    assert!(!again.status.success());

    let restored = Library::new();
    Library::ok(restored.command().arg("restore").arg(&backup));
    assert_eq!(search(&restored, "二十大"), before);
    assert_eq!(search(&restored, "水利"), search(&lib, "水利"));
    assert_eq!(restored.stats()["articles"], 10);
    assert_eq!(
        restored
            .command()
            .arg("original")
            .arg("1")
            .output()
            .unwrap()
            .stdout,
        std::fs::read(shared().join("samples/compilation-10.txt")).unwrap(),
        "the original bytes come back"
    );
    let server = start(&restored);
    let back = account(&server, "reader", "a good password");
    assert_eq!(back, member);
    assert_eq!(back["membership"]["tier"], "vip", "{back}");
    drop(server);

    // A library that holds something is replaced only with --force.
    let other = Library::new();
    let note = other.dir.path().join("note.txt");
    std::fs::write(
        &note,
        "一份别的材料\n\n这是另一个素材库里的一篇短文，内容与样本无关。\n",
    )
    .unwrap();
    other.import(&[&note]);
    let refused = other.run(&["restore", backup.to_str().unwrap()]);
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("--force"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    assert_eq!(other.stats()["materials"], 1);
    assert_eq!(search(&other, "二十大").0, 0);
    Library::ok(other.command().args(["restore", "--force"]).arg(&backup));
    assert_eq!(search(&other, "二十大"), before);
    assert_eq!(search(&other, "另一个素材库").0, 0);

    // Not a backup: refused with a reason.
    let not_backup = other.run(&["restore", lib.data().to_str().unwrap(), "--force"]);
    assert!(!not_backup.status.success());
    assert!(String::from_utf8_lossy(&not_backup.stderr).contains("not a sucai backup"));
}
