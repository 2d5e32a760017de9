//! A local Alter Vault backend that speaks the SDK wire protocol, for development and tests.
//!
//! It serves `POST /oauth/token` and `POST /oauth/audit/api-call` exactly as the hosted vault
//! does, so the official clients and `alter-sdk` work against it unchanged. Everything lives
//! in SQLite (a file, or memory): hashed API keys, connections with their tokens, actors,
//! token-access records and audit records. Expiring tokens are refreshed at the provider's
//! OAuth token endpoint, and [Cedar](https://www.cedarpolicy.com) policies are evaluated on
//! every token request.
//!
//! ```
//! use alter_local_vault::{LocalVault, NewConnection};
//! use std::time::Duration;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let vault = LocalVault::builder().in_memory().start().await?; // 127.0.0.1, a free port
//! let api_key = vault.create_api_key("examples").await?;
//! let connection = vault
//!     .add_connection(
//!         NewConnection::new("google", "ya29.example-token")
//!             .attribute("user_id", "alice")
//!             .scope("calendar.readonly")
//!             .expires_in(Duration::from_secs(3600)),
//!     )
//!     .await?;
//!
//! // What an SDK does: ask for alice's Google token.
//! let answer: serde_json::Value = reqwest::Client::new()
//!     .post(format!("{}/oauth/token", vault.base_url()))
//!     .header("x-api-key", &api_key)
//!     .json(&serde_json::json!({
//!         "provider_id": "google",
//!         "attributes": {"user_id": "alice"},
//!         "reason": "list events",
//!     }))
//!     .send()
//!     .await?
//!     .json()
//!     .await?;
//! assert_eq!(answer["connection_id"], connection.to_string());
//! assert_eq!(answer["access_token"], "ya29.example-token");
//!
//! vault.shutdown().await;
//! # Ok(())
//! # }
//! ```
//!
//! # The protocol
//!
//! - A token request names a provider and user attributes; the connection matches when every
//!   given attribute equals the connection's. No match answers 404; several matches answer
//!   409 with the ids, never a guess. A request without attributes (`{}`, `null` or none)
//!   answers 400: it would match any connection of the provider. So a connection needs at
//!   least one attribute, and its provider id is in lowercase, as the SDKs send it.
//! - A missing or unknown `x-api-key` answers 401.
//! - A token expiring within a minute is refreshed first: once, however many requests ask at
//!   the same moment (they all get that one refresh's outcome), and to the end even when the
//!   client that asked gives up, so a rotated refresh token is never lost. When the refresh
//!   cannot be done or fails but the token has not expired yet, the token is handed out all
//!   the same (with a warning in the log). For an expired token, a refresh that fails or
//!   times out answers 400 (the provider refused, or there is nothing to refresh with) or 502
//!   (the provider could not be reached), with `"error": "token_expired"` and the
//!   `connection_id`. A refreshed token whose answer has no `expires_in` is taken to last
//!   [`DEFAULT_TOKEN_LIFETIME`] (see [`LocalVaultBuilder::default_token_lifetime`]).
//! - A provider that refuses a refresh with status 200 and an OAuth `error` in the body
//!   (GitHub, Slack) is treated as refusing it; scopes are read whether separated by spaces or
//!   by commas (GitHub, Slack).
//! - A body over the limit (2 MiB for a token request, 32 MiB for an audit record) answers
//!   413 in the JSON error shape; an `X-Alter-Actor-Type` other than `ai_agent` or
//!   `mcp_server` answers 400.
//! - A policy denial answers 403 with `message`, the policy's `@reason` in `error`, and
//!   `details`.
//! - `X-Alter-Actor-Type` and `X-Alter-Actor-Identifier` register an actor on first sight
//!   (the other actor headers update its metadata); its id comes back as `X-Alter-Actor-ID`.
//!
//! # Policies
//!
//! Policies are Cedar text passed to [`LocalVaultBuilder::policies`] (or `--policies FILE` on
//! the command line). The principal is `Actor::"<id>"` (attributes `type`, `identifier`,
//! `name`, `version`, `framework`, `client_type`) or `ApiKey::"<id>"` without an actor; the
//! action is `Action::"get_token"`; the resource is `Connection::"<id>"` (attributes
//! `provider`, `scopes`, `attributes`); the context has `time`, `hour`, `weekday` and, when
//! sent, `reason`, `run_id`, `thread_id`, `tool_call_id`. As in Cedar, a policy whose
//! condition fails to evaluate (it reads an attribute that is absent) is skipped, also a
//! `forbid`: test optional attributes with `has` first. Invalid policy text fails
//! [`LocalVaultBuilder::start`] with [`Error::Policy`], naming the line and column.
//!
//! ```cedar
//! permit (principal, action, resource);
//!
//! @reason("GitHub tokens are for the release bot only")
//! forbid (principal, action, resource)
//! when { resource.provider == "github" }
//! unless { principal is Actor && principal.identifier == "release-bot" };
//!
//! @reason("say why you need the token")
//! forbid (principal, action, resource) unless { context has reason };
//! ```
//!
//! # Storage
//!
//! The database holds access tokens, refresh tokens and OAuth client secrets unencrypted. On
//! Unix a database file is created with mode 0600 (owner only), and an existing one that group
//! or others could read is restricted to its owner when opened, with a warning.
//!
//! # The command line
//!
//! The `alter-local-vault` binary runs the same server on a database file (`serve`) and
//! manages it: `keys create`, `connections add|list|remove`, `connect <provider>` (the OAuth
//! authorization-code flow with PKCE against a real account), `audit list` (provider calls) and
//! `audit tokens` (token requests and their outcomes). It checks its arguments with the rules
//! of [`validate`] before it opens the database.

mod connect;
mod error;
mod http;
mod http_client;
mod model;
mod policy;
mod records;
mod refresh;
mod service;
mod store;
pub mod validate;
mod vault;

pub use connect::{ConnectRequest, ProviderEndpoints, connect};
pub use error::{Error, Result};
pub use model::{
    AccessOutcome, ActorInfo, ApiKeyInfo, ClientAuth, ConnectionId, ConnectionInfo, NewConnection,
};
pub use records::{AuditFilter, AuditRecord, TokenAccessRecord, Tracking};
pub use refresh::DEFAULT_TOKEN_LIFETIME;
pub use vault::{LocalVault, LocalVaultBuilder, VaultStore};
