//! The provider's answer, fully read.

use std::fmt;

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;

use crate::error::{Error, Result};

/// A provider's response, with its body already read.
///
/// Only responses with a status below 400 reach the caller; larger statuses
/// become [`Error::ProviderApi`].
#[derive(Clone)]
pub struct Response {
    pub(crate) provider: String,
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
}

impl Response {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The provider id the call was made for.
    pub fn provider(&self) -> &str {
        &self.provider
    }

    /// The raw body.
    pub fn bytes(&self) -> &Bytes {
        &self.body
    }

    /// The raw body, by value.
    pub fn into_bytes(self) -> Bytes {
        self.body
    }

    /// The body as text; invalid UTF-8 sequences are replaced with U+FFFD.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body parsed as JSON. An empty body parses as JSON `null` (so it
    /// fits `()`, `Option<T>` or `serde_json::Value`).
    pub fn json<T: DeserializeOwned>(&self) -> Result<T> {
        let body: &[u8] = if self.body.iter().all(u8::is_ascii_whitespace) {
            b"null"
        } else {
            &self.body
        };
        serde_json::from_slice(body).map_err(|e| Error::Sdk {
            message: format!("the provider's response is not the expected JSON: {e}"),
            details: Default::default(),
        })
    }
}

impl fmt::Debug for Response {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header_names: Vec<&str> = self.headers.keys().map(|name| name.as_str()).collect();
        f.debug_struct("Response")
            .field("provider", &self.provider)
            .field("status", &self.status)
            .field("header_names", &header_names)
            .field("body_len", &self.body.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "test inputs are fixed")]
    use super::*;

    fn response(body: &'static [u8]) -> Response {
        Response {
            provider: "google".into(),
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            body: Bytes::from_static(body),
        }
    }

    #[test]
    fn empty_body_is_json_null() {
        let r = response(b"");
        assert_eq!(
            r.json::<serde_json::Value>().unwrap(),
            serde_json::Value::Null
        );
        r.json::<()>().unwrap();
        assert_eq!(r.json::<Option<u8>>().unwrap(), None);
    }

    #[test]
    fn json_and_text() {
        let r = response(br#"{"a":1}"#);
        assert_eq!(r.json::<serde_json::Value>().unwrap()["a"], 1);
        assert_eq!(r.text(), r#"{"a":1}"#);
        assert!(matches!(r.json::<Vec<u8>>(), Err(Error::Sdk { .. })));
        assert_eq!(
            format!("{r:?}"),
            r#"Response { provider: "google", status: 200, header_names: [], body_len: 7 }"#
        );
    }
}
