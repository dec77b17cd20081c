//! The daily bundle: one day's new articles (by Beijing day, duplicates left out) as Word files,
//! one zip per tier holding what that tier covers, each with an index, for the members' shared
//! drives; and the day's summary (metadata only, never text) for a webhook.
//!
//! The files are the operator's copies for members, so they carry the whole text and a
//! watermark naming the day, not a member.

use crate::entitlement::Reader;
use crate::export::{self, ExportError, Format};
use crate::reading::ArticleView;
use crate::site::PublicUrl;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::Duration;
use sucai_store::{Article, Store, StoreError, Tier};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum BundleError {
    #[error("{0:?} is not a date: write it as 2026-11-25")]
    BadDate(String),
    #[error("the library has no tiers, so there is nobody to bundle for")]
    NoTiers,
    #[error("cannot write the bundle to {0}: {1}")]
    Write(PathBuf, std::io::Error),
    #[error(transparent)]
    Export(#[from] ExportError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the webhook {url} failed: {reason}")]
    Notify { url: String, reason: String },
}

/// One article in a bundle: what the index file and the summary say of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub id: i64,
    pub title: String,
    pub category: String,
    pub chars: u32,
    /// Its file in the zip.
    pub file: String,
    /// Its page on the site, when the site's public address is known ([`Summary::link`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// One tier's zip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TierBundle {
    pub tier: String,
    /// The zip's file name, in the output folder.
    pub file: String,
    pub count: usize,
    pub articles: Vec<Entry>,
}

/// What a bundle run wrote: the webhook's JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// The Beijing day, `2026-11-25`.
    pub date: String,
    /// The day's new articles, in any tier.
    pub articles: usize,
    pub tiers: Vec<TierBundle>,
}

impl Summary {
    /// Gives every article its page on the site at `site` (the configured public address,
    /// never one a request named).
    pub fn link(&mut self, site: &PublicUrl) {
        for entry in self.tiers.iter_mut().flat_map(|t| t.articles.iter_mut()) {
            entry.url = Some(site.link(&format!("/articles/{}", entry.id)));
        }
    }
}

/// The name of the index file in every zip.
pub const INDEX_FILE: &str = "index.txt";

/// The unix time of the midnight (Beijing time) that starts `date` (`YYYY-MM-DD`).
pub fn day_start(date: &str) -> Result<i64, BundleError> {
    crate::clock::day_start(date).ok_or_else(|| BundleError::BadDate(date.to_string()))
}

/// The articles of materials imported on the Beijing day starting at `start`, oldest first,
/// duplicates left out.
pub async fn articles_of_day(store: &dyn Store, start: i64) -> Result<Vec<Article>, StoreError> {
    let end = start + 86_400;
    let mut ids: Vec<i64> = store
        .new_articles(start, i64::MAX)
        .await?
        .into_iter()
        .map(|a| a.id)
        .collect();
    ids.sort_unstable();
    let mut articles = Vec::new();
    // Bodies in slices, so a bundle of a day long past does not hold every later day at once.
    for chunk in ids.chunks(500) {
        articles.extend(
            store
                .articles_by_id(chunk)
                .await?
                .into_iter()
                .filter(|a| a.created_at < end),
        );
    }
    Ok(articles)
}

/// A tier's name as part of a file name.
fn file_part(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The index file of one tier's zip: a heading line, then one line an article, tab-separated.
fn index_text(date: &str, tier: &str, entries: &[Entry]) -> String {
    let mut text = format!(
        "sucai 素材 {date} {tier}：{} 篇\r\n编号\t标题\t分类\t字数\t文件\r\n",
        entries.len()
    );
    for e in entries {
        text.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\r\n",
            e.id, e.title, e.category, e.chars, e.file
        ));
    }
    text
}

