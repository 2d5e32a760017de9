//! Sending the provider request, following redirects by hand.
//!
//! The provider client never follows redirects itself
//! (`redirect::Policy::none()`), because reqwest's policy cannot edit
//! headers. Instead this loop follows up to [`MAX_REDIRECTS`] hops (one more
//! is an [`Error::Network`], "too many redirects") and sends
//! credentials only while every hop stays on the origin (scheme, host and
//! port) of the first URL. Once a hop leaves it, the token is dropped for
//! good and every credential header the caller gave is left out of that hop
//! and all later ones, even one that returns to the first origin. A
//! credential header is one of `Authorization`, `Proxy-Authorization`,
//! `Cookie`, `Set-Cookie`, `X-Api-Key`, `X-Auth-Token`, or any name containing
//! `auth`, `token`, `secret`, `key`, `cookie`, `session`, `password`,
//! `signature`, `credential`, `bearer` or `jwt`, in any case
//! (`Private-Token`, `X-Goog-Api-Key`, `X-Forwarded-Jwt`): the rule audit
//! records use too.
//! Since `http://` and `https://` are different origins, a token is never sent
//! over `http://` after an `https://` start. A redirect to plain `http://`
//! off loopback (unless the vault allows insecure HTTP) is not followed at
//! all: it is returned as the answer, so the body is never sent in the clear.
//!
//! The final answer's body and header values are scrubbed of the token as
//! soon as they are read: a provider echoing it (`"bad token ya29..."`, also
//! JSON-escaped or percent-encoded) never hands it to errors, audit records
//! or the caller. A `Content-Length` is then set to the scrubbed body's
//! length.

use bytes::{Bytes, BytesMut};
use http::Method;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderMap, HeaderValue, LOCATION, USER_AGENT};
use url::Url;

use crate::audit::{body_text, is_sensitive};
use crate::config;
use crate::error::Error;
use crate::execute::call_details;
use crate::hosts::HostPolicy;
use crate::secret::ProviderToken;
use crate::spec::Prepared;

/// The most redirects followed for one call; one more is an error.
pub(crate) const MAX_REDIRECTS: usize = 5;

/// A provider's answer, scrubbed of the token.
pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
}

/// Why no usable answer was read, turned into an error with the call's
/// details.
pub(crate) enum SendError {
    /// A transport failure before any answer arrived: there is nothing to
    /// audit.
    Transport(reqwest::Error),
    /// The status and headers arrived but the body broke off (connection
    /// closed early, timeout): `received` bytes of it were read. The answer's
    /// body is left empty.
    Incomplete {
        answer: Answer,
        received: u64,
        error: reqwest::Error,
    },
    /// The provider asked for more than [`MAX_REDIRECTS`] hops; the last
    /// redirect, read like a final answer.
    TooManyRedirects(Answer),
    /// The answer's body is larger than the vault's `max_response_bytes`;
    /// `received` is its `Content-Length`, or else the bytes read before
    /// reading stopped. The answer's body is left empty.
    TooLarge {
        answer: Answer,
        received: u64,
        limit: usize,
    },
}

impl SendError {
    /// The provider's answer (status and headers), when it answered.
    pub(crate) fn answer(&self) -> Option<&Answer> {
        match self {
            SendError::Transport(_) => None,
            SendError::Incomplete { answer, .. }
            | SendError::TooManyRedirects(answer)
            | SendError::TooLarge { answer, .. } => Some(answer),
        }
    }

    /// The text that stands for the answer's body in the audit record.
    pub(crate) fn audited_body(&self) -> String {
        match self {
            SendError::Transport(_) => String::new(),
            SendError::Incomplete { received, .. } => {
                format!("<incomplete response: {received} bytes>")
            }
            SendError::TooManyRedirects(answer) => body_text(&answer.body),
            SendError::TooLarge { received, .. } => {
                format!("<response too large: {received} bytes>")
            }
        }
    }

    pub(crate) fn into_error(self, call: &Prepared) -> Error {
        match self {
            SendError::Transport(error) => transport_error(error, call_details(call)),
            SendError::Incomplete { answer, error, .. } => {
                let mut details = call_details(call);
                details.insert("status".into(), answer.status.as_u16().into());
                transport_error(error, details)
            }
            SendError::TooManyRedirects(answer) => {
                let mut details = call_details(call);
                details.insert("status".into(), answer.status.as_u16().into());
                details.insert("max_redirects".into(), MAX_REDIRECTS.into());
                Error::Network {
                    message: format!("too many redirects (more than {MAX_REDIRECTS})"),
                    details,
                    source: None,
                }
            }
            SendError::TooLarge { answer, limit, .. } => {
                let mut details = call_details(call);
                details.insert("status".into(), answer.status.as_u16().into());
                details.insert("max_response_bytes".into(), limit.into());
                Error::Sdk {
                    message: format!(
                        "the provider's response is larger than the limit of {limit} bytes \
                         (max_response_bytes)"
                    ),
                    details,
                }
            }
        }
    }
}

