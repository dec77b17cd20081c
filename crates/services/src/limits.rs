//! Limits per client: failed logins, and the daily budget of answers that reveal members-only
//! text matched (the paid-hint budget). Both count in the store, so every server of a library
//! counts alike (logins at once, hints within a second), and both count an attempt before they
//! judge it, so parallel requests can't slip past a limit.
//!
//! Why a budget: a reader of the previews may learn that a query matched in text they may not
//! read (命中付费内容), which is what sells a membership. But each answer computed over that
//! text tells one bit about it, "no" as much as "yes", and guessing the next character of a
//! known phrase turns bits into text. So such answers are few a day per client (by account and
//! by address), each costs one whatever it holds, the searches that may get one can't try
//! several characters at once (no `OR`, no exclusions), and once the budget is spent the
//! answers are the same as if no paid text existed.

use crate::clock::beijing_midnight;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use sucai_store::{Store, StoreError};

/// Who is asking, as limits count: the account, if any, and the network address.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Client {
    pub user_id: Option<i64>,
    pub addr: Option<IpAddr>,
}

impl Client {
    /// The address as limits count it: an IPv6 client owns a whole /64, so the /64 counts.
    pub fn address_key(&self) -> String {
        match self.addr {
            Some(IpAddr::V4(a)) => a.to_string(),
            Some(IpAddr::V6(a)) => {
                let s = a.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
            None => "-".into(),
        }
    }
}

/// Answers revealing that members-only text matched, per Beijing day: per account, and per
/// address (higher: an office shares one address; lower would let one machine with many
/// accounts read more).
pub const PAID_HINTS_PER_ACCOUNT: i64 = 20;
pub const PAID_HINTS_PER_ADDRESS: i64 = 40;

/// The paid-hint budget. Each server counts in memory and adds what it counted to the store's
/// counters every second ([`PaidHints::flush`]), reading back what every server counted: a
/// search costs no write, and several servers together overshoot a budget by at most what
/// they answer in a second. Whether an answer may be given depends only on the client's
/// counts, never on what the text holds.
pub struct PaidHints {
    per_account: i64,
    per_address: i64,
    counts: Mutex<Counts>,
}

/// This server's view of the day's counters.
#[derive(Default)]
struct Counts {
    /// The Beijing midnight the counts are of; a new day starts afresh.
    day: i64,
    /// Per counter key: the total the store last gave, and what was counted here since.
    keys: HashMap<String, (i64, i64)>,
}

impl Default for PaidHints {
    fn default() -> Self {
        PaidHints::new(PAID_HINTS_PER_ACCOUNT, PAID_HINTS_PER_ADDRESS)
    }
}

/// The clients a server keeps counts of in a day; past it, new clients get no paid hints (an
/// attacker cycling addresses fills no memory, and reads nothing either).
const MAX_CLIENTS: usize = 200_000;

impl PaidHints {
    /// A budget of `per_account` answers a day per account and `per_address` per address.
    pub fn new(per_account: i64, per_address: i64) -> Self {
        PaidHints {
            per_account,
            per_address,
            counts: Mutex::default(),
        }
    }

    /// The counters a client's answers count against, with their limits.
    fn budgets(&self, client: &Client) -> Vec<(String, i64)> {
        let mut keys = vec![(
            format!("hints:addr:{}", client.address_key()),
            self.per_address,
        )];
        if let Some(id) = client.user_id {
            keys.push((format!("hints:user:{id}"), self.per_account));
        }
        keys
    }

    fn counts(&self) -> std::sync::MutexGuard<'_, Counts> {
        self.counts.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Takes one answer from the client's budget: `true` when it may be given.
    pub async fn take(
        &self,
        store: &dyn Store,
        client: &Client,
        now: i64,
    ) -> Result<bool, StoreError> {
        let day = beijing_midnight(now);
        let budgets = self.budgets(client);
        // A client first seen today on this server: what the other servers counted.
        for (key, _) in &budgets {
            let known = {
                let counts = self.counts();
                counts.day == day && counts.keys.contains_key(key)
            };
            if !known {
                let total = store.counter(key, day).await?;
                let mut counts = self.counts();
                if counts.day != day {
                    *counts = Counts {
                        day,
                        keys: HashMap::new(),
                    };
                }
                if counts.keys.len() >= MAX_CLIENTS {
                    return Ok(false);
                }
                counts.keys.entry(key.clone()).or_insert((total, 0));
            }
        }
        let mut counts = self.counts();
        if counts.day != day {
            return Ok(false);
        }
        let allowed = budgets.iter().all(|(key, limit)| {
            counts
                .keys
                .get(key)
                .is_some_and(|(total, pending)| total + pending < *limit)
        });
        if allowed {
            for (key, _) in &budgets {
                if let Some((_, pending)) = counts.keys.get_mut(key) {
                    *pending += 1;
                }
            }
        }
        Ok(allowed)
    }

