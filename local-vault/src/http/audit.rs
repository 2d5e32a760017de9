//! `POST /oauth/audit/api-call`.

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Map, Value, json};
use uuid::Uuid;

use super::AUDIT_BODY_LIMIT;
use super::caller::identify;
use super::reply::{ApiError, finish, parse_body, read_body};
use crate::service::{Caller, VaultState};
use crate::store::NewAudit;

/// Headers never stored, whatever the client sent.
const SENSITIVE_HEADERS: [&str; 5] = [
    "authorization",
    "cookie",
    "set-cookie",
    "x-api-key",
    "x-auth-token",
];

#[derive(Deserialize)]
struct Body {
    connection_id: String,
    provider_id: String,
    method: String,
    url: String,
    #[serde(default)]
    request_headers: Option<Map<String, Value>>,
    #[serde(default)]
    request_body: Value,
    response_status: u16,
    #[serde(default)]
    response_headers: Option<Map<String, Value>>,
    #[serde(default)]
    response_body: Value,
    #[serde(default)]
    latency_ms: u64,
    #[serde(default)]
    reason: Option<String>,
}

/// Stores one provider call reported by a client.
pub(crate) async fn handle(
    State(state): State<Arc<VaultState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let caller = match identify(&state, &headers).await {
        Ok(caller) => caller,
        Err(error) => return error.into_response(),
    };
    let result = match read_body(body, AUDIT_BODY_LIMIT) {
        Ok(body) => record(&state, &caller, &body).await,
        Err(error) => Err(error),
    };
    finish(Some(&caller), result)
}

async fn record(state: &VaultState, caller: &Caller, body: &[u8]) -> Result<Response, ApiError> {
    let body: Body = parse_body(body)?;
    let connection_id = Uuid::parse_str(&body.connection_id)
        .map_err(|_| ApiError::bad_request("connection_id must be a UUID"))?;
    let audit = NewAudit {
        api_key_id: caller.api_key_id,
        actor_id: caller.actor.as_ref().map(|actor| actor.id),
        connection_id,
        provider: body.provider_id,
        method: body.method.to_ascii_uppercase(),
        url: body.url,
        request_headers: sanitize(body.request_headers),
        request_body: body.request_body,
        response_status: body.response_status,
        response_headers: sanitize(body.response_headers),
        response_body: body.response_body,
        latency_ms: body.latency_ms,
        reason: body.reason,
    };
    let id = state
        .store
        .record_audit(audit)
        .await
        .map_err(|e| ApiError::internal(&e))?;
    tracing::debug!(target: "alter_local_vault::audit", id, %connection_id, "audit record stored");
    Ok((
        StatusCode::CREATED,
        Json(json!({"id": id, "status": "recorded"})),
    )
        .into_response())
}

fn sanitize(headers: Option<Map<String, Value>>) -> Map<String, Value> {
    let mut headers = headers.unwrap_or_default();
    headers.retain(|name, _| !SENSITIVE_HEADERS.contains(&name.to_ascii_lowercase().as_str()));
    headers
}
