//! Building responses: JSON bodies in the shapes the official client reads, and the
//! `X-Alter-Actor-ID` header.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::service::Caller;

/// The response header carrying the actor's id.
pub(crate) const ACTOR_ID_HEADER: &str = "x-alter-actor-id";

/// An error answer: a status and a JSON body with at least `message` and `error`.
pub(crate) struct ApiError {
    status: StatusCode,
    body: Value,
}

impl ApiError {
    /// A body `{"message": .., "error": code}`.
    pub(crate) fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            body: json!({"message": message.into(), "error": code}),
        }
    }

    /// An error with a hand-made body.
    pub(crate) fn with_body(status: StatusCode, body: Value) -> Self {
        ApiError { status, body }
    }

    pub(crate) fn unauthorized() -> Self {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "missing or invalid API key (send it in the x-api-key header)",
        )
    }

    pub(crate) fn bad_request(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, "invalid_request", message)
    }

    pub(crate) fn internal(error: &crate::Error) -> Self {
        tracing::error!(
            target: "alter_local_vault::http",
            %error,
            "request failed inside the vault",
        );
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            "the local vault failed to process the request; see its log",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body)).into_response()
    }
}

/// Turns a handler's result into a response carrying the caller's actor id, if any.
pub(crate) fn finish(caller: Option<&Caller>, result: Result<Response, ApiError>) -> Response {
    let mut response = match result {
        Ok(response) => response,
        Err(error) => error.into_response(),
    };
    let actor_id = caller
        .and_then(|caller| caller.actor.as_ref())
        .map(|actor| actor.id);
    if let Some(value) = actor_id.and_then(|id| HeaderValue::from_str(&id.to_string()).ok()) {
        response.headers_mut().insert(ACTOR_ID_HEADER, value);
    }
    response
}

/// Answers paths the protocol does not have.
pub(crate) async fn not_a_route() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "no_route",
        "no such endpoint in the local vault",
    )
}

/// The body of a request, or the JSON error answering a body over `limit` bytes (413) or one
/// that could not be read (400).
pub(crate) fn read_body(
    body: Result<Bytes, BytesRejection>,
    limit: usize,
) -> Result<Bytes, ApiError> {
    body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "request_too_large",
                format!(
                    "the request body is larger than the {} MiB this endpoint accepts",
                    limit / (1024 * 1024)
                ),
            )
        } else {
            ApiError::bad_request("the request body could not be read")
        }
    })
}

/// Parses a JSON body, answering 400 with the parser's complaint when it is not valid.
pub(crate) fn parse_body<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(body)
        .map_err(|e| ApiError::bad_request(format!("the request body is not valid: {e}")))
}
