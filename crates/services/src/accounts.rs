//! Accounts: registering, logging in and out, changing passwords, sessions and API tokens.
//! Passwords are hashed with argon2id; session and API tokens are random, and the store keeps
//! only their SHA-256.
//!
//! User names are one name however they are typed: NFKC-normalised and in lower case
//! ([`fold_username`]) when registered and whenever they are looked up, so `Admin` and `ａｄｍｉｎ`
//! are `admin`. A new name has Latin letters a–z, digits and Chinese characters only, so no
//! letter of another alphabet (Cyrillic `а`, Greek `ο`) or invisible character can imitate
//! another member's name.

use crate::limits::{Client, attempt_login};
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use base64::Engine;
use sha2::{Digest, Sha256};
use std::sync::LazyLock;
use sucai_store::{ApiToken, Role, Store, StoreError, User};
use thiserror::Error;
use unicode_normalization::UnicodeNormalization;

/// How long a browser session lasts.
pub const SESSION_SECONDS: i64 = 30 * 86_400;

#[derive(Debug, Error)]
pub enum AccountError {
    #[error(
        "a user name has 3 to 32 characters: Latin letters a-z, digits 0-9, Chinese characters, \
         '_', '-' and '.' (capitals and full-width letters count as the same small letters); \
         no spaces, invisible characters or letters of other alphabets (Cyrillic, Greek, ...)"
    )]
    BadUsername,
    #[error("a password has at least 8 characters")]
    WeakPassword,
    #[error("that user name is taken")]
    Taken,
    #[error("wrong user name or password")]
    WrongPassword,
    #[error("too many failed logins from here: try again in {} minutes", (.0 + 59) / 60)]
    TooManyAttempts(i64),
    #[error("no user is called {0:?}")]
    NoUser(String),
    #[error("you have no API token {0}")]
    NoToken(i64),
    #[error("cannot make a secret: the system's random source failed")]
    Random,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A new random token, URL-safe.
pub fn new_token() -> Result<String, AccountError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|_| AccountError::Random)?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

/// What the store keeps of a token.
pub fn token_hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// The one form of a user name that is stored and looked up: NFKC (full-width and other
/// compatibility forms become plain letters and digits) and lower case.
pub fn fold_username(name: &str) -> String {
    // Lower case can leave a string that is not NFKC (rarely): normalise again.
    name.nfkc()
        .collect::<String>()
        .to_lowercase()
        .nfkc()
        .collect()
}

/// Chinese characters: the unified ideographs and their extensions, the compatibility
/// ideographs NFKC keeps, and 〇.
fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3007}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{323AF}')
}

/// Whether a folded name may be registered: 3 to 32 characters, each a Latin letter a–z, a
/// digit 0–9, a Chinese character or one of `_ - .`. Latin and Chinese may mix (`张三abc`); any
/// other alphabet (whose letters can pass for Latin ones), space, symbol or invisible
/// character is refused.
/// The longest user name, in characters.
const MAX_NAME_CHARS: usize = 32;

fn valid_username(folded: &str) -> bool {
    let n = folded.chars().count();
    (3..=MAX_NAME_CHARS).contains(&n)
        && folded.chars().all(|c| {
            c.is_ascii_lowercase()
                || c.is_ascii_digit()
                || is_han(c)
                || matches!(c, '_' | '-' | '.')
        })
}

pub fn hash_password(password: &str) -> Result<String, AccountError> {
    if password.chars().count() < 8 {
        return Err(AccountError::WeakPassword);
    }
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|_| AccountError::Random)
}

fn verify(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

pub async fn register(
    store: &dyn Store,
    username: &str,
    password: &str,
    role: Role,
) -> Result<i64, AccountError> {
    let username = fold_username(username);
    if !valid_username(&username) {
        return Err(AccountError::BadUsername);
    }
    let hash = hash_password(password)?;
    store
        .create_user(&username, &hash, role)
        .await?
        .ok_or(AccountError::Taken)
}

/// A logged-in browser session: the cookie's token and the CSRF token its forms carry.
#[derive(Debug, Clone)]
pub struct Session {
    pub token: String,
    pub csrf: String,
    pub user: User,
}

/// A hash no password matches in practice, checked for unknown names so that they cost the
/// same time as known ones: timing does not tell which names exist.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    let secret = new_token().unwrap_or_else(|_| "sucai-no-such-user".into());
    hash_password(&secret).unwrap_or_default()
});

