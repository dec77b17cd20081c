//! Downloads: members take articles home as files, within their tier's daily allowance. Each
//! download is counted and recorded in one step and carries the member's id as a watermark.

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

/// The calendar day in Beijing (UTC+8) of a unix time: the day allowances are counted by.
pub fn beijing_day(unix: i64) -> String {
    // Howard Hinnant's civil_from_days.
    let z = (unix + 8 * 3600).div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The unix time of the midnight (Beijing time) that starts the day of `unix`.
pub fn beijing_midnight(unix: i64) -> i64 {
    unix - (unix + 8 * 3600).rem_euclid(86_400)
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
fn watermark(user_id: i64, day: &str) -> String {
    format!("sucai 会员 #{user_id} 下载于 {day}")
}

/// Downloads articles for `caller`: one article as a file of `format`, several as a zip of
/// such files. Only members whose tier covers every article may; each article uses one unit
/// of today's allowance; nothing is counted when anything is refused.
pub async fn download(
    store: &dyn Store,
    caller: &Caller,
    ids: &[i64],
    format: Format,
    gb18030: bool,
    now: i64,
) -> Result<File, DownloadError> {
    if ids.is_empty() || ids.len() > MAX_ARTICLES {
        return Err(DownloadError::TooMany(MAX_ARTICLES));
    }
    let user_id = caller.user_id().ok_or(DownloadError::NeedLogin)?;
    let allowance = match (caller.active_membership(), caller.is_admin()) {
        (Some((_, tier)), _) => tier.daily_downloads,
        (None, true) => u32::MAX,
        (None, false) => return Err(DownloadError::NeedMembership),
    };
    let articles = store.articles_by_id(ids).await?;
    let mut views = Vec::with_capacity(ids.len());
    for id in ids {
        let a = articles
            .iter()
            .find(|a| a.id == *id)
            .ok_or(DownloadError::NoArticle(*id))?;
        if caller.reader(a) != Reader::Everything {
            return Err(DownloadError::NotCovered(a.id, a.category.clone()));
        }
        views.push(ArticleView::new(a, Reader::Everything));
    }
    let day = beijing_day(now);
    let mark = watermark(user_id, &day);
    let files = views
        .iter()
        .map(|v| {
            Ok((
                export::file_name(v, format),
                export::render(v, format, gb18030, Some(&mark))?,
            ))
        })
        .collect::<Result<Vec<_>, ExportError>>()?;
    // Rendered first, counted last: a failed export costs nothing.
    let remaining = match store
        .count_download(user_id, ids, format.extension(), &day, allowance, now)
        .await?
    {
        Counted::Recorded { remaining } => remaining,
        Counted::Spent => return Err(DownloadError::Spent(allowance)),
    };
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
            name: format!("sucai-{day}-{}篇.zip", files.len()),
            content_type: "application/zip",
            bytes: export::zip(&files)?,
            remaining: Some(remaining),
        },
    };
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beijing_midnight_starts_the_beijing_day() {
        // 2026-11-25 00:30 Beijing = 2026-11-24 16:30 UTC.
        let t = 1_795_537_800;
        assert_eq!(beijing_day(t), "2026-11-25");
        let midnight = beijing_midnight(t);
        assert_eq!(t - midnight, 30 * 60);
        assert_eq!(beijing_day(midnight), "2026-11-25");
        assert_eq!(beijing_day(midnight - 1), "2026-11-24");
    }

    #[test]
    fn beijing_days() {
        assert_eq!(beijing_day(0), "1970-01-01");
        assert_eq!(beijing_day(1_764_086_400), "2025-11-26"); // 2025-11-25 16:00 UTC
        assert_eq!(beijing_day(1_764_086_399), "2025-11-25");
        assert_eq!(beijing_day(951_782_400), "2000-02-29"); // 2000-02-28 16:00 UTC
    }
}
