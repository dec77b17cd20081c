//! Headers on every answer: what the browser may load and send (Content-Security-Policy,
//! nosniff, the referrer), who may keep a copy (`Cache-Control: private, no-store` unless a
//! handler said its answer is the same for everyone), and what a refused caller needs to know
//! (`WWW-Authenticate` on the API's 401, `Retry-After` on every 429).

use crate::ApiError;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use std::time::Duration;
use sucai_services::clock::beijing_midnight;
use sucai_services::downloads::DownloadError;

/// Pages load scripts, styles and everything else from the site only; no inline script or
/// style, no plugin, no framing, and forms post back to the site.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
    img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; \
    form-action 'self'; frame-ancestors 'none'";

/// The challenge of a 401 from the API: callers authenticate with a bearer token.
pub const BEARER: &str = "Bearer realm=\"sucai\"";

/// Adds the security headers to every response, and keeps shared caches from storing any
/// answer whose handler did not mark it public (what depends on the caller: API answers,
/// article pages, search results, downloads, account pages, errors).
pub async fn secure(request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let mut response = next.run(request).await;
    let status = response.status();
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "same-origin"),
    ] {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    }
    if !is_public(headers) {
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
        headers.append(
            header::VARY,
            HeaderValue::from_static("Cookie, Authorization"),
        );
    }
    if api && status == StatusCode::UNAUTHORIZED {
        headers
            .entry(header::WWW_AUTHENTICATE)
            .or_insert(HeaderValue::from_static(BEARER));
    }
    response
}

/// Whether the handler said its answer is the same for every caller (static files, feeds).
fn is_public(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::CACHE_CONTROL)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|d| d.trim().eq_ignore_ascii_case("public"))
}

/// How long a refused caller waits before asking again: until the login limit's window ends,
/// or until the member's next (Beijing) day for a spent download allowance.
pub fn retry_after(error: &ApiError, now: i64) -> Option<Duration> {
    use sucai_services::accounts::AccountError;
    match error {
        ApiError::Account(AccountError::TooManyAttempts(seconds)) => {
            Some(Duration::from_secs((*seconds).max(1) as u64))
        }
        ApiError::Download(DownloadError::Spent(_)) => {
            let next_day = beijing_midnight(now) + 86_400;
            Some(Duration::from_secs((next_day - now).max(1) as u64))
        }
        _ => None,
    }
}

/// The headers an error's answer carries: the challenge on a 401, the wait on a 429.
pub fn for_error(error: &ApiError, headers: &mut HeaderMap) {
    let status = error.status();
    if status == StatusCode::UNAUTHORIZED {
        headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static(BEARER));
    }
    if status == StatusCode::TOO_MANY_REQUESTS {
        set_retry_after(error, headers);
    }
}

/// `Retry-After` in seconds, for an error that has one.
pub fn set_retry_after(error: &ApiError, headers: &mut HeaderMap) {
    if let Some(wait) = retry_after(error, sucai_services::unix_now()) {
        headers.insert(header::RETRY_AFTER, HeaderValue::from(wait.as_secs()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sucai_services::accounts::AccountError;

    #[test]
    fn waits_end_with_the_window_or_the_day() {
        let limited = ApiError::Account(AccountError::TooManyAttempts(600));
        assert_eq!(retry_after(&limited, 0), Some(Duration::from_secs(600)));
        // 2026-11-25 00:30 Beijing: the allowance renews 23 h 30 min later.
        let spent = ApiError::Download(DownloadError::Spent(5));
        assert_eq!(
            retry_after(&spent, 1_795_537_800),
            Some(Duration::from_secs(23 * 3600 + 30 * 60))
        );
        assert_eq!(retry_after(&ApiError::NeedLogin, 0), None);
    }

    #[test]
    fn public_is_what_the_handler_says() {
        let mut headers = HeaderMap::new();
        assert!(!is_public(&headers));
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        assert!(!is_public(&headers));
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("max-age=300, Public"),
        );
        assert!(is_public(&headers));
    }

    /// The pages run no inline script: the policy needs no 'unsafe-inline' and no hashes.
    #[test]
    fn templates_hold_no_inline_script_or_style() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let source = std::fs::read_to_string(&path).unwrap().to_lowercase();
            let name = path.display();
            assert!(!source.contains("javascript:"), "{name}");
            assert!(!source.contains("<style"), "{name}");
            assert!(!source.contains(" style="), "{name}");
            assert!(
                !source.contains(" onclick=")
                    && !source.contains(" onload=")
                    && !source.contains(" onsubmit=")
                    && !source.contains(" onchange="),
                "{name}"
            );
            for script in source.split("<script").skip(1) {
                let tag = &script[..script.find('>').unwrap()];
                assert!(tag.contains("src="), "{name}: an inline script");
            }
        }
        assert!(!CSP.contains("unsafe"));
    }
}
