//! The entry point of typed endpoints, used by the code `#[vault_endpoint]`
//! generates and by provider handles. Not a stable API.
//!
//! A macro-made method builds a `static` [`Endpoint`] and a [`Call`] holding
//! the call's values; [`Call::send`] hands both to the same execute function
//! as the untyped `RequestBuilder`.

use std::fmt;
use std::future::Future;
use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::{Error, Result};
use crate::execute::execute;
use crate::handle::CallOptions;
use crate::provider::Provider;
use crate::request::{apply_context, header_names};
use crate::response::Response;
use crate::spec::{RequestSpec, Target};
use crate::user::User;
use crate::vault::AlterVault;

pub use crate::handle::{PathValue, VaultHandle};
pub use http::Method;

/// The fixed description of one typed endpoint.
#[derive(Debug)]
pub struct Endpoint {
    /// A name for tracing, such as `"Crm::contact"`.
    pub name: &'static str,
    /// The provider id.
    pub provider: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The base URL; `None` means the provider's (or the vault's) default.
    pub base_url: Option<&'static str>,
    /// The path, as literal text and value slots.
    pub path: &'static [PathPart],
    /// Fixed headers.
    pub headers: &'static [(&'static str, &'static str)],
    /// A timeout for the provider request.
    pub timeout: Option<Duration>,
    /// The default audit reason.
    pub reason: Option<&'static str>,
    /// A provider convention checked on a 2xx answer (such as Slack's
    /// `"ok": false`).
    pub check: Option<fn(&Response) -> Result<()>>,
}

/// One piece of an endpoint's path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathPart {
    /// Text copied as written (`/calendar/v3/calendars/`).
    Literal(&'static str),
    /// A `<name>` placeholder: the value pushed `index`-th by [`Call::path`],
    /// encoded as one segment.
    Segment {
        /// Which pushed value, counting from 0.
        index: usize,
        /// The placeholder's name, shown in errors about the value.
        name: &'static str,
    },
    /// A `<name..>` placeholder: the value pushed `index`-th, which may span
    /// several segments (`a/b/c`); each segment is encoded and the slashes are
    /// kept.
    Rest {
        /// Which pushed value, counting from 0.
        index: usize,
        /// The placeholder's name, shown in errors about the value.
        name: &'static str,
    },
}

/// A typed call being built. Owns all its values, so its future is `Send` and
/// `'static`.
#[must_use = "a call does nothing until `send()` is awaited"]
pub struct Call {
    vault: AlterVault,
    spec: RequestSpec,
}

impl Call {
    /// Starts a call of `endpoint` for `user`, through `handle`.
    pub fn new<H: VaultHandle + ?Sized>(
        handle: &H,
        endpoint: &'static Endpoint,
        user: &User,
    ) -> Call {
        let vault = handle.vault().clone();
        let mut options = CallOptions::default();
        handle.configure(&mut options);
        let target = Target::Endpoint {
            handle_base: options.base_url,
            endpoint_base: endpoint.base_url,
            parts: endpoint.path,
            values: Vec::new(),
        };
        let mut spec = RequestSpec::new(
            Provider::from(endpoint.provider),
            endpoint.method.clone(),
            target,
        );
        spec.user = Some(user.attributes().clone());
        spec.reason = endpoint.reason.map(str::to_owned);
        spec.timeout = endpoint.timeout;
        spec.check = endpoint.check;
        spec.endpoint = Some(endpoint.name);
        spec.headers.extend(
            endpoint
                .headers
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
        );
        for (name, value) in options.headers {
            spec.set_header(name, value);
        }
        if let Some(context) = vault.context() {
            apply_context(&mut spec, context);
        }
        Call { vault, spec }
    }

    /// Pushes the next path value.
    pub fn path<V: PathValue + ?Sized>(mut self, value: &V) -> Call {
        if let Target::Endpoint { values, .. } = &mut self.spec.target {
            values.push(value.path_value());
        }
        self
    }

    /// Adds one query parameter: `None` is skipped, a sequence repeats the
    /// name.
    pub fn query<V: Serialize + ?Sized>(mut self, name: &'static str, value: &V) -> Call {
        match crate::query::named(name, value) {
            Ok(pairs) => self.spec.query.extend(pairs),
            Err(error) => self.spec.fail(error),
        }
        self
    }

    /// Adds every field of a struct (or entry of a map) as query parameters.
    pub fn query_all<V: Serialize + ?Sized>(mut self, value: &V) -> Call {
        match crate::query::pairs(value) {
            Ok(pairs) => self.spec.query.extend(pairs),
            Err(error) => self.spec.fail(error),
        }
        self
    }

