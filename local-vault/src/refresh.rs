//! Refreshing access tokens through the provider's OAuth token endpoint.
//!
//! A token that expires within [`REFRESH_MARGIN_SECS`] is refreshed before it is handed out.
//! A refresh runs in its own task, one per connection at a time: requests that need the same
//! connection while it runs wait for it and share its outcome, success or failure, so any
//! number of simultaneous requests cause one exchange at the token endpoint. Because the task
//! does not belong to any request, a request that is cancelled (its client gave up) does not
//! cancel the refresh, and a rotated refresh token is stored either way. The exchange runs
//! under a timeout; when the task ends, however it ends, the next request starts afresh.
//!
//! Refreshing inside the margin is best effort: when it cannot be done (no refresh token) or
//! fails, a token that has not expired yet is handed out all the same, with a warning, and
//! only an expired one makes the request fail. A token answer without `expires_in` (Salesforce
//! never sends one) is taken to last the default lifetime, so that the connection is refreshed
//! again later rather than never.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use oauth2::basic::BasicClient;
use oauth2::{AuthType, ClientId, ClientSecret, RefreshToken, TokenResponse, TokenUrl};
use tokio::sync::watch;
use uuid::Uuid;

use crate::http_client::{OAuthHttp, TokenRequestError, explain, granted_scopes};
use crate::model::ClientAuth;
use crate::store::{Store, StoredConnection, TokenUpdate, now_unix};
use crate::validate;

/// Tokens expiring within this many seconds are refreshed first.
pub(crate) const REFRESH_MARGIN_SECS: i64 = 60;

/// How long an access token is taken to last when its token answer has no `expires_in` but
/// the connection can be refreshed: one hour, the most common lifetime. A server takes another
/// one from [`LocalVaultBuilder::default_token_lifetime`][builder] (`serve
/// --default-token-lifetime`).
///
/// [builder]: crate::LocalVaultBuilder::default_token_lifetime
pub const DEFAULT_TOKEN_LIFETIME: Duration = Duration::from_secs(3600);

/// Why a refresh did not produce a token.
#[derive(Clone, Debug)]
pub(crate) enum RefreshError {
    /// The connection has no refresh token or token endpoint.
    NotRefreshable,
    /// The provider refused (for example `invalid_grant`).
    Rejected(String),
    /// The provider could not be reached, timed out or answered nonsense.
    Unavailable(String),
    /// The connection was removed while waiting.
    Gone,
    /// The database failed.
    Storage(Arc<crate::Error>),
}

/// How one refresh ended, as every request waiting for it sees it.
type Outcome = Result<StoredConnection, RefreshError>;

/// The refreshes in flight, by connection; `None` until the refresh ends.
type Flights = Mutex<HashMap<Uuid, watch::Receiver<Option<Outcome>>>>;

/// Refreshes tokens, one exchange per connection at a time.
pub(crate) struct Refresher {
    shared: Arc<Shared>,
}

struct Shared {
    http: OAuthHttp,
    timeout: Duration,
    default_lifetime: Duration,
    flights: Flights,
}

/// Removes a refresh from the flights when its task ends, also by panic or cancellation, so
/// that a connection is never left waiting on a refresh that will not finish.
struct Landing {
    shared: Arc<Shared>,
    id: Uuid,
}

impl Drop for Landing {
    fn drop(&mut self) {
        lock(&self.shared.flights).remove(&self.id);
    }
}