/// Writes the bundle of `date` into `out` (created if needed): `sucai-DATE-TIER.zip` for each
/// tier, replacing an earlier bundle of the same day. A zip appears whole or not at all.
pub async fn write(store: &dyn Store, date: &str, out: &Path) -> Result<Summary, BundleError> {
    let start = day_start(date)?;
    let tiers: Vec<Tier> = store.tiers().await?;
    if tiers.is_empty() {
        return Err(BundleError::NoTiers);
    }
    let articles = articles_of_day(store, start).await?;
    let mark = format!("sucai 会员资料 {date}");
    let mut rendered = Vec::with_capacity(articles.len());
    for article in &articles {
        let view = ArticleView::new(article, Reader::Everything);
        let entry = Entry {
            id: article.id,
            title: article.title.clone(),
            category: article.category.clone(),
            chars: article.chars,
            file: export::file_name(&view, Format::Docx),
            url: None,
        };
        let bytes = export::render(&view, Format::Docx, false, Some(&mark))?;
        rendered.push((entry, bytes));
    }

    std::fs::create_dir_all(out).map_err(|e| BundleError::Write(out.to_path_buf(), e))?;
    let mut summary = Summary {
        date: date.to_string(),
        articles: articles.len(),
        tiers: Vec::with_capacity(tiers.len()),
    };
    for tier in &tiers {
        let covered: Vec<&(Entry, Vec<u8>)> = rendered
            .iter()
            .filter(|(e, _)| tier.covers(&e.category))
            .collect();
        let entries: Vec<Entry> = covered.iter().map(|(e, _)| e.clone()).collect();
        let mut files = vec![(
            INDEX_FILE.to_string(),
            index_text(date, &tier.name, &entries).into_bytes(),
        )];
        files.extend(covered.iter().map(|(e, b)| (e.file.clone(), b.clone())));
        let zip = export::zip(&files)?;
        let name = format!("sucai-{date}-{}.zip", file_part(&tier.name));
        let path = out.join(&name);
        // Written aside and renamed: a drive that syncs the folder never takes half a zip.
        let partial = out.join(format!(".{name}.partial"));
        std::fs::write(&partial, zip)
            .and_then(|()| std::fs::rename(&partial, &path))
            .map_err(|e| BundleError::Write(path.clone(), e))?;
        summary.tiers.push(TierBundle {
            tier: tier.name.clone(),
            file: name,
            count: entries.len(),
            articles: entries,
        });
    }
    Ok(summary)
}

/// POSTs the summary as JSON to `url` (plain `http://`); any answer but 2xx is a failure.
/// Blocking: call it off the async runtime's threads.
pub fn notify(url: &str, summary: &Summary) -> Result<(), BundleError> {
    let failed = |reason: String| BundleError::Notify {
        url: url.to_string(),
        reason,
    };
    if url.starts_with("https://") {
        return Err(failed(
            "this build speaks plain http only: point --notify at an http:// address (a local relay for https)".into(),
        ));
    }
    let body = serde_json::to_string(summary).map_err(|e| failed(e.to_string()))?;
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into();
    agent
        .post(url)
        .content_type("application/json")
        .send(body.as_bytes())
        .map_err(|e| failed(e.to_string()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_start_at_beijing_midnight() {
        // 2026-11-25 00:00 Beijing = 2026-11-24 16:00 UTC.
        assert_eq!(day_start("2026-11-25").unwrap(), 1_795_536_000);
        assert_eq!(day_start("1970-01-01").unwrap(), -8 * 3600);
        assert_eq!(day_start("2000-02-29").unwrap(), 951_753_600);
        for bad in [
            "2026-02-30",
            "2026-13-01",
            "2026-1-05",
            "26-11-25",
            "today",
            "",
        ] {
            assert!(
                matches!(day_start(bad), Err(BundleError::BadDate(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_index_lists_every_article() {
        let entries = [Entry {
            id: 7,
            title: "关于水利的讲话".into(),
            category: "讲话".into(),
            chars: 1234,
            file: "7-关于水利的讲话.docx".into(),
            url: None,
        }];
        let text = index_text("2026-11-25", "vip", &entries);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].contains("1 篇"));
        assert_eq!(
            lines[2],
            "7\t关于水利的讲话\t讲话\t1234\t7-关于水利的讲话.docx"
        );
        assert_eq!(file_part("s/vip 1"), "s_vip_1");
    }
}