/// Checks the password and opens a session, within the failed-login limits of `client` (see
/// [`crate::limits::attempt_login`]): the attempt is recorded before the password is checked.
/// Unknown names and wrong passwords get the same answer after the same work, so neither the
/// answer nor its time tells which names exist. Argon2 is slow by design: callers serving
/// others run this off their async workers.
pub async fn log_in(
    store: &dyn Store,
    username: &str,
    password: &str,
    client: &Client,
    now: i64,
) -> Result<Session, AccountError> {
    // Names no account can have are refused before anything is stored or checked (not with
    // the rules for new names: older accounts may have names those rules now refuse).
    if username.chars().nth(4 * MAX_NAME_CHARS).is_some() {
        return Err(AccountError::WrongPassword);
    }
    let username = fold_username(username);
    if username.is_empty() || username.chars().count() > MAX_NAME_CHARS {
        return Err(AccountError::WrongPassword);
    }
    let attempt = match attempt_login(store, &username, client, now).await? {
        Ok(attempt) => attempt,
        Err(retry_after) => return Err(AccountError::TooManyAttempts(retry_after)),
    };
    let user = store.user_by_name(&username).await?;
    let hash = user
        .as_ref()
        .map_or(DUMMY_HASH.as_str(), |u| &u.password_hash);
    let right = verify(password, hash);
    let Some(user) = user.filter(|_| right) else {
        return Err(AccountError::WrongPassword);
    };
    attempt.succeeded(store).await?;
    let (token, csrf) = (new_token()?, new_token()?);
    store
        .create_session(&token_hash(&token), user.id, &csrf, now + SESSION_SECONDS)
        .await?;
    Ok(Session { token, csrf, user })
}

pub async fn log_out(store: &dyn Store, token: &str) -> Result<(), AccountError> {
    Ok(store.delete_session(&token_hash(token)).await?)
}

/// Changes a password after checking the old one, ends every session of the user and revokes
/// their API tokens.
pub async fn change_password(
    store: &dyn Store,
    user: &User,
    old: &str,
    new: &str,
) -> Result<(), AccountError> {
    if !verify(old, &user.password_hash) {
        return Err(AccountError::WrongPassword);
    }
    store.set_password(user.id, &hash_password(new)?).await?;
    end_everything(store, user.id).await
}

/// Ends every session and revokes every API token of a user whose password changed: whoever
/// held the old password holds nothing it gave them.
async fn end_everything(store: &dyn Store, user_id: i64) -> Result<(), AccountError> {
    store.delete_sessions(user_id).await?;
    Ok(store.delete_api_tokens(user_id).await?)
}

/// Sets a password without the old one (an operator's reset from the command line), ending
/// the user's sessions and revoking their API tokens.
pub async fn reset_password(
    store: &dyn Store,
    username: &str,
    new: &str,
) -> Result<(), AccountError> {
    let user = store
        .user_by_name(&fold_username(username))
        .await?
        .ok_or_else(|| AccountError::NoUser(username.into()))?;
    store.set_password(user.id, &hash_password(new)?).await?;
    end_everything(store, user.id).await
}

/// A new API token for scripts, and its id; only its hash is kept, so it is shown once.
pub async fn new_api_token(
    store: &dyn Store,
    user: &User,
    name: &str,
) -> Result<(String, i64), AccountError> {
    let token = new_token()?;
    let id = store
        .create_api_token(&token_hash(&token), user.id, name)
        .await?;
    Ok((token, id))
}

/// The user's API tokens (names and ids, never the tokens), oldest first.
pub async fn api_tokens(store: &dyn Store, user: &User) -> Result<Vec<ApiToken>, AccountError> {
    Ok(store.api_tokens(user.id).await?)
}

