//! Running the real `sucai` binary against a data folder of its own.
#![allow(dead_code)]

use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

/// The shared folder beside the repository: samples, fixtures, corpus.
pub fn shared() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    assert!(
        dir.join("samples").is_dir(),
        "the shared folder is missing at {}",
        dir.display()
    );
    dir
}

pub struct Library {
    pub dir: tempfile::TempDir,
    /// A PostgreSQL database for the records instead of SQLite in the data folder.
    pub database: Option<String>,
}

impl Library {
    pub fn new() -> Self {
        Library {
            dir: tempfile::tempdir().expect("a temporary folder"),
            database: None,
        }
    }

    /// A library (a data folder of its own: the index) whose records are in `database`.
    pub fn on_database(database: &str) -> Self {
        Library {
            database: Some(database.to_string()),
            ..Library::new()
        }
    }

    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn command(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_sucai"));
        cmd.arg("--data").arg(self.data());
        if let Some(database) = &self.database {
            cmd.arg("--database").arg(database);
        }
        cmd
    }

    /// Runs `cmd`, which must succeed.
    pub fn ok(cmd: &mut Command) -> Output {
        let out = cmd.output().expect("sucai runs");
        assert!(
            out.status.success(),
            "{cmd:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// The shared corpus written out as .txt files (`sucai corpus`), one folder per source.
    pub fn corpus(&self) -> PathBuf {
        let out = self.dir.path().join("corpus");
        Library::ok(
            self.command()
                .args(["corpus", "--from"])
                .arg(shared().join("corpus"))
                .arg("--out")
                .arg(&out),
        );
        out
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command().args(args).output().expect("sucai runs")
    }

    /// Runs a command that must succeed and print JSON.
    pub fn json(&self, args: &[&str]) -> Value {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "sucai {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "sucai {args:?} printed no JSON ({e}): {}",
                String::from_utf8_lossy(&out.stdout)
            )
        })
    }

    pub fn import(&self, paths: &[&Path]) -> Value {
        let mut args = vec!["import", "--json"];
        let paths: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        args.extend(paths.iter().map(String::as_str));
        self.json(&args)
    }

    pub fn articles(&self) -> Vec<Value> {
        self.json(&["list", "--json"])["articles"]
            .as_array()
            .expect("articles")
            .clone()
    }

    pub fn show(&self, id: i64) -> Value {
        self.json(&["show", &id.to_string(), "--json"])
    }

    pub fn stats(&self) -> Value {
        self.json(&["stats", "--json"])
    }
}

/// Adds an account with the password "a good password", and a membership of `tier` for 30 days.
pub fn add_user(lib: &Library, name: &str, tier: Option<&str>) {
    Library::ok(
        lib.command()
            .env("SUCAI_PASSWORD", "a good password")
            .args(["user", "add", name]),
    );
    if let Some(tier) = tier {
        Library::ok(
            lib.command()
                .args(["user", "grant", name, "--tier", tier, "--days", "30"]),
        );
    }
}

/// The report line of the file whose path ends with `name`.
pub fn file_line<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["files"]
        .as_array()
        .expect("files")
        .iter()
        .find(|f| f["path"].as_str().is_some_and(|p| p.ends_with(name)))
        .unwrap_or_else(|| panic!("no report line for {name}: {report}"))
}

/// An article's paragraphs joined into one text.
pub fn text_of(article: &Value) -> String {
    article["paragraphs"]
        .as_array()
        .expect("paragraphs")
        .iter()
        .map(|p| p.as_str().expect("a paragraph"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A `sucai serve` on a free loopback port, stopped when dropped.
pub struct Server {
    child: Child,
    pub addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `sucai serve` on `lib` and waits until it listens.
pub fn start(lib: &Library) -> Server {
    start_with(lib, &[])
}

/// Starts `sucai serve` on `lib` with more arguments (`--inbox DIR`) and waits until it listens.
pub fn start_with(lib: &Library, args: &[&str]) -> Server {
    start_with_env(lib, args, &[])
}

/// The same, with environment variables (and none of the caller's `SUCAI_PUBLIC_URL`).
pub fn start_with_env(lib: &Library, args: &[&str], env: &[(&str, &str)]) -> Server {
    let mut command = lib.command();
    command
        .args(["serve", "--addr", "127.0.0.1:0"])
        .args(args)
        .env_remove("SUCAI_PUBLIC_URL")
        .envs(env.iter().copied())
        .stderr(Stdio::piped());
    let mut child = command.spawn().unwrap();
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

/// Percent-encodes `s` for a URL's query.
pub fn encode(s: &str) -> String {
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

/// One HTTP/1.1 request over a fresh connection: the status, the head and the body.
pub fn request(
    server: &Server,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    json_body: Option<&str>,
) -> (u16, String, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(&server.addr).unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n",
        server.addr
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if let Some(body) = json_body {
        head.push_str(&format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    head.push_str("\r\n");
    head.push_str(json_body.unwrap_or(""));
    stream.write_all(head.as_bytes()).unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, head.to_string(), body.to_string())
}

/// Logs in over the API: the session cookie (`sucai_session=…`) and the CSRF token.
pub fn log_in(server: &Server, name: &str, password: &str) -> (String, String) {
    let body = serde_json::json!({ "username": name, "password": password }).to_string();
    let r = send(
        server,
        "POST",
        "/api/v1/account/login",
        &[],
        Some(("application/json", body.as_bytes())),
    );
    assert_eq!(r.status, 200, "{name}: {}", r.text());
    let cookie = r
        .header("set-cookie")
        .expect("a session cookie")
        .split(';')
        .next()
        .unwrap()
        .to_string();
    (cookie, r.json()["csrf_token"].as_str().unwrap().to_string())
}

/// An answer: status, head and body as bytes.
pub struct Reply {
    pub status: u16,
    pub head: String,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {} {}", self.status, self.text()))
    }
    /// Every value of header `name`.
    pub fn headers(&self, name: &str) -> Vec<String> {
        self.head
            .lines()
            .filter_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
            })
            .collect()
    }
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers(name).into_iter().next()
    }
}

/// One request over a fresh connection with a raw body of a content type; `Host` is the
/// server's address unless `headers` name another.
pub fn send(
    server: &Server,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<(&str, &[u8])>,
) -> Reply {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(&server.addr).unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        head.push_str(&format!("Host: {}\r\n", server.addr));
    }
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    let bytes = body.map_or(&[][..], |(_, b)| b);
    if let Some((content_type, b)) = body {
        head.push_str(&format!(
            "Content-Type: {content_type}\r\nContent-Length: {}\r\n",
            b.len()
        ));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(bytes).unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response head");
    let head = String::from_utf8_lossy(&response[..split]).into_owned();
    Reply {
        status: head.split(' ').nth(1).unwrap().parse().unwrap(),
        head,
        body: response[split + 4..].to_vec(),
    }
}