fn transport_error(error: reqwest::Error, details: crate::error::Details) -> Error {
    let what = if error.is_timeout() {
        "provider request timed out"
    } else if error.is_connect() {
        "could not connect to the provider"
    } else {
        "provider request failed"
    };
    Error::network(what, details, error.without_url())
}

struct Hop {
    url: Url,
    method: Method,
    with_body: bool,
}

/// Sends the call with its `Authorization` value (marked sensitive),
/// following redirects; returns the final answer (a body of at most `limit`
/// bytes), with the `secret` token scrubbed from it.
pub(crate) async fn send(
    client: &reqwest::Client,
    hosts: &HostPolicy,
    call: &Prepared,
    bearer: HeaderValue,
    secret: &ProviderToken,
    limit: usize,
) -> core::result::Result<Answer, SendError> {
    let origin = call.url.origin();
    let mut token = Some(bearer);
    let mut hop = Hop {
        url: call.url.clone(),
        method: call.method.clone(),
        with_body: call.body.is_some(),
    };
    let mut followed = 0;
    loop {
        let request = build(client, call, &hop, token.as_ref());
        let response = request.send().await.map_err(SendError::Transport)?;
        match next_hop(&hop, response.status(), response.headers()) {
            Some(next) if hosts.check_scheme(&next.url).is_ok() => {
                if followed == MAX_REDIRECTS {
                    drop(token);
                    let last = read(response, secret, limit).await?;
                    return Err(SendError::TooManyRedirects(last));
                }
                followed += 1;
                if next.url.origin() != origin {
                    token = None;
                }
                tracing::debug!(
                    target: "alter_sdk",
                    status = response.status().as_u16(),
                    host = next.url.host_str().unwrap_or_default(),
                    credentials = token.is_some(),
                    "following provider redirect"
                );
                hop = next;
            }
            _ => {
                // The answer is final: the header value is not needed while
                // its body is read; the secret stays only to scrub the body.
                drop(token);
                return read(response, secret, limit).await;
            }
        }
    }
}