    /// Sets a header, replacing one of the same name from the endpoint or
    /// the handle; `None` is skipped (and leaves theirs in place).
    pub fn header<V: HeaderArg + ?Sized>(mut self, name: &'static str, value: &V) -> Call {
        if let Some(value) = value.header_value() {
            self.spec.set_header(name.to_owned(), value);
        }
        self
    }

    /// Sets the JSON body.
    pub fn body<V: Serialize + ?Sized>(mut self, value: &V) -> Call {
        match serde_json::to_value(value) {
            Ok(value) => self.spec.body = Some(value),
            Err(e) => self.spec.fail(Error::invalid(format!(
                "the body could not be serialized: {e}"
            ))),
        }
        self
    }

    /// Replaces base URL and path with an absolute URL (a pagination link).
    /// Its host must be allowed for the provider; for a provider no host rule
    /// binds, it must be the host (and port) of the endpoint's base URL, and
    /// it is refused when no base URL is known for the endpoint.
    pub fn url(mut self, absolute: impl Into<String>) -> Call {
        let (handle_base, endpoint_base) = match &mut self.spec.target {
            Target::Endpoint {
                handle_base,
                endpoint_base,
                ..
            }
            | Target::Absolute {
                handle_base,
                endpoint_base,
                ..
            } => (handle_base.take(), *endpoint_base),
            Target::Template { .. } => (None, None),
        };
        self.spec.target = Target::Absolute {
            url: absolute.into(),
            handle_base,
            endpoint_base,
        };
        self
    }

    /// Sends the call and converts the response.
    #[allow(
        clippy::manual_async_fn,
        reason = "the signature promises a `Send + 'static` future"
    )]
    pub fn send<T: FromResponse>(self) -> impl Future<Output = Result<T>> + Send + 'static {
        async move { T::from_response(execute(&self.vault, self.spec).await?) }
    }

    /// Sends the call, ignoring any body.
    #[allow(
        clippy::manual_async_fn,
        reason = "the signature promises a `Send + 'static` future"
    )]
    pub fn send_unit(self) -> impl Future<Output = Result<()>> + Send + 'static {
        async move {
            let response = execute(&self.vault, self.spec).await?;
            settled(response).map(drop)
        }
    }
}

/// A redirect that was not followed (to plain `http://`, or with a missing or
/// unusable `Location`) is an [`Error::ProviderApi`] naming its status: a typed
/// call that decodes its answer, or ignores it, must not take it for success.
fn settled(response: Response) -> Result<Response> {
    if response.status().is_redirection() {
        return Err(crate::provider_error::unfollowed_redirect(&response));
    }
    Ok(response)
}

impl fmt::Debug for Call {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call")
            .field("endpoint", &self.spec.endpoint)
            .field("method", &self.spec.method)
            .field("headers", &header_names(&self.spec.headers))
            .finish_non_exhaustive()
    }
}

/// Converts a provider response into a call's result type.
pub trait FromResponse: Sized {
    /// Converts the response.
    fn from_response(response: Response) -> Result<Self>;
}

/// A redirect that was not followed is an [`Error::ProviderApi`] naming its
/// status, not a JSON error.
impl<T: DeserializeOwned> FromResponse for T {
    fn from_response(response: Response) -> Result<Self> {
        settled(response)?.json()
    }
}

impl FromResponse for Response {
    fn from_response(response: Response) -> Result<Self> {
        Ok(response)
    }
}

/// A value usable as a header argument; `None` means no header.
pub trait HeaderArg {
    /// The header's value, or `None` to leave it out.
    fn header_value(&self) -> Option<String>;
}

impl HeaderArg for str {
    fn header_value(&self) -> Option<String> {
        Some(self.to_owned())
    }
}

impl HeaderArg for String {
    fn header_value(&self) -> Option<String> {
        Some(self.clone())
    }
}

impl<T: HeaderArg> HeaderArg for Option<T> {
    fn header_value(&self) -> Option<String> {
        self.as_ref().and_then(HeaderArg::header_value)
    }
}

impl<T: HeaderArg + ?Sized> HeaderArg for &T {
    fn header_value(&self) -> Option<String> {
        (**self).header_value()
    }
}

macro_rules! header_arg_by_display {
    ($($ty:ty),*) => {$(
        impl HeaderArg for $ty {
            fn header_value(&self) -> Option<String> {
                Some(self.to_string())
            }
        }
    )*};
}

header_arg_by_display!(
    bool, u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize
);
