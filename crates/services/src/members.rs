//! Memberships: redeem codes (卡密) made by operators and redeemed by users, grants, and the
//! daily download allowance.

use crate::accounts::{AccountError, fold_username};
use crate::entitlement::Caller;
use serde::Serialize;
use sucai_store::{Membership, QueuedPeriod, Redeemed, Store, StoreError};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum MemberError {
    #[error("there is no tier {0:?} (the tiers are {1})")]
    NoTier(String, String),
    #[error("no such code: check what you typed")]
    UnknownCode,
    #[error("this code has already been redeemed")]
    UsedCode,
    #[error("no user is called {0:?}")]
    NoUser(String),
    #[error("cannot make codes: the system's random source failed")]
    Random,
    #[error(transparent)]
    Account(#[from] AccountError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Letters and digits nobody misreads (no 0/O, 1/I/L).
const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// `count` new random codes such as `7K3M-QX9P-2HTR-W4ZA` (80 bits each).
pub fn new_codes(count: usize) -> Result<Vec<String>, MemberError> {
    (0..count)
        .map(|_| {
            let mut bytes = [0u8; 16];
            getrandom::fill(&mut bytes).map_err(|_| MemberError::Random)?;
            let chars: Vec<char> = bytes
                .iter()
                .map(|b| CODE_ALPHABET[*b as usize % CODE_ALPHABET.len()] as char)
                .collect();
            Ok(chars
                .chunks(4)
                .map(|c| c.iter().collect::<String>())
                .collect::<Vec<_>>()
                .join("-"))
        })
        .collect()
}

async fn check_tier(store: &dyn Store, tier: &str) -> Result<(), MemberError> {
    let tiers = store.tiers().await?;
    if tiers.iter().any(|t| t.name == tier) {
        return Ok(());
    }
    let names = tiers
        .iter()
        .map(|t| t.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    Err(MemberError::NoTier(tier.into(), names))
}

/// Makes and stores `count` codes for `days` of `tier`.
pub async fn make_codes(
    store: &dyn Store,
    tier: &str,
    days: u32,
    count: usize,
) -> Result<Vec<String>, MemberError> {
    check_tier(store, tier).await?;
    let codes = new_codes(count)?;
    store.create_codes(&codes, tier, days).await?;
    Ok(codes)
}

/// Redeems a code for a user; codes are read case-insensitively and without spaces.
pub async fn redeem(
    store: &dyn Store,
    code: &str,
    user_id: i64,
    now: i64,
) -> Result<Membership, MemberError> {
    let code: String = code
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    match store.redeem(&code, user_id, now).await? {
        Redeemed::Now(m) => Ok(m),
        Redeemed::AlreadyUsed => Err(MemberError::UsedCode),
        Redeemed::Unknown => Err(MemberError::UnknownCode),
    }
}

/// Sets a user's membership to `tier` for `days` from now, with nothing queued after it (an
/// operator's grant).
pub async fn grant(
    store: &dyn Store,
    username: &str,
    tier: &str,
    days: u32,
    now: i64,
) -> Result<Membership, MemberError> {
    check_tier(store, tier).await?;
    let user = store
        .user_by_name(&fold_username(username))
        .await?
        .ok_or_else(|| MemberError::NoUser(username.into()))?;
    Ok(store
        .grant(user.id, tier, now + i64::from(days) * 86_400)
        .await?)
}

/// What a user sees of their own account.
#[derive(Debug, Clone, Serialize)]
pub struct AccountSummary {
    pub id: i64,
    pub username: String,
    pub role: sucai_store::Role,
    pub membership: Option<MembershipSummary>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MembershipSummary {
    pub tier: String,
    pub expires_at: i64,
    pub active: bool,
    /// Categories the tier opens; empty: all.
    pub categories: Vec<String>,
    pub daily_downloads: u32,
    /// Periods of lower tiers that run when this one ends, in order.
    pub queued: Vec<QueuedPeriod>,
}

pub fn summary(caller: &Caller) -> Option<AccountSummary> {
    let Caller::User {
        user,
        membership,
        now,
    } = caller
    else {
        return None;
    };
    Some(AccountSummary {
        id: user.id,
        username: user.username.clone(),
        role: user.role,
        membership: membership.as_deref().map(|(m, t)| MembershipSummary {
            tier: m.tier.clone(),
            expires_at: m.expires_at,
            active: m.expires_at > *now,
            categories: t.categories.clone(),
            daily_downloads: t.daily_downloads,
            queued: m.queued.clone(),
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_random_and_readable() {
        let codes = new_codes(100).unwrap();
        let unique: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(unique.len(), 100);
        for code in &codes {
            assert_eq!(code.len(), 19);
            assert!(
                code.chars()
                    .all(|c| c == '-' || CODE_ALPHABET.contains(&(c as u8))),
                "{code}"
            );
        }
    }
}
