//! The web UI in a real browser: Debian's Chromium, driven through chromedriver (fantoccini),
//! against `sucai serve` on loopback. An operator uploads the sample compilation and makes a
//! code; a visitor searches, meets the paywall, registers, redeems the code, reads the full
//! text and downloads the Word file. Every page is checked by the Nu Html Checker and axe-core
//! (`tools/checkers`, from npm) and photographed into `target/screenshots/`.
//!
//! Needs `chromium`, `chromium-driver` (Debian) and `npm ci --prefix tools/checkers`; `.ci/run`
//! installs them. Missing ones fail the test with what to install.

use crate::common::*;
use fantoccini::{Client, ClientBuilder, Locator};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A free article with 二十大 in its free preview: search shows it highlighted.
const FREE_ARTICLE: &str = "学习贯彻党的二十大精神的心得体会\n\n认真学习党的二十大报告，我深刻体会到，新时代新征程上必须坚定信心、埋头苦干。\n报告提出的目标任务，为我们做好各项工作指明了方向。\n";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn checkers() -> PathBuf {
    let dir = workspace().join("tools/checkers/node_modules");
    assert!(
        dir.join("vnu-jar/build/dist/vnu.jar").is_file()
            && dir.join("axe-core/axe.min.js").is_file(),
        "the page checkers are missing: run `npm ci --prefix tools/checkers`"
    );
    dir
}

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// chromedriver on a free port, and the port.
fn chromedriver() -> (Driver, u16) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver runs: apt-get install chromium chromium-driver");
    let driver = Driver(child);
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "chromedriver did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    (driver, port)
}

async fn browser(port: u16, downloads: &Path, profile: &Path) -> Client {
    let capabilities = serde_json::json!({
        "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            // The machine has no network: without these Chromium keeps trying to reach Google.
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,900",
                format!("--user-data-dir={}", profile.display()),
            ],
            "prefs": {
                "download.default_directory": downloads.display().to_string(),
                "download.prompt_for_download": false,
            },
        }
    });
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(capabilities.as_object().unwrap().clone())
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("a Chromium session")
}

/// Where each page's HTML is taken from for the validity check.
#[derive(Clone, Copy)]
enum Source {
    /// The server's answer to the page's address, fetched again by the page.
    Server,
    /// The document as the browser holds it (pages that answered a form).
    Document,
}

struct Checks {
    client: Client,
    base: String,
    pages: PathBuf,
    shots: PathBuf,
    axe: String,
    violations: Vec<String>,
    /// What the Content-Security-Policy blocked, per page.
    blocked: Vec<String>,
}

/// The page's Content-Security-Policy violations so far, as `directive blocked-url sample`
/// (a buffered ReportingObserver also sees those reported before it was made).
const CSP_VIOLATIONS: &str = "const done = arguments[arguments.length - 1];
    const seen = [];
    const observer = new ReportingObserver((reports) => seen.push(...reports),
        {types: ['csp-violation'], buffered: true});
    observer.observe();
    setTimeout(() => {
      seen.push(...observer.takeRecords());
      observer.disconnect();
      done(seen.map((r) => [r.body.effectiveDirective, r.body.blockedURL, r.body.sample].join(' ')));
    }, 200);";

impl Checks {
    async fn goto(&self, path: &str) {
        self.client
            .goto(&format!("{}{path}", self.base))
            .await
            .unwrap();
    }

