//! What a call asks for, from either entry point, and its check before any
//! I/O: URL, host binding, template and path values, query, headers, body.

use std::time::Duration;

use http::Method;
use reqwest::header::{CONTENT_LENGTH, HOST, HeaderName, HeaderValue, TRANSFER_ENCODING};
use serde_json::{Map, Value};
use url::Url;

use crate::backend::Tracking;
use crate::error::{Error, Result};
use crate::hosts::HostPattern;
use crate::path;
use crate::private::PathPart;
use crate::provider::Provider;
use crate::response::Response;
use crate::vault::Inner;

/// A call as the entry points describe it, not yet checked.
pub(crate) struct RequestSpec {
    pub(crate) provider: Provider,
    pub(crate) method: Method,
    pub(crate) target: Target,
    pub(crate) user: Option<Map<String, Value>>,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Option<Value>,
    pub(crate) reason: Option<String>,
    pub(crate) tracking: Tracking,
    pub(crate) timeout: Option<Duration>,
    pub(crate) check: Option<fn(&Response) -> Result<()>>,
    pub(crate) endpoint: Option<&'static str>,
    /// The first mistake made while building the call, reported by `send`.
    pub(crate) error: Option<Error>,
}

/// Where the call goes.
pub(crate) enum Target {
    /// A URL with `{name}` placeholders (the untyped entry point).
    Template {
        template: String,
        params: Vec<(String, String)>,
    },
    /// A typed endpoint's base URL candidates and path.
    Endpoint {
        handle_base: Option<String>,
        endpoint_base: Option<&'static str>,
        parts: &'static [PathPart],
        values: Vec<String>,
    },
    /// An absolute URL replacing base and path (pagination links), with the
    /// base URL candidates of the endpoint it continues.
    Absolute {
        url: String,
        handle_base: Option<String>,
        endpoint_base: Option<&'static str>,
    },
}

/// A checked call, ready for the token and the provider.
pub(crate) struct Prepared {
    pub(crate) provider: Provider,
    pub(crate) method: Method,
    pub(crate) url: Url,
    pub(crate) user: Map<String, Value>,
    pub(crate) headers: Vec<CallerHeader>,
    pub(crate) body: Option<(Value, Vec<u8>)>,
    pub(crate) reason: Option<String>,
    pub(crate) tracking: Tracking,
    pub(crate) timeout: Option<Duration>,
    pub(crate) check: Option<fn(&Response) -> Result<()>>,
    pub(crate) endpoint: Option<&'static str>,
}

/// A caller's header: the name as written (for audit) and its wire form.
pub(crate) struct CallerHeader {
    pub(crate) written: String,
    pub(crate) name: HeaderName,
    pub(crate) value: HeaderValue,
}

impl RequestSpec {
    pub(crate) fn new(provider: Provider, method: Method, target: Target) -> RequestSpec {
        RequestSpec {
            provider,
            method,
            target,
            user: None,
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            reason: None,
            tracking: Tracking::default(),
            timeout: None,
            check: None,
            endpoint: None,
            error: None,
        }
    }

    /// Sets a header, replacing any of the same name (in any case) set
    /// before: a later layer of a typed call (handle, then call argument)
    /// overrides an earlier one (endpoint, then handle).
    pub(crate) fn set_header(&mut self, name: String, value: String) {
        self.headers
            .retain(|(known, _)| !known.eq_ignore_ascii_case(&name));
        self.headers.push((name, value));
    }

    /// Keeps the first error met while building.
    pub(crate) fn fail(&mut self, error: Error) {
        self.error.get_or_insert(error);
    }

    /// Checks everything that can be checked without I/O.
    pub(crate) fn prepare(self, inner: &Inner) -> Result<Prepared> {
        if let Some(error) = self.error {
            return Err(error);
        }
        if self.provider.as_str().is_empty() {
            return Err(Error::invalid("the provider id is empty"));
        }
        let user = self
            .user
            .ok_or_else(|| Error::invalid("no user given; set the user attributes of the call"))?;
        // The backend matches connections by these attributes; with none, it
        // could answer with whichever connection it finds for the provider.
        if user.is_empty() {
            return Err(Error::invalid(
                "the user has no attributes; name the user, as in `User::id(\"alice\")`",
            ));
        }
        if self.timeout.is_some_and(|timeout| timeout.is_zero()) {
            return Err(Error::invalid(
                "the call's timeout must be greater than zero",
            ));
        }
        let mut url = resolve(&self.target, &self.provider, inner)?;
        inner.hosts.check(&self.provider, &url)?;
        check_link_host(&self.target, &self.provider, inner, &url)?;
        crate::query::append(&mut url, &self.query);
        let body = match self.body {
            Some(value) => {
                let bytes = serde_json::to_vec(&value).map_err(|e| {
                    Error::invalid(format!("the body could not be serialized: {e}"))
                })?;
                Some((value, bytes))
            }
            None => None,
        };
        Ok(Prepared {
            provider: self.provider,
            method: self.method,
            url,
            user,
            headers: caller_headers(self.headers)?,
            body,
            reason: self.reason,
            tracking: self.tracking,
            timeout: self.timeout,
            check: self.check,
            endpoint: self.endpoint,
        })
    }
}

