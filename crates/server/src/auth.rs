//! Who is calling: a session cookie (browsers) or a bearer token (scripts) becomes a
//! [`Caller`]; no valid credentials make an anonymous caller. Writes made with a session
//! cookie must carry the session's CSRF token in `X-CSRF-Token`.

use crate::{ApiError, AppState};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use std::net::IpAddr;
use sucai_services::accounts::token_hash;
use sucai_services::entitlement::Caller;
use sucai_services::limits::Client;

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

/// An operator: the only callers the admin API answers. Writes carry a [`Writer`]'s CSRF
/// check; everyone else is refused before the request's body is read.
pub struct Operator;

impl FromRequestParts<AppState> for Operator {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let auth = if parts.method.is_safe() {
            Auth::from_request_parts(parts, state).await?
        } else {
            Writer::from_request_parts(parts, state).await?.0
        };
        require_admin(&auth.caller)?;
        Ok(Operator)
    }
}

/// Refuses anyone but an operator: a member is told so, an anonymous caller to log in.
pub(crate) fn require_admin(caller: &Caller) -> Result<(), ApiError> {
    match caller {
        _ if caller.is_admin() => Ok(()),
        Caller::User { .. } => Err(ApiError::NeedAdmin),
        _ => Err(ApiError::NeedLogin),
    }
}

/// The client's address, when the server knows it: the peer, or, when the peer is a trusted
/// proxy (`sucai serve --trusted-proxy`), the last address in `X-Forwarded-For` that is not
/// one of those proxies. An untrusted peer's header is ignored: anyone can write one.
pub struct ClientAddr(pub Option<IpAddr>);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|c| c.0.ip());
        Ok(ClientAddr(client_address(
            peer,
            &parts.headers,
            &state.trusted_proxies,
        )))
    }
}

fn client_address(peer: Option<IpAddr>, headers: &HeaderMap, trusted: &[IpAddr]) -> Option<IpAddr> {
    let peer = peer?;
    if !trusted.contains(&peer) {
        return Some(peer);
    }
    let forwarded: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|a| a.trim().parse().ok())
        .collect();
    Some(
        forwarded
            .into_iter()
            .rev()
            .find(|a| !trusted.contains(a))
            .unwrap_or(peer),
    )
}

/// The client as limits count it: the account, if any, and the address.
pub fn client(auth: &Auth, ClientAddr(addr): &ClientAddr) -> Client {
    Client {
        user_id: auth.caller.user_id(),
        addr: *addr,
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
    fn forwarded_addresses_count_only_from_trusted_proxies() {
        let proxy: IpAddr = "10.0.0.2".parse().unwrap();
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", "1.2.3.4, 203.0.113.9".parse().unwrap());
        // An untrusted peer can't choose its address.
        let peer: IpAddr = "198.51.100.1".parse().unwrap();
        assert_eq!(client_address(Some(peer), &headers, &[proxy]), Some(peer));
        // Through the proxy: the last address the proxy did not add itself.
        assert_eq!(
            client_address(Some(proxy), &headers, &[proxy]),
            "203.0.113.9".parse().ok()
        );
        headers.insert("x-forwarded-for", "junk".parse().unwrap());
        assert_eq!(client_address(Some(proxy), &headers, &[proxy]), Some(proxy));
        assert_eq!(client_address(None, &headers, &[proxy]), None);
    }
}
