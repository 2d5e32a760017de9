//! The vault client: shared state, entry points and shutdown.

use std::collections::HashMap;
use std::env::VarError;
use std::fmt;
use std::sync::Arc;

use http::Method;

use crate::audit::AuditQueue;
use crate::backend::Backend;
use crate::config::AlterVaultBuilder;
use crate::error::{Error, Result};
use crate::handle::CallContext;
use crate::hosts::HostPolicy;
use crate::provider::Provider;
use crate::request::RequestBuilder;

/// The Alter Vault client: fetches each user's provider token from the vault,
/// injects it into the provider call and audits the call.
///
/// Cheap to clone (the state is shared), `Send` and `Sync`. Call
/// [`close`](Self::close) before shutting down so that queued audit records
/// are sent.
#[derive(Clone)]
pub struct AlterVault {
    pub(crate) inner: Arc<Inner>,
    pub(crate) context: Option<Arc<CallContext>>,
}

pub(crate) struct Inner {
    pub(crate) backend: Arc<dyn Backend>,
    pub(crate) provider_client: reqwest::Client,
    pub(crate) hosts: HostPolicy,
    /// Base URLs by lowercase provider id.
    pub(crate) provider_base_urls: HashMap<String, String>,
    pub(crate) audit: Option<AuditQueue>,
    /// The largest provider response body read.
    pub(crate) max_response_bytes: usize,
}

impl AlterVault {
    /// A builder for a vault using this API key (which must start with
    /// `alter_key_` and go on after it; checked by `build()`).
    pub fn builder(api_key: impl Into<String>) -> AlterVaultBuilder {
        AlterVaultBuilder::new(api_key)
    }

    /// A vault configured from the environment: `ALTER_API_KEY` (required)
    /// and `ALTER_BASE_URL` (optional).
    ///
    /// # Errors
    ///
    /// [`Error::Configuration`] when `ALTER_API_KEY` is missing or any value
    /// is invalid.
    pub fn from_env() -> Result<AlterVault> {
        AlterVault::from_lookup(|name| std::env::var(name))
    }

    fn from_lookup(lookup: impl Fn(&str) -> Result<String, VarError>) -> Result<AlterVault> {
        let read = |name: &str| match lookup(name) {
            Ok(value) => Ok(Some(value)),
            Err(VarError::NotPresent) => Ok(None),
            Err(VarError::NotUnicode(_)) => {
                Err(Error::config(format!("{name} is not valid unicode")))
            }
        };
        let api_key =
            read("ALTER_API_KEY")?.ok_or_else(|| Error::config("ALTER_API_KEY is not set"))?;
        let mut builder = AlterVault::builder(api_key);
        // A base URL that cannot be read is an error rather than a silent
        // fall back to the default backend, which would receive the API key.
        if let Some(base_url) = read("ALTER_BASE_URL")? {
            builder = builder.base_url(base_url);
        }
        builder.build()
    }

    pub(crate) fn from_inner(inner: Inner) -> AlterVault {
        AlterVault {
            inner: Arc::new(inner),
            context: None,
        }
    }

    /// Starts a call to a provider's API. `url` may hold `{name}`
    /// placeholders, filled by [`RequestBuilder::path_param`].
    pub fn request(
        &self,
        provider: impl Into<Provider>,
        method: Method,
        url: impl Into<String>,
    ) -> RequestBuilder {
        RequestBuilder::new(self.clone(), provider.into(), method, url.into())
    }

    /// A clone of this vault whose calls carry the context's reason and
    /// tracking ids unless a call sets its own. This vault is left as it was.
    #[must_use = "the context applies to the returned clone only"]
    pub fn with_context(&self, context: CallContext) -> AlterVault {
        AlterVault {
            inner: self.inner.clone(),
            context: Some(Arc::new(context)),
        }
    }

    /// The context this clone's calls carry, if any.
    pub fn context(&self) -> Option<&CallContext> {
        self.context.as_deref()
    }