/// The call's URL, before the host check.
fn resolve(target: &Target, provider: &Provider, inner: &Inner) -> Result<Url> {
    let raw = match target {
        Target::Template { template, params } => path::render(template, params)?,
        Target::Endpoint {
            handle_base,
            endpoint_base,
            parts,
            values,
        } => {
            let base = endpoint_base_url(handle_base.as_deref(), *endpoint_base, provider, inner)
                .ok_or_else(|| {
                Error::invalid(format!("no base URL is known for provider `{provider}`"))
            })?;
            check_base(base)?;
            join(base, &render_parts(parts, values)?)
        }
        Target::Absolute {
            url, handle_base, ..
        } => {
            if let Some(base) = handle_base {
                check_base(base)?;
            }
            url.clone()
        }
    };
    parse_url(&raw)
}

/// Refuses a base URL holding a query or a fragment: the path is appended to
/// the base as text, and would land inside them. (The vault's own base URLs
/// are checked by `build()`; a handle's and an endpoint's are checked here.)
fn check_base(base: &str) -> Result<()> {
    if base.contains(['?', '#']) {
        return Err(Error::invalid(
            "the call's base URL may not hold a query (`?`) or a fragment (`#`); remove it",
        ));
    }
    Ok(())
}

/// The base URL of a typed endpoint, by precedence: the handle's, the
/// vault's for the provider, the endpoint's own, the provider's default.
fn endpoint_base_url<'a>(
    handle_base: Option<&'a str>,
    endpoint_base: Option<&'static str>,
    provider: &Provider,
    inner: &'a Inner,
) -> Option<&'a str> {
    handle_base
        .or_else(|| {
            inner
                .provider_base_urls
                .get(&provider.as_str().to_ascii_lowercase())
                .map(String::as_str)
        })
        .or(endpoint_base)
        .or_else(|| provider.default_base_url())
}

/// A link taken from a response, for a provider no host rule binds, must
/// stay on the host (and port) of the endpoint's base URL: the response
/// chose the link, and the token follows it. With no usable base URL there is
/// no host to compare with, and the link is refused.
fn check_link_host(target: &Target, provider: &Provider, inner: &Inner, url: &Url) -> Result<()> {
    let Target::Absolute {
        handle_base,
        endpoint_base,
        ..
    } = target
    else {
        return Ok(());
    };
    if inner.hosts.binds(provider) {
        return Ok(());
    }
    let base = endpoint_base_url(handle_base.as_deref(), *endpoint_base, provider, inner)
        .and_then(|base| Url::parse(base).ok());
    let Some(base) = base else {
        return Err(Error::invalid(format!(
            "the link's host `{}` cannot be checked: no valid base URL is known for provider \
             `{}`; allow the host for the provider to follow the link",
            crate::hosts::authority(url),
            provider.as_str()
        )));
    };
    if HostPattern::of_url(&base).is_some_and(|pattern| pattern.matches(url)) {
        return Ok(());
    }
    Err(Error::invalid(format!(
        "the link's host `{}` is not the endpoint's host `{}`; allow it for provider `{}` \
         to follow it",
        crate::hosts::authority(url),
        crate::hosts::authority(&base),
        provider.as_str()
    )))
}

fn parse_url(raw: &str) -> Result<Url> {
    if !raw.starts_with("https://") && !raw.starts_with("http://") {
        return Err(Error::invalid(
            "the URL must start with https:// or http://",
        ));
    }
    let url =
        Url::parse(raw).map_err(|e| Error::invalid(format!("the URL does not parse: {e}")))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::invalid("the URL may not hold credentials"));
    }
    Ok(url)
}

fn join(base: &str, path: &str) -> String {
    let base = base.trim_end_matches('/');
    if path.is_empty() || path.starts_with('/') || path.starts_with('?') {
        format!("{base}{path}")
    } else {
        format!("{base}/{path}")
    }
}

/// The path of a typed endpoint, each value encoded. Mistakes name the
/// placeholder (`<owner>`, `<path..>`) the value is for.
fn render_parts(parts: &[PathPart], values: &[String]) -> Result<String> {
    let mut used = 0;
    let mut out = String::new();
    for part in parts {
        let encoded = match *part {
            PathPart::Literal(text) => {
                out.push_str(text);
                continue;
            }
            PathPart::Segment { index, name } => {
                let placeholder = format!("<{name}>");
                used = used.max(index + 1);
                path::encode_segment(&placeholder, path_value(values, index, &placeholder)?)
            }
            PathPart::Rest { index, name } => {
                let placeholder = format!("<{name}..>");
                used = used.max(index + 1);
                path::encode_rest(&placeholder, path_value(values, index, &placeholder)?)
            }
        };
        out.push_str(&encoded?);
    }
    if used < values.len() {
        return Err(Error::invalid(
            "the endpoint was given more path values than it has",
        ));
    }
    Ok(out)
}

