//! Writers' tools: the basket (素材篮) a member fills with passages of articles they may read,
//! drafts composed from a basket and exported like an article, and commissions (代笔/润笔/PPT
//! orders) filed by members and delivered by operators. Everything here is private to its
//! owner (and, for commissions, operators): the store's queries take the owner with every id,
//! and another user's id answers as "not found", never as "forbidden", so ids reveal nothing.
//!
//! The messages of [`WritersError`] are Chinese: they are shown to the writer as they are, by
//! the pages and by the API alike.

pub mod basket;
pub mod commissions;
pub mod compose;

use crate::entitlement::Caller;
use crate::export::ExportError;
use sucai_store::{CommissionStatus, StoreError};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum WritersError {
    #[error("请先登录。")]
    NeedLogin,
    #[error("只有管理员可以处理订单。")]
    NeedOperator,
    /// Missing, or someone else's: the two are one answer, so ids reveal nothing.
    #[error("没有找到：它不存在，或者不属于您。")]
    NotFound,
    #[error("没有编号为 {0} 的文章。")]
    NoArticle(i64),
    #[error("这篇文章没有第 {0} 段。")]
    NoParagraph(u32),
    #[error("所选的字符范围不在文章之内，或者是空的。")]
    BadSpan,
    #[error(
        "这部分内容是会员内容，您目前只能阅读免费部分，因此不能把它加入素材篮；开通或升级会员后即可收集全文。"
    )]
    NotReadable,
    #[error("{0}")]
    Invalid(String),
    #[error("素材篮是空的：先从文章中加入段落，再生成草稿。")]
    EmptyBasket,
    #[error("订单现在的状态是“{}”，不能这样操作。", status_name(*.0))]
    WrongStatus(CommissionStatus),
    #[error("文件太大：最大 {} MB。", MAX_FILE >> 20)]
    TooLarge,
    #[error(transparent)]
    Export(#[from] ExportError),
    /// A draft holding members-only text downloads like those articles.
    #[error(transparent)]
    Download(#[from] crate::downloads::DownloadError),
    #[error(transparent)]
    Overlap(#[from] crate::overlap::OverlapError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The largest file a member attaches or an operator delivers.
pub const MAX_FILE: usize = 20 << 20;

/// A status as the pages name it.
pub fn status_name(status: CommissionStatus) -> &'static str {
    match status {
        CommissionStatus::Submitted => "已提交",
        CommissionStatus::Accepted => "已接单",
        CommissionStatus::Delivered => "已交付",
        CommissionStatus::Closed => "已关闭",
    }
}

/// The user whose private rows the caller may touch.
fn owner(caller: &Caller) -> Result<i64, WritersError> {
    caller.user_id().ok_or(WritersError::NeedLogin)
}

/// A text field, trimmed, of 1 to `max` characters, without the characters no output may carry
/// (control characters: see [`sucai_text::normalize::is_forbidden`]).
fn required(value: &str, what: &str, max: usize) -> Result<String, WritersError> {
    let value: String = value
        .chars()
        .filter(|&c| !sucai_text::normalize::is_forbidden(c))
        .collect();
    let value = value.trim();
    let n = value.chars().count();
    if n == 0 || n > max {
        return Err(WritersError::Invalid(format!("{what}为 1 到 {max} 个字。")));
    }
    Ok(value.to_string())
}