/// Revokes one of the user's own API tokens; someone else's id is [`AccountError::NoToken`].
pub async fn revoke_api_token(
    store: &dyn Store,
    user: &User,
    token_id: i64,
) -> Result<(), AccountError> {
    if store.delete_api_token(user.id, token_id).await? {
        Ok(())
    } else {
        Err(AccountError::NoToken(token_id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_and_verify() {
        let hash = hash_password("correct horse").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify("correct horse", &hash));
        assert!(!verify("wrong horse!", &hash));
        assert!(matches!(
            hash_password("short"),
            Err(AccountError::WeakPassword)
        ));
    }

    #[test]
    fn usernames() {
        assert!(valid_username("alice") && valid_username("张三丰") && valid_username("a.b-c_d"));
        assert!(!valid_username("ab") && !valid_username("a b") && !valid_username("<script>"));
    }

    /// Whether `name` may be registered, as `register` judges it.
    fn allowed(name: &str) -> bool {
        valid_username(&fold_username(name))
    }

    #[test]
    fn names_fold_to_one_form() {
        assert_eq!(fold_username("Admin"), "admin");
        assert_eq!(fold_username("ａｄｍｉｎ"), "admin", "full-width");
        assert_eq!(fold_username("ＡＤＭＩＮ"), "admin");
        assert_eq!(fold_username("张三ABC"), "张三abc");
        assert_eq!(
            fold_username("ﬁle１２"),
            "file12",
            "a ligature, full-width digits"
        );
        assert!(allowed("ａｄｍｉｎ") && allowed("Admin") && allowed("张三abc"));
        assert!(allowed("李四_2024") && allowed("wang.wu") && allowed("〇〇七"));
    }

    #[test]
    fn names_that_imitate_others_are_refused() {
        // Cyrillic а (U+0430) and о, Greek ο and ν, mixed with Latin or alone.
        for name in [
            "аdmin",
            "rооt",
            "ɑdmin",
            "αdmin",
            "admιn",
            "аdmін",
            "ѕсоре",
            "νικη",
        ] {
            assert!(!allowed(name), "{name}");
        }
        // Invisible and format characters, spaces of every kind.
        for name in [
            "ad\u{200B}min",
            "ad\u{200D}min",
            "\u{FEFF}admin",
            "admin\u{2060}",
            "ad\u{00AD}min",
            "ad\u{202E}nim",
            "ad min",
            "ad\u{3000}min",
            "张\u{FE00}三丰",
        ] {
            assert!(!allowed(name), "{name:?}");
        }
        // Letters of other scripts and symbols.
        for name in [
            "ａｄ＠ｍ",
            "user!",
            "ユーザー",
            "사용자",
            "admin😀",
            "zoë",
            "١٢٣",
        ] {
            assert!(!allowed(name), "{name}");
        }
        let message = AccountError::BadUsername.to_string();
        assert!(
            message.contains("a-z") && message.contains("Chinese"),
            "{message}"
        );
    }

    async fn store() -> (tempfile::TempDir, sucai_store::SqliteStore) {
        let dir = tempfile::tempdir().unwrap();
        let store = sucai_store::SqliteStore::open(&dir.path().join("sucai.db"))
            .await
            .unwrap();
        (dir, store)
    }

    #[tokio::test]
    async fn one_name_however_it_is_typed() {
        let (_dir, store) = store().await;
        let id = register(&store, "admin", "a good password", Role::User)
            .await
            .unwrap();
        for twin in ["Admin", "ＡＤＭＩＮ", "ａｄｍｉｎ"] {
            assert!(
                matches!(
                    register(&store, twin, "a good password", Role::User).await,
                    Err(AccountError::Taken)
                ),
                "{twin}"
            );
            let session = log_in(&store, twin, "a good password", &Client::default(), 0)
                .await
                .unwrap();
            assert_eq!(session.user.id, id, "{twin}");
        }
        assert!(matches!(
            register(&store, "аdmin", "a good password", Role::User).await,
            Err(AccountError::BadUsername)
        ));
        // A new name is stored folded.
        register(
            &store,
            "ＺｈａｎｇＳａｎ张三",
            "a good password",
            Role::User,
        )
        .await
        .unwrap();
        let user = store.user_by_name("zhangsan张三").await.unwrap().unwrap();
        assert_eq!(user.username, "zhangsan张三");
        // The operator's reset finds the name however it is typed.
        reset_password(&store, "ADMIN", "another password")
            .await
            .unwrap();
        assert!(
            log_in(&store, "admin", "another password", &Client::default(), 0)
                .await
                .is_ok()
        );
    }

    #[tokio::test]
    async fn a_new_password_revokes_the_api_tokens() {
        let (_dir, store) = store().await;
        register(&store, "alice", "a good password", Role::User)
            .await
            .unwrap();
        let alice = store.user_by_name("alice").await.unwrap().unwrap();
        let (first, _) = new_api_token(&store, &alice, "one").await.unwrap();
        let (second, id) = new_api_token(&store, &alice, "two").await.unwrap();
        assert_eq!(api_tokens(&store, &alice).await.unwrap().len(), 2);
        revoke_api_token(&store, &alice, id).await.unwrap();
        assert!(matches!(
            revoke_api_token(&store, &alice, id).await,
            Err(AccountError::NoToken(_))
        ));
        assert!(
            store
                .api_token_user(&token_hash(&second))
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            store
                .api_token_user(&token_hash(&first))
                .await
                .unwrap()
                .is_some()
        );
        change_password(&store, &alice, "a good password", "a new password")
            .await
            .unwrap();
        assert!(
            store
                .api_token_user(&token_hash(&first))
                .await
                .unwrap()
                .is_none()
        );
        let (third, _) = new_api_token(&store, &alice, "three").await.unwrap();
        reset_password(&store, "Alice", "yet another one")
            .await
            .unwrap();
        assert!(
            store
                .api_token_user(&token_hash(&third))
                .await
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn tokens_are_random_and_hashed() {
        let (a, b) = (new_token().unwrap(), new_token().unwrap());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(token_hash(&a), token_hash(&a));
    }
}