    /// Adds what this server counted to the store, then reads back the day's totals of every
    /// server (one query): called every second, so servers overshoot a budget by at most what
    /// they answer in about a second.
    pub async fn flush(&self, store: &dyn Store) -> Result<(), StoreError> {
        let (day, pending): (i64, Vec<(String, i64)>) = {
            let counts = self.counts();
            let pending = counts
                .keys
                .iter()
                .filter(|(_, (_, n))| *n > 0)
                .map(|(k, (_, n))| (k.clone(), *n))
                .collect();
            (counts.day, pending)
        };
        // No client seen today: nothing to add, nothing to read back.
        if day == 0 || self.counts().keys.is_empty() {
            return Ok(());
        }
        for (key, n) in &pending {
            store.add_to_counter(key, day, *n, day + 2 * 86_400).await?;
        }
        let totals = store.counters("hints:", day).await?;
        let mut counts = self.counts();
        if counts.day != day {
            return Ok(());
        }
        for (key, n) in &pending {
            if let Some(entry) = counts.keys.get_mut(key) {
                // What was counted here meanwhile stays pending.
                entry.1 -= n;
            }
        }
        for (key, total) in totals {
            if let Some(entry) = counts.keys.get_mut(&key) {
                entry.0 = total;
            }
        }
        Ok(())
    }
}

/// Failed-login limits, per 15-minute window: per account and address (the guesser), per
/// address (one machine trying many accounts) and per account (many machines trying one).
/// A limit slows the address that guesses; the account's owner logs in from elsewhere.
pub const LOGIN_WINDOW: i64 = 15 * 60;
pub const LOGINS_PER_ACCOUNT_AND_ADDRESS: i64 = 5;
pub const LOGINS_PER_ADDRESS: i64 = 20;
pub const LOGINS_PER_ACCOUNT: i64 = 100;

/// A login attempt as the limits count it; see [`attempt_login`].
pub struct LoginAttempt {
    keys: Vec<String>,
    window: i64,
}

/// Records a login attempt for `username` (already checked to be a possible name) from
/// `client` before the password is checked, as a failure until it succeeds: `Err(seconds)`
/// when a limit is passed (retry after that many seconds). Parallel guesses each count before
/// any is checked, so no more than the limit are ever checked.
pub async fn attempt_login(
    store: &dyn Store,
    username: &str,
    client: &Client,
    now: i64,
) -> Result<Result<LoginAttempt, i64>, StoreError> {
    let window = now - now.rem_euclid(LOGIN_WINDOW);
    let expires = window + 2 * LOGIN_WINDOW;
    let addr = client.address_key();
    let limits = [
        (
            format!("login:pair:{username}|{addr}"),
            LOGINS_PER_ACCOUNT_AND_ADDRESS,
        ),
        (format!("login:addr:{addr}"), LOGINS_PER_ADDRESS),
        (format!("login:user:{username}"), LOGINS_PER_ACCOUNT),
    ];
    let mut over = false;
    for (key, limit) in &limits {
        over |= store.add_to_counter(key, window, 1, expires).await? > *limit;
    }
    Ok(if over {
        Err(window + LOGIN_WINDOW - now)
    } else {
        Ok(LoginAttempt {
            keys: limits.into_iter().map(|(k, _)| k).collect(),
            window,
        })
    })
}

impl LoginAttempt {
    /// The password was right: the attempt was no failure after all.
    pub async fn succeeded(self, store: &dyn Store) -> Result<(), StoreError> {
        let expires = self.window + 2 * LOGIN_WINDOW;
        for key in &self.keys {
            store.add_to_counter(key, self.window, -1, expires).await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two servers on one store: each answers within the budget, and once their counts meet in
    /// the store, neither answers more.
    #[tokio::test]
    async fn servers_share_the_paid_hint_budget_through_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let store = sucai_store::SqliteStore::open(&dir.path().join("sucai.db"))
            .await
            .unwrap();
        let (a, b) = (PaidHints::new(100, 5), PaidHints::new(100, 5));
        let client = Client {
            user_id: None,
            addr: "203.0.113.7".parse().ok(),
        };
        let now = 1_795_537_800;
        let mut given = 0;
        for _ in 0..4 {
            given += usize::from(a.take(&store, &client, now).await.unwrap());
        }
        assert_eq!(given, 4);
        a.flush(&store).await.unwrap();
        // Server b first sees the client now: it reads the 4 that a counted.
        assert!(b.take(&store, &client, now).await.unwrap());
        assert!(!b.take(&store, &client, now).await.unwrap());
        b.flush(&store).await.unwrap();
        a.flush(&store).await.unwrap();
        assert!(!a.take(&store, &client, now).await.unwrap());
        assert_eq!(
            store
                .counter("hints:addr:203.0.113.7", beijing_midnight(now))
                .await
                .unwrap(),
            5
        );
        // The next day starts afresh.
        assert!(a.take(&store, &client, now + 86_400).await.unwrap());
        // Another client is not touched.
        let other = Client {
            user_id: Some(9),
            addr: "198.51.100.1".parse().ok(),
        };
        assert!(a.take(&store, &other, now).await.unwrap());
    }

    #[test]
    fn ipv6_clients_count_by_their_64() {
        let a = Client {
            user_id: None,
            addr: "2001:db8:1:2:aaaa::1".parse().ok(),
        };
        let b = Client {
            user_id: None,
            addr: "2001:db8:1:2:bbbb::9".parse().ok(),
        };
        assert_eq!(a.address_key(), b.address_key());
        assert_eq!(a.address_key(), "2001:db8:1:2::/64");
        let v4 = Client {
            user_id: Some(3),
            addr: "203.0.113.7".parse().ok(),
        };
        let keys: Vec<String> = PaidHints::new(1, 2)
            .budgets(&v4)
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(keys, ["hints:addr:203.0.113.7", "hints:user:3"]);
    }
}