fn lock(flights: &Flights) -> MutexGuard<'_, HashMap<Uuid, watch::Receiver<Option<Outcome>>>> {
    // The map stays consistent whatever panicked while holding it: each step is one call.
    flights.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Refresher {
    /// A refresher whose exchanges time out after `timeout` and whose token answers without a
    /// lifetime are taken to last `default_lifetime`.
    pub(crate) fn new(http: OAuthHttp, timeout: Duration, default_lifetime: Duration) -> Refresher {
        Refresher {
            shared: Arc::new(Shared {
                http,
                timeout,
                default_lifetime,
                flights: Mutex::new(HashMap::new()),
            }),
        }
    }

    /// Returns the connection with a token valid for at least the margin, refreshing if needed.
    /// When the refresh is impossible or fails, a token that has not expired yet is returned
    /// as it is.
    pub(crate) async fn ensure_fresh(
        &self,
        store: &Store,
        connection: StoredConnection,
    ) -> Result<StoredConnection, RefreshError> {
        if !needs_refresh(&connection) {
            return Ok(connection);
        }
        // Nothing to try: the token serves as it is until it expires.
        if !refreshable(&connection) && not_expired(&connection) {
            return Ok(connection);
        }
        match self.refreshed(store, connection.id).await {
            Err(error) if error.is_failed_refresh() && not_expired(&connection) => {
                tracing::warn!(
                    target: "alter_local_vault::refresh",
                    connection_id = %connection.id,
                    error = %error.describe(),
                    "early refresh failed; handing out the current token until it expires",
                );
                Ok(connection)
            }
            outcome => outcome,
        }
    }

    /// The outcome of the refresh of `id` in flight, or of a new one.
    async fn refreshed(&self, store: &Store, id: Uuid) -> Outcome {
        let mut outcome = self.join_or_start(store, id);
        match outcome.wait_for(Option::is_some).await {
            Ok(done) => match &*done {
                Some(outcome) => outcome.clone(),
                None => Err(stopped()),
            },
            Err(_) => Err(stopped()),
        }
    }

    /// Waits for the refresh of `id` in flight, or starts one.
    fn join_or_start(&self, store: &Store, id: Uuid) -> watch::Receiver<Option<Outcome>> {
        let mut flights = lock(&self.shared.flights);
        if let Some(flight) = flights.get(&id) {
            return flight.clone();
        }
        let (sender, receiver) = watch::channel(None);
        flights.insert(id, receiver.clone());
        drop(flights);

        let landing = Landing {
            shared: Arc::clone(&self.shared),
            id,
        };
        let store = store.clone();
        tokio::spawn(async move {
            let outcome = landing.shared.refresh(&store, id).await;
            drop(landing);
            // Nobody may be waiting any more; the outcome is stored all the same.
            let _ = sender.send(Some(outcome));
        });
        receiver
    }
}

impl RefreshError {
    /// Whether the refresh itself could not be done, as opposed to the connection being gone
    /// or the database failing.
    fn is_failed_refresh(&self) -> bool {
        matches!(
            self,
            RefreshError::NotRefreshable | RefreshError::Rejected(_) | RefreshError::Unavailable(_)
        )
    }

    /// What went wrong, for the log (never a token: the texts come from [`explain`]).
    fn describe(&self) -> String {
        match self {
            RefreshError::NotRefreshable => "no refresh token or token endpoint".into(),
            RefreshError::Rejected(text) => format!("the provider refused: {text}"),
            RefreshError::Unavailable(text) => text.clone(),
            RefreshError::Gone => "the connection was removed".into(),
            RefreshError::Storage(error) => error.to_string(),
        }
    }
}

fn stopped() -> RefreshError {
    RefreshError::Unavailable("the refresh stopped before it finished".into())
}

impl Shared {
    /// Refreshes the connection unless an earlier refresh already did.
    async fn refresh(&self, store: &Store, id: Uuid) -> Outcome {
        // The caller's copy may predate a refresh that has finished since.
        let current = match store.connection(id).await {
            Ok(Some(current)) => current,
            Ok(None) => return Err(RefreshError::Gone),
            Err(error) => return Err(RefreshError::Storage(Arc::new(error))),
        };
        if !needs_refresh(&current) {
            return Ok(current);
        }
        let update = match tokio::time::timeout(self.timeout, self.exchange(&current)).await {
            Ok(result) => result?,
            Err(_) => {
                let waited = self.timeout.as_millis();
                return Err(RefreshError::Unavailable(format!(
                    "the token endpoint did not answer within {waited} ms"
                )));
            }
        };
        self.store_update(store, current, update).await
    }

