//! The one error type of the SDK.
//!
//! The variants mirror the error kinds of the official Python client (its base
//! error, token retrieval, policy violation, connection not found, token
//! expired, provider API and network errors) plus two that Rust reports before
//! any I/O: an invalid request and an invalid configuration.
//!
//! `Display` is one short lowercase clause; the details live in fields. No
//! variant ever holds a token or an API key.

use crate::response::Response;

/// Extra data about an error, as a JSON object (for backend errors, the parsed
/// error body).
///
/// Boxed so that [`Error`] stays small whatever map `serde_json` is built with
/// (its `preserve_order` feature makes the map several times larger).
pub type Details = Box<serde_json::Map<String, serde_json::Value>>;

/// A `Result` whose error defaults to [`Error`].
pub type Result<T, E = Error> = core::result::Result<T, E>;

/// Everything that can go wrong in a call through the vault.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A failure that fits no narrower kind (the official client's base error).
    #[error("alter sdk error: {message}")]
    Sdk {
        /// What went wrong.
        message: String,
        /// Extra data, possibly empty.
        details: Details,
    },

    /// The vault backend did not hand out a token (bad API key, backend
    /// unavailable, unexpected status or answer).
    #[error("token retrieval failed: {message}")]
    TokenRetrieval {
        /// The backend's message, or a short excerpt of its answer.
        message: String,
        /// The parsed error body, when it was a JSON object.
        details: Details,
    },

    /// The backend found the connection but a policy denied access (HTTP 403).
    #[error("access denied by policy")]
    PolicyViolation {
        /// The backend's message (default "Access denied by policy").
        message: String,
        /// The policy's reason (the body's `error` field).
        policy_error: Option<String>,
        /// The body's `details` object.
        details: Details,
    },

    /// No connection matches the provider and user attributes (HTTP 404).
    #[error("connection not found")]
    ConnectionNotFound {
        /// The backend's message.
        message: String,
        /// The parsed error body, when it was a JSON object.
        details: Details,
    },

    /// The connection's token expired and the backend could not refresh it.
    #[error("token expired and refresh failed")]
    TokenExpired {
        /// The backend's message.
        message: String,
        /// The connection whose refresh failed, when the backend named it.
        connection_id: Option<String>,
        /// The parsed error body, when it was a JSON object.
        details: Details,
    },

    /// The provider answered with a status of 400 or more (or a provider
    /// convention, such as Slack's `"ok": false`, flagged a failure), or a
    /// typed call expecting a model got a redirect (3xx) that was not
    /// followed.
    #[error("provider api returned status {}", .0.status)]
    ProviderApi(Box<ProviderApiError>),

    /// The backend or the provider could not be reached (connection refused,
    /// DNS failure, timeout, broken connection), or the provider redirected
    /// more times than the runtime follows ("too many redirects", with the
    /// last redirect's `status` in the details).
    #[error("network error: {message}")]
    Network {
        /// What failed, naming the backend or the provider (never a secret).
        message: String,
        /// Extra data such as the provider and method.
        details: Details,
        /// The underlying transport error.
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },

    /// The request was refused before any I/O: a bad URL, template, path
    /// value, header or body.
    #[error("invalid request: {message}")]
    InvalidRequest {
        /// What is wrong with the request.
        message: String,
    },

    /// The vault configuration is invalid (reported by `build()`).
    #[error("invalid configuration: {message}")]
    Configuration {
        /// What is wrong with the configuration.
        message: String,
    },
}

