//! The records of writers' tools: baskets (素材篮) of passages taken from articles, drafts
//! composed from them, and commissions (代笔/润笔/PPT orders) with their files and history.
//! All of them are private; the store's queries take the owner (a [`Scope`]) with every id.

use serde::{Deserialize, Serialize};

/// Whose rows a query may touch: one user's own, or everyone's (operators, for commissions
/// only). Every query over private rows takes one, so the owner check is in the SQL itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Own(i64),
    All,
}

impl Scope {
    /// The owner to match, `None` for everyone's rows (the SQL reads `$n IS NULL OR user_id = $n`).
    pub(crate) fn owner(self) -> Option<i64> {
        match self {
            Scope::Own(id) => Some(id),
            Scope::All => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Basket {
    pub id: i64,
    pub name: String,
    pub items: i64,
    pub created_at: i64,
}

/// What a basket item was taken from and the text it holds. The text is always cut by the
/// server from the stored article, never sent by a client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBasketItem {
    pub article_id: i64,
    pub article_title: String,
    /// The paragraph's index (among the article's non-empty paragraphs) when a paragraph was
    /// taken; `None` for a whole article or a span of characters.
    pub paragraph: Option<u32>,
    /// The span of the article's body (paragraphs joined by `\n`), in characters.
    pub start_char: u32,
    pub end_char: u32,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BasketItem {
    pub id: i64,
    pub basket_id: i64,
    /// 0, 1, 2… in the basket's order.
    pub position: i64,
    pub article_id: i64,
    pub article_title: String,
    pub paragraph: Option<u32>,
    pub start_char: u32,
    pub end_char: u32,
    pub text: String,
    /// A heading the writer puts before this item in a composed draft.
    pub heading: Option<String>,
    /// 1 for a 一、 heading, 2 for a （一） heading.
    pub heading_level: u8,
    pub created_at: i64,
}

/// A source a draft was composed from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftSource {
    pub article_id: i64,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Draft {
    pub id: i64,
    pub title: String,
    /// Plain text, one paragraph a line; heading lines start with 一、 or （一）.
    pub body: String,
    pub sources: Vec<DraftSource>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CommissionKind {
    #[serde(rename = "代笔")]
    Ghostwriting,
    #[serde(rename = "润笔")]
    Polishing,
    #[serde(rename = "PPT")]
    Slides,
}

impl CommissionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CommissionKind::Ghostwriting => "代笔",
            CommissionKind::Polishing => "润笔",
            CommissionKind::Slides => "PPT",
        }
    }
    pub fn parse(s: &str) -> Option<CommissionKind> {
        match s.trim() {
            "代笔" => Some(CommissionKind::Ghostwriting),
            "润笔" => Some(CommissionKind::Polishing),
            "PPT" | "ppt" => Some(CommissionKind::Slides),
            _ => None,
        }
    }
}

/// Where an order stands: submitted → accepted → delivered → closed (closed may come at any
/// time: the member cancels, or the order is done).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommissionStatus {
    Submitted,
    Accepted,
    Delivered,
    Closed,
}

impl CommissionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CommissionStatus::Submitted => "submitted",
            CommissionStatus::Accepted => "accepted",
            CommissionStatus::Delivered => "delivered",
            CommissionStatus::Closed => "closed",
        }
    }
    pub fn parse(s: &str) -> Option<CommissionStatus> {
        match s {
            "submitted" => Some(CommissionStatus::Submitted),
            "accepted" => Some(CommissionStatus::Accepted),
            "delivered" => Some(CommissionStatus::Delivered),
            "closed" => Some(CommissionStatus::Closed),
            _ => None,
        }
    }
}

/// A file as uploaded: its name and its bytes, kept as they came.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCommission {
    pub kind: CommissionKind,
    pub topic: String,
    /// Characters asked for.
    pub length: u32,
    /// YYYY-MM-DD.
    pub deadline: String,
    pub notes: String,
    /// The member's draft, for 润笔.
    pub attachment: Option<Upload>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileRole {
    /// The member's own draft, filed with the order.
    Attachment,
    /// What an operator delivered.
    Delivery,
}

impl FileRole {
    pub fn as_str(self) -> &'static str {
        match self {
            FileRole::Attachment => "attachment",
            FileRole::Delivery => "delivery",
        }
    }
}

/// A file of an order, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommissionFile {
    pub id: i64,
    pub role: FileRole,
    pub file_name: String,
    pub byte_len: i64,
    pub created_at: i64,
}

/// A status an order entered, when, and by whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommissionEvent {
    pub status: CommissionStatus,
    pub by_user: Option<i64>,
    pub at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Commission {
    pub id: i64,
    pub user_id: i64,
    pub kind: CommissionKind,
    pub topic: String,
    pub length: u32,
    pub deadline: String,
    pub notes: String,
    pub status: CommissionStatus,
    pub created_at: i64,
    pub updated_at: i64,
    /// Filled by [`Store::commission`](crate::Store::commission); empty in listings.
    pub files: Vec<CommissionFile>,
    pub events: Vec<CommissionEvent>,
}

/// A change of an order's status, made only if the order still stands at `from`, with a file
/// stored in the same step (an operator's delivery).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChange {
    pub from: CommissionStatus,
    pub to: CommissionStatus,
    pub by_user: Option<i64>,
    pub at: i64,
    pub file: Option<(FileRole, Upload)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changed {
    Done(Commission),
    /// No such order in the scope.
    NotFound,
    /// The order no longer stands at `from`: it stands here.
    Conflict(CommissionStatus),
}
