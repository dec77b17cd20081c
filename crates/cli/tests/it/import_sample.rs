//! The real compilation in `shared/samples` imports as the ten speeches it holds.

use crate::common::*;

const TITLES: [&str; 10] = [
    "为全面建设社会主义现代化新xx贡献水利力量",
    "推进文化和旅游领域现代化建设社会主义文化强国先行区",
    "为全面建设社会主义现代化幸福美好新xx贡献工会力量",
    "聚焦服务定位凝聚科技力量为全面建设社会主义现代化幸福美好新xx贡献科协力量",
    "以检察工作现代化服务社会主义现代化新xx建设",
    "奋力推进政法工作现代化为谱写全面建设社会主义现代化国家xx篇章提供坚强法治保障",
    "聚焦聚力“三张好牌”城市青年“双向奔赴”建设更富活力更有张力更具魅力的社会主义现代化新xx",
    "奋力谱写全面建设社会主义现代化国家xx篇章",
    "发挥优势强县域加快建设社会主义现代化幸福美好新xx",
    "聚焦“三新”建设勇闯发展新路加快建设社会主义现代化xx",
];

fn sample() -> std::path::PathBuf {
    shared().join("samples/compilation-10.txt")
}

#[test]
fn compilation_imports_as_its_ten_speeches() {
    let lib = Library::new();
    let report = lib.import(&[&sample()]);
    let line = file_line(&report, "compilation-10.txt");
    assert_eq!(line["status"], "imported", "{line}");
    assert_eq!(line["articles"], 10);
    let material_id = line["material_id"].as_i64().unwrap();

    let articles = lib.articles();
    let titles: Vec<&str> = articles
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, TITLES);

    for summary in &articles {
        let article = lib.show(summary["id"].as_i64().unwrap());
        let text = text_of(&article);
        for forbidden in [
            "##",
            "paidbegin",
            "paidend",
            "【哒哒",
            "哒哒素材库",
            "客服",
            "cwk",
            "649564",
            "代笔",
        ] {
            assert!(
                !text.contains(forbidden),
                "{} holds {forbidden:?}",
                article["title"]
            );
        }
        // The free preview is only the titles: every word of every speech is paid.
        let body_chars = text.chars().count() as u64;
        assert_eq!(article["access"]["source"], "markers");
        assert_eq!(article["access"]["free_chars"], 0, "{}", article["title"]);
        assert_eq!(
            article["access"]["paid_chars"].as_u64().unwrap(),
            body_chars
        );
        assert_eq!(article["category"], "研讨发言");
        assert!(!article["tags"].as_array().unwrap().is_empty());
        assert_eq!(article["material"]["id"].as_i64().unwrap(), material_id);
    }

    let material = lib.json(&["material", &material_id.to_string(), "--json"]);
    let trailer = material["trailer"].as_str().unwrap();
    assert_eq!(trailer.matches("【哒哒素材库】").count(), 2, "{trailer}");
    assert!(
        trailer.contains("【哒哒代笔】") && trailer.contains("添加客服：cwk"),
        "{trailer}"
    );
    assert_eq!(material["declared_articles"], 10);
    assert_eq!(
        material["title"],
        "D组书记、局长在专题座谈会上的研讨发言材料汇编（10篇）"
    );
}

#[test]
fn sentence_broken_across_lines_is_one_paragraph_and_masks_stay_as_written() {
    let lib = Library::new();
    lib.import(&[&sample()]);
    let articles = lib.articles();
    let second = lib.show(articles[1]["id"].as_i64().unwrap());
    let paragraphs: Vec<&str> = second["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    let joined = paragraphs
        .iter()
        .filter(|p| p.contains("推动“两廊两带两区”文旅发展布局从蓝图转化为实景"))
        .count();
    assert_eq!(
        joined, 1,
        "lines 19–20 must form one paragraph: {paragraphs:#?}"
    );
    assert!(!paragraphs.iter().any(|p| p.starts_with("文旅发展布局")));
    // Lines 9 and 10 are short but end a sentence: paragraphs, not titles.
    let first = lib.show(articles[0]["id"].as_i64().unwrap());
    let text = text_of(&first);
    assert!(
        text.contains("\n面对新使命新任务，如何贯彻落实会议精神？\n"),
        "{text}"
    );
    assert!(text.starts_with("水是万物之母") && text.contains("D的二十大报告"));
    assert!(first["masks"]["party"].as_u64().unwrap() > 0);
    assert!(first["masks"]["hidden"].as_u64().unwrap() > 0);
}

#[test]
fn importing_the_same_file_again_changes_nothing() {
    let lib = Library::new();
    let first = lib.import(&[&sample()]);
    let before = lib.stats();
    let again = lib.import(&[&sample()]);
    let line = file_line(&again, "compilation-10.txt");
    assert_eq!(line["status"], "duplicate");
    assert_eq!(
        line["material_id"],
        file_line(&first, "compilation-10.txt")["material_id"]
    );
    assert_eq!(lib.stats(), before);
}

#[test]
fn the_original_bytes_are_kept() {
    let lib = Library::new();
    let report = lib.import(&[&sample()]);
    let id = file_line(&report, "compilation-10.txt")["material_id"].to_string();
    let out = lib.run(&["original", &id]);
    assert!(out.status.success());
    assert_eq!(out.stdout, std::fs::read(sample()).unwrap());
}

#[test]
fn paid_boundary_inside_an_article_follows_the_marker() {
    let lib = Library::new();
    let file = lib.dir.path().join("preview.txt");
    std::fs::write(
        &file,
        "关于加强水利工作的讲话\n\n这是免费预览的第一段。\n这是免费预览的第二段。##paidbegin##这是会员才能读的一段。\n会员的第二段。\n##paidend##\n这一行不属于素材。\n",
    )
    .unwrap();
    let report = lib.import(&[&file]);
    assert_eq!(file_line(&report, "preview.txt")["articles"], 1);
    let article = lib.show(lib.articles()[0]["id"].as_i64().unwrap());
    let text = text_of(&article);
    let free = article["access"]["free_chars"].as_u64().unwrap() as usize;
    let free_text: String = text.chars().take(free).collect();
    assert_eq!(free_text, "这是免费预览的第一段。\n这是免费预览的第二段。");
    assert!(!text.contains("不属于素材"));
    assert_eq!(article["category"], "讲话");
}