/// The details of a provider error status.
///
/// Known provider error bodies (Google, Microsoft Graph, Salesforce, Slack,
/// Notion, GitHub, Sentry) are parsed into [`code`](Self::code),
/// [`provider_message`](Self::provider_message) and
/// [`documentation_url`](Self::documentation_url).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ProviderApiError {
    /// A short description, such as `provider returned HTTP 404`.
    pub message: String,
    /// The HTTP status of the provider's answer.
    pub status: u16,
    /// The body text, truncated on a character boundary (HTML pages and very
    /// large bodies are cut to a short excerpt).
    pub body: String,
    /// The provider id, method and URL (without its query) of the call.
    pub details: Details,
    /// The provider's machine-readable error code, when its body has one.
    pub code: Option<String>,
    /// The provider's human-readable error message, when its body has one.
    pub provider_message: Option<String>,
    /// A documentation link from the provider's body (GitHub).
    pub documentation_url: Option<String>,
}

impl Error {
    /// Whether this is one of the four token kinds: token retrieval, policy
    /// violation, connection not found or token expired.
    pub fn is_token_retrieval(&self) -> bool {
        matches!(
            self,
            Error::TokenRetrieval { .. }
                | Error::PolicyViolation { .. }
                | Error::ConnectionNotFound { .. }
                | Error::TokenExpired { .. }
        )
    }

    /// Whether the backend or the provider could not be reached.
    pub fn is_network(&self) -> bool {
        matches!(self, Error::Network { .. })
    }

    /// The error's message.
    pub fn message(&self) -> &str {
        match self {
            Error::Sdk { message, .. }
            | Error::TokenRetrieval { message, .. }
            | Error::PolicyViolation { message, .. }
            | Error::ConnectionNotFound { message, .. }
            | Error::TokenExpired { message, .. }
            | Error::Network { message, .. }
            | Error::InvalidRequest { message }
            | Error::Configuration { message } => message,
            Error::ProviderApi(inner) => &inner.message,
        }
    }

    /// The error's details, for the kinds that carry them.
    pub fn details(&self) -> Option<&Details> {
        match self {
            Error::Sdk { details, .. }
            | Error::TokenRetrieval { details, .. }
            | Error::PolicyViolation { details, .. }
            | Error::ConnectionNotFound { details, .. }
            | Error::TokenExpired { details, .. }
            | Error::Network { details, .. } => Some(details),
            Error::ProviderApi(inner) => Some(&inner.details),
            Error::InvalidRequest { .. } | Error::Configuration { .. } => None,
        }
    }

    /// The provider's HTTP status, for a provider API error.
    pub fn status(&self) -> Option<u16> {
        self.provider_api().map(|inner| inner.status)
    }

    /// The provider's error body excerpt, for a provider API error.
    pub fn body(&self) -> Option<&str> {
        self.provider_api().map(|inner| inner.body.as_str())
    }

    /// The provider API error's details, when this is one.
    pub fn provider_api(&self) -> Option<&ProviderApiError> {
        match self {
            Error::ProviderApi(inner) => Some(inner),
            _ => None,
        }
    }

    /// A provider API error built from a provider's response, with the known
    /// error-body shape of its provider parsed.
    ///
    /// Endpoint checks use this to report a provider convention such as
    /// Slack's `"ok": false` on an HTTP 200.
    pub fn from_provider_response(response: &Response) -> Error {
        crate::provider_error::from_response(response)
    }

    pub(crate) fn invalid(message: impl Into<String>) -> Error {
        Error::InvalidRequest {
            message: message.into(),
        }
    }

    pub(crate) fn config(message: impl Into<String>) -> Error {
        Error::Configuration {
            message: message.into(),
        }
    }

    pub(crate) fn network(
        message: impl Into<String>,
        details: Details,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Error {
        Error::Network {
            message: message.into(),
            details,
            source: Some(Box::new(source)),
        }
    }
}

#[cfg(test)]
mod size_tests {
    use super::Error;

    #[test]
    fn the_error_stays_small_enough_to_return_by_value() {
        // Well under clippy's `result_large_err` limit (128 bytes), with or without
        // serde_json's `preserve_order`: a large error slows every `Result` in the SDK.
        assert!(
            size_of::<Error>() <= 64,
            "Error is {} bytes",
            size_of::<Error>()
        );
    }
}
