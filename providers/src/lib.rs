//! Typed endpoints and models for the providers alter-sdk knows.
//!
//! ```no_run
//! use alter_runtime::prelude::*;
//! use alter_providers::prelude::*;
//!
//! # async fn run() -> alter_runtime::Result<()> {
//! let vault = AlterVault::builder("alter_key_...").build()?;
//! let user = User::id("alice");
//! let events = vault.google().calendar_events(&user, "primary").await?;
//! for event in &events.items {
//!     println!("{:?}", event.summary);
//! }
//! # Ok(())
//! # }
//! ```
//!
//! Each provider has a module with its models and endpoint traits, and a
//! handle reached from the vault through [`VaultProviders`]: `vault.google()`,
//! `vault.github()`, `vault.slack()`, `vault.microsoft()`,
//! `vault.salesforce(instance_url)`, `vault.sentry()` and `vault.notion()`.
//! Every endpoint is one call through the vault: a fresh token, the provider
//! request, an audit record.
//!
//! # Provider conventions
//!
//! Handled once per provider rather than per endpoint: GitHub's `Accept` and
//! `X-GitHub-Api-Version` headers, Slack's `"ok": false` answers (an
//! [`Error::ProviderApi`](alter_runtime::Error::ProviderApi) whose `code` is
//! Slack's error, such as `invalid_auth`), the `Notion-Version` header, a
//! Salesforce organization's instance URL and API version, and Sentry's
//! regions and self-hosted installs.
//!
//! # Pagination
//!
//! Every list endpoint has a `..._stream` method yielding the items of every
//! page, following the provider's own scheme (see [`paginate`]). A stream is
//! `Send + 'static`; collect it with `futures_util::TryStreamExt`. A stream
//! whose query carries a page token or cursor starts there, so a listing
//! saved part way resumes. A stream fails, rather than loop, when a provider
//! repeats a cursor or link, and stops with an error at its page limit
//! ([`DEFAULT_PAGE_LIMIT`] unless the handle's `with_page_limit` says
//! otherwise).
//!
//! # Base URLs
//!
//! Endpoints use each provider's default base URL unless the vault sets
//! another with `AlterVaultBuilder::provider_base_url` (GitHub Enterprise, a
//! Graph national cloud, a loopback server in tests).

pub mod github;
pub mod google;
mod handle;
pub mod link;
pub mod microsoft;
pub mod notion;
mod nullable;
pub mod page;
pub mod paginate;
pub mod salesforce;
pub mod sentry;
pub mod slack;

pub use handle::VaultProviders;
pub use page::Page;
pub use paginate::{DEFAULT_PAGE_LIMIT, Paged};

/// The extension trait and every endpoint trait: `use alter_providers::prelude::*;`.
pub mod prelude {
    pub use crate::VaultProviders;
    pub use crate::github::GithubApi;
    pub use crate::google::{GoogleCalendar, GoogleDrive, GoogleGmail};
    pub use crate::microsoft::MicrosoftGraph;
    pub use crate::notion::NotionApi;
    pub use crate::paginate::Paged;
    pub use crate::salesforce::SalesforceApi;
    pub use crate::sentry::SentryApi;
    pub use crate::slack::SlackApi;
}