    /// Waits up to 10 s for `css`; a page still loading after a click ("aborted by
    /// navigation") is waited for too.
    async fn find(&self, css: &str) -> fantoccini::elements::Element {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            match self.client.find(Locator::Css(css)).await {
                Ok(element) => return element,
                Err(_) if Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(100)).await
                }
                Err(e) => {
                    let url = self.client.current_url().await;
                    let page = self.client.source().await.unwrap_or_default();
                    panic!("no {css} on {url:?}: {e}\n{page}")
                }
            }
        }
    }

    async fn count(&self, css: &str) -> usize {
        self.client.find_all(Locator::Css(css)).await.unwrap().len()
    }

    async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.unwrap()
    }

    async fn fill(&self, css: &str, value: &str) {
        let input = self.find(css).await;
        input.clear().await.unwrap();
        input.send_keys(value).await.unwrap();
    }

    async fn click(&self, css: &str) {
        self.find(css).await.click().await.unwrap();
    }

    async fn csp_violations(&self) -> Vec<String> {
        let found = self
            .client
            .execute_async(CSP_VIOLATIONS, vec![])
            .await
            .unwrap();
        found
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    }

    /// Photographs the page, keeps its HTML for the validity check and runs axe-core on it.
    async fn check(&mut self, name: &str, source: Source) {
        let png = self.client.screenshot().await.unwrap();
        std::fs::write(self.shots.join(format!("{name}.png")), png).unwrap();
        let document = "'<!doctype html>\\n' + document.documentElement.outerHTML";
        let script = match source {
            Source::Server => format!(
                "const done = arguments[arguments.length - 1];
                 fetch(location.href, {{redirect: 'manual'}})
                   .then(r => r.ok ? r.text() : {document})
                   .then(done, () => done({document}));"
            ),
            Source::Document => {
                format!("const done = arguments[arguments.length - 1]; done({document});")
            }
        };
        let html = self.client.execute_async(&script, vec![]).await.unwrap();
        std::fs::write(
            self.pages.join(format!("{name}.html")),
            html.as_str().unwrap(),
        )
        .unwrap();
        // Before axe-core is injected: only the page's own doings count.
        for v in self.csp_violations().await {
            self.blocked.push(format!("{name}: {v}"));
        }
        self.client.execute(&self.axe, vec![]).await.unwrap();
        let found = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})
                   .then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' at ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))),
                         e => done(['axe failed: ' + e]));",
                vec![],
            )
            .await
            .unwrap();
        for v in found.as_array().unwrap() {
            self.violations
                .push(format!("{name}: {}", v.as_str().unwrap()));
        }
    }
}

