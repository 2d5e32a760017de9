//! Provider error bodies: the known shapes, keyed by provider id, parsed into
//! a code, a message and a documentation link.
//!
//! | provider | shape |
//! |---|---|
//! | google | `{"error": {"code": 404, "status": "NOT_FOUND", "message": ".."}}` |
//! | microsoft | `{"error": {"code": "ErrorItemNotFound", "message": ".."}}` |
//! | salesforce | `[{"errorCode": "NOT_FOUND", "message": ".."}]` |
//! | slack | `{"ok": false, "error": "channel_not_found"}` |
//! | notion | `{"object": "error", "code": "validation_error", "message": ".."}` |
//! | github | `{"message": "..", "documentation_url": ".."}` |
//! | sentry | `{"detail": ".."}` |
//!
//! Other providers get a best effort over the same shapes.

use serde_json::{Map, Value};

use crate::error::{Details, Error, ProviderApiError};
use crate::response::Response;
use crate::text::{MAX_BODY_BYTES, excerpt, looks_like_html, truncate_utf8};

/// The fields found in a provider's error body.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Parsed {
    pub(crate) code: Option<String>,
    pub(crate) message: Option<String>,
    pub(crate) documentation_url: Option<String>,
}

/// Parses a provider's error body by the provider's known shape.
pub(crate) fn parse(provider_id: &str, body: &str) -> Parsed {
    let Ok(value) = serde_json::from_str::<Value>(body) else {
        return Parsed::default();
    };
    match provider_id {
        "google" | "microsoft" => nested_error(&value),
        "salesforce" => salesforce(&value),
        "slack" => Parsed {
            code: string(&value, "error"),
            message: string(&value, "detail"),
            ..Parsed::default()
        },
        "notion" | "github" => flat(&value),
        "sentry" => Parsed {
            message: string(&value, "detail"),
            ..Parsed::default()
        },
        _ => best_effort(&value),
    }
}

fn nested_error(value: &Value) -> Parsed {
    let Some(error) = value.get("error") else {
        return Parsed::default();
    };
    // Google's legacy shape has no `status`; its first `errors[].reason`
    // (`keyInvalid`, `backendError`) says more than the numeric code.
    let first_reason = || {
        error
            .get("errors")?
            .get(0)
            .and_then(|e| string(e, "reason"))
    };
    Parsed {
        code: string(error, "status")
            .or_else(first_reason)
            .or_else(|| scalar(error, "code")),
        message: string(error, "message"),
        documentation_url: None,
    }
}

fn salesforce(value: &Value) -> Parsed {
    let first = value.as_array().and_then(|items| items.first());
    Parsed {
        code: first.and_then(|item| string(item, "errorCode")),
        message: first.and_then(|item| string(item, "message")),
        documentation_url: None,
    }
}

fn flat(value: &Value) -> Parsed {
    Parsed {
        code: string(value, "code"),
        message: string(value, "message"),
        documentation_url: string(value, "documentation_url"),
    }
}

fn best_effort(value: &Value) -> Parsed {
    if value.get("error").is_some_and(Value::is_object) {
        return nested_error(value);
    }
    if value.is_array() {
        return salesforce(value);
    }
    let mut parsed = flat(value);
    parsed.code = parsed.code.or_else(|| string(value, "error"));
    parsed.message = parsed
        .message
        .or_else(|| string(value, "error_description"))
        .or_else(|| string(value, "detail"));
    parsed
}

fn string(value: &Value, key: &str) -> Option<String> {
    value.get(key)?.as_str().map(str::to_owned)
}

fn scalar(value: &Value, key: &str) -> Option<String> {
    match value.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The body kept in a provider error: an excerpt of an HTML page, or the text
/// cut to 10,000 bytes on a character boundary.
pub(crate) fn body_excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    if looks_like_html(&text) {
        excerpt(&text)
    } else {
        truncate_utf8(&text, MAX_BODY_BYTES).to_owned()
    }
}

/// A provider API error for a status and body.
pub(crate) fn build(provider_id: &str, status: u16, body: &[u8], details: Details) -> Error {
    let parsed = parse(provider_id, &String::from_utf8_lossy(body));
    Error::ProviderApi(Box::new(ProviderApiError {
        message: format!("provider returned HTTP {status}"),
        status,
        body: body_excerpt(body),
        details,
        code: parsed.code,
        provider_message: parsed.message,
        documentation_url: parsed.documentation_url,
    }))
}

