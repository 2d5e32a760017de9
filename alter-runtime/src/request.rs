//! The untyped entry point: a request built step by step, in the style of the
//! official client's `request(...)`.

use std::fmt;
use std::future::Future;
use std::time::Duration;

use http::Method;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::execute::execute;
use crate::handle::{CallContext, PathValue};
use crate::provider::Provider;
use crate::response::Response;
use crate::spec::{RequestSpec, Target};
use crate::user::User;
use crate::vault::AlterVault;

/// A provider call being built; send it with [`send`](Self::send).
///
/// Mistakes (a body or query that does not serialize) are kept and reported
/// by `send`, before any I/O.
#[must_use = "a request does nothing until `send()` is awaited"]
pub struct RequestBuilder {
    vault: AlterVault,
    spec: RequestSpec,
}

impl RequestBuilder {
    pub(crate) fn new(vault: AlterVault, provider: Provider, method: Method, url: String) -> Self {
        let target = Target::Template {
            template: url,
            params: Vec::new(),
        };
        let mut spec = RequestSpec::new(provider, method, target);
        if let Some(context) = vault.context() {
            apply_context(&mut spec, context);
        }
        RequestBuilder { vault, spec }
    }

    /// The end user whose connection is used (required, with at least one
    /// attribute).
    pub fn user(mut self, user: impl Into<User>) -> Self {
        self.spec.user = Some(user.into().attributes().clone());
        self
    }

    /// A value for the URL's `{name}` placeholder, encoded as one path
    /// segment. Giving the same name twice is an [`Error::InvalidRequest`],
    /// reported by `send` before any I/O.
    pub fn path_param(mut self, name: impl Into<String>, value: impl PathValue) -> Self {
        let name = name.into();
        let Target::Template { params, .. } = &mut self.spec.target else {
            return self;
        };
        if params.iter().any(|(known, _)| *known == name) {
            let error = Error::invalid(format!("path parameter `{name}` is given twice"));
            self.spec.fail(error);
        } else {
            params.push((name, value.path_value()));
        }
        self
    }

    /// Several path values at once (the official client's `path_params`).
    pub fn path_params<I, K, V>(mut self, values: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: PathValue,
    {
        for (name, value) in values {
            self = self.path_param(name, value);
        }
        self
    }

    /// Query parameters: pairs (`&[("maxResults", "10")]`) or any
    /// `Serialize` struct or map. Sequences repeat the key, `None` is
    /// skipped. May be called several times; pairs accumulate in order.
    pub fn query<T: Serialize + ?Sized>(mut self, query: &T) -> Self {
        match crate::query::pairs(query) {
            Ok(pairs) => self.spec.query.extend(pairs),
            Err(error) => self.spec.fail(error),
        }
        self
    }

    /// An extra header. An `Authorization` header is replaced by the vault's
    /// token (with a warning); `Host`, `Content-Length` and
    /// `Transfer-Encoding` are refused by `send`, since the HTTP client sets
    /// them from the URL and body.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.spec.headers.push((name.into(), value.into()));
        self
    }

    /// Several extra headers at once (the official client's
    /// `extra_headers`).
    pub fn headers<I, K, V>(mut self, headers: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<String>,
    {
        for (name, value) in headers {
            self = self.header(name, value);
        }
        self
    }

    /// A JSON body, sent with `Content-Type: application/json`.
    pub fn json<T: Serialize + ?Sized>(mut self, body: &T) -> Self {
        match serde_json::to_value(body) {
            Ok(value) => self.spec.body = Some(value),
            Err(e) => self.spec.fail(Error::invalid(format!(
                "the body could not be serialized: {e}"
            ))),
        }
        self
    }

    /// Why the call is made, recorded by the vault's audit. Default: none.
    pub fn reason(mut self, reason: impl Into<String>) -> Self {
        self.spec.reason = Some(reason.into());
        self
    }

    /// The run id (`X-Alter-Run-ID`); it must be a UUID, else it is dropped
    /// with a warning.
    pub fn run_id(mut self, run_id: impl ToString) -> Self {
        self.spec.tracking.run_id = Some(run_id.to_string());
        self
    }

    /// The thread id (`X-Alter-Thread-ID`); at most 255 printable ASCII
    /// characters, else dropped with a warning.
    pub fn thread_id(mut self, thread_id: impl Into<String>) -> Self {
        self.spec.tracking.thread_id = Some(thread_id.into());
        self
    }

    /// The tool-call id (`X-Alter-Tool-Call-ID`); at most 255 printable
    /// ASCII characters, else dropped with a warning.
    pub fn tool_call_id(mut self, tool_call_id: impl Into<String>) -> Self {
        self.spec.tracking.tool_call_id = Some(tool_call_id.into());
        self
    }

    /// A timeout for the provider request of this call; zero is refused by
    /// `send`. Default: the vault's timeout.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.spec.timeout = Some(timeout);
        self
    }

    /// Sends the call.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] before any I/O for a bad URL, template,
    /// value, header or body; a token kind when the vault refuses the token;
    /// [`Error::ProviderApi`] for a provider status of 400 or more;
    /// [`Error::Network`] when the backend or provider cannot be reached.
    #[allow(
        clippy::manual_async_fn,
        reason = "the signature promises a `Send + 'static` future"
    )]
    pub fn send(self) -> impl Future<Output = Result<Response>> + Send + 'static {
        async move { execute(&self.vault, self.spec).await }
    }
}

/// Copies a vault clone's context into a call.
pub(crate) fn apply_context(spec: &mut RequestSpec, context: &CallContext) {
    if context.reason.is_some() {
        spec.reason.clone_from(&context.reason);
    }
    spec.tracking.run_id.clone_from(&context.run_id);
    spec.tracking.thread_id.clone_from(&context.thread_id);
    spec.tracking.tool_call_id.clone_from(&context.tool_call_id);
}

impl fmt::Debug for RequestBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestBuilder")
            .field("provider", &self.spec.provider)
            .field("method", &self.spec.method)
            .field("headers", &header_names(&self.spec.headers))
            .field("query_names", &names(&self.spec.query))
            .finish_non_exhaustive()
    }
}

fn names(pairs: &[(String, String)]) -> Vec<&str> {
    pairs.iter().map(|(name, _)| name.as_str()).collect()
}

/// Header names only: values may be credentials.
pub(crate) fn header_names(pairs: &[(String, String)]) -> Vec<&str> {
    names(pairs)
}
