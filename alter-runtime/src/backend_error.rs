//! The backend's error statuses, mapped to error kinds.
//!
//! | status | kind |
//! |---|---|
//! | 403 | policy violation |
//! | 404 | connection not found |
//! | 400, 502 mentioning `token_expired` | token expired |
//! | any other status of 400 or more | token retrieval |
//!
//! A body that is not a JSON object (an HTML page from a proxy, or nothing)
//! still maps by status; a short excerpt of it becomes the message.
//!
//! A body may quote the request it answers, API key included (a proxy's error
//! page, a backend echoing its input). Every copy of the key is replaced by
//! `[redacted]` in the text, in any spelling (JSON escapes and percent
//! encoding are undone while matching), before the text is parsed, so
//! neither messages nor details can hold it.

use serde_json::{Map, Value};

use crate::error::{Details, Error};
use crate::secret::ApiKey;
use crate::text::excerpt;

/// The error for a backend answer with a status of 400 or more, scrubbed of
/// `api_key`.
pub(crate) fn from_status(status: u16, body: &[u8], api_key: &ApiKey) -> Error {
    let decoded = String::from_utf8_lossy(body);
    let text = api_key.scrub(&decoded);
    let data = match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(map)) => Some(map),
        _ => None,
    };
    let message = |default: String| message(data.as_ref(), &text, default);
    let details: Details = Box::new(data.clone().unwrap_or_default());
    match status {
        403 => Error::PolicyViolation {
            message: message("Access denied by policy".into()),
            policy_error: data.as_ref().and_then(|d| field(d, "error")),
            details: match data.as_ref().and_then(|d| d.get("details")) {
                Some(Value::Object(details)) => Box::new(details.clone()),
                _ => Details::default(),
            },
        },
        404 => Error::ConnectionNotFound {
            message: message("No connection found for this provider and user".into()),
            details,
        },
        400 | 502 if text.to_lowercase().contains("token_expired") => Error::TokenExpired {
            message: message("The token expired and could not be refreshed".into()),
            connection_id: data.as_ref().and_then(|d| field(d, "connection_id")),
            details,
        },
        _ => Error::TokenRetrieval {
            message: message(default_message(status)),
            details,
        },
    }
}

fn default_message(status: u16) -> String {
    match status {
        401 => "Unauthorized: check the API key".into(),
        500 | 503 => format!("Vault backend unavailable (HTTP {status})"),
        400 | 502 => format!("Vault backend error (HTTP {status})"),
        _ => format!("Unexpected vault backend answer (HTTP {status})"),
    }
}

/// The body's `message`; for a body that is not a JSON object, an excerpt of
/// its text; else the default.
fn message(data: Option<&Map<String, Value>>, text: &str, default: String) -> String {
    match data {
        Some(data) => field(data, "message").unwrap_or(default),
        None if !text.trim().is_empty() => excerpt(text),
        None => default,
    }
}

fn field(data: &Map<String, Value>, key: &str) -> Option<String> {
    match data.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "alter_key_s3cret";

    fn from_status(status: u16, body: &[u8]) -> Error {
        super::from_status(status, body, &ApiKey::new(KEY.into()))
    }

    #[test]
    fn policy_violation_reads_message_error_details() {
        let body = br#"{"message":"Denied","error":"outside hours","details":{"rule":"r1"}}"#;
        match from_status(403, body) {
            Error::PolicyViolation {
                message,
                policy_error,
                details,
            } => {
                assert_eq!(message, "Denied");
                assert_eq!(policy_error.as_deref(), Some("outside hours"));
                assert_eq!(Value::Object(*details), serde_json::json!({"rule": "r1"}));
            }
            other => panic!("unexpected {other:?}"),
        }
        assert_eq!(from_status(403, b"").message(), "Access denied by policy");
    }

    #[test]
    fn token_expired_needs_the_marker_on_400_or_502() {
        let body = br#"{"error":"token_expired","message":"Refresh failed","connection_id":"c1"}"#;
        for status in [400, 502] {
            match from_status(status, body) {
                Error::TokenExpired {
                    connection_id,
                    message,
                    ..
                } => {
                    assert_eq!(connection_id.as_deref(), Some("c1"));
                    assert_eq!(message, "Refresh failed");
                }
                other => panic!("unexpected {other:?}"),
            }
        }
        assert!(matches!(
            from_status(500, body),
            Error::TokenRetrieval { .. }
        ));
        assert!(matches!(
            from_status(400, b"{}"),
            Error::TokenRetrieval { .. }
        ));
    }

    #[test]
    fn html_and_empty_bodies_still_map_by_status() {
        let page = b"<html>\n<head><title>502 Bad Gateway</title></head></html>";
        let error = from_status(502, page);
        assert!(matches!(error, Error::TokenRetrieval { .. }));
        assert_eq!(
            error.message(),
            "<html> <head><title>502 Bad Gateway</title></head></html>"
        );
        assert!(matches!(
            from_status(404, b""),
            Error::ConnectionNotFound { .. }
        ));
        assert_eq!(
            from_status(401, b"").message(),
            "Unauthorized: check the API key"
        );
        assert_eq!(
            from_status(418, b"").message(),
            "Unexpected vault backend answer (HTTP 418)"
        );
    }

    #[test]
    fn the_api_key_is_scrubbed_from_messages_and_details() {
        let body = br#"{"message":"bad key alter_key_s3cret","echo":{"alter_key_s3cret":["x"]}}"#;
        let error = from_status(401, body);
        assert_eq!(error.message(), "bad key [redacted]");
        assert_eq!(
            Value::Object(*error.details().cloned().unwrap_or_default()),
            serde_json::json!({
                "message": "bad key [redacted]",
                "echo": {"[redacted]": ["x"]}
            })
        );

        let escaped = br#"{"message":"bad key \u0061lter_key_s3cret"}"#;
        assert_eq!(from_status(403, escaped).message(), "bad key [redacted]");

        let page = b"<html><body>Rejected x-api-key: alter_key_s3cret</body></html>";
        let error = from_status(500, page);
        assert_eq!(
            error.message(),
            "<html><body>Rejected x-api-key: [redacted]</body></html>"
        );
        assert!(!format!("{error:?}").contains("s3cret"));
    }
}
