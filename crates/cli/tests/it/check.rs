//! 查重 on real text: drafts made from the sample's articles, checked through the command line
//! and the HTTP API against a library that holds the sample.

use crate::common::{Library, Server, request, shared, start, text_of};
use serde_json::{Value, json};
use sucai_text::fold::fold_for_fingerprint;

/// Text of our own, in the register of the library but written for this test.
const OWN: &str = "本次会议安排在周五下午，请各科室提前准备本季度的台账资料，逐项核对报表中的数字。会后由办公室汇总意见，形成书面材料报分管领导审阅，下周一前反馈给各位。";
/// Text about something else altogether.
const UNRELATED: &str = "周末我们去郊外的山里露营，清晨的雾气很重，溪水边长满了青苔。\n中午用小锅煮了面条，加了两个鸡蛋和一把青菜，味道出奇地好。\n傍晚下起小雨，大家躲进帐篷里下棋，一直聊到深夜才睡。";

fn compared(text: &str) -> usize {
    fold_for_fingerprint(text).chars().count()
}

/// The paragraphs of an article, as the operator reads them.
fn paragraphs(article: &Value) -> Vec<String> {
    text_of(article).split('\n').map(str::to_string).collect()
}

/// Changes two characters of every sentence (at a third and two thirds of it).
fn edit_every_sentence(paragraph: &str) -> String {
    paragraph
        .split_inclusive('。')
        .map(|sentence| {
            let mut chars: Vec<char> = sentence.chars().collect();
            let n = chars.len();
            if n > 12 {
                chars[n / 3] = '某';
                chars[2 * n / 3] = '某';
            }
            chars.into_iter().collect::<String>()
        })
        .collect()
}

fn check(lib: &Library, draft: &str, extra: &[&str]) -> Value {
    let file = lib.dir.path().join("draft.txt");
    std::fs::write(&file, draft).unwrap();
    let mut args = vec!["check", "--json", file.to_str().unwrap()];
    args.extend(extra);
    lib.json(&args)
}

/// The character range of `part` in `draft`.
fn range_of(draft: &str, part: &str) -> (usize, usize) {
    let at = draft.find(part).expect("part of the draft");
    let start = draft[..at].chars().count();
    (start, start + part.chars().count())
}

/// The spans inside `range`, and how many compared characters they hold.
fn spans_in(report: &Value, (start, end): (usize, usize)) -> (Vec<&Value>, usize) {
    let spans: Vec<&Value> = report["spans"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["start"].as_u64().unwrap() as usize >= start)
        .filter(|s| s["end"].as_u64().unwrap() as usize <= end)
        .collect();
    let chars = spans
        .iter()
        .map(|s| s["chars"].as_u64().unwrap() as usize)
        .sum();
    (spans, chars)
}

fn names(span: &Value, id: i64) -> bool {
    span["sources"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["id"] == id)
}

struct Sample {
    lib: Library,
    /// Two different articles and the paragraphs taken from each.
    a: (i64, Vec<String>),
    b: (i64, Vec<String>),
}

fn sample() -> Sample {
    let lib = Library::new();
    lib.import(&[&shared().join("samples/compilation-10.txt")]);
    let articles: Vec<Value> = lib
        .articles()
        .iter()
        .map(|a| lib.show(a["id"].as_i64().unwrap()))
        .collect();
    let long = |a: &Value| -> Vec<String> {
        paragraphs(a)
            .into_iter()
            .filter(|p| compared(p) >= 60)
            .collect()
    };
    let a = &articles[0];
    let b = &articles[3];
    let (pa, pb) = (long(a), long(b));
    assert!(
        pa.len() >= 3 && !pb.is_empty(),
        "the sample's articles have long paragraphs"
    );
    Sample {
        a: (
            a["id"].as_i64().unwrap(),
            vec![pa[0].clone(), pa[2].clone()],
        ),
        b: (b["id"].as_i64().unwrap(), vec![pb[0].clone()]),
        lib,
    }
}

impl Sample {
    /// Own text, then a's first paragraph, b's paragraph, own text, a's other paragraph.
    fn draft(&self, edit: fn(&str) -> String) -> (String, Vec<(i64, String)>) {
        let copied = vec![
            (self.a.0, edit(&self.a.1[0])),
            (self.b.0, edit(&self.b.1[0])),
            (self.a.0, edit(&self.a.1[1])),
        ];
        let draft = format!(
            "{OWN}\n{}\n{}\n{OWN}\n{}",
            copied[0].1, copied[1].1, copied[2].1
        );
        (draft, copied)
    }
}

