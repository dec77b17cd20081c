//! Services: what the interfaces (CLI, HTTP, web pages) ask for, with the rules applied.
//!
//! Search with snippets cut to what the caller may read, quick lookup (快速查找), the
//! entitlement rule that decides which part of an article a caller may see, exports and
//! downloads, the daily updates (feeds per category, the daily bundle), and the writers' tools
//! (basket, compose, commissions). Services parse no HTTP and print nothing.

pub mod accounts;
pub mod bundle;
pub mod clock;
pub mod downloads;
pub mod entitlement;
pub mod export;
pub mod feed;
pub mod limits;
pub mod members;
pub mod overlap;
pub mod reading;
pub mod search;
pub mod site;
pub mod suggest;
pub mod writers;

/// Now, in unix seconds: the time every rule here (sessions, memberships, allowances) is judged at.
pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}
