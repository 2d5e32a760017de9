//! The `#[vault_endpoint]` and `#[vault_api]` attributes of `alter-sdk`.
//!
//! Use them through the SDK (`use alter_sdk::prelude::*;`), not from this crate:
//! the code they write reaches the runtime at `::alter_sdk::__private`.
//!
//! ```no_run
//! use alter_sdk::prelude::*;
//! use std::collections::BTreeMap;
//!
//! type Contact = BTreeMap<String, String>;
//!
//! /// Contacts in our CRM.
//! pub trait Crm {
//!     /// One contact.
//!     #[vault_endpoint(provider = "hubspot", method = GET,
//!                      path = "/crm/v3/objects/contacts/<contact_id>")]
//!     async fn contact(&self, user: &User, contact_id: &str) -> Result<Contact>;
//! }
//!
//! /// The vault itself is a handle.
//! impl Crm for AlterVault {}
//!
//! pub async fn first(vault: &AlterVault, user: &User) -> Result<Contact> {
//!     vault.contact(user, "123").await
//! }
//! ```
//!
//! The examples here compile against the SDK (a dev-dependency of this crate), and
//! each is also a case under the SDK's `macro-ui/tests/ui/pass/` (this one in
//! `downstream_crate.rs`).
//!
//! The crate reads in pipeline order: `options` (with `headers`) and `args` parse
//! the attribute and the arguments, `template` the path, `signature` and `check`
//! find every mistake (`errors` gathers them), `expand` writes the method, and
//! `endpoint` and `api` tie it together for `#[vault_endpoint]` and `#[vault_api]`.

mod api;
mod args;
mod check;
mod endpoint;
mod errors;
mod expand;
mod headers;
mod options;
mod signature;
mod template;

#[cfg(test)]
mod robustness_tests;
#[cfg(test)]
mod snapshot_tests;

use proc_macro::TokenStream;

