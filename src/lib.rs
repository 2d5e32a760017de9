//! Call third-party APIs on behalf of your users through the Alter Vault token vault.
//!
//! ```no_run
//! use alter_sdk::prelude::*;
//!
//! #[tokio::main]
//! async fn main() -> Result<()> {
//!     let vault = AlterVault::from_env()?; // ALTER_API_KEY (and ALTER_BASE_URL)
//!     let user = User::id("alice");
//!
//!     // Typed, checked at compile time.
//!     let events = vault.google().calendar_events(&user, "primary").await?;
//!     for event in &events.items {
//!         println!("{:?}", event.summary);
//!     }
//!
//!     // Untyped, for any provider and endpoint.
//!     let response = vault
//!         .request(Provider::Slack, Method::POST, "https://slack.com/api/chat.postMessage")
//!         .user(user)
//!         .json(&serde_json::json!({"channel": "C0123", "text": "Deployed"}))
//!         .reason("announce the release")
//!         .send()
//!         .await?;
//!     println!("{}", response.status());
//!
//!     vault.close().await; // waits for pending audit records
//!     Ok(())
//! }
//! ```
//!
//! Application code never holds a token. For each call the SDK asks the vault for the
//! user's OAuth token, injects it into the one provider request it was fetched for (the URL
//! must be on the provider's hosts), and sends an audit record in the background.
//!
//! # Where things are
//!
//! - [`AlterVault`] and its builder: configuration, the untyped [`AlterVault::request`],
//!   [`AlterVault::with_context`] for the reason and agent tracking ids of typed calls.
//! - [`providers`]: typed endpoints and models for Google, GitHub, Slack, Microsoft Graph,
//!   Salesforce, Sentry and Notion, reached as `vault.google()` and so on.
//! - [`vault_endpoint`] and [`vault_api`]: declare your own typed endpoints on a trait; the
//!   path's placeholders are checked against the arguments at compile time.
//! - [`Error`]: every failure, one `#[non_exhaustive]` enum.
//!
//! For tests and local development without an account, the `alter-local-vault` crate is a
//! backend speaking the same protocol; see the repository's quick start
//! (`cargo run --example quickstart`).

pub use alter_macros::{vault_api, vault_endpoint};
pub use alter_providers as providers;
pub use alter_runtime::*;

/// The names most programs need: `use alter_sdk::prelude::*;`.
pub mod prelude {
    pub use alter_macros::{vault_api, vault_endpoint};
    pub use alter_providers::prelude::*;
    pub use alter_runtime::prelude::*;
}

/// The README's examples, compiled as doctests so that they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
