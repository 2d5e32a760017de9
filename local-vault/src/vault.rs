//! The embedding API: [`LocalVault`] (a running server) and [`VaultStore`] (its database).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::error::{Error, Result};
use crate::http_client::OAuthHttp;
use crate::model::{ActorInfo, ApiKeyInfo, ConnectionId, ConnectionInfo, NewConnection};
use crate::policy::PolicyEngine;
use crate::records::{AuditFilter, AuditRecord, TokenAccessRecord};
use crate::refresh::{DEFAULT_TOKEN_LIFETIME, Refresher};
use crate::service::VaultState;
use crate::store::{Location, Store};

/// The vault's database: API keys, connections, actors, token-access and audit records.
///
/// Clones share one SQLite connection. A [`LocalVault`] exposes its store through
/// [`LocalVault::store`]; the command line opens one directly on a file.
#[derive(Clone)]
pub struct VaultStore {
    store: Store,
}

impl VaultStore {
    /// Opens (creating and migrating if needed) the database file at `path`. This does a little
    /// blocking file I/O.
    pub fn open(path: impl AsRef<Path>) -> Result<VaultStore> {
        let location = Location::File(path.as_ref().to_path_buf());
        Ok(VaultStore {
            store: Store::open(&location)?,
        })
    }

    /// A fresh database in memory, gone when the last clone is dropped.
    pub fn in_memory() -> Result<VaultStore> {
        Ok(VaultStore {
            store: Store::open(&Location::Memory)?,
        })
    }

    /// Creates an API key named `name` and returns it in clear (`alter_key_...`). Only its
    /// SHA-256 hash is stored, so this is the only time it can be seen. A name is 1 to 64
    /// printable characters ([`validate::api_key_name`](crate::validate::api_key_name)); any
    /// other fails with [`Error::InvalidInput`].
    pub async fn create_api_key(&self, name: &str) -> Result<String> {
        Ok(self.store.create_api_key(name.to_string()).await?.0)
    }

    /// The stored API keys (names and prefixes, never the keys).
    pub async fn api_keys(&self) -> Result<Vec<ApiKeyInfo>> {
        self.store.api_keys().await
    }

    /// Removes an API key (its id is in [`api_keys`](Self::api_keys)), so that requests with it
    /// answer 401 from now on; [`Error::NotFound`] when there is none with this id.
    pub async fn remove_api_key(&self, id: uuid::Uuid) -> Result<()> {
        self.store.remove_api_key(id).await
    }

    /// Stores a connection; fails with [`Error::InvalidInput`] when the provider id is not
    /// lowercase ([`validate::provider_id`](crate::validate::provider_id)), there is no
    /// attribute (token requests find a connection by them), the access token is empty, or
    /// the token URL is neither `https://` nor `http://` to a loopback host
    /// ([`validate::token_url`](crate::validate::token_url)).
    pub async fn add_connection(&self, connection: NewConnection) -> Result<ConnectionId> {
        self.store.add_connection(connection).await
    }

    /// Every connection, without its tokens, oldest first.
    pub async fn connections(&self) -> Result<Vec<ConnectionInfo>> {
        self.store.connections().await
    }

    /// Removes a connection; [`Error::NotFound`] when there is none with this id.
    pub async fn remove_connection(&self, id: ConnectionId) -> Result<()> {
        self.store.remove_connection(id.0).await
    }

    /// Audit records matching `filter`, newest first.
    pub async fn audit_records(&self, filter: AuditFilter) -> Result<Vec<AuditRecord>> {
        self.store.audit_records(filter).await
    }

    /// Every token request and how it ended, oldest first.
    pub async fn token_accesses(&self) -> Result<Vec<TokenAccessRecord>> {
        self.store.token_accesses().await
    }

    /// Every actor seen, first seen first.
    pub async fn actors(&self) -> Result<Vec<ActorInfo>> {
        self.store.actors().await
    }
}

/// Shows nothing of the data: a store is a handle, and what it holds includes tokens.
impl std::fmt::Debug for VaultStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VaultStore").finish_non_exhaustive()
    }
}

/// Configures and starts a [`LocalVault`].
pub struct LocalVaultBuilder {
    location: Location,
    store: Option<VaultStore>,
    policies: Option<String>,
    bind: SocketAddr,
    refresh_timeout: Duration,
    default_token_lifetime: Duration,
}

impl std::fmt::Debug for LocalVaultBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LocalVaultBuilder")
            .field("location", &self.location)
            .field("store_given", &self.store.is_some())
            .field("policies_given", &self.policies.is_some())
            .field("bind", &self.bind)
            .field("refresh_timeout", &self.refresh_timeout)
            .field("default_token_lifetime", &self.default_token_lifetime)
            .finish()
    }
}

impl Default for LocalVaultBuilder {
    fn default() -> Self {
        LocalVaultBuilder {
            location: Location::Memory,
            store: None,
            policies: None,
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            refresh_timeout: Duration::from_secs(10),
            default_token_lifetime: DEFAULT_TOKEN_LIFETIME,
        }
    }
}

impl LocalVaultBuilder {
    /// Keeps everything in memory (the default).
    pub fn in_memory(mut self) -> Self {
        self.location = Location::Memory;
        self
    }

    /// Keeps everything in the SQLite file at `path`, created if missing. Default: in memory.
    pub fn path(mut self, path: impl Into<PathBuf>) -> Self {
        self.location = Location::File(path.into());
        self
    }

    /// Serves an already opened store (overrides [`path`](Self::path) and
    /// [`in_memory`](Self::in_memory)).
    pub fn store(mut self, store: VaultStore) -> Self {
        self.store = Some(store);
        self
    }

