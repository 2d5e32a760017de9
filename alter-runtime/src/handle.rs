//! What typed endpoints build on: the handle a call starts from, the options
//! a handle may set, the context carried by a vault clone, and path values.

use std::fmt;

use crate::request::header_names;
use crate::vault::AlterVault;

/// Anything typed endpoint methods can be called on: the vault itself, or a
/// provider handle wrapping it (which may adjust every call through
/// [`configure`](VaultHandle::configure)).
pub trait VaultHandle {
    /// The vault calls go through.
    fn vault(&self) -> &AlterVault;

    /// Adjusts each call made through this handle (base URL, fixed headers).
    /// The default changes nothing.
    fn configure(&self, call: &mut CallOptions) {
        let _ = call;
    }
}

impl VaultHandle for AlterVault {
    fn vault(&self) -> &AlterVault {
        self
    }
}

impl<T: VaultHandle + ?Sized> VaultHandle for &T {
    fn vault(&self) -> &AlterVault {
        (**self).vault()
    }

    fn configure(&self, call: &mut CallOptions) {
        (**self).configure(call);
    }
}

/// Per-call settings a [`VaultHandle`] may apply.
///
/// Its `Debug` output names the headers but not their values, which may be
/// credentials.
#[derive(Clone, Default)]
pub struct CallOptions {
    pub(crate) base_url: Option<String>,
    pub(crate) headers: Vec<(String, String)>,
}

impl CallOptions {
    /// Sets the base URL of the call (for example a Salesforce instance URL
    /// plus `/services/data/v62.0`). It takes precedence over the vault's and
    /// the endpoint's base URL; its host must still be allowed for the
    /// provider. It may hold a path but no query or fragment: the call fails
    /// with [`Error::InvalidRequest`](crate::Error::InvalidRequest) before
    /// any I/O when it does.
    pub fn set_base_url(&mut self, base_url: impl Into<String>) -> &mut Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// Adds a header to the call (for example `Notion-Version`), replacing an
    /// endpoint's fixed header of the same name. A header argument of the
    /// call replaces it in turn.
    pub fn add_header(&mut self, name: impl Into<String>, value: impl Into<String>) -> &mut Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The base URL set so far.
    pub fn base_url(&self) -> Option<&str> {
        self.base_url.as_deref()
    }
}

impl fmt::Debug for CallOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CallOptions")
            .field(
                "base_url",
                &self
                    .base_url
                    .as_deref()
                    .map(crate::config::without_userinfo),
            )
            .field("headers", &header_names(&self.headers))
            .finish()
    }
}

/// Audit and tracking values for every call made through a vault clone
/// (see [`AlterVault::with_context`]).
///
/// ```
/// use alter_runtime::CallContext;
/// let context = CallContext::new()
///     .reason("triage inbox")
///     .thread_id("thread-xyz")
///     .tool_call_id("call-1");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use = "a context does nothing until given to `AlterVault::with_context`"]
pub struct CallContext {
    pub(crate) reason: Option<String>,
    pub(crate) run_id: Option<String>,
    pub(crate) thread_id: Option<String>,
    pub(crate) tool_call_id: Option<String>,
}

impl CallContext {
    /// An empty context.
    pub fn new() -> CallContext {
        CallContext::default()
    }

    /// The audit reason. Default: none (an endpoint's own reason applies).
    pub fn reason(mut self, reason: impl Into<String>) -> CallContext {
        self.reason = Some(reason.into());
        self
    }

    /// The run id (`X-Alter-Run-ID`); must be a UUID, else it is dropped with
    /// a warning. Default: none.
    pub fn run_id(mut self, run_id: impl ToString) -> CallContext {
        self.run_id = Some(run_id.to_string());
        self
    }

    /// The thread id (`X-Alter-Thread-ID`); at most 255 printable ASCII
    /// characters, else dropped with a warning. Default: none.
    pub fn thread_id(mut self, thread_id: impl Into<String>) -> CallContext {
        self.thread_id = Some(thread_id.into());
        self
    }

    /// The tool-call id (`X-Alter-Tool-Call-ID`); at most 255 printable ASCII
    /// characters, else dropped with a warning. Default: none.
    pub fn tool_call_id(mut self, tool_call_id: impl Into<String>) -> CallContext {
        self.tool_call_id = Some(tool_call_id.into());
        self
    }
}

/// How a typed path argument becomes one path segment (before encoding).
pub trait PathValue {
    /// The segment's unencoded text.
    fn path_value(&self) -> String;
}

impl PathValue for str {
    fn path_value(&self) -> String {
        self.to_owned()
    }
}

impl PathValue for String {
    fn path_value(&self) -> String {
        self.clone()
    }
}

impl PathValue for std::borrow::Cow<'_, str> {
    fn path_value(&self) -> String {
        self.to_string()
    }
}

impl PathValue for uuid::Uuid {
    fn path_value(&self) -> String {
        self.hyphenated().to_string()
    }
}

impl<T: PathValue + ?Sized> PathValue for &T {
    fn path_value(&self) -> String {
        (**self).path_value()
    }
}

macro_rules! path_value_by_display {
    ($($ty:ty),*) => {$(
        impl PathValue for $ty {
            fn path_value(&self) -> String {
                self.to_string()
            }
        }
    )*};
}

path_value_by_display!(
    u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize
);
