//! The vault builder: every option of the official client plus host binding,
//! checked at `build()`.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use url::Url;

use crate::actor::Actor;
use crate::audit::AuditQueue;
use crate::backend::HttpBackend;
use crate::error::{Error, Result};
use crate::hosts::{HostPattern, HostPolicy, is_loopback};
use crate::provider::Provider;
use crate::secret::ApiKey;
use crate::vault::{AlterVault, Inner};

/// The vault backend used when no base URL is configured.
pub const DEFAULT_BASE_URL: &str = "https://api.alter.com";

/// The `User-Agent` sent to the backend and to providers.
pub const USER_AGENT: &str = concat!("alter-sdk-rust/", env!("CARGO_PKG_VERSION"));

/// The largest [`audit_queue_capacity`](AlterVaultBuilder::audit_queue_capacity)
/// accepted (the bound of the queue's channel).
pub const MAX_AUDIT_QUEUE_CAPACITY: usize = tokio::sync::Semaphore::MAX_PERMITS;

/// The default [`max_response_bytes`](AlterVaultBuilder::max_response_bytes):
/// 32 MiB.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;

/// Configures an [`AlterVault`]. Setters take the builder by value; all
/// checks happen in [`build`](Self::build). Cloning a builder is a way to
/// build several vaults that differ in one option.
#[derive(Clone)]
#[must_use = "a builder does nothing until `build()` is called"]
pub struct AlterVaultBuilder {
    api_key: ApiKey,
    base_url: String,
    timeout: Duration,
    enable_audit_logging: bool,
    actor: Option<Actor>,
    provider_base_urls: Vec<(Provider, String)>,
    allowed_hosts: Vec<(Provider, String)>,
    audit_queue_capacity: usize,
    allow_insecure_http: bool,
    max_response_bytes: usize,
    root_certificates: Vec<Vec<u8>>,
}

impl AlterVaultBuilder {
    pub(crate) fn new(api_key: impl Into<String>) -> AlterVaultBuilder {
        AlterVaultBuilder {
            api_key: ApiKey::new(api_key.into()),
            base_url: DEFAULT_BASE_URL.to_owned(),
            timeout: Duration::from_secs(30),
            enable_audit_logging: true,
            actor: None,
            provider_base_urls: Vec::new(),
            allowed_hosts: Vec::new(),
            audit_queue_capacity: 1024,
            allow_insecure_http: false,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            root_certificates: Vec::new(),
        }
    }

    /// The vault backend's base URL. Default: `https://api.alter.com`.
    /// Plain `http://` is accepted for loopback hosts only, unless
    /// [`allow_insecure_http`](Self::allow_insecure_http) is set. It may hold
    /// a path but no query, fragment or credentials.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// The timeout of each HTTP request, to the backend and to providers.
    /// Default: 30 seconds.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Whether each provider call is audited to the backend. Default: `true`.
    pub fn enable_audit_logging(mut self, enabled: bool) -> Self {
        self.enable_audit_logging = enabled;
        self
    }

    /// The AI agent or MCP server making the calls. Default: none.
    pub fn actor(mut self, actor: Actor) -> Self {
        self.actor = Some(actor);
        self
    }

    /// Overrides a provider's API base URL for typed endpoints (enterprise
    /// hosts, regions, tests). The URL's host becomes allowed for that
    /// provider. It may hold a path but no query, fragment or credentials.
    /// Like host binding, this matches provider ids without regard to case.
    /// Default: the provider's own base URL
    /// ([`Provider::default_base_url`]).
    pub fn provider_base_url(
        mut self,
        provider: impl Into<Provider>,
        url: impl Into<String>,
    ) -> Self {
        self.provider_base_urls.push((provider.into(), url.into()));
        self
    }

    /// Allows one more host for a provider's token: `api.example.com`,
    /// `*.example.com` (any subdomain), optionally with `:port`, or `*` (any
    /// host). A provider the SDK does not know is bound to the hosts
    /// allowed here once there is one. Default: the provider's own hosts
    /// ([`Provider::default_hosts`]); unknown providers are unbound.
    pub fn allow_host(mut self, provider: impl Into<Provider>, pattern: impl Into<String>) -> Self {
        self.allowed_hosts.push((provider.into(), pattern.into()));
        self
    }

    /// Whether provider calls and the backend may use plain `http://` to hosts
    /// other than loopback. Default: `false` (loopback only).
    pub fn allow_insecure_http(mut self, allowed: bool) -> Self {
        self.allow_insecure_http = allowed;
        self
    }

