//! Secrets: the vault API key and the provider token.
//!
//! Both live in `secrecy` boxes (zeroed on drop, `Debug` redacted) and only
//! leave them as header values marked sensitive, which HTTP/2 keeps out of
//! header compression tables and `Debug` output prints as `Sensitive`.

use std::borrow::Cow;
use std::fmt;

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderValue};
use secrecy::{ExposeSecret, SecretString};

use crate::error::{Error, Result};
use crate::redact::{REDACTED_TEXT, replaced};

/// The vault API key.
#[derive(Clone)]
pub(crate) struct ApiKey(SecretString);

impl ApiKey {
    pub(crate) fn new(key: String) -> ApiKey {
        ApiKey(SecretString::from(key))
    }

    /// Checks the key's form (before any I/O).
    pub(crate) fn validate(&self) -> Result<()> {
        let key = self.0.expose_secret();
        if key.is_empty() {
            return Err(Error::config("an API key is required"));
        }
        match key.strip_prefix("alter_key_") {
            None => Err(Error::config("the API key must start with `alter_key_`")),
            Some(rest) if rest.trim().is_empty() => Err(Error::config(
                "the API key has nothing after `alter_key_`; give the whole key",
            )),
            // A key read from a file or an environment variable often keeps
            // a trailing newline or space; no issued key holds one.
            Some(rest) if rest.chars().any(|c| c.is_whitespace() || c.is_control()) => {
                Err(Error::config(
                    "the API key holds whitespace or control characters; give the key as \
                     issued, without spaces or line breaks",
                ))
            }
            Some(_) => Ok(()),
        }
    }

    pub(crate) fn header_value(&self) -> Result<HeaderValue> {
        sensitive(self.0.expose_secret())
            .map_err(|()| Error::config("the API key holds characters not allowed in a header"))
    }

    /// `text` with every copy of the key, in any spelling (see
    /// [`crate::redact`]), replaced by `[redacted]`.
    pub(crate) fn scrub<'a>(&self, text: &'a str) -> Cow<'a, str> {
        match replaced(text.as_bytes(), self.0.expose_secret().as_bytes()) {
            // A copy of a UTF-8 key in UTF-8 text starts and ends on character
            // boundaries, so replacing it with ASCII leaves valid UTF-8 and the
            // lossy fallback never changes anything.
            Some(clean) => Cow::Owned(
                String::from_utf8(clean)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
            ),
            None => Cow::Borrowed(text),
        }
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey([redacted])")
    }
}

/// A provider access token, valid for one call.
pub(crate) struct ProviderToken(SecretString);

impl ProviderToken {
    pub(crate) fn new(token: String) -> ProviderToken {
        ProviderToken(SecretString::from(token))
    }

    /// `Bearer <token>`, marked sensitive.
    pub(crate) fn bearer(&self) -> Result<HeaderValue> {
        let value = format!("Bearer {}", self.0.expose_secret());
        let header = sensitive(&value);
        drop(SecretString::from(value));
        header.map_err(|()| Error::TokenRetrieval {
            message: "the vault returned a token that is not a valid header value".into(),
            details: Default::default(),
        })
    }
}

impl ProviderToken {
    /// `body` with every copy of the token, as written, JSON-escaped or
    /// percent-encoded (see [`crate::redact`]), replaced by `[redacted]`.
    pub(crate) fn scrub(&self, body: Bytes) -> Bytes {
        match replaced(&body, self.0.expose_secret().as_bytes()) {
            Some(clean) => Bytes::from(clean),
            None => body,
        }
    }

    /// Replaces every copy of the token, in any spelling, by `[redacted]`
    /// inside every header value (a `Location` may carry it percent-encoded).
    pub(crate) fn scrub_headers(&self, headers: &mut HeaderMap) {
        let token = self.0.expose_secret().as_bytes();
        for value in headers.values_mut() {
            if let Some(clean) = replaced(value.as_bytes(), token) {
                // Removing bytes from a valid value and adding the marker's
                // visible ASCII keeps it valid; the fallback is never reached.
                *value = HeaderValue::from_bytes(&clean)
                    .unwrap_or_else(|_| HeaderValue::from_static(REDACTED_TEXT));
            }
        }
    }
}

