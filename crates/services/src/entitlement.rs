//! Who may see what: the one place that decides how much of an article a caller may read.
//! Every output (snippets, pages, JSON, downloads) asks here.

use sucai_index::Visibility;
use sucai_store::{Article, Membership, Role, Store, StoreError, Tier, User, free_part};

/// What a caller may read of one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// Operators and members whose tier covers the article: everything.
    Everything,
    /// Anonymous and free users, lapsed members, members of a tier that does not cover the
    /// article: titles, metadata and the free preview.
    FreePreview,
}

impl Reader {
    /// How many characters at the start of the article's body (paragraphs joined by `\n`) this
    /// reader may see.
    pub fn visible_chars(self, article: &Article) -> usize {
        self.visible(
            article.free_chars,
            sucai_text::fold::char_count(&article.body),
        )
    }

    /// The same, from an article's paid boundary and its body's length in characters.
    pub fn visible(self, free_chars: Option<u32>, body_chars: usize) -> usize {
        match self {
            Reader::Everything => body_chars,
            Reader::FreePreview => free_part(free_chars, body_chars as u32) as usize,
        }
    }
}

/// Who is asking.
#[derive(Debug, Clone)]
pub enum Caller {
    /// The command line: the operator reads everything.
    Operator,
    Anonymous,
    User {
        user: User,
        /// The membership in force at `now` and its tier, if the user has one (else the last
        /// one, expired). Boxed: a caller is passed around often, a membership read less.
        membership: Option<Box<(Membership, Tier)>>,
        /// The time the request is judged at, unix seconds.
        now: i64,
    },
}

impl Caller {
    /// A logged-in user with their membership as it stands at `now`.
    pub async fn user(store: &dyn Store, user: User, now: i64) -> Result<Caller, StoreError> {
        let membership = match store.membership(user.id, now).await? {
            Some(m) => store
                .tiers()
                .await?
                .into_iter()
                .find(|t| t.name == m.tier)
                .map(|t| Box::new((m, t))),
            None => None,
        };
        Ok(Caller::User {
            user,
            membership,
            now,
        })
    }

    /// The membership that counts now: not expired.
    pub fn active_membership(&self) -> Option<&(Membership, Tier)> {
        match self {
            Caller::User {
                membership: Some(m),
                now,
                ..
            } if m.0.expires_at > *now => Some(&**m),
            _ => None,
        }
    }

    pub fn user_id(&self) -> Option<i64> {
        match self {
            Caller::User { user, .. } => Some(user.id),
            _ => None,
        }
    }

    pub fn is_admin(&self) -> bool {
        matches!(self, Caller::Operator)
            || matches!(self, Caller::User { user, .. } if user.role == Role::Admin)
    }

    /// What this caller may read of `article`.
    pub fn reader(&self, article: &Article) -> Reader {
        self.reader_of(&article.category)
    }

    /// What this caller may read of an article of `category`.
    pub fn reader_of(&self, category: &str) -> Reader {
        if self.is_admin() {
            return Reader::Everything;
        }
        match self.active_membership() {
            Some((_, tier)) if tier.covers(category) => Reader::Everything,
            _ => Reader::FreePreview,
        }
    }

    /// The text a query of this caller may match: all of it, or the previews and the
    /// categories their membership covers.
    pub fn visibility(&self) -> Visibility {
        if self.is_admin() {
            return Visibility::All;
        }
        match self.active_membership() {
            Some((_, tier)) if tier.categories.is_empty() => Visibility::All,
            Some((_, tier)) => Visibility::Previews {
                covered: tier.categories.clone(),
            },
            None => Visibility::Previews {
                covered: Vec::new(),
            },
        }
    }

    /// Whether this caller may read any article beyond its free preview.
    pub fn reads_beyond_previews(&self) -> bool {
        self.is_admin() || self.active_membership().is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(category: &str) -> Article {
        Article {
            id: 1,
            title: "t".into(),
            body: "免费付费".into(),
            free_chars: Some(2),
            category: category.into(),
            chars: 4,
            paragraphs: 1,
            ..Article::default()
        }
    }

    fn member(tier: Tier, expires_at: i64, role: Role) -> Caller {
        let user = User {
            id: 7,
            username: "u".into(),
            password_hash: String::new(),
            role,
            created_at: 0,
        };
        let membership = Membership {
            user_id: 7,
            tier: tier.name.clone(),
            expires_at,
            queued: vec![],
        };
        Caller::User {
            user,
            membership: Some(Box::new((membership, tier))),
            now: 1_000,
        }
    }

    fn vip() -> Tier {
        Tier {
            name: "vip".into(),
            rank: 1,
            categories: vec!["讲话".into()],
            daily_downloads: 10,
        }
    }

    #[test]
    fn readers_by_caller() {
        let (speech, lesson) = (article("讲话"), article("党课"));
        assert_eq!(Caller::Anonymous.reader(&speech), Reader::FreePreview);
        assert_eq!(Caller::Operator.reader(&lesson), Reader::Everything);
        assert_eq!(
            member(vip(), 2_000, Role::User).reader(&speech),
            Reader::Everything
        );
        assert_eq!(
            member(vip(), 2_000, Role::User).reader(&lesson),
            Reader::FreePreview,
            "VIP does not cover 党课"
        );
        assert_eq!(
            member(vip(), 999, Role::User).reader(&speech),
            Reader::FreePreview,
            "expired"
        );
        assert_eq!(
            member(vip(), 999, Role::Admin).reader(&lesson),
            Reader::Everything
        );
        assert_eq!(Reader::FreePreview.visible_chars(&speech), 2);
    }
}
