//! Token-access and audit records, and the filter used to read them back.

use std::time::SystemTime;

use serde_json::{Map, Value};
use uuid::Uuid;

use crate::model::{AccessOutcome, ConnectionId};

/// The tracking ids a caller may attach to a request (`X-Alter-Run-ID` and friends).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tracking {
    /// `X-Alter-Run-ID`.
    pub run_id: Option<String>,
    /// `X-Alter-Thread-ID`.
    pub thread_id: Option<String>,
    /// `X-Alter-Tool-Call-ID`.
    pub tool_call_id: Option<String>,
}

/// One token request and how it ended.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct TokenAccessRecord {
    /// Row id, increasing.
    pub id: i64,
    /// When the request arrived.
    pub at: SystemTime,
    /// The API key used.
    pub api_key_id: Uuid,
    /// The actor, when one was identified.
    pub actor_id: Option<Uuid>,
    /// The provider asked for.
    pub provider: String,
    /// The attributes sent.
    pub attributes: Map<String, Value>,
    /// The connection matched, if exactly one did.
    pub connection_id: Option<ConnectionId>,
    /// How the request ended.
    pub outcome: AccessOutcome,
    /// The caller's reason.
    pub reason: Option<String>,
    /// The policy's reason for a denial.
    pub policy_reason: Option<String>,
    /// Tracking ids sent with the request.
    pub tracking: Tracking,
}

/// One provider call reported by a client through `POST /oauth/audit/api-call`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct AuditRecord {
    /// Row id, increasing.
    pub id: i64,
    /// When the vault received the record.
    pub received_at: SystemTime,
    /// The API key that sent it.
    pub api_key_id: Uuid,
    /// The actor that sent it, when identified.
    pub actor_id: Option<Uuid>,
    /// The connection whose token was used.
    pub connection_id: Uuid,
    /// The provider id.
    pub provider: String,
    /// The connection's user attributes when the record arrived (`None` for an unknown
    /// connection).
    pub user_attributes: Option<Map<String, Value>>,
    /// The HTTP method.
    pub method: String,
    /// The URL without its query string.
    pub url: String,
    /// Request headers, sensitive ones removed.
    pub request_headers: Map<String, Value>,
    /// The JSON body sent, or `Null`.
    pub request_body: Value,
    /// The provider's status code.
    pub response_status: u16,
    /// Response headers, sensitive ones removed.
    pub response_headers: Map<String, Value>,
    /// The response body as reported (text, possibly a size note).
    pub response_body: Value,
    /// Time the provider took, in milliseconds.
    pub latency_ms: u64,
    /// The caller's reason.
    pub reason: Option<String>,
}

/// Which audit records to read: all of them by default, newest first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Only this provider.
    pub provider: Option<String>,
    /// Only calls made for a user: some attribute of the connection equals this string.
    pub user: Option<String>,
    /// Only this connection.
    pub connection_id: Option<Uuid>,
    /// At most this many records.
    pub limit: Option<usize>,
}

impl AuditFilter {
    /// Everything (same as `AuditFilter::default()`).
    pub fn all() -> Self {
        AuditFilter::default()
    }

    /// Keeps only records of `provider`.
    pub fn provider(mut self, provider: impl Into<String>) -> Self {
        self.provider = Some(provider.into());
        self
    }

    /// Keeps only records whose connection has an attribute equal to `user`.
    pub fn user(mut self, user: impl Into<String>) -> Self {
        self.user = Some(user.into());
        self
    }

    /// Keeps only records of one connection.
    pub fn connection(mut self, id: impl Into<Uuid>) -> Self {
        self.connection_id = Some(id.into());
        self
    }

    /// Returns at most `limit` records.
    pub fn limit(mut self, limit: usize) -> Self {
        self.limit = Some(limit);
        self
    }

    pub(crate) fn matches_user(&self, attributes: Option<&Map<String, Value>>) -> bool {
        let Some(user) = &self.user else { return true };
        attributes.is_some_and(|map| {
            map.values().any(|value| match value {
                Value::String(text) => text == user,
                other => serde_json::from_str::<Value>(user).is_ok_and(|parsed| parsed == *other),
            })
        })
    }
}

impl From<ConnectionId> for Uuid {
    fn from(id: ConnectionId) -> Uuid {
        id.0
    }
}
