//! Accounts over HTTP against the real `sucai serve`: one name however it is typed, API tokens
//! listed and revoked by their owner only, a new password revoking every token, and a higher
//! tier redeemed running before the lower tier's days.

use crate::common::*;
use serde_json::{Value, json};

/// A logged-in browser: its cookie and CSRF token.
struct Browser {
    cookie: String,
    csrf: String,
}

fn json_of(status: u16, body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{status}: not JSON ({e}): {body}"))
}

fn session_cookie(head: &str) -> Option<String> {
    head.lines()
        .filter_map(|l| {
            l.strip_prefix("set-cookie: ")
                .or_else(|| l.strip_prefix("Set-Cookie: "))
        })
        .find_map(|c| c.strip_prefix("sucai_session="))
        .map(|c| c.split(';').next().unwrap().to_string())
}

fn credentials(name: &str, password: &str) -> String {
    json!({ "username": name, "password": password }).to_string()
}

impl Browser {
    fn log_in(server: &Server, name: &str, password: &str) -> Browser {
        let (status, head, body) = request(
            server,
            "POST",
            "/api/v1/account/login",
            &[],
            Some(&credentials(name, password)),
        );
        assert_eq!(status, 200, "{name}: {body}");
        Browser {
            cookie: format!("sucai_session={}", session_cookie(&head).unwrap()),
            csrf: json_of(status, &body)["csrf_token"]
                .as_str()
                .unwrap()
                .to_string(),
        }
    }

    fn get(&self, server: &Server, path: &str) -> (u16, String) {
        let (status, _, body) = request(server, "GET", path, &[("Cookie", &self.cookie)], None);
        (status, body)
    }

    /// A write with the cookie and the CSRF token.
    fn send(
        &self,
        server: &Server,
        method: &str,
        path: &str,
        body: Option<Value>,
    ) -> (u16, String) {
        let body = body.map(|b| b.to_string());
        let (status, _, body) = request(
            server,
            method,
            path,
            &[("Cookie", &self.cookie), ("X-CSRF-Token", &self.csrf)],
            body.as_deref(),
        );
        (status, body)
    }

    /// A new API token: the token and its id.
    fn new_token(&self, server: &Server, name: &str) -> (String, i64) {
        let (status, body) = self.send(
            server,
            "POST",
            "/api/v1/account/tokens",
            Some(json!({ "name": name })),
        );
        assert_eq!(status, 201, "{body}");
        let v = json_of(status, &body);
        (
            v["token"].as_str().unwrap().to_string(),
            v["id"].as_i64().unwrap(),
        )
    }
}

/// The status of `GET /api/v1/account` with a bearer token.
fn with_token(server: &Server, token: &str) -> u16 {
    let bearer = format!("Bearer {token}");
    request(
        server,
        "GET",
        "/api/v1/account",
        &[("Authorization", &bearer)],
        None,
    )
    .0
}

fn register(server: &Server, name: &str, password: &str) -> (u16, Value) {
    let (status, _, body) = request(
        server,
        "POST",
        "/api/v1/account/register",
        &[],
        Some(&credentials(name, password)),
    );
    (status, json_of(status, &body))
}

#[test]
fn one_name_however_it_is_typed_and_no_imitations() {
    let lib = Library::new();
    let server = start(&lib);
    let (status, made) = register(&server, "Admin", "a good password");
    assert_eq!(status, 201, "{made}");
    assert_eq!(made["username"], "admin", "stored folded");
    for twin in ["admin", "ＡＤＭＩＮ", "ａｄｍｉｎ"] {
        let (status, answer) = register(&server, twin, "another password");
        assert_eq!(status, 409, "{twin}: {answer}");
    }
    // Cyrillic а, Greek ο, a zero-width space: refused, and the answer says what is allowed.
    for fake in ["аdmin", "admοn", "ad\u{200B}min"] {
        let (status, answer) = register(&server, fake, "a good password");
        assert_eq!(status, 400, "{fake:?}: {answer}");
        assert!(
            answer["error"].as_str().unwrap().contains("a–z"),
            "{fake:?}: {answer}"
        );
    }
    // Logging in finds the account however its name is typed.
    for typed in ["admin", "ADMIN", "ａｄｍｉｎ"] {
        Browser::log_in(&server, typed, "a good password");
    }
    // The operator's command line too.
    Library::ok(lib.command().args([
        "user",
        "password",
        "ＡＤＭＩＮ",
        "--password",
        "set by the operator",
    ]));
    Browser::log_in(&server, "Admin", "set by the operator");
}