    /// How many audit records will never be sent: dropped because the queue
    /// was full, because a call ran outside any async runtime, or because the
    /// runtime of the audit worker shut down while a record was being posted
    /// (such a record may or may not have reached the vault). Each one is also
    /// logged as a warning.
    pub fn audit_records_dropped(&self) -> u64 {
        self.inner.audit.as_ref().map_or(0, AuditQueue::dropped)
    }

    /// Sends every queued audit record and waits for them (concurrent calls
    /// all wait). The vault stays usable afterwards, and closing twice is
    /// harmless.
    ///
    /// Records are posted by a background task on the async runtime of the
    /// call that queued the first of them. If that runtime shuts down first
    /// (calls made each in a short-lived runtime), the records it had not
    /// posted stay queued: the next call, or `close`, sends them from its own
    /// runtime; only one whose post the shutdown cut off is lost, and counted
    /// by [`audit_records_dropped`](Self::audit_records_dropped).
    ///
    /// Without `close`, queued records are sent for as long as that runtime
    /// runs; those still queued when it shuts down with no later call (the
    /// program ends, or the last clone is dropped) are lost, and not counted.
    pub async fn close(&self) {
        if let Some(audit) = &self.inner.audit {
            audit.drain().await;
        }
    }
}

impl fmt::Debug for AlterVault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AlterVault")
            .field("backend", &self.inner.backend.describe())
            .field("audit", &self.inner.audit.is_some())
            .field("context", &self.context)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "test inputs are fixed")]
    use super::*;

    fn env(
        pairs: &'static [(&'static str, &'static str)],
    ) -> impl Fn(&str) -> Result<String, VarError> {
        move |name| {
            pairs
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_owned())
                .ok_or(VarError::NotPresent)
        }
    }

    #[test]
    fn from_env_reads_key_and_base_url() {
        let vault = AlterVault::from_lookup(env(&[
            ("ALTER_API_KEY", "alter_key_x"),
            ("ALTER_BASE_URL", "http://127.0.0.1:9/"),
        ]))
        .unwrap();
        assert_eq!(
            vault.inner.backend.describe(),
            "HttpBackend(http://127.0.0.1:9/)"
        );
        let default = AlterVault::from_lookup(env(&[("ALTER_API_KEY", "alter_key_x")])).unwrap();
        assert_eq!(
            default.inner.backend.describe(),
            "HttpBackend(https://api.alter.com/)"
        );
    }

    #[test]
    fn from_env_needs_a_valid_key() {
        let missing = AlterVault::from_lookup(env(&[])).unwrap_err();
        assert_eq!(
            missing.to_string(),
            "invalid configuration: ALTER_API_KEY is not set"
        );
        let wrong = AlterVault::from_lookup(env(&[("ALTER_API_KEY", "sk_x")])).unwrap_err();
        assert!(matches!(wrong, Error::Configuration { .. }));
        let bad_url = AlterVault::from_lookup(env(&[
            ("ALTER_API_KEY", "alter_key_x"),
            ("ALTER_BASE_URL", "not a url"),
        ]));
        assert!(matches!(bad_url, Err(Error::Configuration { .. })));
    }

    #[test]
    fn from_env_refuses_values_that_are_not_unicode() {
        let base_url_unreadable = |name: &str| match name {
            "ALTER_API_KEY" => Ok("alter_key_x".to_owned()),
            _ => Err(VarError::NotUnicode("http://\u{fffd}".into())),
        };
        let error = AlterVault::from_lookup(base_url_unreadable).unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid configuration: ALTER_BASE_URL is not valid unicode"
        );
        let key_unreadable = |_: &str| Err(VarError::NotUnicode("alter_key_".into()));
        let error = AlterVault::from_lookup(key_unreadable).unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid configuration: ALTER_API_KEY is not valid unicode"
        );
    }
}
