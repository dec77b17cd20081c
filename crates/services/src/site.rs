//! The site's public address: what every absolute link is made from (feed ids and links, the
//! daily bundle's webhook). The operator configures it; a request's `Host` or
//! `X-Forwarded-Proto` never decides it, so a caller cannot make the library hand out ids and
//! links under an address of their choosing.

use std::fmt;
use std::sync::Arc;

/// An `http://` or `https://` address without a trailing slash, query or fragment
/// (`https://example.org` or `https://example.org/sucai`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUrl(Arc<str>);

impl PublicUrl {
    /// Checks and normalises an address the operator gave; the error is a sentence.
    pub fn parse(text: &str) -> Result<PublicUrl, String> {
        let url = text.trim().trim_end_matches('/');
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .ok_or_else(|| format!("{text:?} is not an http:// or https:// address"))?;
        let host = rest.split('/').next().unwrap_or_default();
        if host.is_empty() || host.starts_with(':') {
            return Err(format!("{text:?} names no host"));
        }
        if let Some(c) = rest
            .chars()
            .find(|&c| c.is_whitespace() || c.is_control() || "?#\"<>\\@".contains(c))
        {
            return Err(format!(
                "{text:?} holds {c:?}: give the site's address only (scheme, host, port, path)"
            ));
        }
        Ok(PublicUrl(url.into()))
    }

    /// The address a server listening on `addr` (`127.0.0.1:8080`) has without a proxy.
    pub fn for_addr(addr: &str) -> Result<PublicUrl, String> {
        PublicUrl::parse(&format!("http://{addr}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// An absolute link to `path` (which starts with `/`).
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.0)
    }
}

impl fmt::Display for PublicUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_checked_and_normalised() {
        let ok = |s: &str| PublicUrl::parse(s).unwrap().to_string();
        assert_eq!(ok("https://example.org/"), "https://example.org");
        assert_eq!(ok(" http://127.0.0.1:8080 "), "http://127.0.0.1:8080");
        assert_eq!(
            ok("https://example.org/sucai/"),
            "https://example.org/sucai"
        );
        assert_eq!(ok("http://[::1]:8080"), "http://[::1]:8080");
        for bad in [
            "example.org",
            "ftp://example.org",
            "https://",
            "https:///path",
            "https://example.org/?q=1",
            "https://example.org/#top",
            "https://user@example.org",
            "https://exa mple.org",
            "https://example.org/\u{1B}",
        ] {
            assert!(PublicUrl::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            PublicUrl::for_addr("127.0.0.1:0")
                .unwrap()
                .link("/articles/1"),
            "http://127.0.0.1:0/articles/1"
        );
    }
}
