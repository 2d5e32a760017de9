//! Who is calling: the API key (`x-api-key`) and the actor (`X-Alter-Actor-*`).

use axum::http::{HeaderMap, HeaderValue};
use uuid::Uuid;

use super::reply::ApiError;
use crate::records::Tracking;
use crate::service::{Caller, VaultState};
use crate::store::ActorHeaders;

const ACTOR_TYPES: [&str; 2] = ["ai_agent", "mcp_server"];

/// The longest actor string the protocol allows.
const MAX_ACTOR_TEXT: usize = 255;

/// Checks the API key, then registers or recognises the actor.
pub(crate) async fn identify(state: &VaultState, headers: &HeaderMap) -> Result<Caller, ApiError> {
    let presented = text(headers, "x-api-key").ok_or_else(ApiError::unauthorized)?;
    let api_key_id = state
        .store
        .verify_api_key(presented)
        .await
        .map_err(|e| ApiError::internal(&e))?
        .ok_or_else(ApiError::unauthorized)?;

    let actor_id = match actor_headers(headers)? {
        Some(actor) => Some(
            state
                .store
                .upsert_actor(actor)
                .await
                .map_err(|e| ApiError::internal(&e))?,
        ),
        None => text(headers, "x-alter-actor-id").and_then(|id| Uuid::parse_str(&id).ok()),
    };
    let actor = match actor_id {
        Some(id) => state
            .store
            .touch_actor(id)
            .await
            .map_err(|e| ApiError::internal(&e))?,
        None => None,
    };
    Ok(Caller { api_key_id, actor })
}

/// The tracking ids of a request. An invalid run id is ignored, as the client would have
/// dropped it.
pub(crate) fn tracking(headers: &HeaderMap) -> Tracking {
    Tracking {
        run_id: text(headers, "x-alter-run-id").filter(|id| Uuid::parse_str(id).is_ok()),
        thread_id: text(headers, "x-alter-thread-id"),
        tool_call_id: text(headers, "x-alter-tool-call-id"),
    }
}

/// The actor named by the headers: `None` without both a type and an identifier. A type that
/// is present is checked whether or not an identifier comes with it.
fn actor_headers(headers: &HeaderMap) -> Result<Option<ActorHeaders>, ApiError> {
    let actor_type = match headers.get("x-alter-actor-type") {
        Some(value) => Some(actor_type(value)?),
        None => None,
    };
    let (Some(actor_type), Some(identifier)) =
        (actor_type, text(headers, "x-alter-actor-identifier"))
    else {
        return Ok(None);
    };
    let actor = ActorHeaders {
        actor_type,
        identifier,
        name: text(headers, "x-alter-actor-name"),
        version: text(headers, "x-alter-actor-version"),
        framework: text(headers, "x-alter-framework"),
        client_type: text(headers, "x-alter-client-type"),
    };
    let metadata = [
        &actor.name,
        &actor.version,
        &actor.framework,
        &actor.client_type,
    ];
    let too_long = actor.identifier.len() > MAX_ACTOR_TEXT
        || metadata
            .into_iter()
            .flatten()
            .any(|value| value.len() > MAX_ACTOR_TEXT);
    if too_long {
        return Err(ApiError::bad_request(format!(
            "actor headers are limited to {MAX_ACTOR_TEXT} characters"
        )));
    }
    Ok(Some(actor))
}

/// The value of `X-Alter-Actor-Type`, which must be one of [`ACTOR_TYPES`].
fn actor_type(value: &HeaderValue) -> Result<String, ApiError> {
    let given = String::from_utf8_lossy(value.as_bytes()).trim().to_string();
    if ACTOR_TYPES.contains(&given.as_str()) {
        Ok(given)
    } else {
        Err(ApiError::bad_request(format!(
            "X-Alter-Actor-Type must be `ai_agent` or `mcp_server`, not `{given}`"
        )))
    }
}

/// A header's value as text, `None` when absent, empty or not visible ASCII.
fn text(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|value| value.to_str().ok())
        .map(str::trim)
        .filter(|value| !value.is_empty())
        .map(str::to_string)
}