fn path_value<'v>(values: &'v [String], index: usize, placeholder: &str) -> Result<&'v str> {
    values
        .get(index)
        .map(String::as_str)
        .ok_or_else(|| Error::invalid(format!("no value for path placeholder `{placeholder}`")))
}

/// Headers the HTTP client derives from the URL and body. A caller's `Host`
/// would send the token to another virtual host than the one the host binding
/// checked; a caller's framing headers could disagree with the body.
const CLIENT_SET: [HeaderName; 3] = [HOST, CONTENT_LENGTH, TRANSFER_ENCODING];

/// Checks the caller's headers; an `Authorization` is dropped (the token
/// replaces it) with a warning, and the headers of [`CLIENT_SET`] are refused.
fn caller_headers(pairs: Vec<(String, String)>) -> Result<Vec<CallerHeader>> {
    let mut headers = Vec::with_capacity(pairs.len());
    for (written, value) in pairs {
        let name = HeaderName::from_bytes(written.as_bytes()).map_err(|_| {
            Error::invalid(format!(
                "`{}` is not a valid header name",
                written.escape_debug()
            ))
        })?;
        // `from_str` refuses control characters other than tab and nothing else.
        let mut value = HeaderValue::from_str(&value).map_err(|_| {
            Error::invalid(format!(
                "the value of header `{name}` holds a control character (such as CR or LF), \
                 which header values may not hold"
            ))
        })?;
        if CLIENT_SET.contains(&name) {
            return Err(Error::invalid(format!(
                "header `{name}` is set by the HTTP client and may not be given"
            )));
        }
        if name == reqwest::header::AUTHORIZATION {
            tracing::warn!(
                target: "alter_sdk",
                "an Authorization header was given; it is replaced by the vault's token"
            );
            continue;
        }
        if crate::audit::is_sensitive(name.as_str()) {
            value.set_sensitive(true);
        }
        headers.push(CallerHeader {
            written,
            name,
            value,
        });
    }
    Ok(headers)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "test inputs are fixed")]
    use super::*;

    const PARTS: &[PathPart] = &[
        PathPart::Literal("/repos/"),
        PathPart::Segment {
            index: 0,
            name: "repo",
        },
        PathPart::Literal("/contents/"),
        PathPart::Rest {
            index: 1,
            name: "path",
        },
    ];

    fn values(list: &[&str]) -> Vec<String> {
        list.iter().map(|v| (*v).to_owned()).collect()
    }

    #[test]
    fn joins_base_and_path_with_one_slash() {
        assert_eq!(join("https://h/v1/", "/x"), "https://h/v1/x");
        assert_eq!(join("https://h/v1", "x"), "https://h/v1/x");
        assert_eq!(join("https://h", ""), "https://h");
        assert_eq!(join("https://h/api", "?a=1"), "https://h/api?a=1");
    }

    #[test]
    fn renders_segments_and_rest() {
        let path = render_parts(PARTS, &values(&["a/b", "dir/file name.md"])).unwrap();
        assert_eq!(path, "/repos/a%2Fb/contents/dir/file%20name.md");
        assert!(render_parts(PARTS, &values(&["a"])).is_err());
        assert!(render_parts(PARTS, &values(&["a", "b", "c"])).is_err());
        assert!(render_parts(PARTS, &values(&["a", "b/../c"])).is_err());
    }

    #[test]
    fn caller_headers_drop_authorization_and_mark_credentials() {
        let headers = caller_headers(vec![
            ("authorization".into(), "Bearer x".into()),
            ("Cookie".into(), "c=1".into()),
            ("X-Trace".into(), "t".into()),
        ])
        .unwrap();
        let names: Vec<&str> = headers.iter().map(|h| h.written.as_str()).collect();
        assert_eq!(names, ["Cookie", "X-Trace"]);
        assert!(headers[0].value.is_sensitive());
        assert!(!headers[1].value.is_sensitive());
        assert!(caller_headers(vec![("X".into(), "a\rb".into())]).is_err());
    }

    #[test]
    fn urls_must_be_http_and_free_of_credentials() {
        assert!(parse_url("https://h/x").is_ok());
        assert!(parse_url("HTTPS://h/x").is_err());
        assert!(parse_url("wss://h/x").is_err());
        assert!(parse_url("https://u@h/x").is_err());
        assert!(parse_url("https://h:99999/x").is_err());
    }
}