#[test]
fn a_draft_copied_from_two_articles_is_traced_to_them() {
    let s = sample();
    let (draft, copied) = s.draft(str::to_string);
    let report = check(&s.lib, &draft, &[]);

    let copied_chars: usize = copied.iter().map(|(_, p)| compared(p)).sum();
    let truth = copied_chars as f64 / compared(&draft) as f64;
    let rate = report["rate"].as_f64().unwrap();
    assert!(
        (rate - truth).abs() <= 0.02,
        "rate {rate:.3}, true share {truth:.3}: {report}"
    );
    assert_eq!(report["chars"], compared(&draft));
    for (id, paragraph) in &copied {
        let (spans, chars) = spans_in(&report, range_of(&draft, paragraph));
        assert!(
            chars as f64 >= 0.98 * compared(paragraph) as f64,
            "the copy of #{id} is matched: {chars} of {}",
            compared(paragraph)
        );
        assert!(
            spans.iter().all(|span| names(span, *id)),
            "{spans:?} name #{id}"
        );
    }
    // The writer's own paragraphs match nothing.
    let own_rates: Vec<f64> = report["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["chars"].as_u64().unwrap() as usize == compared(OWN))
        .map(|p| p["rate"].as_f64().unwrap())
        .collect();
    assert_eq!(own_rates, vec![0.0, 0.0]);
    let sources: Vec<i64> = report["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_i64().unwrap())
        .collect();
    assert!(
        sources.contains(&s.a.0) && sources.contains(&s.b.0),
        "{sources:?}"
    );
    // No source text travels with the report: titles and numbers only.
    assert!(!report.to_string().contains(&s.a.1[0][..30]));

    // An edited copy is still found, paragraph by paragraph.
    let (edited, copied) = s.draft(edit_every_sentence);
    let report = check(&s.lib, &edited, &[]);
    for (id, paragraph) in &copied {
        let (spans, chars) = spans_in(&report, range_of(&edited, paragraph));
        assert!(
            chars as f64 >= 0.5 * compared(paragraph) as f64,
            "the edited copy of #{id} is found: {chars} of {}",
            compared(paragraph)
        );
        assert!(spans.iter().all(|span| names(span, *id)));
    }

    // Unrelated text: nothing.
    let report = check(&s.lib, UNRELATED, &[]);
    assert_eq!(report["rate"], 0.0, "{report}");
    assert_eq!(report["spans"], json!([]));
    assert_eq!(report["paragraphs"].as_array().unwrap().len(), 3);

    // The shortest run is the writer's to choose, within 8–20.
    let report = check(&s.lib, &draft, &["--min-run", "20"]);
    assert_eq!(report["min_run"], 20);
    assert!(report["rate"].as_f64().unwrap() > 0.5);
    let out = s.lib.run(&[
        "check",
        "--min-run",
        "30",
        s.lib.dir.path().join("draft.txt").to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("8 to 20"));
    // The human report marks the runs «…» and names the sources.
    let out = Library::ok(
        s.lib
            .command()
            .arg("check")
            .arg(s.lib.dir.path().join("draft.txt")),
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("overlap ") && text.contains('«') && text.contains(&format!("#{}", s.a.0)),
        "{text}"
    );
}

fn post(server: &Server, path: &str, cookie: Option<&str>, body: &Value) -> (u16, Value) {
    let headers: Vec<(&str, &str)> = cookie.map(|c| ("Cookie", c)).into_iter().collect();
    let (status, _, body) = request(server, "POST", path, &headers, Some(&body.to_string()));
    (status, serde_json::from_str(&body).unwrap_or(Value::Null))
}

#[test]
fn the_api_checks_drafts_for_readers_and_keeps_paid_text_back() {
    let s = sample();
    let (draft, _) = s.draft(str::to_string);
    let cli = check(&s.lib, &draft, &[]);
    let server = start(&s.lib);

    let (status, body) = post(&server, "/api/v1/check", None, &json!({ "text": draft }));
    assert_eq!(status, 401, "{body}");

    for (name, tier) in [("writer", None), ("member", Some("svip"))] {
        Library::ok(
            s.lib
                .command()
                .env("SUCAI_PASSWORD", "a good password")
                .args(["user", "add", name]),
        );
        if let Some(tier) = tier {
            Library::ok(
                s.lib
                    .command()
                    .args(["user", "grant", name, "--tier", tier, "--days", "30"]),
            );
        }
    }
    let log_in = |name: &str| {
        let creds = json!({ "username": name, "password": "a good password" }).to_string();
        let (status, head, _) =
            request(&server, "POST", "/api/v1/account/login", &[], Some(&creds));
        assert_eq!(status, 200);
        head.lines()
            .find_map(|l| l.strip_prefix("set-cookie: "))
            .and_then(|c| c.split(';').next())
            .expect("a session cookie")
            .to_string()
    };
    let (cookie, member) = (log_in("writer"), log_in("member"));

    // A member who reads everything gets the operator's report.
    let (status, report) = post(
        &server,
        "/api/v1/check",
        Some(&member),
        &json!({ "text": draft }),
    );
    assert_eq!(status, 200, "{report}");
    assert_eq!(report, cli);

    // A free user: only what they may read counts and is placed; the articles whose paid text
    // the draft also matches are named, without any count.
    let (status, report) = post(
        &server,
        "/api/v1/check",
        Some(&cookie),
        &json!({ "text": draft }),
    );
    assert_eq!(status, 200, "{report}");
    let shown: u64 = report["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["chars"].as_u64().unwrap())
        .sum();
    assert_eq!(shown, report["matched_chars"].as_u64().unwrap());
    assert!(shown < cli["matched_chars"].as_u64().unwrap());
    assert!(report["rate"].as_f64().unwrap() < cli["rate"].as_f64().unwrap());
    let named: Vec<&serde_json::Value> = report["members_only"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &s["id"])
        .collect();
    assert!(named.contains(&&json!(s.a.0)), "{report}");
    assert_eq!(cli["members_only"], json!([]));

    // A draft that copies the first half of a paid paragraph: the report names the article,
    // counts nothing, and holds nothing of the paragraph's other half.
    let paid = &s.a.1[0];
    let chars: Vec<char> = paid.chars().collect();
    let (half, rest): (String, String) = (
        chars[..chars.len() / 2].iter().collect(),
        chars[chars.len() / 2..].iter().collect(),
    );
    let (status, report) = post(
        &server,
        "/api/v1/check",
        Some(&cookie),
        &json!({ "text": half }),
    );
    assert_eq!(status, 200);
    assert_eq!(report["members_only"][0]["id"], s.a.0);
    assert_eq!(report["sources"], json!([]));
    assert_eq!(report["rate"], 0.0);
    assert_eq!(report["spans"], json!([]));
    let body = report.to_string();
    let rest: Vec<char> = rest.chars().collect();
    for window in rest.windows(8) {
        let window: String = window.iter().collect();
        assert!(
            !body.contains(&window),
            "the report holds paid text {window}"
        );
    }

    // Nothing of the checks was kept.
    let (status, _, drafts) = request(
        &server,
        "GET",
        "/api/v1/drafts",
        &[("Cookie", &cookie)],
        None,
    );
    assert_eq!((status, drafts.as_str()), (200, "[]"));

    // Bad drafts get a reason.
    let (status, body) = post(
        &server,
        "/api/v1/check",
        Some(&cookie),
        &json!({ "text": "，。 " }),
    );
    assert_eq!(status, 400);
    assert!(
        body["error"].as_str().unwrap().contains("稿件为空"),
        "{body}"
    );
    let (status, _) = post(
        &server,
        "/api/v1/check",
        Some(&cookie),
        &json!({ "text": "字".repeat(50_001) }),
    );
    assert_eq!(status, 413);
    let (status, _) = post(
        &server,
        "/api/v1/check",
        Some(&cookie),
        &json!({ "text": draft, "min_run": 5 }),
    );
    assert_eq!(status, 400);

    // Related materials: titles only, never the article itself.
    let (status, _, body) = request(
        &server,
        "GET",
        &format!("/api/v1/articles/{}/related", s.a.0),
        &[],
        None,
    );
    assert_eq!(status, 200);
    let related: Value = serde_json::from_str(&body).unwrap();
    let related = related.as_array().unwrap();
    assert!(!related.is_empty() && related.len() <= 6, "{body}");
    assert!(
        related
            .iter()
            .all(|r| r["id"] != s.a.0 && r["title"].is_string())
    );
}
