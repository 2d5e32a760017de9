//! Host binding: which hosts a provider's token may be sent to, and when
//! plain `http://` is acceptable.

use std::collections::HashMap;
use std::net::IpAddr;

use url::{Host, Url};

use crate::error::{Error, Result};

/// One allowed host: `*` (any host), `*.example.com` (any subdomain),
/// `example.com`, optionally with `:port`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HostPattern {
    host: String,
    wildcard: bool,
    any: bool,
    port: Option<u16>,
}

impl HostPattern {
    pub(crate) fn parse(pattern: &str) -> Result<HostPattern> {
        let pattern = pattern.trim().to_ascii_lowercase();
        if pattern == "*" {
            return Ok(HostPattern {
                host: String::new(),
                wildcard: false,
                any: true,
                port: None,
            });
        }
        if pattern.contains('/') {
            return Err(not_a_host(&pattern));
        }
        let (host, port) = split_port(&pattern)?;
        let (host, wildcard) = match host.strip_prefix("*.") {
            Some(rest) => (rest, true),
            None => (host, false),
        };
        let bad = || Error::config(format!("invalid host pattern `{pattern}`"));
        if host.is_empty() || host.contains(['*', '/', '@', '?', '#']) {
            return Err(bad());
        }
        // The URL parser's own form: IDNA to ASCII, lowercase, IP addresses
        // canonical, so that the pattern compares with a parsed URL's host.
        let parsed = Host::parse(host).map_err(|_| bad())?;
        if wildcard && !matches!(parsed, Host::Domain(_)) {
            return Err(bad());
        }
        Ok(HostPattern {
            host: parsed.to_string(),
            wildcard,
            any: false,
            port,
        })
    }

    /// The exact host (and port) of a URL, as a pattern.
    pub(crate) fn of_url(url: &Url) -> Option<HostPattern> {
        Some(HostPattern {
            host: url.host_str()?.to_ascii_lowercase(),
            wildcard: false,
            any: false,
            port: url.port(),
        })
    }

    pub(crate) fn matches(&self, url: &Url) -> bool {
        if self.any {
            return true;
        }
        let Some(host) = url.host_str() else {
            return false;
        };
        let host = host.to_ascii_lowercase();
        let host_ok = if self.wildcard {
            host.strip_suffix(self.host.as_str())
                .is_some_and(|head| head.len() > 1 && head.ends_with('.'))
        } else {
            host == self.host
        };
        host_ok
            && self
                .port
                .is_none_or(|port| url.port_or_known_default() == Some(port))
    }
}