/// The file that arrives in `dir` with extension `ext`, once Chromium has finished writing it.
fn arrived(dir: &Path, ext: &str) -> PathBuf {
    let started = Instant::now();
    loop {
        let done = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == ext));
        if let Some(path) = done {
            return path;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no .{ext} arrived in {}",
            dir.display()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The Nu Html Checker's errors for every kept page.
fn validity_errors(pages: &Path) -> Vec<String> {
    let files: Vec<PathBuf> = std::fs::read_dir(pages)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let out = Command::new("java")
        .arg("-jar")
        .arg(checkers().join("vnu-jar/build/dist/vnu.jar"))
        .args(["--errors-only", "--format", "json"])
        .args(&files)
        .output()
        .expect("java runs the Nu Html Checker");
    let report: serde_json::Value = serde_json::from_slice(&out.stderr)
        .or_else(|_| serde_json::from_slice(&out.stdout))
        .unwrap_or_else(|e| panic!("the checker printed no JSON ({e}): {out:?}"));
    report["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            format!(
                "{} line {}: {} ({})",
                m["url"]
                    .as_str()
                    .unwrap_or_default()
                    .rsplit('/')
                    .next()
                    .unwrap_or_default(),
                m["lastLine"],
                m["message"].as_str().unwrap_or_default(),
                m["extract"].as_str().unwrap_or_default()
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_visitor_becomes_a_member_and_an_operator_fills_the_library() {
    let checkers = checkers();
    let lib = Library::new();
    let free_file = lib.dir.path().join("心得体会.txt");
    std::fs::write(&free_file, FREE_ARTICLE).unwrap();
    lib.import(&[&free_file]);
    Library::ok(
        lib.command()
            .env("SUCAI_PASSWORD", "operator password")
            .args(["user", "add", "operator", "--admin"]),
    );
    let server = start(&lib);

    let downloads = lib.dir.path().join("downloads");
    let profile = lib.dir.path().join("profile");
    let pages = lib.dir.path().join("pages");
    let shots = workspace().join("target/screenshots");
    for dir in [&downloads, &profile, &pages, &shots] {
        std::fs::create_dir_all(dir).unwrap();
    }
    let (_driver, port) = chromedriver();
    let mut ui = Checks {
        client: browser(port, &downloads, &profile).await,
        base: format!("http://{}", server.addr),
        pages,
        shots,
        axe: std::fs::read_to_string(checkers.join("axe-core/axe.min.js")).unwrap(),
        violations: Vec::new(),
        blocked: Vec::new(),
    };

    // The operator logs in, uploads the sample compilation and reads the report.
    ui.goto("/login").await;
    ui.check("login", Source::Server).await;
    ui.fill("#username", "operator").await;
    ui.fill("#password", "operator password").await;
    ui.click("form.stack button").await;
    ui.find("#membership").await;
    ui.goto("/admin").await;
    ui.check("admin", Source::Server).await;
    let sample = shared()
        .join("samples/compilation-10.txt")
        .canonicalize()
        .unwrap();
    ui.find("#files")
        .await
        .send_keys(&sample.display().to_string())
        .await
        .unwrap();
    ui.click("form[action='/admin/import'] button").await;
    ui.find("#imported-articles").await;
    assert_eq!(ui.count("#imported-articles li").await, 10);
    assert!(ui.text("#summary").await.contains("10 篇文章"));
    ui.check("import-report", Source::Document).await;

    // The day's import is listed; the operator makes one SVIP code.
    ui.goto("/admin").await;
    assert!(
        ui.count("section[aria-labelledby='imports-h'] tbody tr")
            .await
            >= 1
    );
    ui.click("#tier option[value='svip']").await;
    ui.fill("#count", "1").await;
    ui.click("form[action='/admin/codes'] button").await;
    let code = ui.text("#codes code").await;
    assert_eq!(code.len(), 19, "{code}");
    ui.check("codes", Source::Document).await;
    let first_id = lib
        .articles()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .max()
        .unwrap()
        - 9;
    ui.goto(&format!("/admin/articles/{first_id}")).await;
    ui.check("edit", Source::Server).await;
    ui.click("form[action='/logout'] button").await;
    ui.find("a[href='/login']").await;

    // A visitor: the home page lists today's materials; titles are suggested while typing.
    ui.goto("/").await;
    assert!(ui.count("section[aria-labelledby='today-h'] li").await >= 11);
    ui.check("home", Source::Server).await;
    ui.fill("#q", "为全面").await;
    let suggestion = ui.text("#q-suggestions li a").await;
    assert!(suggestion.starts_with("为全面"), "{suggestion}");

    // Searching 二十大: highlighted snippets, and hits in paid text marked as such.
    ui.fill("#q", "二十大").await;
    ui.click("form.big-search button").await;
    ui.find("#results-h").await;
    let marks = ui
        .client
        .find_all(Locator::Css(".snippet mark"))
        .await
        .unwrap();
    assert!(!marks.is_empty(), "no highlighted snippet");
    for mark in marks {
        assert_eq!(mark.text().await.unwrap(), "二十大");
    }
    assert!(ui.count(".paid-hit").await >= 5);
    assert!(ui.text("#results-h").await.starts_with("找到"));
    ui.check("search", Source::Server).await;

    // A hit in paid text opens on the preview and the paywall.
    ui.click("li:has(.paid-hit) h3 a").await;
    ui.find(".paywall").await;
    let article_path = ui.client.current_url().await.unwrap().path().to_string();
    // The article itself (the related list beside it may name other articles with 二十大 in their
    // titles, which everyone sees).
    assert!(
        !ui.text("article.doc").await.contains("二十大"),
        "paid text shown to a visitor"
    );
    ui.check("article-preview", Source::Server).await;
    ui.client.set_window_size(390, 844).await.unwrap();
    let phone = ui.client.screenshot().await.unwrap();
    std::fs::write(ui.shots.join("article-phone.png"), phone).unwrap();
    ui.client.set_window_size(1280, 900).await.unwrap();

    // Registering from the paywall comes back to the article, where the code is redeemed.
    ui.click(".paywall a[href^='/register']").await;
    ui.check("register", Source::Server).await;
    ui.fill("#username", "writer01").await;
    ui.fill("#password", "writer password").await;
    ui.click("form.stack button").await;
    ui.fill("#code", &code).await;
    ui.click("form.redeem button").await;
    // `#downloads-h` stands on the page before the redeem too; only a member has a count.
    ui.find("#remaining").await;
    assert_eq!(ui.client.current_url().await.unwrap().path(), article_path);
    assert_eq!(
        ui.count(".paywall").await,
        0,
        "the member still meets the paywall"
    );
    assert!(ui.text(".body").await.contains("二十大"));
    assert_eq!(ui.text("#remaining").await, "50");
    ui.check("article-member", Source::Server).await;

    // The Word file arrives and opens; the allowance goes down by one.
    ui.click("form.download button[value='docx']").await;
    let docx = arrived(&downloads, "docx");
    let title = ui.text("h1").await;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
    let mut document = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("word/document.xml").unwrap(),
        &mut document,
    )
    .unwrap();
    assert!(
        document.contains(&title),
        "the Word file lacks its title {title}"
    );
    ui.goto(&article_path).await;
    assert_eq!(ui.text("#remaining").await, "49");

    // The account shows the membership and the download.
    ui.goto("/account").await;
    assert!(ui.text("#membership").await.contains("SVIP"));
    assert!(
        ui.text("section[aria-labelledby='downloads-h'] tbody")
            .await
            .contains(&title)
    );
    ui.check("account", Source::Server).await;

    // 查重: a draft with a paragraph of the article comes back marked, with its source.
    ui.goto(&article_path).await;
    let copied = ui.text(".body p").await;
    ui.goto("/check").await;
    ui.fill(
        "#draft-text",
        &format!("本次会议安排在周五下午，请各科室提前准备台账资料。\n{copied}"),
    )
    .await;
    ui.click(".check button[type=submit]").await;
    let rate = ui.text("#rate").await;
    assert!(rate.ends_with('%') && rate != "0.0%", "overlap rate {rate}");
    assert!(ui.count(".marked mark").await >= 1);
    assert!(ui.text(".sources").await.contains(&title));
    ui.check("check", Source::Document).await;
    // Only a draft the writer saves is kept.
    ui.click("#save-draft").await;
    ui.find("textarea#body").await;
    let saved = ui
        .client
        .execute(
            "return document.querySelector('textarea#body').value",
            vec![],
        )
        .await
        .unwrap();
    assert!(saved.as_str().unwrap().contains(copied.trim()), "{saved}");
    // The writers' tools: the whole article into the basket, a draft from it, the order form.
    ui.goto(&article_path).await;
    ui.click("#add-article").await;
    ui.find(".notice").await;
    ui.check("article-added", Source::Document).await;
    ui.goto("/basket").await;
    ui.find(".basket-items").await;
    ui.check("basket", Source::Server).await;
    ui.click("#compose").await;
    ui.find("textarea#body").await;
    assert!(ui.text("h1").await.contains("草稿"));
    ui.check("draft", Source::Server).await;
    ui.goto("/drafts").await;
    ui.check("drafts", Source::Server).await;
    ui.goto("/commissions").await;
    ui.check("commissions", Source::Server).await;

    // Empty states and errors, in Chinese.
    ui.goto(&format!("/search?q={}", encode("没有这样的词语组合")))
        .await;
    assert!(ui.text(".empty").await.contains("没有找到"));
    ui.check("search-empty", Source::Server).await;
    ui.goto(&format!("/search?q={}", encode("水利 year:abc")))
        .await;
    assert!(ui.text(".error").await.contains("不是年份"));
    ui.check("search-error", Source::Document).await;
    ui.goto("/articles/999999").await;
    assert_eq!(ui.text("h1").await, "找不到这个页面");
    ui.check("not-found", Source::Document).await;
    // The error page's 返回上一页 goes back (a script, not a javascript: link the policy blocks).
    ui.click("a[data-back]").await;
    ui.find("#results-h, .error").await;
    assert!(
        ui.client
            .current_url()
            .await
            .unwrap()
            .path()
            .starts_with("/search"),
        "返回上一页 did not go back"
    );

    // The watcher sees a violation when there is one: an inline script is blocked.
    ui.client
        .execute(
            "const s = document.createElement('script'); s.textContent = 'window.inlineRan = true'; document.head.append(s);",
            vec![],
        )
        .await
        .unwrap();
    let inline = ui.csp_violations().await;
    assert!(
        inline.iter().any(|v| v.starts_with("script-src")),
        "an inline script was not reported as blocked: {inline:?}"
    );
    assert_eq!(
        ui.client
            .execute("return window.inlineRan === true", vec![])
            .await
            .unwrap(),
        serde_json::Value::Bool(false),
        "an inline script ran"
    );
    assert!(
        ui.blocked.is_empty(),
        "the Content-Security-Policy blocked:\n{}",
        ui.blocked.join("\n")
    );

    ui.client.close().await.unwrap();
    let invalid = validity_errors(&ui.pages);
    assert!(invalid.is_empty(), "HTML errors:\n{}", invalid.join("\n"));
    assert!(
        ui.violations.is_empty(),
        "accessibility violations:\n{}",
        ui.violations.join("\n")
    );
}
