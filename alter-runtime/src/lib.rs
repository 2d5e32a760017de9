//! The engine behind `alter-sdk`: every provider call goes through it.
//!
//! A call asks the Alter Vault backend for the end user's OAuth token,
//! injects it into the provider request, audits the call in the background
//! and maps the answer to a [`Response`] or an [`Error`]. Application code
//! never sees a token.
//!
//! ```no_run
//! use alter_runtime::prelude::*;
//!
//! # async fn run() -> alter_runtime::Result<()> {
//! # let run_id = uuid::Uuid::new_v4();
//! let vault = AlterVault::builder("alter_key_...")
//!     .actor(Actor::ai_agent("email-assistant-v2").name("Email Assistant")
//!         .version("2.0.0").framework("langgraph"))
//!     .build()?;
//! let events: serde_json::Value = vault
//!     .request(Provider::Google, Method::GET,
//!              "https://www.googleapis.com/calendar/v3/calendars/{calendar_id}/events")
//!     .user(User::id("alice"))
//!     .path_param("calendar_id", "primary")
//!     .query(&[("maxResults", "10")])
//!     .reason("list events")
//!     .run_id(run_id).thread_id("thread-xyz").tool_call_id("call-1")
//!     .send().await?
//!     .json()?;
//! vault.close().await;
//! # Ok(())
//! # }
//! ```
//!
//! # The path of a call
//!
//! Both entry points, the untyped [`RequestBuilder`] and the typed
//! `__private::Call` made by `#[vault_endpoint]`, meet in one function:
//!
//! 1. **check**, before any I/O: the URL parses and uses `https://` (or
//!    `http://` to loopback), its host is one the provider's token may go to,
//!    every `{name}` placeholder has exactly one value and every value is used, path
//!    values are encoded as one segment each (`.`, `..` and empty values are
//!    refused), header names and values are valid and none is `Host`,
//!    `Content-Length` or `Transfer-Encoding` (the client sets those);
//! 2. **token**: `POST {base_url}/oauth/token` with the API key and actor
//!    headers; the backend's answer is read up to 1 MiB (a larger one is an
//!    [`Error::TokenRetrieval`]);
//! 3. **provider call** with `Authorization: Bearer <token>` (a header value
//!    marked sensitive); the answer's body is read up to
//!    [`max_response_bytes`](AlterVaultBuilder::max_response_bytes), and
//!    every copy of the token in its body or header values (a provider
//!    echoing it as written, JSON-escaped such as `\/` or `\u002F`, or
//!    percent-encoded such as `%2F`) is replaced by `[redacted]` before
//!    anything else sees it;
//! 4. **audit**: a record onto a bounded queue, posted by a background task;
//! 5. **status mapping**: a status of 400 or more is [`Error::ProviderApi`].
//!
//! # Typed calls
//!
//! Provider traits declared with `#[vault_endpoint]` call the vault through a
//! [`VaultHandle`] (the vault itself or a provider handle, which may set a
//! base URL or fixed headers through [`CallOptions`]). Their calls carry the
//! reason and tracking ids of a [`CallContext`] set with
//! [`AlterVault::with_context`]:
//!
//! ```no_run
//! # use alter_runtime::prelude::*;
//! # fn run(vault: AlterVault) {
//! let agent = vault.with_context(
//!     CallContext::new().reason("triage inbox").thread_id("thread-xyz"),
//! );
//! // agent.google().gmail_messages(&user, ...) now sends both with its token request.
//! # }
//! ```
//!
//! A typed endpoint's base URL is, in order of precedence: an absolute URL
//! given to the call (a pagination link), the handle's, the vault's
//! [`provider_base_url`](AlterVaultBuilder::provider_base_url), the
//! endpoint's own, the provider's [default](Provider::default_base_url).
//!
//! # Timeouts
//!
//! The vault's [`timeout`](AlterVaultBuilder::timeout) applies to every
//! request, to the backend and to providers; a per-call
//! [`timeout`](RequestBuilder::timeout) replaces it for the provider request.
//! A timeout is an [`Error::Network`].
//!
//! # Host binding
//!
//! Each known provider's token may only be sent to that provider's hosts
//! ([`Provider::default_hosts`]): a Google call to another host is refused
//! before the token is fetched; the id is compared without regard to case
//! here, so `"Google"` is bound like `google`. A typed endpoint's own base
//! URL (or a handle's) extends nothing: its host too must be one of the
//! provider's or allowed on the vault. Unknown providers are unbound,
//! except that a typed call's link taken from a response (a pagination URL)
//! must stay on the host of the endpoint's base URL (and is refused when the
//! endpoint has no base URL to compare with). Both are
//! configurable per vault with [`AlterVaultBuilder::allow_host`] and
//! [`AlterVaultBuilder::provider_base_url`].
//!
//! # Redirects
//!
//! The provider client follows no redirect on its own. The runtime follows up
//! to five itself (a sixth is an [`Error::Network`], "too many redirects")
//! and keeps credentials only while every hop stays on the
//! origin (scheme, host, port) of the first URL: once a hop leaves it, the
//! token is dropped for good, and the caller's credential headers
//! (`Authorization`, `Proxy-Authorization`, `Cookie`, `X-Api-Key`,
//! `X-Auth-Token`, and any name containing `auth`, `token`, `secret`, `key`,
//! `cookie`, `session`, `password`, `signature`, `credential`, `bearer` or
//! `jwt`, in any case) are left out of that hop and every later one; audit
//! records leave out the same headers. A token is therefore never sent to
//! another host, nor over `http://` after an `https://` start. A redirect to
//! plain `http://` off loopback is not followed (it is returned as the
//! answer; a typed call expecting a model reports it as an
//! [`Error::ProviderApi`] with the redirect's status) unless
//! [`allow_insecure_http`](AlterVaultBuilder::allow_insecure_http) is set. The
//! backend client follows no redirect at all.
//!
//! # Audit
//!
//! Every provider answer is audited, including one the call refuses: a body
//! over [`max_response_bytes`](AlterVaultBuilder::max_response_bytes) is
//! recorded as `<response too large: N bytes>`, and a call with too many
//! redirects records its last redirect. An answer whose status and headers
//! arrived but whose body broke off (the connection closed early, or the
//! timeout passed while it was read) is recorded with its status and headers
//! and the body `<incomplete response: N bytes>`, N being the bytes
//! received; the call still fails with an [`Error::Network`]. A call that got
//! no answer (connection refused, timeout before the status) has no record.
//!
//! Records are queued without waiting; when the queue is full
//! ([`AlterVaultBuilder::audit_queue_capacity`]) a record is dropped, counted
//! ([`AlterVault::audit_records_dropped`]) and warned about. They are posted
//! from the async runtime of the call that queued the first of them; when
//! that runtime shuts down (calls each made in a short-lived runtime), the
//! next call or [`AlterVault::close`] sends what it left, and a record whose
//! post the shutdown cut off is counted as dropped. Call
//! [`AlterVault::close`] before shutting down so queued records are sent.
//!
//! # Logging
//!
//! Events go through `tracing` with the target `alter_sdk`: `debug` per call
//! (provider, method, host, status, latency), `warn` for dropped tracking
//! ids, replaced headers and dropped audit records. A token, an API key, a
//! query value or a body never appears in them.