/// A provider API error for a 3xx answer that was not followed, where a
/// typed call expected a model.
pub(crate) fn unfollowed_redirect(response: &Response) -> Error {
    let status = response.status.as_u16();
    let mut error = from_response(response);
    if let Error::ProviderApi(inner) = &mut error {
        inner.message =
            format!("provider answered with a redirect (HTTP {status}) that was not followed");
    }
    error
}

pub(crate) fn from_response(response: &Response) -> Error {
    let mut details = Map::new();
    details.insert("provider".into(), response.provider.clone().into());
    build(
        &response.provider,
        response.status.as_u16(),
        &response.body,
        Box::new(details),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(provider: &str, body: &str) -> (Option<String>, Option<String>) {
        let parsed = parse(provider, body);
        (parsed.code, parsed.message)
    }

    fn some(code: &str, message: &str) -> (Option<String>, Option<String>) {
        (Some(code.to_owned()), Some(message.to_owned()))
    }

    #[test]
    fn known_shapes() {
        let google = r#"{"error":{"code":404,"message":"Not Found","status":"NOT_FOUND"}}"#;
        assert_eq!(fields("google", google), some("NOT_FOUND", "Not Found"));
        let google_old = r#"{"error":{"code":401,"message":"Login Required"}}"#;
        assert_eq!(fields("google", google_old), some("401", "Login Required"));
        let google_legacy = r#"{"error":{"errors":[{"domain":"usageLimits",
            "reason":"keyInvalid","message":"Bad Request"}],"code":400,"message":"Bad Request"}}"#;
        assert_eq!(
            fields("google", google_legacy),
            some("keyInvalid", "Bad Request")
        );
        let graph = r#"{"error":{"code":"ErrorItemNotFound","message":"gone"}}"#;
        assert_eq!(
            fields("microsoft", graph),
            some("ErrorItemNotFound", "gone")
        );
        let sf = r#"[{"errorCode":"INVALID_FIELD","message":"No such column"}]"#;
        assert_eq!(
            fields("salesforce", sf),
            some("INVALID_FIELD", "No such column")
        );
        let slack = r#"{"ok":false,"error":"channel_not_found"}"#;
        assert_eq!(
            fields("slack", slack),
            (Some("channel_not_found".into()), None)
        );
        let notion = r#"{"object":"error","status":400,"code":"validation_error","message":"bad"}"#;
        assert_eq!(fields("notion", notion), some("validation_error", "bad"));
        let sentry = r#"{"detail":"Authentication credentials were not provided."}"#;
        assert_eq!(
            fields("sentry", sentry),
            (
                None,
                Some("Authentication credentials were not provided.".into())
            )
        );
    }

    #[test]
    fn github_keeps_documentation_url() {
        let body = r#"{"message":"Not Found","documentation_url":"https://docs.github.com/rest"}"#;
        assert_eq!(
            parse("github", body),
            Parsed {
                code: None,
                message: Some("Not Found".into()),
                documentation_url: Some("https://docs.github.com/rest".into()),
            }
        );
    }

    #[test]
    fn unknown_providers_and_non_json() {
        let oauth = r#"{"error":"invalid_grant","error_description":"expired"}"#;
        assert_eq!(fields("acme", oauth), some("invalid_grant", "expired"));
        assert_eq!(fields("google", "<html>oops</html>"), (None, None));
        assert_eq!(fields("google", ""), (None, None));
    }

    #[test]
    fn html_bodies_become_short_excerpts() {
        let page = format!("<html><body>{}</body></html>", "x ".repeat(3000));
        let kept = body_excerpt(page.as_bytes());
        assert!(kept.starts_with("<html><body>x x"));
        assert!(kept.len() < 300);
        let big_json = format!("\"{}\"", "é".repeat(6000));
        let kept = body_excerpt(big_json.as_bytes());
        assert!(kept.len() <= MAX_BODY_BYTES && kept.len() >= MAX_BODY_BYTES - 1);
    }
}