    /// How many audit records may wait to be sent. When the queue is full a
    /// record is dropped (with a warning), so a call never waits on audit.
    /// Default: 1024; at least 1 and at most
    /// [`MAX_AUDIT_QUEUE_CAPACITY`](crate::MAX_AUDIT_QUEUE_CAPACITY).
    pub fn audit_queue_capacity(mut self, capacity: usize) -> Self {
        self.audit_queue_capacity = capacity;
        self
    }

    /// The largest provider response body read, in bytes. A larger body
    /// (by its `Content-Length`, or once the bytes read pass the limit) is
    /// not read further and the call fails with an [`Error::Sdk`] naming the
    /// limit. The audit record still names the answer's status and headers,
    /// its body given as `<response too large: N bytes>`. Default:
    /// [`DEFAULT_MAX_RESPONSE_BYTES`] (32 MiB); at least 1.
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// Trusts more certificate authorities for TLS to the backend and to
    /// providers (a company's own CA in front of an enterprise host, a test
    /// server): a PEM bundle of one or more `CERTIFICATE` sections. May be
    /// called several times; the public roots stay trusted. Default: the
    /// public roots only.
    pub fn add_root_certificates(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.root_certificates.push(pem.into());
        self
    }

    /// Checks the configuration and builds the vault.
    ///
    /// # Errors
    ///
    /// [`Error::Configuration`] for an API key not starting with
    /// `alter_key_`, with nothing after it or holding whitespace or control
    /// characters, an empty or bad base URL or
    /// provider base URL (or one holding credentials, a query or a fragment),
    /// an invalid actor (type, missing identifier, strings over 255
    /// characters or not printable ASCII), a zero timeout, a zero
    /// `max_response_bytes`, a queue capacity of zero or over
    /// [`MAX_AUDIT_QUEUE_CAPACITY`](crate::MAX_AUDIT_QUEUE_CAPACITY), a bad
    /// host pattern, an empty provider id given to
    /// [`allow_host`](Self::allow_host) or
    /// [`provider_base_url`](Self::provider_base_url), or a root certificate
    /// bundle that is not PEM, holds no certificate or holds one that is not
    /// valid DER.
    pub fn build(self) -> Result<AlterVault> {
        self.api_key.validate()?;
        let base_url = self.checked_url(&self.base_url, "base URL")?;
        if let Some(actor) = &self.actor {
            actor.validate()?;
        }
        if self.timeout.is_zero() {
            return Err(Error::config("the timeout must be greater than zero"));
        }
        if self.max_response_bytes == 0 {
            return Err(Error::config(
                "the response size limit (`max_response_bytes`) must be at least 1",
            ));
        }
        if self.audit_queue_capacity == 0 {
            return Err(Error::config("the audit queue capacity must be at least 1"));
        }
        if self.audit_queue_capacity > MAX_AUDIT_QUEUE_CAPACITY {
            return Err(Error::config(format!(
                "the audit queue capacity may be at most {MAX_AUDIT_QUEUE_CAPACITY}"
            )));
        }
        let (hosts, provider_base_urls) = self.host_rules()?;
        let roots = self.root_certificates()?;
        let backend = Arc::new(HttpBackend::new(
            &self.api_key,
            base_url,
            self.actor.as_ref(),
            self.timeout,
            &roots,
        )?);
        let audit = self
            .enable_audit_logging
            .then(|| AuditQueue::new(self.audit_queue_capacity, backend.clone()));
        Ok(AlterVault::from_inner(Inner {
            backend,
            provider_client: provider_client(self.timeout, &roots)?,
            hosts,
            provider_base_urls,
            audit,
            max_response_bytes: self.max_response_bytes,
        }))
    }

    fn root_certificates(&self) -> Result<Vec<reqwest::Certificate>> {
        let mut roots = Vec::new();
        for (index, pem) in self.root_certificates.iter().enumerate() {
            let invalid =
                |what: &str| Error::config(format!("root certificate bundle {} {what}", index + 1));
            let bundle = reqwest::Certificate::from_pem_bundle(pem)
                .map_err(|_| invalid("is not valid PEM"))?;
            if bundle.is_empty() {
                return Err(invalid("holds no PEM certificate"));
            }
            let count = bundle.len();
            for (number, cert) in bundle.iter().enumerate() {
                if !is_usable_root(cert) {
                    return Err(invalid(&format!(
                        "holds a certificate that is not valid DER (certificate {} of {count})",
                        number + 1
                    )));
                }
            }
            roots.extend(bundle);
        }
        Ok(roots)
    }