mod actor;
mod audit;
mod backend;
mod backend_error;
mod config;
mod error;
mod execute;
mod handle;
mod hosts;
mod path;
mod provider;
mod provider_error;
mod query;
mod redact;
mod redirect;
mod request;
mod response;
mod secret;
mod spec;
mod text;
mod user;
mod vault;

#[doc(hidden)]
pub mod __private {
    //! Used by code that `#[vault_endpoint]` generates; not a stable API.
    pub use crate::private::*;
}
mod private;

/// Values whose setters return a new value warn when that value is dropped
/// unused (a setter called for its effect would silently do nothing):
///
/// ```compile_fail
/// #![deny(unused_must_use)]
/// alter_runtime::Actor::ai_agent("agent").name("Agent");
/// ```
///
/// ```compile_fail
/// #![deny(unused_must_use)]
/// alter_runtime::User::id("alice").attribute("org", "acme");
/// ```
///
/// ```compile_fail
/// #![deny(unused_must_use)]
/// alter_runtime::CallContext::new().reason("triage");
/// ```
///
/// ```compile_fail
/// #![deny(unused_must_use)]
/// # fn run(vault: alter_runtime::AlterVault) {
/// vault.with_context(alter_runtime::CallContext::new());
/// # }
/// ```
#[cfg(doctest)]
pub struct MustUseChecks;

pub use actor::Actor;
pub use config::{
    AlterVaultBuilder, DEFAULT_BASE_URL, DEFAULT_MAX_RESPONSE_BYTES, MAX_AUDIT_QUEUE_CAPACITY,
    USER_AGENT,
};
pub use error::{Details, Error, ProviderApiError, Result};
pub use handle::{CallContext, CallOptions, PathValue, VaultHandle};
pub use http::Method;
pub use provider::Provider;
pub use request::RequestBuilder;
pub use response::Response;
pub use user::User;
pub use vault::AlterVault;

/// The names most programs need: `use alter_runtime::prelude::*;`.
pub mod prelude {
    pub use crate::{
        Actor, AlterVault, CallContext, CallOptions, Error, Method, PathValue, Provider, Response,
        Result, User, VaultHandle,
    };
}
