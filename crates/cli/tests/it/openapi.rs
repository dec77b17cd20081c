//! The OpenAPI document (`/api/v1/openapi.json`) checked by clients nobody here wrote:
//! Schemathesis (PyPI `schemathesis`, pinned in `.ci/run`) sends generated requests to a real
//! `sucai serve` on the sample library, anonymously, with a member's API token and with a token
//! nobody was given, with every check on; Redocly (`tools/checkers`, from npm) lints the
//! document. Either tool missing fails the test: a contract nobody checks is no contract.

use crate::common::*;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The version `.ci/run` installs; another one generates other requests from the same seed.
const SCHEMATHESIS: &str = "4.32.5";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A library of the sample's 10 articles with a member (`vip`), and an API token of theirs.
fn sample_with_member() -> (Library, Server, String) {
    let lib = Library::new();
    lib.import(&[&shared().join("samples/compilation-10.txt")]);
    add_user(&lib, "member", Some("vip"));
    let server = start(&lib);
    let credentials = json!({ "username": "member", "password": "a good password" });
    let (status, head, body) = request(
        &server,
        "POST",
        "/api/v1/account/login",
        &[],
        Some(&credentials.to_string()),
    );
    assert_eq!(status, 200, "{body}");
    let cookie = head
        .lines()
        .find(|l| {
            l.to_ascii_lowercase()
                .starts_with("set-cookie: sucai_session=")
        })
        .and_then(|l| l.split_once(": "))
        .map(|(_, c)| c.split(';').next().unwrap().to_string())
        .expect("a session cookie");
    let csrf = serde_json::from_str::<Value>(&body).unwrap()["csrf_token"]
        .as_str()
        .unwrap()
        .to_string();
    let (status, _, body) = request(
        &server,
        "POST",
        "/api/v1/account/tokens",
        &[("Cookie", &cookie), ("X-CSRF-Token", &csrf)],
        Some(&json!({ "name": "schemathesis" }).to_string()),
    );
    assert_eq!(status, 201, "{body}");
    let token = serde_json::from_str::<Value>(&body).unwrap()["token"]
        .as_str()
        .unwrap()
        .to_string();
    (lib, server, token)
}

/// Runs Schemathesis against `server`, with `headers`; panics with its report on any failure.
fn schemathesis(server: &Server, headers: &[String], name: &str) {
    let version = Command::new("schemathesis").arg("--version").output();
    let version = match version {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout).into_owned(),
        _ => panic!(
            "schemathesis is missing: `python3 -m pip install schemathesis=={SCHEMATHESIS}` \
             (.ci/run does it)"
        ),
    };
    assert!(
        version.contains(SCHEMATHESIS),
        "schemathesis {SCHEMATHESIS} is pinned, found {version}"
    );
    let reports = tempfile::tempdir().unwrap();
    let mut cmd = Command::new("schemathesis");
    // Its cache (`.schemathesis/`) goes to the temporary folder, not into the repository.
    cmd.current_dir(reports.path())
        .arg("--config-file")
        .arg(workspace().join("tools/schemathesis/schemathesis.toml"))
        .arg("run")
        .arg(format!("http://{}/api/v1/openapi.json", server.addr))
        .arg("--url")
        .arg(format!("http://{}", server.addr))
        // Every check, the same requests every run, a bounded number of them; one worker:
        // Hypothesis's parallel workers can trip over each other in CPython 3.11.
        .args(["--checks", "all", "--seed", "1", "--max-examples", "10"])
        .args(["--workers", "1", "--request-timeout", "30"])
        .arg("--report-junit-path")
        .arg(reports.path().join(format!("{name}.xml")))
        .env("SCHEMATHESIS_TELEMETRY", "false")
        .env("NO_COLOR", "1");
    for header in headers {
        cmd.args(["--header", header]);
    }
    let out = cmd.output().expect("schemathesis runs");
    let report = String::from_utf8_lossy(&out.stdout);
    // The report's end: operations, test cases and the verdict.
    let summary: Vec<&str> = report
        .lines()
        .map(str::trim)
        .filter(|l| {
            l.starts_with("Tested:")
                || l.contains(" generated, ")
                || (l.starts_with("===") && l.contains(" in "))
        })
        .collect();
    eprintln!("schemathesis ({name}): {}", summary.join(" | "));
    assert!(
        out.status.success() && report.contains("passed") && !report.contains("failures"),
        "schemathesis ({name}) found failures:\n{report}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn schemathesis_finds_no_failure_anonymously_as_a_member_or_with_a_bad_token() {
    let (_lib, server, token) = sample_with_member();
    schemathesis(&server, &[], "anonymous");
    schemathesis(
        &server,
        &[format!("Authorization: Bearer {token}")],
        "member",
    );
    // A token nobody was given: every operation that reads the caller answers the documented
    // 401, the others answer as to anyone.
    schemathesis(
        &server,
        &["Authorization: Bearer not-a-token".to_string()],
        "bad token",
    );
}

#[test]
fn redocly_lints_the_document_without_errors() {
    let redocly = workspace().join("tools/checkers/node_modules/.bin/redocly");
    assert!(
        redocly.is_file(),
        "Redocly is missing: run `npm ci --prefix tools/checkers`"
    );
    let out = Command::new(&redocly)
        .current_dir(workspace())
        .args([
            "lint",
            "crates/server/src/openapi.json",
            "--format",
            "stylish",
        ])
        .env("REDOCLY_TELEMETRY", "off")
        .env("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true")
        .env("NO_COLOR", "1")
        .output()
        .expect("redocly runs");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "Redocly found errors:\n{said}");
}