#[test]
fn tokens_are_listed_and_revoked_by_their_owner_and_a_new_password_revokes_them_all() {
    let lib = Library::new();
    let server = start(&lib);
    for name in ["alice", "bob"] {
        assert_eq!(register(&server, name, "a good password").0, 201);
    }
    let alice = Browser::log_in(&server, "alice", "a good password");
    let bob = Browser::log_in(&server, "bob", "a good password");
    let (laptop, laptop_id) = alice.new_token(&server, "laptop");
    let (backup, backup_id) = alice.new_token(&server, "backup");
    let (bobs, _) = bob.new_token(&server, "bob's script");
    for token in [&laptop, &backup, &bobs] {
        assert_eq!(with_token(&server, token), 200);
    }

    // The list: ids, names and times, never the tokens.
    let (status, body) = alice.get(&server, "/api/v1/account/tokens");
    assert_eq!(status, 200, "{body}");
    let listed = json_of(status, &body)["tokens"].clone();
    let listed = listed.as_array().unwrap();
    assert_eq!(
        listed
            .iter()
            .map(|t| (t["id"].as_i64().unwrap(), t["name"].as_str().unwrap()))
            .collect::<Vec<_>>(),
        [(laptop_id, "laptop"), (backup_id, "backup")]
    );
    assert!(listed.iter().all(|t| t["created_at"].is_i64()));
    assert!(!body.contains(&laptop) && !body.contains(&backup) && !body.contains("hash"));
    // Scripts list with their token too; anonymous callers cannot.
    let bearer = format!("Bearer {backup}");
    let (status, _, body) = request(
        &server,
        "GET",
        "/api/v1/account/tokens",
        &[("Authorization", &bearer)],
        None,
    );
    assert_eq!(
        (
            status,
            json_of(status, &body)["tokens"].as_array().unwrap().len()
        ),
        (200, 2)
    );
    assert_eq!(
        request(&server, "GET", "/api/v1/account/tokens", &[], None).0,
        401
    );

    // Someone else's token is not found, and stays.
    let alices_laptop = format!("/api/v1/account/tokens/{laptop_id}");
    assert_eq!(bob.send(&server, "DELETE", &alices_laptop, None).0, 404);
    assert_eq!(with_token(&server, &laptop), 200);
    // A write with the cookie needs the CSRF token.
    let (status, _, _) = request(
        &server,
        "DELETE",
        &alices_laptop,
        &[("Cookie", &alice.cookie)],
        None,
    );
    assert_eq!(status, 403);
    assert_eq!(with_token(&server, &laptop), 200);

    // The owner revokes it: it stops working at once, the other goes on.
    assert_eq!(alice.send(&server, "DELETE", &alices_laptop, None).0, 204);
    assert_eq!(with_token(&server, &laptop), 401);
    assert_eq!(with_token(&server, &backup), 200);
    assert_eq!(alice.send(&server, "DELETE", &alices_laptop, None).0, 404);

    // A new password ends the sessions and revokes every token of the user, no one else's.
    let (status, body) = alice.send(
        &server,
        "POST",
        "/api/v1/account/password",
        Some(json!({ "old": "a good password", "new": "a new password" })),
    );
    assert_eq!(status, 204, "{body}");
    assert_eq!(with_token(&server, &backup), 401);
    assert_eq!(alice.get(&server, "/api/v1/account").0, 401);
    assert_eq!(with_token(&server, &bobs), 200);
    let alice = Browser::log_in(&server, "alice", "a new password");
    let (status, body) = alice.get(&server, "/api/v1/account/tokens");
    assert_eq!(json_of(status, &body)["tokens"], json!([]));

    // So does the operator's reset.
    Library::ok(lib.command().args([
        "user",
        "password",
        "Bob",
        "--password",
        "set by the operator",
    ]));
    assert_eq!(with_token(&server, &bobs), 401);
}

#[test]
fn a_higher_tier_runs_first_and_the_lower_days_wait() {
    let lib = Library::new();
    let code = |tier: &str, days: &str| {
        lib.json(&["code", "new", "--tier", tier, "--days", days, "--json"])["codes"][0]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (vip, svip) = (code("vip", "30"), code("svip", "1"));
    let server = start(&lib);
    assert_eq!(register(&server, "carol", "a good password").0, 201);
    let carol = Browser::log_in(&server, "carol", "a good password");
    for c in [&vip, &svip] {
        let (status, body) = carol.send(
            &server,
            "POST",
            "/api/v1/account/redeem",
            Some(json!({ "code": c })),
        );
        assert_eq!(status, 200, "{body}");
    }
    let (status, body) = carol.get(&server, "/api/v1/account");
    let m = json_of(status, &body)["membership"].clone();
    assert_eq!(
        (m["tier"].as_str(), m["active"].as_bool()),
        (Some("svip"), Some(true)),
        "{m}"
    );
    let queued = m["queued"].as_array().unwrap();
    assert_eq!(queued.len(), 1, "{m}");
    assert_eq!(queued[0]["tier"], "vip");
    assert_eq!(queued[0]["starts_at"], m["expires_at"]);
    let days =
        (queued[0]["expires_at"].as_i64().unwrap() - m["expires_at"].as_i64().unwrap()) / 86_400;
    assert!((29..=30).contains(&days), "the VIP days wait whole: {m}");
    // The account page shows what follows.
    let (_, page) = carol.get(&server, "/account");
    assert!(page.contains("之后：VIP 会员"), "{page}");
}