impl fmt::Debug for ProviderToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ProviderToken([redacted])")
    }
}

/// A header value marked sensitive.
pub(crate) fn sensitive(value: &str) -> core::result::Result<HeaderValue, ()> {
    let mut header = HeaderValue::from_str(value).map_err(|_| ())?;
    header.set_sensitive(true);
    Ok(header)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "test inputs are fixed")]
    use super::*;

    #[test]
    fn debug_never_shows_secrets() {
        let key = ApiKey::new("alter_key_s3cret".into());
        let token = ProviderToken::new("ya29.s3cret".into());
        assert_eq!(format!("{key:?}"), "ApiKey([redacted])");
        assert_eq!(format!("{token:?}"), "ProviderToken([redacted])");
        let bearer = token.bearer().unwrap();
        assert!(bearer.is_sensitive());
        assert!(!format!("{bearer:?}").contains("s3cret"));
        assert!(key.header_value().unwrap().is_sensitive());
    }

    #[test]
    fn api_key_form_is_checked() {
        assert!(ApiKey::new("alter_key_x".into()).validate().is_ok());
        assert!(ApiKey::new(String::new()).validate().is_err());
        assert!(ApiKey::new("sk_live_x".into()).validate().is_err());
        assert!(
            ApiKey::new("alter_key_\r\nx".into())
                .header_value()
                .is_err()
        );
    }

    #[test]
    fn echoed_tokens_are_replaced() {
        let token = ProviderToken::new("tok".into());
        let body = token.scrub(Bytes::from_static(b"tok a tokto tok"));
        assert_eq!(&body[..], b"[redacted] a [redacted]to [redacted]");
        // A body without the token is handed back as it is, not copied.
        let untouched = Bytes::from_static(br#"to k {"a":"t\/o%6"}"#);
        assert_eq!(token.scrub(untouched.clone()).as_ptr(), untouched.as_ptr());
        let mut headers = HeaderMap::new();
        headers.insert("x-echo", HeaderValue::from_static("Bearer tok"));
        headers.insert("location", HeaderValue::from_static("/cb?t=%74o%6B"));
        token.scrub_headers(&mut headers);
        assert_eq!(headers["x-echo"], "Bearer [redacted]");
        assert_eq!(headers["location"], "/cb?t=[redacted]");
    }

    #[test]
    fn echoed_api_keys_are_replaced() {
        let key = ApiKey::new("alter_key_k".into());
        assert_eq!(
            key.scrub("é alter_key_k, alter_key_kalter_key_k"),
            "é [redacted], [redacted][redacted]"
        );
        assert!(matches!(
            key.scrub("alter_key_"),
            Cow::Borrowed("alter_key_")
        ));
        assert_eq!(
            key.scrub(r#"?key=alter%5Fkey%5fk {"k":"alter\u005Fkey_k"}"#),
            r#"?key=[redacted] {"k":"[redacted]"}"#
        );
        // Every escape is undone before matching, so what parsing makes of
        // the scrubbed text holds no copy either.
        let escaped = r#"{"alter_key\u005fk": ["alter\/key_k", "alter_key_\u006B"]}"#;
        let parsed: serde_json::Value = serde_json::from_str(&key.scrub(escaped)).unwrap();
        assert_eq!(
            parsed,
            serde_json::json!({"[redacted]": ["alter/key_k", "[redacted]"]})
        );
    }

    #[test]
    fn token_with_newline_is_refused() {
        let token = ProviderToken::new("a\r\nb".into());
        assert!(matches!(token.bearer(), Err(Error::TokenRetrieval { .. })));
    }
}
