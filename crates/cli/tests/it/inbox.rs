//! `sucai serve --inbox DIR`: files dropped into the inbox while the server runs are imported
//! exactly once and whole, become searchable, and are filed into done/ or rejected/ with their
//! reports.

use crate::common::*;
use serde_json::Value;
use std::collections::HashSet;
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

const CHARS: &str = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严";

/// A paragraph of `len` characters drawn from a seeded generator: texts of different seeds
/// share no long runs, so no file duplicates another.
fn paragraph(seed: u64, len: usize) -> String {
    let chars: Vec<char> = CHARS.chars().collect();
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut text: String = (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            chars[(state % chars.len() as u64) as usize]
        })
        .collect();
    text.push('。');
    text
}

/// The text of dropped file `n`: a title line and three paragraphs.
fn material(n: u64) -> String {
    format!(
        "第{n}号工作材料\n\n{}\n\n{}\n\n{}\n",
        paragraph(n * 3 + 1, 60),
        paragraph(n * 3 + 2, 60),
        paragraph(n * 3 + 3, 60)
    )
}

/// The names of the files (not folders) in `dir`.
fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Waits until `done()` holds, for at most `seconds`.
fn wait_until(seconds: u64, what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    while !done() {
        assert!(Instant::now() < deadline, "waited {seconds} s for {what}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn report(folder: &Path, name: &str) -> Value {
    let text = std::fs::read_to_string(folder.join(format!("{name}.report.json")))
        .unwrap_or_else(|e| panic!("no report beside {name}: {e}"));
    serde_json::from_str(&text).unwrap()
}

#[test]
fn a_thousand_files_dropped_while_serving_are_each_imported_once() {
    let lib = Library::new();
    let inbox = lib.dir.path().join("inbox");
    let server = start_with(&lib, &["--inbox", inbox.to_str().unwrap()]);
    let (done, rejected) = (inbox.join("done"), inbox.join("rejected"));
    assert!(done.is_dir() && rejected.is_dir());

    let names: Vec<String> = (0..1000).map(|n| format!("材料-{n:04}.txt")).collect();
    for (n, name) in names.iter().enumerate() {
        std::fs::write(inbox.join(name), material(n as u64)).unwrap();
    }
    // A file the importer refuses goes to rejected/, with the reason.
    std::fs::write(inbox.join("空白.txt"), "   \n\n").unwrap();

    let data_files = |dir: &Path| -> Vec<String> {
        files_in(dir)
            .into_iter()
            .filter(|n| !n.ends_with(".report.json"))
            .collect()
    };
    wait_until(25, "the inbox to empty into done/", || {
        data_files(&done).len() == names.len() && files_in(&inbox).is_empty()
    });
    // Two more polls take nothing again.
    std::thread::sleep(Duration::from_millis(2500));

    assert_eq!(
        data_files(&done),
        names,
        "every file in done/ under its own name"
    );
    assert_eq!(data_files(&rejected), ["空白.txt"]);
    assert!(report(&rejected, "空白.txt")["reason"].is_string());
    let mut materials = HashSet::new();
    for name in &names {
        let r = report(&done, name);
        assert_eq!(r["status"], "imported", "{name}: {r}");
        assert_eq!(r["articles"], 1, "{name}: {r}");
        assert!(materials.insert(r["material_id"].as_i64().unwrap()));
    }
    let stats = lib.stats();
    assert_eq!(stats["materials"], 1000, "{stats}");
    assert_eq!(stats["articles"], 1000, "{stats}");

    // Searchable on this server, and listed among today's articles.
    let (status, _, body) = request(
        &server,
        "GET",
        &format!("/api/v1/search?q={}", encode("第423号工作材料")),
        &[],
        None,
    );
    assert_eq!(status, 200, "{body}");
    let found: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(found["total"], 1, "{found}");
    let (status, _, body) = request(&server, "GET", "/api/v1/today?limit=5000", &[], None);
    assert_eq!(status, 200, "{body}");
    let today: Vec<Value> = serde_json::from_str(&body).unwrap();
    assert_eq!(today.len(), 1000);
    let ids: HashSet<i64> = today.iter().map(|a| a["id"].as_i64().unwrap()).collect();
    assert_eq!(ids.len(), 1000);
}

#[test]
fn a_file_being_written_is_imported_whole() {
    let lib = Library::new();
    let inbox = lib.dir.path().join("inbox");
    let _server = start_with(&lib, &["--inbox", inbox.to_str().unwrap()]);

    // Written in pieces with pauses shorter than a poll, for longer than two polls: the
    // watcher sees it grow and must wait for the end.
    let name = "一份慢慢写完的讲话.txt";
    let pieces: Vec<String> = (0..8).map(|i| paragraph(9_000 + i, 80)).collect();
    let mut file = std::fs::File::create(inbox.join(name)).unwrap();
    file.write_all("关于加强新时代水利工作的讲话\n\n".as_bytes())
        .unwrap();
    for piece in &pieces {
        file.write_all(format!("{piece}\n\n").as_bytes()).unwrap();
        file.flush().unwrap();
        std::thread::sleep(Duration::from_millis(300));
    }
    drop(file);

    let done = inbox.join("done");
    wait_until(15, "the file to be taken", || done.join(name).exists());
    std::thread::sleep(Duration::from_millis(2500));
    assert_eq!(report(&done, name)["status"], "imported");
    let stats = lib.stats();
    assert_eq!(stats["materials"], 1, "taken once, not in halves: {stats}");
    let articles = lib.articles();
    assert_eq!(articles.len(), 1);
    let text = text_of(&lib.show(articles[0]["id"].as_i64().unwrap()));
    for piece in &pieces {
        assert!(text.contains(piece.as_str()), "{piece} missing from {text}");
    }
    assert!(files_in(&inbox).is_empty());
}
