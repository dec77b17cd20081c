//! Who is calling: a session cookie (browsers) or a bearer token (scripts) becomes a
//! [`Caller`]; no valid credentials make an anonymous caller. Writes made with a session
//! cookie must carry the session's CSRF token in `X-CSRF-Token`.

use crate::{ApiError, AppState};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use sucai_services::accounts::{fold_username, token_hash};
use sucai_services::entitlement::Caller;

pub const SESSION_COOKIE: &str = "sucai_session";
pub const CSRF_HEADER: &str = "x-csrf-token";

pub use sucai_services::unix_now;

fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

/// The caller of a request, and the CSRF token its session expects (cookie sessions only).
pub struct Auth {
    pub caller: Caller,
    pub csrf: Option<String>,
    /// The session cookie's token, to log out.
    pub session_token: Option<String>,
}

impl FromRequestParts<AppState> for Auth {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let store = state.store.as_ref();
        let now = unix_now();
        if let Some(token) = bearer(&parts.headers) {
            let user = store
                .api_token_user(&token_hash(token))
                .await?
                .ok_or(ApiError::BadToken)?;
            return Ok(Auth {
                caller: Caller::user(store, user, now).await?,
                csrf: None,
                session_token: None,
            });
        }
        if let Some(token) = cookie(&parts.headers, SESSION_COOKIE)
            && let Some((user, csrf)) = store.session(&token_hash(token), now).await?
        {
            return Ok(Auth {
                caller: Caller::user(store, user, now).await?,
                csrf: Some(csrf),
                session_token: Some(token.to_string()),
            });
        }
        Ok(Auth {
            caller: Caller::Anonymous,
            csrf: None,
            session_token: None,
        })
    }
}

/// A caller allowed to change something: a bearer token, or a session cookie whose request
/// carries the session's CSRF token. Anonymous callers pass (the handler decides whether it
/// needs a user).
pub struct Writer(pub Auth);

impl FromRequestParts<AppState> for Writer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let auth = Auth::from_request_parts(parts, state).await?;
        if let Some(expected) = &auth.csrf {
            let sent = parts.headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok());
            if sent != Some(expected.as_str()) {
                return Err(ApiError::Csrf);
            }
        }
        Ok(Writer(auth))
    }
}

/// The client's address, when the server knows it.
pub struct ClientAddr(pub Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let info = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>();
        Ok(ClientAddr(info.map(|c| c.0.ip())))
    }
}

/// Failed logins per account and per address in a sliding window: past the limit, logins are
/// refused until the window moves on.
#[derive(Default)]
pub struct LoginLimiter {
    failures: Mutex<HashMap<String, Vec<Instant>>>,
}

const WINDOW: Duration = Duration::from_secs(15 * 60);
pub const PER_ACCOUNT: usize = 5;
pub const PER_ADDRESS: usize = 20;

impl LoginLimiter {
    /// Failures count against the account however its name is typed (`Admin`, `ａｄｍｉｎ`).
    fn account_key(username: &str) -> String {
        format!("user:{}", fold_username(username))
    }

    fn keys(username: &str, addr: Option<IpAddr>) -> [(String, usize); 2] {
        [
            (Self::account_key(username), PER_ACCOUNT),
            (
                format!("addr:{}", addr.map_or("-".into(), |a| a.to_string())),
                PER_ADDRESS,
            ),
        ]
    }

    pub fn allows(&self, username: &str, addr: Option<IpAddr>) -> bool {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        Self::keys(username, addr).iter().all(|(key, limit)| {
            let list = failures.entry(key.clone()).or_default();
            list.retain(|t| t.elapsed() < WINDOW);
            list.len() < *limit
        })
    }

    pub fn failed(&self, username: &str, addr: Option<IpAddr>) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        for (key, _) in Self::keys(username, addr) {
            failures.entry(key).or_default().push(Instant::now());
        }
    }

    pub fn succeeded(&self, username: &str) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        failures.remove(&Self::account_key(username));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_and_bearers() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            "a=1; sucai_session=tok; b=2".parse().unwrap(),
        );
        headers.insert(header::AUTHORIZATION, "Bearer xyz".parse().unwrap());
        assert_eq!(cookie(&headers, SESSION_COOKIE), Some("tok"));
        assert_eq!(cookie(&headers, "c"), None);
        assert_eq!(bearer(&headers), Some("xyz"));
    }

    #[test]
    fn the_limiter_counts_failures_per_account() {
        let limiter = LoginLimiter::default();
        for _ in 0..PER_ACCOUNT {
            assert!(limiter.allows("alice", None));
            limiter.failed("alice", None);
        }
        assert!(!limiter.allows("alice", None));
        assert!(!limiter.allows("ＡＬＩＣＥ", None), "the same account");
        assert!(limiter.allows("bob", "10.0.0.1".parse().ok()));
    }
}