    fn checked_url(&self, raw: &str, what: &str) -> Result<Url> {
        if raw.trim().is_empty() {
            return Err(Error::config(format!("the {what} is empty")));
        }
        let url = Url::parse(raw.trim_end_matches('/'))
            .map_err(|e| Error::config(format!("the {what} is not a valid URL: {e}")))?;
        // A password in the URL would show in `Debug` output and error details.
        if !url.username().is_empty() || url.password().is_some() {
            return Err(Error::config(format!(
                "the {what} may not hold credentials"
            )));
        }
        // Paths are appended to the base as text: a query or fragment in it
        // would swallow them.
        if url.query().is_some() || url.fragment().is_some() {
            return Err(Error::config(format!(
                "the {what} may not hold a query (`?`) or a fragment (`#`); remove it"
            )));
        }
        match url.scheme() {
            "https" => Ok(url),
            "http" if self.allow_insecure_http || is_loopback(&url) => Ok(url),
            "http" => Err(Error::config(format!(
                "the {what} uses plain http:// to a host other than loopback"
            ))),
            _ => Err(Error::config(format!("the {what} must use https://"))),
        }
    }

    fn host_rules(&self) -> Result<(HostPolicy, HashMap<String, String>)> {
        let mut hosts = HostPolicy::new(self.allow_insecure_http);
        for (provider, pattern) in &self.allowed_hosts {
            check_provider_id(provider, "allow_host")?;
            hosts.allow(provider.as_str(), HostPattern::parse(pattern)?);
        }
        let mut base_urls = HashMap::new();
        for (provider, raw) in &self.provider_base_urls {
            check_provider_id(provider, "provider_base_url")?;
            let url = self.checked_url(raw, "provider base URL")?;
            if let Some(pattern) = HostPattern::of_url(&url) {
                hosts.allow(provider.as_str(), pattern);
            }
            base_urls.insert(
                provider.as_str().to_ascii_lowercase(),
                raw.trim_end_matches('/').to_owned(),
            );
        }
        Ok((hosts, base_urls))
    }
}

/// Refuses an empty or blank provider id: no call can name it, so a rule for
/// it would never apply.
fn check_provider_id(provider: &Provider, setter: &str) -> Result<()> {
    if provider.as_str().trim().is_empty() {
        return Err(Error::config(format!(
            "the provider id given to `{setter}` is empty; name the provider, such as `hubspot`"
        )));
    }
    Ok(())
}

fn provider_client(timeout: Duration, roots: &[reqwest::Certificate]) -> Result<reqwest::Client> {
    with_roots(reqwest::Client::builder(), roots)
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| Error::config(format!("the HTTP client could not be built: {e}")))
}

/// Whether a client trusting only `cert` can be built: PEM parsing checks the
/// armour and base64, the TLS backend parses the DER only when a client is
/// built, and a failure there names no certificate.
fn is_usable_root(cert: &reqwest::Certificate) -> bool {
    reqwest::Client::builder()
        .tls_built_in_root_certs(false)
        .add_root_certificate(cert.clone())
        .build()
        .is_ok()
}

/// A client builder that also trusts `roots`.
pub(crate) fn with_roots(
    builder: reqwest::ClientBuilder,
    roots: &[reqwest::Certificate],
) -> reqwest::ClientBuilder {
    roots.iter().fold(builder, |builder, root| {
        builder.add_root_certificate(root.clone())
    })
}

/// A configured URL for `Debug` output: credentials it holds (refused before
/// it is used) are left out.
pub(crate) fn without_userinfo(raw: &str) -> String {
    match Url::parse(raw) {
        Ok(mut url) => {
            // Both only fail for URLs that cannot hold credentials.
            let _ = url.set_username("");
            let _ = url.set_password(None);
            url.into()
        }
        Err(_) if raw.contains('@') => "[unparsable URL]".to_owned(),
        Err(_) => raw.to_owned(),
    }
}

impl fmt::Debug for AlterVaultBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AlterVaultBuilder")
            .field("api_key", &self.api_key)
            .field("base_url", &without_userinfo(&self.base_url))
            .field("timeout", &self.timeout)
            .field("enable_audit_logging", &self.enable_audit_logging)
            .field("actor", &self.actor)
            .field(
                "provider_base_urls",
                &self
                    .provider_base_urls
                    .iter()
                    .map(|(provider, url)| (provider, without_userinfo(url)))
                    .collect::<Vec<_>>(),
            )
            .field("allowed_hosts", &self.allowed_hosts)
            .field("audit_queue_capacity", &self.audit_queue_capacity)
            .field("allow_insecure_http", &self.allow_insecure_http)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("root_certificates", &self.root_certificates.len())
            .finish()
    }
}
