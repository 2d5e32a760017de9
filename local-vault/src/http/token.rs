//! `POST /oauth/token`.

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Map, Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

use super::TOKEN_BODY_LIMIT;
use super::caller::{identify, tracking};
use super::reply::{ApiError, finish, parse_body, read_body};
use crate::service::{TokenFailure, TokenGrant, TokenRequest, VaultState};
use crate::store::now_unix;

#[derive(Deserialize)]
struct Body {
    provider_id: String,
    #[serde(default)]
    attributes: Option<Map<String, Value>>,
    #[serde(default)]
    reason: Option<String>,
}

/// Hands out a token for the one connection matching the provider and attributes.
pub(crate) async fn handle(
    State(state): State<Arc<VaultState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let caller = match identify(&state, &headers).await {
        Ok(caller) => caller,
        Err(error) => return error.into_response(),
    };
    let result = async {
        let body: Body = parse_body(&read_body(body, TOKEN_BODY_LIMIT)?)?;
        if body.provider_id.trim().is_empty() {
            return Err(ApiError::bad_request("provider_id must not be empty"));
        }
        // Without attributes every connection of the provider would match: the token of
        // whichever user happens to be the only one stored.
        let attributes = body.attributes.unwrap_or_default();
        if attributes.is_empty() {
            return Err(ApiError::bad_request(
                "the request must name the user by at least one attribute \
                 (`attributes`, such as {\"user_id\": \"alice\"})",
            ));
        }
        let request = TokenRequest {
            provider: body.provider_id,
            attributes,
            reason: body.reason,
            tracking: tracking(&headers),
        };
        match state.issue_token(&caller, request).await {
            Ok(grant) => Ok(success(grant)),
            Err(failure) => Err(failure_reply(failure)),
        }
    }
    .await;
    finish(Some(&caller), result)
}

fn success(grant: TokenGrant) -> Response {
    let mut body = json!({
        "access_token": grant.access_token,
        "token_type": "Bearer",
        "scopes": grant.scopes,
        "connection_id": grant.connection_id,
    });
    if let Some(expires_at) = grant.expires_at {
        body["expires_in"] = json!(expires_at.saturating_sub(now_unix()).max(0));
        if let Some(text) = rfc3339(expires_at) {
            body["expires_at"] = json!(text);
        }
    }
    (StatusCode::OK, Json(body)).into_response()
}

fn rfc3339(unix: i64) -> Option<String> {
    OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|at| at.format(&Rfc3339).ok())
}

fn failure_reply(failure: TokenFailure) -> ApiError {
    match failure {
        TokenFailure::NotFound { provider } => ApiError::new(
            StatusCode::NOT_FOUND,
            "connection_not_found",
            format!("no {provider} connection matches the given attributes"),
        ),
        TokenFailure::Ambiguous { provider, ids } => ambiguous(&provider, &ids),
        TokenFailure::Denied {
            reason,
            policy_ids,
            connection_id,
            provider,
        } => denied(reason, &policy_ids, connection_id, &provider),
        TokenFailure::Expired {
            connection_id,
            message,
            upstream,
        } => expired(connection_id, &message, upstream),
        TokenFailure::Storage(error) => ApiError::internal(&error),
    }
}

/// 409: more than one connection matched; the ids let the caller see which.
fn ambiguous(provider: &str, ids: &[Uuid]) -> ApiError {
    let message = format!(
        "{} {provider} connections match the given attributes; send more attributes to pick one",
        ids.len()
    );
    let body = json!({"message": message, "error": "ambiguous_connection", "connection_ids": ids});
    ApiError::with_body(StatusCode::CONFLICT, body)
}

/// 403 in the shape the official client reads: `message`, the policy's reason in `error`, and
/// `details`.
fn denied(reason: String, policy_ids: &[String], connection_id: Uuid, provider: &str) -> ApiError {
    let details = json!({
        "policy_ids": policy_ids,
        "connection_id": connection_id,
        "provider_id": provider,
    });
    let body = json!({"message": "Access denied by policy", "error": reason, "details": details});
    ApiError::with_body(StatusCode::FORBIDDEN, body)
}

/// 400 (the provider refused, or nothing to refresh with) or 502 (the provider could not be
/// reached); clients recognise `token_expired` in the body and read `connection_id`.
fn expired(connection_id: Uuid, message: &str, upstream: bool) -> ApiError {
    let status = if upstream {
        StatusCode::BAD_GATEWAY
    } else {
        StatusCode::BAD_REQUEST
    };
    let body = json!({
        "message": format!("token_expired: {message}"),
        "error": "token_expired",
        "connection_id": connection_id,
    });
    ApiError::with_body(status, body)
}
