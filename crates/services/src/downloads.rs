//! Downloads: members take articles home as files, within their tier's daily allowance. Each
//! download is counted and recorded in one step and carries the member's id as a watermark.

use crate::clock::beijing_day;
use crate::entitlement::{Caller, Reader};
use crate::export::{self, ExportError, Format};
use crate::reading::ArticleView;
use sucai_store::{Counted, Store, StoreError};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum DownloadError {
    #[error("log in to download")]
    NeedLogin,
    #[error("downloads are for members: redeem a code to become one")]
    NeedMembership,
    #[error("your membership does not cover article {0} (category {1})")]
    NotCovered(i64, String),
    #[error("today's {0} downloads are used up; the allowance renews at midnight (Beijing time)")]
    Spent(u32),
    #[error("no article has id {0}")]
    NoArticle(i64),
    #[error("ask for one to {0} articles at a time")]
    TooMany(usize),
    #[error(transparent)]
    Export(#[from] ExportError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The most articles one zip holds.
pub const MAX_ARTICLES: usize = 50;

/// A file ready to send.
#[derive(Debug, Clone)]
pub struct File {
    pub name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
    /// Downloads left today, for members.
    pub remaining: Option<u32>,
}

/// How many downloads `caller` has left today: `None` for callers who may not download
/// (anonymous, free or expired), unlimited operators as `u32::MAX`.
pub async fn remaining_today(
    store: &dyn Store,
    caller: &Caller,
    now: i64,
) -> Result<Option<u32>, StoreError> {
    let Some(user_id) = caller.user_id() else {
        return Ok(None);
    };
    let allowance = match (caller.active_membership(), caller.is_admin()) {
        (Some((_, tier)), _) => tier.daily_downloads,
        (None, true) => return Ok(Some(u32::MAX)),
        (None, false) => return Ok(None),
    };
    let used = store.downloads_on(user_id, &beijing_day(now)).await?;
    Ok(Some(allowance.saturating_sub(used)))
}

/// The watermark of a member's download.
pub fn watermark(user_id: i64, day: &str) -> String {
    format!("sucai 会员 #{user_id} 下载于 {day}")
}

/// The daily allowance of a caller who may download: members by their tier, operators without
/// limit.
fn allowance(caller: &Caller) -> Result<u32, DownloadError> {
    caller.user_id().ok_or(DownloadError::NeedLogin)?;
    match (caller.active_membership(), caller.is_admin()) {
        (Some((_, tier)), _) => Ok(tier.daily_downloads),
        (None, true) => Ok(u32::MAX),
        (None, false) => Err(DownloadError::NeedMembership),
    }
}

/// Checks that `caller` may take home the whole of every article (by id and category) and
/// returns the watermark their files carry today.
pub fn may_take(
    caller: &Caller,
    articles: &[(i64, &str)],
    now: i64,
) -> Result<String, DownloadError> {
    allowance(caller)?;
    let user_id = caller.user_id().ok_or(DownloadError::NeedLogin)?;
    for &(id, category) in articles {
        if caller.reader_of(category) != Reader::Everything {
            return Err(DownloadError::NotCovered(id, category.to_string()));
        }
    }
    Ok(watermark(user_id, &beijing_day(now)))
}

/// Counts a download of `ids` against today's allowance and records it in the ledger, in one
/// step; an article already downloaded today costs nothing again. Returns what remains today.
pub async fn charge(
    store: &dyn Store,
    caller: &Caller,
    ids: &[i64],
    format: Format,
    now: i64,
) -> Result<u32, DownloadError> {
    let allowance = allowance(caller)?;
    let user_id = caller.user_id().ok_or(DownloadError::NeedLogin)?;
    match store
        .count_download(
            user_id,
            ids,
            format.extension(),
            &beijing_day(now),
            allowance,
            now,
        )
        .await?
    {
        Counted::Recorded { remaining } => Ok(remaining),
        Counted::Spent => Err(DownloadError::Spent(allowance)),
    }
}

/// Downloads articles for `caller`: one article as a file of `format`, several as a zip of
/// such files. Only members whose tier covers every article may; each article uses one unit
/// of today's allowance (the same id twice is one article); nothing is counted when anything
/// is refused.
pub async fn download(
    store: &dyn Store,
    caller: &Caller,
    ids: &[i64],
    format: Format,
    gb18030: bool,
    now: i64,
) -> Result<File, DownloadError> {
    let mut unique: Vec<i64> = Vec::with_capacity(ids.len());
    for id in ids {
        if !unique.contains(id) {
            unique.push(*id);
        }
    }
    let ids = unique.as_slice();
    if ids.is_empty() || ids.len() > MAX_ARTICLES {
        return Err(DownloadError::TooMany(MAX_ARTICLES));
    }
    allowance(caller)?;
    let articles = store.articles_by_id(ids).await?;
    let mut taken = Vec::with_capacity(ids.len());
    for id in ids {
        let a = articles
            .iter()
            .find(|a| a.id == *id)
            .ok_or(DownloadError::NoArticle(*id))?;
        taken.push(a);
    }
    let mark = may_take(
        caller,
        &taken
            .iter()
            .map(|a| (a.id, a.category.as_str()))
            .collect::<Vec<_>>(),
        now,
    )?;
    let files = taken
        .iter()
        .map(|a| {
            let v = ArticleView::new(a, Reader::Everything);
            Ok((
                export::file_name(&v, format),
                export::render(&v, format, gb18030, Some(&mark))?,
            ))
        })
        .collect::<Result<Vec<_>, ExportError>>()?;
    // Rendered first, counted last: a failed export costs nothing.
    let remaining = charge(store, caller, ids, format, now).await?;
    let file = match &files[..] {
        [(name, bytes)] => File {
            name: name.clone(),
            content_type: if gb18030 && format == Format::Txt {
                "text/plain; charset=gb18030"
            } else {
                format.content_type()
            },
            bytes: bytes.clone(),
            remaining: Some(remaining),
        },
        _ => File {
            name: format!("sucai-{}-{}篇.zip", beijing_day(now), files.len()),
            content_type: "application/zip",
            bytes: export::zip(&files)?,
            remaining: Some(remaining),
        },
    };
    Ok(file)
}
