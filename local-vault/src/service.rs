//! What a token request does, independent of HTTP: match, check policies, refresh, record.

use std::sync::Arc;

use serde_json::{Map, Value};
use uuid::Uuid;

use crate::model::{AccessOutcome, ActorInfo};
use crate::policy::{PolicyEngine, PolicyInput, Principal, Verdict};
use crate::records::Tracking;
use crate::refresh::{RefreshError, Refresher};
use crate::store::{NewAccess, Store, StoredConnection, now_unix};

/// The shared state behind the HTTP handlers.
pub(crate) struct VaultState {
    pub(crate) store: Store,
    pub(crate) policies: PolicyEngine,
    pub(crate) refresher: Refresher,
}

/// Who is calling: the API key, and the actor when one was named.
pub(crate) struct Caller {
    pub(crate) api_key_id: Uuid,
    pub(crate) actor: Option<ActorInfo>,
}

/// A parsed `POST /oauth/token` request.
pub(crate) struct TokenRequest {
    pub(crate) provider: String,
    pub(crate) attributes: Map<String, Value>,
    pub(crate) reason: Option<String>,
    pub(crate) tracking: Tracking,
}

/// A token handed out.
pub(crate) struct TokenGrant {
    pub(crate) access_token: String,
    pub(crate) expires_at: Option<i64>,
    pub(crate) scopes: Vec<String>,
    pub(crate) connection_id: Uuid,
}

/// Why no token was handed out.
#[derive(Debug)]
pub(crate) enum TokenFailure {
    NotFound {
        provider: String,
    },
    Ambiguous {
        provider: String,
        ids: Vec<Uuid>,
    },
    Denied {
        reason: String,
        policy_ids: Vec<String>,
        connection_id: Uuid,
        provider: String,
    },
    Expired {
        connection_id: Uuid,
        message: String,
        upstream: bool,
    },
    Storage(Arc<crate::Error>),
}

impl From<crate::Error> for TokenFailure {
    fn from(error: crate::Error) -> Self {
        TokenFailure::Storage(Arc::new(error))
    }
}

impl VaultState {
    /// Runs one token request to its end and records how it ended.
    pub(crate) async fn issue_token(
        &self,
        caller: &Caller,
        request: TokenRequest,
    ) -> Result<TokenGrant, TokenFailure> {
        let result = self.try_issue(caller, &request).await;
        let (outcome, connection_id, policy_reason) = match &result {
            Ok(grant) => (AccessOutcome::Allowed, Some(grant.connection_id), None),
            Err(TokenFailure::NotFound { .. }) => (AccessOutcome::NotFound, None, None),
            Err(TokenFailure::Ambiguous { .. }) => (AccessOutcome::Ambiguous, None, None),
            Err(TokenFailure::Denied {
                reason,
                connection_id,
                ..
            }) => (
                AccessOutcome::Denied,
                Some(*connection_id),
                Some(reason.clone()),
            ),
            Err(TokenFailure::Expired { connection_id, .. }) => {
                (AccessOutcome::RefreshFailed, Some(*connection_id), None)
            }
            Err(TokenFailure::Storage(_)) => return result,
        };
        tracing::debug!(
            target: "alter_local_vault::token",
            provider = %request.provider,
            outcome = outcome.as_str(),
            "token request"
        );
        let access = NewAccess {
            api_key_id: caller.api_key_id,
            actor_id: caller.actor.as_ref().map(|actor| actor.id),
            provider: request.provider,
            attributes: request.attributes,
            connection_id,
            outcome,
            reason: request.reason,
            policy_reason,
            tracking: request.tracking,
        };
        self.store.record_access(access).await?;
        result
    }

    async fn try_issue(
        &self,
        caller: &Caller,
        request: &TokenRequest,
    ) -> Result<TokenGrant, TokenFailure> {
        let connection = self.find_connection(request).await?;
        let principal = match &caller.actor {
            Some(actor) => Principal::Actor(actor),
            None => Principal::ApiKey(caller.api_key_id),
        };
        let input = PolicyInput {
            principal,
            connection: &connection,
            reason: request.reason.as_deref(),
            tracking: &request.tracking,
            now: now_unix(),
        };
        if let Verdict::Deny { reason, policy_ids } = self.policies.evaluate(&input) {
            return Err(TokenFailure::Denied {
                reason,
                policy_ids,
                connection_id: connection.id,
                provider: connection.provider.clone(),
            });
        }
        let id = connection.id;
        let fresh = self
            .refresher
            .ensure_fresh(&self.store, connection)
            .await
            .map_err(|error| refresh_failure(id, &request.provider, error))?;
        Ok(TokenGrant {
            access_token: fresh.access_token,
            expires_at: fresh.expires_at,
            scopes: fresh.scopes,
            connection_id: fresh.id,
        })
    }

    async fn find_connection(
        &self,
        request: &TokenRequest,
    ) -> Result<StoredConnection, TokenFailure> {
        let candidates = self
            .store
            .provider_connections(request.provider.clone())
            .await?;
        let mut matching: Vec<StoredConnection> = candidates
            .into_iter()
            .filter(|connection| matches(&request.attributes, &connection.attributes))
            .collect();
        match matching.len() {
            0 => Err(TokenFailure::NotFound {
                provider: request.provider.clone(),
            }),
            1 => Ok(matching.remove(0)),
            _ => Err(TokenFailure::Ambiguous {
                provider: request.provider.clone(),
                ids: matching.iter().map(|connection| connection.id).collect(),
            }),
        }
    }
}

/// A connection matches when every requested attribute equals the connection's.
pub(crate) fn matches(requested: &Map<String, Value>, stored: &Map<String, Value>) -> bool {
    requested
        .iter()
        .all(|(name, value)| stored.get(name) == Some(value))
}

fn refresh_failure(connection_id: Uuid, provider: &str, error: RefreshError) -> TokenFailure {
    let (message, upstream) = match error {
        RefreshError::NotRefreshable => (
            "the access token has expired and the connection cannot be refreshed \
             (no refresh token or token endpoint)"
                .to_string(),
            false,
        ),
        RefreshError::Rejected(text) => {
            (format!("the provider refused the refresh: {text}"), false)
        }
        RefreshError::Unavailable(text) => (format!("the refresh failed: {text}"), true),
        RefreshError::Gone => {
            return TokenFailure::NotFound {
                provider: provider.to_string(),
            };
        }
        RefreshError::Storage(error) => return TokenFailure::Storage(error),
    };
    tracing::warn!(
        target: "alter_local_vault::refresh",
        %connection_id,
        error = %message,
        "token refresh failed",
    );
    TokenFailure::Expired {
        connection_id,
        message,
        upstream,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }

    #[test]
    fn every_requested_attribute_must_be_equal() {
        let stored = map(json!({"user_id": "alice", "org": "acme"}));
        assert!(matches(&map(json!({"user_id": "alice"})), &stored));
        assert!(matches(&map(json!({})), &stored));
        assert!(!matches(&map(json!({"user_id": "bob"})), &stored));
        assert!(!matches(
            &map(json!({"user_id": "alice", "team": "x"})),
            &stored
        ));
        assert!(!matches(&map(json!({"org": 1})), &map(json!({"org": "1"}))));
    }
}