    async fn store_update(
        &self,
        store: &Store,
        mut current: StoredConnection,
        update: TokenUpdate,
    ) -> Result<StoredConnection, RefreshError> {
        current.access_token = update.access_token.clone();
        current.expires_at = update.expires_at;
        if let Some(rotated) = &update.refresh_token {
            current.refresh_token = Some(rotated.clone());
        }
        if let Some(scopes) = &update.scopes {
            current.scopes = scopes.clone();
        }
        let id = current.id;
        store
            .update_tokens(id, update)
            .await
            .map_err(|error| RefreshError::Storage(Arc::new(error)))?;
        tracing::info!(
            target: "alter_local_vault::refresh",
            connection_id = %id,
            "access token refreshed",
        );
        Ok(current)
    }

    async fn exchange(&self, connection: &StoredConnection) -> Result<TokenUpdate, RefreshError> {
        let (Some(refresh_token), Some(token_url), Some(client_id)) = (
            &connection.refresh_token,
            &connection.token_url,
            &connection.client_id,
        ) else {
            return Err(RefreshError::NotRefreshable);
        };
        // A database written before token URLs were checked may hold a plain-http one.
        validate::token_url(token_url).map_err(|error| match error {
            crate::Error::InvalidInput(text) => RefreshError::Unavailable(text),
            other => RefreshError::Unavailable(other.to_string()),
        })?;
        let token_url = TokenUrl::new(token_url.clone())
            .map_err(|e| RefreshError::Unavailable(format!("bad token URL: {e}")))?;
        let mut client = BasicClient::new(ClientId::new(client_id.clone()))
            .set_token_uri(token_url)
            .set_auth_type(match connection.client_auth {
                ClientAuth::Basic => AuthType::BasicAuth,
                ClientAuth::RequestBody => AuthType::RequestBody,
            });
        if let Some(secret) = &connection.client_secret {
            client = client.set_client_secret(ClientSecret::new(secret.clone()));
        }
        let refresh_token = RefreshToken::new(refresh_token.clone());
        let sender = self.http.sender();
        let response = client
            .exchange_refresh_token(&refresh_token)
            .request_async(&sender)
            .await
            .map_err(describe_failure)?;
        // The connection keeps a refresh token (the answer's, or the one just used), so a
        // lifetime is always needed: without one the token would never be refreshed again.
        let lifetime = match response.expires_in() {
            Some(lifetime) => lifetime,
            None => {
                tracing::debug!(
                    target: "alter_local_vault::refresh",
                    connection_id = %connection.id,
                    assumed_secs = self.default_lifetime.as_secs(),
                    "the token answer has no expires_in; assuming the default lifetime",
                );
                self.default_lifetime
            }
        };
        Ok(TokenUpdate {
            access_token: response.access_token().secret().clone(),
            refresh_token: response.refresh_token().map(|token| token.secret().clone()),
            expires_at: Some(expiry_after(lifetime.as_secs())),
            scopes: response.scopes().and_then(|scopes| granted_scopes(scopes)),
        })
    }
}

fn describe_failure(error: TokenRequestError) -> RefreshError {
    match explain(error) {
        (true, text) => RefreshError::Rejected(text),
        (false, text) => RefreshError::Unavailable(text),
    }
}

fn needs_refresh(connection: &StoredConnection) -> bool {
    connection
        .expires_at
        .is_some_and(|expires_at| expires_at.saturating_sub(now_unix()) <= REFRESH_MARGIN_SECS)
}

/// Whether the connection holds what a refresh needs: a refresh token, a token endpoint and a
/// client id.
fn refreshable(connection: &StoredConnection) -> bool {
    connection.refresh_token.is_some()
        && connection.token_url.is_some()
        && connection.client_id.is_some()
}

/// Whether the token can still be used, however soon it expires.
fn not_expired(connection: &StoredConnection) -> bool {
    connection
        .expires_at
        .is_none_or(|expires_at| expires_at > now_unix())
}

/// The Unix time `seconds` from now; a lifetime too long to count ends at the end of time.
fn expiry_after(seconds: u64) -> i64 {
    now_unix().saturating_add(i64::try_from(seconds).unwrap_or(i64::MAX))
}
