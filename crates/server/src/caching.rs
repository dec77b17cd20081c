//! HTTP caching: a strong ETag from the content of what stays the same between requests
//! (articles, feeds, the OpenAPI document, static files), `304 Not Modified` when the caller
//! has it (`If-None-Match`, or `If-Modified-Since` where an answer has a `Last-Modified`), and
//! the static files under content-hashed addresses that may be cached for a year.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::time::{Duration, UNIX_EPOCH};

/// Answers worth a validator: the same bytes for a while, asked for again and again.
fn validated(path: &str) -> bool {
    ["/api/v1/articles/", "/articles/", "/feeds/", "/static/"]
        .iter()
        .any(|p| path.starts_with(p))
        || path == "/api/v1/openapi.json"
}

/// The most bytes an answer may have to get an ETag (a page, a feed, a document's JSON).
const MAX_VALIDATED: usize = 8 << 20;

/// A strong validator of `bytes`: the first 128 bits of their SHA-256, quoted.
pub fn etag(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

/// Whether an `If-None-Match` header names `tag` (or is `*`).
fn matches(if_none_match: &str, tag: &str) -> bool {
    if_none_match
        .split(',')
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == "*" || t == tag)
}

/// Adds an ETag to a successful GET of an article, feed, static file or the OpenAPI document,
/// and answers 304 when the caller's copy is current.
pub async fn conditional(request: Request, next: Next) -> Response {
    let wanted =
        matches!(*request.method(), Method::GET | Method::HEAD) && validated(request.uri().path());
    let if_none_match = header_text(&request, header::IF_NONE_MATCH);
    let if_modified_since = header_text(&request, header::IF_MODIFIED_SINCE);
    let response = next.run(request).await;
    if !wanted || response.status() != StatusCode::OK {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_VALIDATED).await else {
        // Too large to validate: such an answer is not in the validated paths' nature.
        return (StatusCode::INTERNAL_SERVER_ERROR, "").into_response();
    };
    let tag = etag(&bytes);
    parts.headers.insert(
        header::ETAG,
        HeaderValue::from_str(&tag).expect("hex in quotes"),
    );
    let unchanged = match (&if_none_match, &if_modified_since) {
        (Some(names), _) => matches(names, &tag),
        (None, Some(since)) => not_modified_since(&parts.headers, since),
        (None, None) => false,
    };
    if unchanged {
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers.remove(header::CONTENT_LENGTH);
        parts.headers.remove(header::CONTENT_TYPE);
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, Body::from(bytes))
}

fn header_text(request: &Request, name: header::HeaderName) -> Option<String> {
    request
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// Whether an answer's `Last-Modified` is no later than the caller's `If-Modified-Since`.
fn not_modified_since(headers: &axum::http::HeaderMap, since: &str) -> bool {
    let modified = headers
        .get(header::LAST_MODIFIED)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| httpdate::parse_http_date(v).ok());
    match (modified, httpdate::parse_http_date(since).ok()) {
        (Some(modified), Some(since)) => modified <= since,
        _ => false,
    }
}

/// `Last-Modified` for unix seconds.
pub fn last_modified(unix: i64) -> HeaderValue {
    let at = UNIX_EPOCH + Duration::from_secs(unix.max(0) as u64);
    HeaderValue::from_str(&httpdate::fmt_http_date(at)).expect("an HTTP date is ASCII")
}

/// A static file's content-hashed address: `/static/app.3f2a9c1e.css`. A changed file gets a
/// new address, so an old one may be kept for a year.
pub fn hashed_path(name: &str, body: &str) -> String {
    let hex: String = Sha256::digest(body.as_bytes())[..4]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("/static/{stem}.{hex}.{ext}"),
        None => format!("/static/{name}.{hex}"),
    }
}

/// The cache rule of a content-hashed static file.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validators() {
        let tag = etag(b"abc");
        assert_eq!(tag.len(), 34);
        assert_eq!(tag, etag(b"abc"));
        assert_ne!(tag, etag(b"abd"));
        assert!(matches(&format!("\"x\", {tag}"), &tag));
        assert!(matches(&format!("W/{tag}"), &tag));
        assert!(matches("*", &tag));
        assert!(!matches("\"x\"", &tag));
        assert_eq!(
            last_modified(1_764_547_200).to_str().unwrap(),
            "Mon, 01 Dec 2025 00:00:00 GMT"
        );
        assert_ne!(hashed_path("app.css", "a"), hashed_path("app.css", "b"));
        assert!(hashed_path("app.css", "a").ends_with(".css"));
    }
}
