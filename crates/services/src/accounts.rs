//! Accounts: registering, logging in and out, changing passwords, sessions and API tokens.
//! Passwords are hashed with argon2id; session and API tokens are random, and the store keeps
//! only their SHA-256.

use crate::limits::{Client, attempt_login};
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use base64::Engine;
use sha2::{Digest, Sha256};
use std::sync::LazyLock;
use sucai_store::{Role, Store, StoreError, User};
use thiserror::Error;

/// How long a browser session lasts.
pub const SESSION_SECONDS: i64 = 30 * 86_400;

#[derive(Debug, Error)]
pub enum AccountError {
    #[error("a user name has 3 to 32 letters, digits, '_', '-' or '.', or Chinese characters")]
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

fn valid_username(name: &str) -> bool {
    let n = name.chars().count();
    (3..=32).contains(&n)
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
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
    if !valid_username(username) {
        return Err(AccountError::BadUsername);
    }
    let hash = hash_password(password)?;
    store
        .create_user(username, &hash, role)
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
    // Names no account can have are refused before anything is stored or checked.
    if !valid_username(username) {
        return Err(AccountError::WrongPassword);
    }
    let attempt = match attempt_login(store, username, client, now).await? {
        Ok(attempt) => attempt,
        Err(retry_after) => return Err(AccountError::TooManyAttempts(retry_after)),
    };
    let user = store.user_by_name(username).await?;
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

/// Changes a password after checking the old one, and ends every session of the user.
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
    Ok(store.delete_sessions(user.id).await?)
}

/// Sets a password without the old one (an operator's reset from the command line).
pub async fn reset_password(
    store: &dyn Store,
    username: &str,
    new: &str,
) -> Result<(), AccountError> {
    let user = store
        .user_by_name(username)
        .await?
        .ok_or_else(|| AccountError::NoUser(username.into()))?;
    store.set_password(user.id, &hash_password(new)?).await?;
    Ok(store.delete_sessions(user.id).await?)
}

/// A new API token for scripts; only its hash is kept, so it is shown once.
pub async fn new_api_token(
    store: &dyn Store,
    user: &User,
    name: &str,
) -> Result<String, AccountError> {
    let token = new_token()?;
    store
        .create_api_token(&token_hash(&token), user.id, name)
        .await?;
    Ok(token)
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

    #[test]
    fn tokens_are_random_and_hashed() {
        let (a, b) = (new_token().unwrap(), new_token().unwrap());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(token_hash(&a), token_hash(&a));
    }
}
