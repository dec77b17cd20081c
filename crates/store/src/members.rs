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

/// A user's membership as it stands at some moment: the tier in force (or, when every period
/// has run out, the last one, expired) and the periods of lower tiers that follow it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Membership {
    pub user_id: i64,
    pub tier: String,
    /// Unix seconds.
    pub expires_at: i64,
    /// Periods of lower tiers waiting for this one to end, in the order they will run; their
    /// times hold as long as no code is redeemed meanwhile.
    pub queued: Vec<QueuedPeriod>,
}

/// Days of a lower tier, paused while a higher tier runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueuedPeriod {
    pub tier: String,
    /// Unix seconds: when the period before it ends.
    pub starts_at: i64,
    pub expires_at: i64,
}

/// What the store keeps of a membership: the period running in real time and the seconds of
/// lower tiers paused behind it. A code adds its own tier and days: the same tier extends the
/// running period; a lower tier waits; a higher tier runs at once and pauses the rest of the
/// running one. The membership in force at a moment is worked out from this when it is read,
/// so no job has to hand over from one period to the next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Schedule {
    pub running: Scheduled,
    /// Highest rank first, each tier at most once.
    pub paused: Vec<Scheduled>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Scheduled {
    pub tier: String,
    pub rank: i64,
    /// For the running period: when it ends (unix seconds). For a paused one: how many seconds
    /// it has left.
    pub time: i64,
}

impl Schedule {
    /// Lets the periods that ended by `now` go, each handing over to the next paused one at
    /// the moment it ended.
    pub fn roll(&mut self, now: i64) {
        while self.running.time <= now && !self.paused.is_empty() {
            let next = self.paused.remove(0);
            self.running = Scheduled {
                time: self.running.time + next.time,
                ..next
            };
        }
    }

    /// Adds a code of `tier` (of `rank`) worth `seconds`, redeemed at `now`.
    pub fn add(&mut self, tier: &str, rank: i64, seconds: i64, now: i64) {
        self.roll(now);
        if self.running.time <= now {
            // Everything ran out: the code starts now.
            self.running = Scheduled {
                tier: tier.to_string(),
                rank,
                time: now + seconds,
            };
        } else if self.running.tier == tier {
            self.running.time += seconds;
        } else if self.running.rank > rank {
            self.pause(tier, rank, seconds);
        } else {
            let higher = Scheduled {
                tier: tier.to_string(),
                rank,
                time: now + seconds,
            };
            let paused = std::mem::replace(&mut self.running, higher);
            self.pause(&paused.tier, paused.rank, paused.time - now);
        }
    }

    fn pause(&mut self, tier: &str, rank: i64, seconds: i64) {
        match self.paused.iter_mut().find(|p| p.tier == tier) {
            Some(p) => p.time += seconds,
            None => {
                let at = self.paused.partition_point(|p| p.rank >= rank);
                self.paused.insert(
                    at,
                    Scheduled {
                        tier: tier.to_string(),
                        rank,
                        time: seconds,
                    },
                );
            }
        }
    }

    /// The membership as it stands at `now`.
    pub fn at(mut self, user_id: i64, now: i64) -> Membership {
        self.roll(now);
        let mut starts_at = self.running.time;
        let queued = self
            .paused
            .into_iter()
            .map(|p| {
                let period = QueuedPeriod {
                    tier: p.tier,
                    starts_at,
                    expires_at: starts_at + p.time,
                };
                starts_at = period.expires_at;
                period
            })
            .collect();
        Membership {
            user_id,
            tier: self.running.tier,
            expires_at: self.running.time,
            queued,
        }
    }
}

/// An API token as its owner sees it listed: never the token or its hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiToken {
    pub id: i64,
    pub name: String,
    pub created_at: i64,
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

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400;

    fn running(tier: &str, rank: i64, until: i64) -> Schedule {
        Schedule {
            running: Scheduled {
                tier: tier.into(),
                rank,
                time: until,
            },
            paused: vec![],
        }
    }

    fn tiers(m: &Membership) -> Vec<(&str, i64, i64)> {
        std::iter::once((m.tier.as_str(), 0, m.expires_at))
            .chain(
                m.queued
                    .iter()
                    .map(|q| (q.tier.as_str(), q.starts_at, q.expires_at)),
            )
            .collect()
    }

    #[test]
    fn a_higher_tier_runs_first_and_the_lower_resumes_after_it() {
        let now = 1_000_000;
        let mut s = running("vip", 1, now + 30 * DAY);
        s.add("svip", 2, DAY, now);
        let m = s.clone().at(7, now);
        assert_eq!(
            tiers(&m),
            [("svip", 0, now + DAY), ("vip", now + DAY, now + 31 * DAY)]
        );
        // The hand-over, read later.
        let later = s.clone().at(7, now + 2 * DAY);
        assert_eq!(tiers(&later), [("vip", 0, now + 31 * DAY)]);
        let gone = s.at(7, now + 40 * DAY);
        assert_eq!(
            tiers(&gone),
            [("vip", 0, now + 31 * DAY)],
            "expired, last one"
        );
    }

    #[test]
    fn a_lower_tier_waits_and_the_same_tier_adds_up() {
        let now = 1_000_000;
        let mut s = running("svip", 2, now + DAY);
        s.add("vip", 1, 30 * DAY, now);
        s.add("vip", 1, 5 * DAY, now + 10);
        s.add("svip", 2, DAY, now + 20);
        assert_eq!(
            tiers(&s.clone().at(7, now)),
            [
                ("svip", 0, now + 2 * DAY),
                ("vip", now + 2 * DAY, now + 37 * DAY)
            ]
        );
        // A code redeemed after the SVIP days ran out finds VIP in force.
        s.add("vip", 1, DAY, now + 3 * DAY);
        assert_eq!(tiers(&s.at(7, now + 3 * DAY)), [("vip", 0, now + 38 * DAY)]);
    }

    #[test]
    fn a_code_after_everything_ran_out_starts_now() {
        let now = 1_000_000;
        let mut s = running("svip", 2, now - 5);
        s.add("vip", 1, DAY, now);
        assert_eq!(tiers(&s.at(7, now)), [("vip", 0, now + DAY)]);
    }

    #[test]
    fn three_tiers_queue_by_rank() {
        let now = 1_000_000;
        let mut s = running("vip", 1, now + 10 * DAY);
        s.add("gold", 3, DAY, now);
        s.add("svip", 2, 2 * DAY, now);
        assert_eq!(
            tiers(&s.at(7, now)),
            [
                ("gold", 0, now + DAY),
                ("svip", now + DAY, now + 3 * DAY),
                ("vip", now + 3 * DAY, now + 13 * DAY)
            ]
        );
    }
}
