//! Compose: a draft made from a basket (the items in order, under headings numbered 一、 and
//! （一）), edited by the writer as plain text, and exported exactly as an article is (the
//! GB/T 9704 Word file, .txt, .md), optionally with its sources listed at the end.
//!
//! A draft is plain text, one paragraph a line. Heading lines start with 一、 (level 1) or
//! （一） (level 2): the forms [`crate::export`] sets in 黑体 and 楷体.

use super::{WritersError, owner, required};
use crate::downloads::{self, File};
use crate::entitlement::Caller;
use crate::export::{self, Format};
use crate::reading::{Access, ArticleView};
use sucai_index::SearchIndex;
use sucai_store::{BasketItem, Draft, DraftSource, Store};

const MAX_TITLE: usize = 200;
/// The longest draft, in characters.
pub const MAX_BODY: usize = 200_000;

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (up to 99).
pub fn numeral(n: usize) -> String {
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    // The ones after 十 are left out when zero: 十, 二十, not 十〇.
    let ones = |d: usize| {
        DIGITS
            .get(d)
            .filter(|_| d > 0)
            .map_or(String::new(), char::to_string)
    };
    match n {
        0..=9 => DIGITS[n].to_string(),
        10..=19 => format!("十{}", ones(n % 10)),
        20..=99 => format!("{}十{}", DIGITS[n / 10], ones(n % 10)),
        _ => n.to_string(),
    }
}

fn is_numeral(c: char) -> bool {
    "〇一二三四五六七八九十".contains(c)
}

/// The level of a heading line (1 for 一、…, 2 for （一）…) and its text after the number.
pub fn heading(line: &str) -> Option<(u8, &str)> {
    let run = line.chars().take_while(|&c| is_numeral(c)).count();
    if run > 0 {
        let rest = &line[line.char_indices().nth(run)?.0..];
        return rest.strip_prefix('、').map(|t| (1, t));
    }
    let inner = line.strip_prefix('（').or_else(|| line.strip_prefix('('))?;
    let run = inner.chars().take_while(|&c| is_numeral(c)).count();
    if run == 0 {
        return None;
    }
    let rest = &inner[inner.char_indices().nth(run)?.0..];
    rest.strip_prefix('）')
        .or_else(|| rest.strip_prefix(')'))
        .map(|t| (2, t))
}

/// A heading's text without the number a writer may have typed.
pub fn strip_number(text: &str) -> &str {
    heading(text).map_or(text, |(_, rest)| rest.trim_start())
}