/// Turns a trait method without a body into a typed call through the vault.
///
/// The method must be `async`, take `&self` first, have no body and return a
/// `Result`. The attribute writes the body: the call goes through the vault (token,
/// provider request, audit) and the returned future is `Send` and borrows none of
/// the arguments, so it can go straight into `tokio::spawn`. Doc comments, `#[cfg]`
/// and other attributes stay where they were. A type implements the trait with an
/// empty `impl` when it implements `VaultHandle` (the vault itself does).
///
/// # Options
///
/// | option | required | meaning |
/// |---|---|---|
/// | `provider = "hubspot"` | yes (or on `#[vault_api]`) | the provider id whose token is used: at most 64 lowercase ASCII letters, digits, `-`, `_` and `.` (`"github"`, not `"GitHub"`) |
/// | `method = GET` | yes | `GET`, `POST`, `PUT`, `PATCH`, `DELETE`, `HEAD` or `OPTIONS` |
/// | `path = "/contacts/<id>"` | yes | starts with `/`; `<name>` takes the argument `name` |
/// | `base_url = "https://..."` | no | replaces the provider's default base URL; `https://` (plain `http://` only to loopback hosts), with no credentials, query or fragment |
/// | `headers("Accept" = "application/json", ...)` | no | fixed headers sent on every call |
/// | `timeout = "30s"` | no | provider request timeout: `"500ms"`, `"30s"`, `"2m"` |
/// | `reason = "..."` | no | default reason written in the audit record |
/// | `check = path::to::fn` | no | `fn(&Response) -> Result<()>` run on a 2xx answer |
/// | `crate = path` | no | where the SDK is, when re-exported (default `::alter_sdk`) |
///
/// The base URL of a call is, from strongest to weakest: the handle's
/// `CallOptions`, the vault's `provider_base_url` setting, `base_url` here (or on
/// `#[vault_api]`), then the provider's default. For a provider the SDK knows,
/// `base_url` does not widen where its token may go: the host must be one of the
/// provider's, or allowed on the vault (`allow_host`, `provider_base_url`), or the
/// call is refused before the token is fetched.
///
/// # Path
///
/// `<name>` is one path segment: the value is percent-encoded, so `feature/x` is
/// sent as `feature%2Fx`. `<name..>` may span several segments (a file path): each
/// segment is encoded and the `/` between them is kept, and `..` is refused. A raw
/// identifier argument `r#type` takes the placeholder `<type>`.
///
/// # Arguments
///
/// Each argument after `&self` has exactly one role:
///
/// | argument | role |
/// |---|---|
/// | `user: &User` or `user: User` (by type), or `#[user] who: &User` | the end user the call acts for (exactly one) |
/// | `contact_id: &str` (name matches `<contact_id>`) | path value (`PathValue`: strings, integers, `Uuid`) |
/// | `#[path = "contact_id"] id: &str` | path value for a placeholder of another name |
/// | `#[query] limit: u32` | query value named `limit`; `None` is left out, a sequence repeats the key |
/// | `#[query = "pageToken"] page: Option<&str>` | query value with another name |
/// | `#[query(flatten)] filter: &Filter` | every field of a `Serialize` struct as query values |
/// | `#[header] if_match: Option<&str>` | header named from the argument (`if-match`); `None` is left out |
/// | `#[header = "X-Request-Id"] id: &str` | header with an explicit name |
/// | `#[body] contact: &NewContact` | the JSON body (not on `GET` or `HEAD`; at most one) |
///
/// No header, fixed or argument, may be `Authorization` (the vault sets it from
/// the user's token) or `Host`, `Content-Length` or `Transfer-Encoding` (the HTTP
/// client sets them): each is a compile error.
///
/// # Return type
///
/// `Result<T>` where `T` is any `DeserializeOwned` model, `()` (any body, empty
/// included, is accepted and dropped) or `Response` (status, headers and bytes).
/// The error type may be your own if it implements `From<alter_sdk::Error>`.
///
/// Every argument role (the case `macro-ui/tests/ui/pass/argument_roles.rs`):
///
/// ```no_run
/// use alter_sdk::prelude::*;
/// # use serde::Serialize;
/// # #[derive(Serialize)]
/// # pub struct Page { pub limit: u32 }
/// # #[derive(Serialize)]
/// # pub struct Note { pub body: String }
///
/// pub trait Notes {
///     #[vault_endpoint(provider = "hubspot", method = PATCH,
///                      path = "/contacts/<contact>/notes/<note_id>")]
///     async fn update(
///         &self,
///         #[user] acting_for: &User,
///         #[path = "contact"] contact_id: uuid::Uuid,
///         note_id: i64,
///         #[query] archived: bool,
///         #[query = "propertiesWithHistory"] history: &[&str],
///         #[query(flatten)] page: &Page,
///         #[header] if_match: Option<&str>,
///         #[header = "X-Request-Id"] request_id: String,
///         #[body] note: &Note,
///     ) -> Result<()>;
/// }
///
/// impl Notes for AlterVault {}
/// ```
///
/// Every option at once (the case `macro-ui/tests/ui/pass/every_option.rs`), with the SDK
/// reached through a re-export:
///
/// ```no_run
/// mod sdk {
///     pub use alter_sdk::*;
/// }
/// use sdk::prelude::*;
///
/// fn slack_ok(response: &Response) -> Result<()> {
///     let _ = response.status();
///     Ok(())
/// }
///
/// pub trait Chat {
///     #[vault_endpoint(
///         provider = "slack",
///         method = POST,
///         path = "/chat.postMessage",
///         base_url = "https://slack.com/api",
///         headers("Accept" = "application/json", "X-Client" = "docs"),
///         timeout = "10s",
///         reason = "post a message",
///         check = slack_ok,
///         crate = crate::sdk,
///     )]
///     async fn post(&self, user: &User, #[body] message: &serde_json::Value)
///         -> Result<serde_json::Value>;
/// }
///
/// impl Chat for AlterVault {}
/// # fn main() {}
/// ```
///
/// # Generics
///
/// Lifetimes, type and const parameters and `where` clauses work on the method, and
/// arguments may use the trait's associated types (`id: &Self::Id`). A trait with
/// generic parameters (lifetimes included) needs `#[vault_api]` on the trait, so the
/// expansion can see them. `impl Trait` arguments and response types that borrow
/// (`&str`, `Cow<'a, str>`) are refused with a message naming the fix. The methods
/// return `impl Future`, so the trait cannot be used as `dyn Trait`; take
/// `&impl Trait` or a type parameter instead.
///
/// # Mistakes
///
/// Every mistake is a compile error at the token you wrote, naming the fix, and
/// all independent mistakes of a method are reported in one build. A method with
/// mistakes is still declared (its future never resolves), so the rest of the
/// trait and its callers compile as usual while you fix it.
#[proc_macro_attribute]
pub fn vault_endpoint(attr: TokenStream, item: TokenStream) -> TokenStream {
    endpoint::expand(attr.into(), item.into()).into()
}

/// Gives defaults to every `#[vault_endpoint]` method of a trait.
///
/// Accepts `provider`, `base_url`, `headers(...)`, `timeout`, `reason`, `check` and
/// `crate`, with the meaning they have on `#[vault_endpoint]`. A method's own
/// option wins over the trait's; its fixed headers are added to the trait's,
/// replacing those of the same name. Endpoints of such a trait are traced as
/// `Trait::method`, and the trait may have type and const parameters.
///
/// ```no_run
/// use alter_sdk::prelude::*;
///
/// fn slack_ok(response: &Response) -> Result<()> {
///     let _ = response.status();
///     Ok(())
/// }
///
/// #[vault_api(provider = "slack", base_url = "https://slack.com/api",
///             headers("Accept" = "application/json"), check = slack_ok)]
/// pub trait Channels {
///     #[vault_endpoint(method = GET, path = "/conversations.list", timeout = "2m")]
///     async fn list(&self, user: &User, #[query] limit: u32) -> Result<serde_json::Value>;
/// }
///
/// impl Channels for AlterVault {}
/// ```
#[proc_macro_attribute]
pub fn vault_api(attr: TokenStream, item: TokenStream) -> TokenStream {
    api::expand(attr.into(), item.into()).into()
}
