//! The records of members: accounts, tiers, memberships, redeem codes, downloads.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    User,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::User => "user",
            Role::Admin => "admin",
        }
    }
    pub(crate) fn parse(s: &str) -> Role {
        if s == "admin" {
            Role::Admin
        } else {
            Role::User
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: i64,
    pub username: String,
    #[serde(skip)]
    pub password_hash: String,
    pub role: Role,
    pub created_at: i64,
}

/// A membership level: which categories it opens (all when empty) and how many downloads a
/// day it allows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tier {
    pub name: String,
    pub rank: i64,
    pub categories: Vec<String>,
    pub daily_downloads: u32,
}

impl Tier {
    pub fn covers(&self, category: &str) -> bool {
        self.categories.is_empty() || self.categories.iter().any(|c| c == category)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Membership {
    pub user_id: i64,
    pub tier: String,
    /// Unix seconds.
    pub expires_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Redeemed {
    /// The code was unused and now extends this membership.
    Now(Membership),
    /// Someone already redeemed it.
    AlreadyUsed,
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Counted {
    /// The download is in the ledger; this many remain today.
    Recorded { remaining: u32 },
    /// Today's allowance is spent: nothing was recorded.
    Spent,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Download {
    pub id: i64,
    pub user_id: i64,
    pub article_ids: Vec<i64>,
    pub format: String,
    pub day: String,
    pub at: i64,
}
