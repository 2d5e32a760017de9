//! Secrets: the vault API key and the provider token.
//!
//! Both live in `secrecy` boxes (zeroed on drop, `Debug` redacted) and only
//! leave them as header values marked sensitive, which HTTP/2 keeps out of
//! header compression tables and `Debug` output prints as `Sensitive`.

use std::fmt;

use reqwest::header::HeaderValue;
use secrecy::{ExposeSecret, SecretString};

use crate::error::{Error, Result};

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
        if !key.starts_with("alter_key_") {
            return Err(Error::config("the API key must start with `alter_key_`"));
        }
        Ok(())
    }

    pub(crate) fn header_value(&self) -> Result<HeaderValue> {
        sensitive(self.0.expose_secret())
            .map_err(|()| Error::config("the API key holds characters not allowed in a header"))
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
    fn token_with_newline_is_refused() {
        let token = ProviderToken::new("a\r\nb".into());
        assert!(matches!(token.bearer(), Err(Error::TokenRetrieval { .. })));
    }
}
