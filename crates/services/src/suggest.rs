//! 快速查找: completing a title from what a writer starts to type — a title prefix, pinyin
//! initials (`slgz` → 水利工作…), or an article id.

use pinyin::ToPinyin;
use serde::Serialize;
use sucai_text::fold::fold_for_search;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum How {
    Id,
    Prefix,
    Initials,
    Contains,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub id: i64,
    pub title: String,
    pub how: How,
}

/// The pinyin initials of a title, lowercase: 水利工作 → slgz. Letters and digits stay, the mask
/// `D` reads as 党 (d), punctuation drops out.
pub fn initials(title: &str) -> String {
    fold_for_search(title)
        .chars()
        .filter_map(|c| match c.to_pinyin() {
            Some(p) => p.first_letter().chars().next(),
            None => c.is_ascii_alphanumeric().then(|| c.to_ascii_lowercase()),
        })
        .collect()
}

/// Titles that complete `input`, best first: the article with that id, titles starting with it,
/// titles whose pinyin initials start with it, then titles containing it.
pub fn suggest(titles: &[(i64, String)], input: &str, limit: usize) -> Vec<Suggestion> {
    let wanted = fold_for_search(input.trim());
    if wanted.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<Suggestion> = Vec::new();
    let push = |id: i64, title: &str, how: How, out: &mut Vec<Suggestion>| {
        if out.len() < limit && !out.iter().any(|s| s.id == id) {
            out.push(Suggestion {
                id,
                title: title.to_string(),
                how,
            });
        }
    };
    if let Ok(id) = wanted.parse::<i64>()
        && let Some((id, title)) = titles.iter().find(|(i, _)| *i == id)
    {
        push(*id, title, How::Id, &mut out);
    }
    let folded: Vec<String> = titles.iter().map(|(_, t)| fold_for_search(t)).collect();
    for ((id, title), f) in titles.iter().zip(&folded) {
        if f.starts_with(&wanted) {
            push(*id, title, How::Prefix, &mut out);
        }
    }
    if wanted.chars().all(|c| c.is_ascii_alphanumeric()) {
        for (id, title) in titles {
            if initials(title).starts_with(&wanted) {
                push(*id, title, How::Initials, &mut out);
            }
        }
    }
    for ((id, title), f) in titles.iter().zip(&folded) {
        if f.contains(&wanted) {
            push(*id, title, How::Contains, &mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles() -> Vec<(i64, String)> {
        [
            (1, "水利工作会议上的讲话"),
            (2, "为全面建设社会主义现代化新xx贡献水利力量"),
            (3, "D课讲稿：学习二十大精神"),
            (12, "水利高质量发展汇报"),
        ]
        .into_iter()
        .map(|(i, t)| (i, t.to_string()))
        .collect()
    }

    #[test]
    fn pinyin_initials() {
        assert_eq!(initials("水利工作会议"), "slgzhy");
        assert_eq!(initials("D课讲稿：学习二十大"), "dkjgxxesd");
    }

    #[test]
    fn prefix_initials_id_and_contains() {
        let t = titles();
        let ids = |s: &str| {
            suggest(&t, s, 10)
                .iter()
                .map(|s| (s.id, s.how))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            ids("水利"),
            vec![(1, How::Prefix), (12, How::Prefix), (2, How::Contains)]
        );
        assert_eq!(ids("slgz"), vec![(1, How::Initials), (12, How::Initials)]);
        assert_eq!(ids("slgzh"), vec![(1, How::Initials)]);
        assert_eq!(ids("12"), vec![(12, How::Id)]);
        assert_eq!(ids("党课"), vec![(3, How::Prefix)]);
        assert!(ids("  ").is_empty());
        assert_eq!(suggest(&t, "水", 1).len(), 1);
    }
}