fn build(
    client: &reqwest::Client,
    call: &Prepared,
    hop: &Hop,
    token: Option<&HeaderValue>,
) -> reqwest::RequestBuilder {
    let body_dropped = call.body.is_some() && !hop.with_body;
    let mut headers = HeaderMap::new();
    for header in &call.headers {
        let credential = is_sensitive(header.name.as_str());
        let stale_type = body_dropped && header.name == CONTENT_TYPE;
        if (credential && token.is_none()) || stale_type {
            continue;
        }
        headers.append(header.name.clone(), header.value.clone());
    }
    if !headers.contains_key(USER_AGENT) {
        headers.insert(USER_AGENT, HeaderValue::from_static(config::USER_AGENT));
    }
    if let Some(bearer) = token {
        headers.insert(reqwest::header::AUTHORIZATION, bearer.clone());
    }
    let mut request = client.request(hop.method.clone(), hop.url.clone());
    if let Some((_, bytes)) = call.body.as_ref().filter(|_| hop.with_body) {
        if !headers.contains_key(CONTENT_TYPE) {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        request = request.body(bytes.clone());
    }
    if let Some(timeout) = call.timeout {
        request = request.timeout(timeout);
    }
    request.headers(headers)
}

/// The next hop of a redirect, or `None` when the response is final.
fn next_hop(hop: &Hop, status: StatusCode, headers: &HeaderMap) -> Option<Hop> {
    let keeps_method = match status.as_u16() {
        307 | 308 => true,
        301..=303 => false,
        _ => return None,
    };
    let location = headers.get(LOCATION)?.to_str().ok()?;
    let url = hop.url.join(location).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let becomes_get = !keeps_method
        && (status == StatusCode::SEE_OTHER && hop.method != Method::HEAD
            || hop.method == Method::POST);
    Some(Hop {
        url,
        method: if becomes_get {
            Method::GET
        } else {
            hop.method.clone()
        },
        with_body: hop.with_body && !becomes_get,
    })
}

/// Reads the final answer, refusing a body over `limit` bytes before or
/// while it arrives, and scrubs the token from it. A refused body, or one
/// that broke off, leaves the answer's status and headers for the audit
/// record.
async fn read(
    mut response: reqwest::Response,
    secret: &ProviderToken,
    limit: usize,
) -> core::result::Result<Answer, SendError> {
    let status = response.status();
    let mut headers = std::mem::take(response.headers_mut());
    secret.scrub_headers(&mut headers);
    let without_body = |headers| Answer {
        status,
        headers,
        body: Bytes::new(),
    };
    let limit_bytes = u64::try_from(limit).unwrap_or(u64::MAX);
    if let Some(length) = response.content_length().filter(|&n| n > limit_bytes) {
        let answer = without_body(headers);
        return Err(SendError::TooLarge {
            answer,
            received: length,
            limit,
        });
    }
    match read_body(&mut response, limit).await {
        Ok(body) => {
            let body = scrubbed(body, &mut headers, secret);
            Ok(Answer {
                status,
                headers,
                body,
            })
        }
        Err(Cut::TooLarge(received)) => Err(SendError::TooLarge {
            answer: without_body(headers),
            received,
            limit,
        }),
        Err(Cut::BrokeOff(received, error)) => Err(SendError::Incomplete {
            answer: without_body(headers),
            received,
            error,
        }),
    }
}

/// `body` scrubbed of the token; when that changes its length, a stated
/// `Content-Length` is set to the new length so that the headers handed on
/// (to the caller and the audit record) describe the bytes handed on.
fn scrubbed(body: Bytes, headers: &mut HeaderMap, secret: &ProviderToken) -> Bytes {
    let read = body.len();
    let body = secret.scrub(body);
    if body.len() != read && headers.contains_key(CONTENT_LENGTH) {
        headers.insert(CONTENT_LENGTH, HeaderValue::from(body.len()));
    }
    body
}

/// Why a body was not read to its end, with the bytes received so far.
enum Cut {
    TooLarge(u64),
    BrokeOff(u64, reqwest::Error),
}

async fn read_body(
    response: &mut reqwest::Response,
    limit: usize,
) -> core::result::Result<Bytes, Cut> {
    let mut body = BytesMut::new();
    let received = |n: usize| u64::try_from(n).unwrap_or(u64::MAX);
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) if chunk.len() > limit - body.len() => {
                return Err(Cut::TooLarge(received(body.len() + chunk.len())));
            }
            Ok(Some(chunk)) => body.extend_from_slice(&chunk),
            Ok(None) => return Ok(body.freeze()),
            Err(error) => return Err(Cut::BrokeOff(received(body.len()), error)),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "test inputs are fixed")]
    use super::*;

    fn hop(url: &str, method: Method) -> Hop {
        Hop {
            url: Url::parse(url).unwrap(),
            method,
            with_body: true,
        }
    }

    fn location(to: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(LOCATION, HeaderValue::from_str(to).unwrap());
        headers
    }

    #[test]
    fn method_rules() {
        let post = hop("https://a.io/x", Method::POST);
        let next = next_hop(&post, StatusCode::FOUND, &location("/y")).unwrap();
        assert_eq!((next.method, next.with_body), (Method::GET, false));
        assert_eq!(next.url.as_str(), "https://a.io/y");
        let next = next_hop(&post, StatusCode::TEMPORARY_REDIRECT, &location("/y")).unwrap();
        assert_eq!((next.method, next.with_body), (Method::POST, true));
        let put = hop("https://a.io/x", Method::PUT);
        let next = next_hop(&put, StatusCode::SEE_OTHER, &location("https://b.io/")).unwrap();
        assert_eq!(next.method, Method::GET);
        let next = next_hop(&put, StatusCode::MOVED_PERMANENTLY, &location("/z")).unwrap();
        assert_eq!(next.method, Method::PUT);
    }

    #[test]
    fn final_responses_and_bad_locations() {
        let get = hop("https://a.io/x", Method::GET);
        assert!(next_hop(&get, StatusCode::OK, &location("/y")).is_none());
        assert!(next_hop(&get, StatusCode::FOUND, &HeaderMap::new()).is_none());
        assert!(next_hop(&get, StatusCode::FOUND, &location("ftp://a.io/")).is_none());
        assert!(next_hop(&get, StatusCode::NOT_MODIFIED, &location("/y")).is_none());
    }

    fn same_origin(a: &Url, b: &Url) -> bool {
        a.origin() == b.origin()
    }

    #[test]
    fn origins_include_scheme_and_port() {
        let a = Url::parse("https://a.io/x").unwrap();
        assert!(same_origin(&a, &Url::parse("https://a.io:443/y").unwrap()));
        assert!(!same_origin(&a, &Url::parse("http://a.io/x").unwrap()));
        assert!(!same_origin(
            &a,
            &Url::parse("https://a.io:8443/x").unwrap()
        ));
        assert!(!same_origin(&a, &Url::parse("https://b.a.io/x").unwrap()));
    }
}