/// The error for a pattern written as a URL (`https://x.com`, `x.com/api`):
/// it suggests the host part when that is a valid pattern itself.
fn not_a_host(pattern: &str) -> Error {
    let rest = pattern.split_once("://").map_or(pattern, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let suggestion = match HostPattern::parse(host) {
        Ok(_) => format!("write `{host}`"),
        Err(_) => "such as `api.example.com`".to_owned(),
    };
    Error::config(format!(
        "invalid host pattern `{pattern}`: give the host only, without scheme or path; \
         {suggestion}"
    ))
}

fn split_port(pattern: &str) -> Result<(&str, Option<u16>)> {
    let bad = || Error::config(format!("invalid host pattern `{pattern}`"));
    let colon = if pattern.starts_with('[') {
        let close = pattern.find(']').ok_or_else(bad)?;
        pattern[close..].find(':').map(|at| close + at)
    } else {
        pattern.rfind(':')
    };
    match colon {
        None => Ok((pattern, None)),
        Some(at) => {
            let port = pattern[at + 1..].parse().map_err(|_| bad())?;
            Ok((&pattern[..at], Some(port)))
        }
    }
}

/// The host rules of one vault.
#[derive(Debug, Clone, Default)]
pub(crate) struct HostPolicy {
    /// Patterns added per provider id (lowercase), on top of the provider's
    /// defaults.
    extra: HashMap<String, Vec<HostPattern>>,
    allow_insecure_http: bool,
}

impl HostPolicy {
    pub(crate) fn new(allow_insecure_http: bool) -> HostPolicy {
        HostPolicy {
            extra: HashMap::new(),
            allow_insecure_http,
        }
    }

    pub(crate) fn allow(&mut self, provider_id: &str, pattern: HostPattern) {
        self.extra
            .entry(provider_id.to_ascii_lowercase())
            .or_default()
            .push(pattern);
    }

    /// Whether any host rule binds the provider's token (its defaults or a
    /// configured host).
    pub(crate) fn binds(&self, provider: &crate::Provider) -> bool {
        let id = provider.as_str().to_ascii_lowercase();
        !crate::Provider::from(id.as_str())
            .default_hosts()
            .is_empty()
            || self.extra.contains_key(&id)
    }

    /// Refuses a URL the provider's token must not be sent to.
    ///
    /// Only the provider's defaults and the vault's configured hosts count: a
    /// typed endpoint's own base URL extends nothing, so an endpoint cannot
    /// send a bound provider's token to a host the vault did not allow.
    pub(crate) fn check(&self, provider: &crate::Provider, url: &Url) -> Result<()> {
        self.check_scheme(url)?;
        // Bound by the id in any case: a backend that matched ids without
        // regard to case would otherwise hand `Google` a Google token that
        // no host rule covers.
        if !self.binds(provider) {
            return Ok(());
        }
        let id = provider.as_str().to_ascii_lowercase();
        let defaults = crate::Provider::from(id.as_str()).default_hosts();
        let extra = self.extra.get(&id).map(Vec::as_slice);
        let allowed = defaults
            .iter()
            .filter_map(|p| HostPattern::parse(p).ok())
            .any(|p| p.matches(url))
            || extra.unwrap_or_default().iter().any(|p| p.matches(url));
        if allowed {
            Ok(())
        } else {
            Err(Error::invalid(format!(
                "host `{}` is not allowed for provider `{}`",
                authority(url),
                provider.as_str()
            )))
        }
    }

    /// Refuses a scheme other than `https`, or `http` (to loopback only,
    /// unless insecure HTTP is allowed).
    pub(crate) fn check_scheme(&self, url: &Url) -> Result<()> {
        match url.scheme() {
            "https" => Ok(()),
            "http" if self.allow_insecure_http || is_loopback(url) => Ok(()),
            "http" => Err(Error::invalid(
                "plain http:// is only allowed to loopback hosts",
            )),
            other => Err(Error::invalid(format!(
                "URL scheme must be https or http, got `{other}`"
            ))),
        }
    }
}

/// Whether a URL points at this machine (127.0.0.0/8, ::1 or `localhost`).
pub(crate) fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// A URL's host, with its port when the URL names one other than the
/// scheme's default: what an error shows so that a port mismatch is visible.
pub(crate) fn authority(url: &Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "test inputs are fixed")]
    use super::*;
    use crate::Provider;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn wildcard_matches_subdomains_only() {
        let p = HostPattern::parse("*.googleapis.com").unwrap();
        assert!(p.matches(&url("https://www.googleapis.com/x")));
        assert!(p.matches(&url("https://a.b.googleapis.com/x")));
        assert!(!p.matches(&url("https://googleapis.com/x")));
        assert!(!p.matches(&url("https://evilgoogleapis.com/x")));
        assert!(!p.matches(&url("https://www.googleapis.com.evil.io/x")));
    }

    #[test]
    fn patterns_take_the_parsed_url_form_of_their_host() {
        let idn = HostPattern::parse("*.BÜCHER.example").unwrap();
        assert!(idn.matches(&url("https://api.bücher.example/x")));
        assert!(idn.matches(&url("https://API.xn--bcher-kva.example/x")));
        assert!(!idn.matches(&url("https://api.bucher.example/x")));
        let upper = HostPattern::parse("API.Example.COM").unwrap();
        assert!(upper.matches(&url("https://api.example.com/")));
        let short_ip = HostPattern::parse("127.1:8080").unwrap();
        assert!(short_ip.matches(&url("http://127.0.0.1:8080/")));
        let long_v6 = HostPattern::parse("[0:0:0:0:0:0:0:1]").unwrap();
        assert!(long_v6.matches(&url("http://[::1]:9/")));
        for bad in ["*.127.0.0.1", "*.[::1]", "a b.com", "[::1", "::1"] {
            assert!(
                matches!(HostPattern::parse(bad), Err(Error::Configuration { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn url_spellings_of_hosts_are_judged_after_parsing() {
        let policy = HostPolicy::new(false);
        let google = Provider::Google;
        for allowed in [
            "https://WWW.GoogleAPIs.COM/x",
            "https://www.googleapis.com:443/x",
            "https://www.googleapis.com:8443/x",
        ] {
            assert!(policy.check(&google, &url(allowed)).is_ok(), "{allowed}");
        }
        for refused in [
            "https://www.googleapis.com./x",
            "https://www.googleapis.com%2eevil.io/x",
            "https://evil.io\\@www.googleapis.com/x",
            "https://xn--googleapis-evil.com/x",
            "https://142.250.0.1/x",
            "https://[::1]/x",
        ] {
            assert!(policy.check(&google, &url(refused)).is_err(), "{refused}");
        }
    }

    #[test]
    fn port_in_pattern_must_match() {
        let p = HostPattern::parse("127.0.0.1:8080").unwrap();
        assert!(p.matches(&url("http://127.0.0.1:8080/")));
        assert!(!p.matches(&url("http://127.0.0.1:8081/")));
        let v6 = HostPattern::parse("[::1]:9").unwrap();
        assert!(v6.matches(&url("http://[::1]:9/")));
        assert!(HostPattern::parse("a.com:x").is_err());
        assert!(HostPattern::parse("a.com/path").is_err());
    }

    #[test]
    fn known_providers_are_bound_unknown_are_not() {
        let policy = HostPolicy::new(false);
        let google = Provider::Google;
        assert!(
            policy
                .check(&google, &url("https://gmail.googleapis.com/"))
                .is_ok()
        );
        assert!(policy.check(&google, &url("https://evil.com/")).is_err());
        let acme = Provider::from("acme");
        assert!(policy.check(&acme, &url("https://anything.io/")).is_ok());
    }

    #[test]
    fn configured_hosts_extend_and_bind() {
        let mut policy = HostPolicy::new(false);
        policy.allow("acme", HostPattern::parse("api.acme.io").unwrap());
        let acme = Provider::from("acme");
        assert!(policy.check(&acme, &url("https://api.acme.io/")).is_ok());
        assert!(policy.check(&acme, &url("https://other.io/")).is_err());
    }

    #[test]
    fn plain_http_only_to_loopback() {
        let policy = HostPolicy::new(false);
        let acme = Provider::from("acme");
        assert!(policy.check(&acme, &url("http://127.0.0.1:1/")).is_ok());
        assert!(policy.check(&acme, &url("http://localhost/")).is_ok());
        assert!(policy.check(&acme, &url("http://[::1]/")).is_ok());
        assert!(policy.check(&acme, &url("http://example.com/")).is_err());
        assert!(policy.check(&acme, &url("ftp://example.com/")).is_err());
        let lax = HostPolicy::new(true);
        assert!(lax.check(&acme, &url("http://example.com/")).is_ok());
    }
}
