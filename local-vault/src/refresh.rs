//! Refreshing access tokens through the provider's OAuth token endpoint.
//!
//! A token that expires within [`REFRESH_MARGIN_SECS`] is refreshed before it is handed out.
//! Each connection has its own async mutex: the first request refreshes while the others wait,
//! then find the fresh token in the database and return it, so any number of simultaneous
//! requests cause one refresh. The exchange runs under a timeout, after which the lock is
//! released and the next request tries again.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use oauth2::basic::BasicClient;
use oauth2::{AuthType, ClientId, ClientSecret, RefreshToken, TokenResponse, TokenUrl};
use uuid::Uuid;

use crate::http_client::{OAuthHttp, RequestFailure};
use crate::model::ClientAuth;
use crate::store::{Store, StoredConnection, TokenUpdate, now_unix};

/// Tokens expiring within this many seconds are refreshed first.
pub(crate) const REFRESH_MARGIN_SECS: i64 = 60;

/// Why a refresh did not produce a token.
#[derive(Debug)]
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
    Storage(crate::Error),
}

/// Refreshes tokens, one exchange per connection at a time.
pub(crate) struct Refresher {
    http: OAuthHttp,
    timeout: Duration,
    locks: Mutex<HashMap<Uuid, Arc<tokio::sync::Mutex<()>>>>,
}

impl Refresher {
    pub(crate) fn new(http: OAuthHttp, timeout: Duration) -> Refresher {
        Refresher {
            http,
            timeout,
            locks: Mutex::new(HashMap::new()),
        }
    }

    /// Returns the connection with a token valid for at least the margin, refreshing if needed.
    pub(crate) async fn ensure_fresh(
        &self,
        store: &Store,
        connection: StoredConnection,
    ) -> Result<StoredConnection, RefreshError> {
        if !needs_refresh(&connection) {
            return Ok(connection);
        }
        let lock = self.lock_for(connection.id);
        let _guard = lock.lock().await;

        // Another request may have refreshed while this one waited.
        let current = match store.connection(connection.id).await {
            Ok(Some(current)) => current,
            Ok(None) => return Err(RefreshError::Gone),
            Err(error) => return Err(RefreshError::Storage(error)),
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

    fn lock_for(&self, id: Uuid) -> Arc<tokio::sync::Mutex<()>> {
        let mut locks = match self.locks.lock() {
            Ok(locks) => locks,
            Err(poisoned) => poisoned.into_inner(),
        };
        Arc::clone(locks.entry(id).or_default())
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
            .map_err(RefreshError::Storage)?;
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
        Ok(TokenUpdate {
            access_token: response.access_token().secret().clone(),
            refresh_token: response.refresh_token().map(|token| token.secret().clone()),
            expires_at: response
                .expires_in()
                .map(|lifetime| now_unix() + i64::try_from(lifetime.as_secs()).unwrap_or(0)),
            scopes: response
                .scopes()
                .map(|scopes| scopes.iter().map(|scope| scope.to_string()).collect()),
        })
    }
}

type BasicRequestError =
    oauth2::RequestTokenError<RequestFailure, oauth2::basic::BasicErrorResponse>;

fn describe_failure(error: BasicRequestError) -> RefreshError {
    match error {
        oauth2::RequestTokenError::ServerResponse(response) => {
            let mut text = response.error().to_string();
            if let Some(description) = response.error_description() {
                text = format!("{text}: {description}");
            }
            RefreshError::Rejected(text)
        }
        oauth2::RequestTokenError::Request(failure) => {
            RefreshError::Unavailable(failure.to_string())
        }
        oauth2::RequestTokenError::Parse(_, _) => {
            RefreshError::Unavailable("the token endpoint's answer could not be read".into())
        }
        oauth2::RequestTokenError::Other(text) => RefreshError::Unavailable(text),
    }
}

fn needs_refresh(connection: &StoredConnection) -> bool {
    connection
        .expires_at
        .is_some_and(|expires_at| expires_at - now_unix() <= REFRESH_MARGIN_SECS)
}