    /// Cedar policies evaluated on every token request (see the crate docs for the entities).
    /// Default: none, which permits everything. Invalid text fails [`start`](Self::start).
    pub fn policies(mut self, cedar: impl Into<String>) -> Self {
        self.policies = Some(cedar.into());
        self
    }

    /// The address to listen on. Default: `127.0.0.1:0` (a free loopback port).
    pub fn bind(mut self, address: SocketAddr) -> Self {
        self.bind = address;
        self
    }

    /// How long a refresh at a provider's token endpoint may take before the token request
    /// fails with `token_expired`. Default: 10 seconds.
    pub fn refresh_timeout(mut self, timeout: Duration) -> Self {
        self.refresh_timeout = timeout;
        self
    }

    /// How long a refreshed access token is taken to last when the token endpoint's answer
    /// has no `expires_in` (Salesforce never sends one): the connection is refreshed again once
    /// that time is up, instead of never. Default: [`DEFAULT_TOKEN_LIFETIME`] (one hour).
    pub fn default_token_lifetime(mut self, lifetime: Duration) -> Self {
        self.default_token_lifetime = lifetime;
        self
    }

    /// Opens the store, binds the address and serves in a background task.
    pub async fn start(self) -> Result<LocalVault> {
        let store = match self.store {
            Some(store) => store,
            None => open_blocking(self.location).await?,
        };
        let state = Arc::new(VaultState {
            store: store.store.clone(),
            policies: PolicyEngine::new(self.policies.as_deref())?,
            refresher: Refresher::new(
                OAuthHttp::new(self.refresh_timeout)?,
                self.refresh_timeout,
                self.default_token_lifetime,
            ),
        });
        let listener = tokio::net::TcpListener::bind(self.bind)
            .await
            .map_err(|source| Error::Bind {
                address: self.bind,
                source,
            })?;
        let address = listener.local_addr()?;
        let (stop, stopped) = oneshot::channel::<()>();
        let app = crate::http::router(state);
        let task = tokio::spawn(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(async move {
                    // Resolves on `shutdown` and when the `LocalVault` is dropped.
                    let _ = stopped.await;
                })
                .await
        });
        tracing::info!(target: "alter_local_vault", %address, "local vault listening");
        Ok(LocalVault {
            address,
            store,
            stop: Some(stop),
            task: Some(task),
        })
    }
}

async fn open_blocking(location: Location) -> Result<VaultStore> {
    tokio::task::spawn_blocking(move || Store::open(&location))
        .await
        .map_err(|e| Error::Task(e.to_string()))?
        .map(|store| VaultStore { store })
}

/// A running local vault, serving the wire protocol on loopback.
///
/// Dropping it stops the server too; [`shutdown`](Self::shutdown) also waits for it.
pub struct LocalVault {
    address: SocketAddr,
    store: VaultStore,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<std::io::Result<()>>>,
}

impl LocalVault {
    /// A builder with the defaults: in memory, no policies, `127.0.0.1:0`.
    pub fn builder() -> LocalVaultBuilder {
        LocalVaultBuilder::default()
    }

    /// The URL to give an SDK as its base URL, e.g. `http://127.0.0.1:41234`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// The address the server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.address
    }

    /// The database behind the server.
    pub fn store(&self) -> &VaultStore {
        &self.store
    }

    /// Creates an API key; see [`VaultStore::create_api_key`].
    pub async fn create_api_key(&self, name: &str) -> Result<String> {
        self.store.create_api_key(name).await
    }

    /// Stores a connection; see [`VaultStore::add_connection`].
    pub async fn add_connection(&self, connection: NewConnection) -> Result<ConnectionId> {
        self.store.add_connection(connection).await
    }

    /// Every connection, without tokens; see [`VaultStore::connections`].
    pub async fn connections(&self) -> Result<Vec<ConnectionInfo>> {
        self.store.connections().await
    }

    /// Removes a connection; see [`VaultStore::remove_connection`].
    pub async fn remove_connection(&self, id: ConnectionId) -> Result<()> {
        self.store.remove_connection(id).await
    }

    /// Every actor seen; see [`VaultStore::actors`].
    pub async fn actors(&self) -> Result<Vec<ActorInfo>> {
        self.store.actors().await
    }

    /// Audit records matching `filter`, newest first; see [`VaultStore::audit_records`].
    pub async fn audit_records(&self, filter: AuditFilter) -> Result<Vec<AuditRecord>> {
        self.store.audit_records(filter).await
    }

    /// Token requests and how they ended; see [`VaultStore::token_accesses`].
    pub async fn token_accesses(&self) -> Result<Vec<TokenAccessRecord>> {
        self.store.token_accesses().await
    }

    /// Stops accepting requests, lets requests in flight finish, and waits for the server task.
    pub async fn shutdown(mut self) {
        self.stop_and_wait().await;
    }

    /// Serves until `signal` resolves, then shuts down (used by `alter-local-vault serve`).
    pub async fn serve_until(mut self, signal: impl std::future::Future<Output = ()>) {
        let Some(task) = self.task.as_mut() else {
            return;
        };
        tokio::select! {
            () = signal => {}
            result = task => {
                log_exit(result);
                self.task = None;
            }
        }
        self.stop_and_wait().await;
    }

    async fn stop_and_wait(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            log_exit(task.await);
        }
    }
}

fn log_exit(result: std::result::Result<std::io::Result<()>, tokio::task::JoinError>) {
    match result {
        Ok(Ok(())) => tracing::info!(target: "alter_local_vault", "local vault stopped"),
        Ok(Err(error)) => tracing::error!(target: "alter_local_vault", %error, "server failed"),
        Err(error) => tracing::error!(target: "alter_local_vault", %error, "server task failed"),
    }
}

impl std::fmt::Debug for LocalVault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LocalVault")
            .field("address", &self.address)
            .finish_non_exhaustive()
    }
}