/// Numbers the heading lines of a draft afresh: 一、二、… and under each （一）（二）….
pub fn renumber(body: &str) -> String {
    let (mut first, mut second) = (0, 0);
    body.lines()
        .map(|line| match heading(line) {
            Some((1, text)) => {
                first += 1;
                second = 0;
                format!("{}、{}", numeral(first), text.trim_start())
            }
            Some((_, text)) => {
                second += 1;
                format!("（{}）{}", numeral(second), text.trim_start())
            }
            None => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The draft's text from the basket's items in order. Headings the writer set come before
/// their items; a basket without any gets one level-1 heading per run of items from the same
/// article, named after it, for the writer to edit.
pub fn compose_text(items: &[BasketItem]) -> String {
    let headed = items.iter().any(|i| i.heading.is_some());
    let (mut first, mut second) = (0, 0);
    let mut lines = Vec::new();
    let mut previous = None;
    for item in items {
        let heading = match (&item.heading, headed) {
            (Some(h), _) => Some((item.heading_level, h.as_str())),
            (None, false) if previous != Some(item.article_id) => {
                Some((1, item.article_title.as_str()))
            }
            _ => None,
        };
        match heading {
            Some((1, text)) => {
                first += 1;
                second = 0;
                lines.push(format!("{}、{text}", numeral(first)));
            }
            Some((_, text)) => {
                second += 1;
                lines.push(format!("（{}）{text}", numeral(second)));
            }
            None => {}
        }
        lines.extend(
            item.text
                .split('\n')
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string),
        );
        previous = Some(item.article_id);
    }
    lines.join("\n")
}

/// The articles a basket's items came from, each once, in order.
fn sources(items: &[BasketItem]) -> Vec<DraftSource> {
    let mut out: Vec<DraftSource> = Vec::new();
    for item in items {
        if !out.iter().any(|s| s.article_id == item.article_id) {
            out.push(DraftSource {
                article_id: item.article_id,
                title: item.article_title.clone(),
            });
        }
    }
    out
}

/// Makes a draft from one of the caller's baskets, titled `title` or after the basket.
pub async fn compose(
    store: &dyn Store,
    caller: &Caller,
    basket_id: i64,
    title: Option<&str>,
) -> Result<Draft, WritersError> {
    let user = owner(caller)?;
    let items = store
        .basket_items(user, basket_id)
        .await?
        .ok_or(WritersError::NotFound)?;
    if items.is_empty() {
        return Err(WritersError::EmptyBasket);
    }
    // What the caller may read is judged now, not when the passage was collected.
    if super::basket::still_readable(store, caller, &items)
        .await?
        .contains(&false)
    {
        return Err(WritersError::NotReadable);
    }
    let title = match title.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => required(t, "草稿标题", MAX_TITLE)?,
        None => store
            .baskets(user)
            .await?
            .into_iter()
            .find(|b| b.id == basket_id)
            .map_or_else(|| "草稿".to_string(), |b| b.name),
    };
    Ok(store
        .create_draft(user, &title, &compose_text(&items), &sources(&items))
        .await?)
}

/// A blank draft the writer fills in.
pub async fn create(
    store: &dyn Store,
    caller: &Caller,
    title: &str,
    body: &str,
) -> Result<Draft, WritersError> {
    let user = owner(caller)?;
    let (title, body) = checked(title, body)?;
    Ok(store.create_draft(user, &title, &body, &[]).await?)
}

fn checked(title: &str, body: &str) -> Result<(String, String), WritersError> {
    let title = required(title, "草稿标题", MAX_TITLE)?;
    if body.chars().count() > MAX_BODY {
        return Err(WritersError::Invalid(format!("草稿最多 {MAX_BODY} 个字。")));
    }
    // Browsers send a textarea's lines with \r\n; control characters pasted in would make the
    // Word file unreadable.
    Ok((title, sucai_text::normalize::clean_text(body)))
}

pub async fn drafts(store: &dyn Store, caller: &Caller) -> Result<Vec<Draft>, WritersError> {
    Ok(store.drafts(owner(caller)?).await?)
}

pub async fn draft(store: &dyn Store, caller: &Caller, id: i64) -> Result<Draft, WritersError> {
    store
        .draft(owner(caller)?, id)
        .await?
        .ok_or(WritersError::NotFound)
}

/// Saves the writer's edit; with `renumber`, heading lines are numbered afresh.
pub async fn save(
    store: &dyn Store,
    caller: &Caller,
    id: i64,
    title: &str,
    body: &str,
    renumbered: bool,
) -> Result<Draft, WritersError> {
    let user = owner(caller)?;
    let (title, mut body) = checked(title, body)?;
    if renumbered {
        body = renumber(&body);
    }
    store
        .update_draft(user, id, &title, &body)
        .await?
        .ok_or(WritersError::NotFound)
}

pub async fn delete(store: &dyn Store, caller: &Caller, id: i64) -> Result<(), WritersError> {
    if store.delete_draft(owner(caller)?, id).await? {
        Ok(())
    } else {
        Err(WritersError::NotFound)
    }
}

/// A draft as an [`ArticleView`], so that it exports exactly as an article does; with
/// `with_sources`, a closing list of the articles it drew on.
pub fn view(draft: &Draft, with_sources: bool) -> ArticleView {
    let mut paragraphs: Vec<String> = draft
        .body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    if with_sources && !draft.sources.is_empty() {
        paragraphs.push("素材来源：".into());
        paragraphs.extend(
            draft.sources.iter().enumerate().map(|(i, s)| {
                format!("{}. 《{}》（素材库文章 #{}）", i + 1, s.title, s.article_id)
            }),
        );
    }
    let chars = paragraphs.iter().map(|p| p.chars().count()).sum::<usize>() as u32;
    ArticleView {
        id: draft.id,
        title: draft.title.clone(),
        category: "草稿".into(),
        tags: Vec::new(),
        year: None,
        date: None,
        chars,
        paragraphs,
        outline: Vec::new(),
        quotes: Vec::new(),
        access: Access {
            free_chars: chars,
            paid_chars: 0,
            complete: true,
        },
        duplicate_of: None,
    }
}

/// Downloads one of the caller's drafts as a file of `format`.
///
/// A draft is the writer's own text, free to download, unless it holds members-only text of
/// articles (a run of the overlap check's default length in an article's paid part): then the
/// caller must still be allowed to read each such article, each counts against today's
/// download allowance (once per article and day) and is recorded in the ledger, and the file
/// carries the member's watermark, as a download of those articles would.
pub async fn download(
    index: &SearchIndex,
    store: &dyn Store,
    caller: &Caller,
    id: i64,
    format: Format,
    with_sources: bool,
    now: i64,
) -> Result<File, WritersError> {
    let draft = draft(store, caller, id).await?;
    let view = view(&draft, with_sources);
    let paid = crate::overlap::paid_sources(index, store, &draft.body).await?;
    let mark = if paid.is_empty() {
        None
    } else {
        let taken: Vec<(i64, &str)> = paid.iter().map(|a| (a.id, a.category.as_str())).collect();
        Some(downloads::may_take(caller, &taken, now)?)
    };
    let bytes = export::render(&view, format, false, mark.as_deref())?;
    // Rendered first, counted last: a failed export costs nothing.
    let remaining = if paid.is_empty() {
        None
    } else {
        let ids: Vec<i64> = paid.iter().map(|a| a.id).collect();
        Some(downloads::charge(store, caller, &ids, format, now).await?)
    };
    Ok(File {
        name: export::file_name(&view, format),
        content_type: format.content_type(),
        bytes,
        remaining,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: i64, article_id: i64, text: &str, heading: Option<(&str, u8)>) -> BasketItem {
        BasketItem {
            id,
            basket_id: 1,
            position: id,
            article_id,
            article_title: format!("文章{article_id}"),
            paragraph: None,
            start_char: 0,
            end_char: 1,
            text: text.into(),
            heading: heading.map(|(h, _)| h.to_string()),
            heading_level: heading.map_or(1, |(_, l)| l),
            created_at: 0,
        }
    }

    #[test]
    fn numerals() {
        let n: Vec<String> = [1, 9, 10, 11, 20, 35].into_iter().map(numeral).collect();
        assert_eq!(n, ["一", "九", "十", "十一", "二十", "三十五"]);
    }

    #[test]
    fn headings_are_found_and_renumbered() {
        assert_eq!(heading("十二、其他"), Some((1, "其他")));
        assert_eq!(heading("（三）措施"), Some((2, "措施")));
        assert_eq!(heading("一是加强领导。"), None);
        assert_eq!(strip_number("三、 提高站位"), "提高站位");
        assert_eq!(
            renumber("三、甲\n（五）乙\n正文\n（一）丙\n一、丁\n（九）戊"),
            "一、甲\n（一）乙\n正文\n（二）丙\n二、丁\n（一）戊"
        );
    }

    #[test]
    fn composing_heads_each_article_or_follows_the_writer() {
        let items = [
            item(1, 7, "甲。", None),
            item(2, 7, "乙。", None),
            item(3, 8, "丙。\n\n丁。", None),
        ];
        assert_eq!(
            compose_text(&items),
            "一、文章7\n甲。\n乙。\n二、文章8\n丙。\n丁。"
        );
        let items = [
            item(1, 7, "甲。", Some(("总体要求", 1))),
            item(2, 7, "乙。", Some(("统一思想", 2))),
            item(3, 8, "丙。", Some(("提高站位", 2))),
            item(4, 8, "丁。", Some(("工作措施", 1))),
        ];
        assert_eq!(
            compose_text(&items),
            "一、总体要求\n甲。\n（一）统一思想\n乙。\n（二）提高站位\n丙。\n二、工作措施\n丁。"
        );
    }

    #[test]
    fn drafts_are_saved_without_control_characters() {
        let (title, body) = checked(
            "\u{1B}[31m草稿\u{7}",
            "一、标题\r\n\t正文\u{1B}[0m。\u{FFFE}\u{C}下一页\u{0}",
        )
        .unwrap();
        assert_eq!(title, "[31m草稿");
        assert_eq!(body, "一、标题\n\t正文[0m。\n下一页");
        assert!(matches!(
            checked("\u{7}\u{8}", "正文"),
            Err(WritersError::Invalid(_))
        ));
    }

    #[test]
    fn sources_close_the_export() {
        let draft = Draft {
            id: 5,
            title: "草稿".into(),
            body: "一、标题\n正文。\n".into(),
            sources: vec![DraftSource {
                article_id: 9,
                title: "关于水利".into(),
            }],
            created_at: 0,
            updated_at: 0,
        };
        assert_eq!(view(&draft, false).paragraphs, ["一、标题", "正文。"]);
        let with = view(&draft, true).paragraphs;
        assert_eq!(
            with[2..],
            ["素材来源：", "1. 《关于水利》（素材库文章 #9）"]
        );
    }
}
