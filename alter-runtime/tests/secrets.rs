//! Neither the token nor the API key appears in logs, `Debug` or `Display`.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use std::collections::HashMap;

use alter_runtime::{Actor, AlterVault, Error, Method, Provider, User};
use common::logs::CapturedLogs;
use common::*;
use serde_json::json;
use wiremock::ResponseTemplate;

fn assert_clean(label: &str, text: &str) {
    for secret in [TOKEN, API_KEY, "K3y5ecret", "T0ken-s3cret"] {
        assert!(!text.contains(secret), "{label} leaks {secret}: {text}");
    }
}

const QUERY_SECRET: &str = "q-pr1vate";
const BODY_SECRET: &str = "b0dy-pr1vate";

#[tokio::test]
async fn nothing_secret_in_logs_debug_or_display() {
    let (captured, _guard) = CapturedLogs::start(tracing::Level::TRACE);

    let harness = Harness::start().await;
    harness
        .provider_answers(ResponseTemplate::new(200).set_body_json(json!({"echo": BODY_SECRET})))
        .await;
    let builder = harness
        .builder()
        .actor(Actor::ai_agent("agent").name("Agent"));
    let builder_debug = format!("{builder:?}");
    let vault = builder.build().unwrap();
    let request = vault
        .request(Provider::Google, Method::POST, harness.url("/x/{id}"))
        .user(User::id("alice"))
        .path_param("id", "1")
        .query(&[("q", QUERY_SECRET)])
        .header("Authorization", format!("Bearer {TOKEN}"))
        .header("Cookie", "sid=c00kie")
        .json(&json!({"secret": BODY_SECRET}))
        .reason("r")
        .run_id("not-a-uuid")
        .thread_id("x".repeat(300));
    let request_debug = format!("{request:?}");
    let response = request.send().await.unwrap();
    vault.close().await;

    let mut seen = vec![
        ("builder", builder_debug),
        ("request", request_debug),
        ("vault", format!("{vault:?}")),
        ("response", format!("{response:?}")),
    ];
    for (i, error) in errors(&harness).await.iter().enumerate() {
        seen.push(("error debug", format!("{i}: {error:?}")));
        seen.push(("error display", format!("{i}: {error}")));
    }
    for (label, text) in &seen {
        assert_clean(label, text);
        assert!(!text.contains("c00kie"), "{label}: {text}");
    }

    let logs = captured.text();
    assert_clean("logs", &logs);
    for private in [QUERY_SECRET, BODY_SECRET, "c00kie", "not-a-uuid"] {
        assert!(!logs.contains(private), "logs leak {private}: {logs}");
    }
    assert!(logs.contains("alter_sdk"), "{logs}");
    assert!(logs.contains("provider call"), "{logs}");
    assert!(
        logs.contains("provider=\"google\"") || logs.contains("provider=google"),
        "{logs}"
    );
    assert!(logs.contains("status=200"), "{logs}");
    assert!(logs.contains("run id is not a UUID"), "{logs}");
    assert!(logs.contains("Authorization header was given"), "{logs}");
}

/// One error of each kind the runtime produces.
async fn errors(harness: &Harness) -> Vec<Error> {
    let mut errors = Vec::new();
    for (status, body) in [
        (403, json!({"message": "denied", "error": "policy"})),
        (404, json!({"message": "none"})),
        (
            400,
            json!({"error": "token_expired", "connection_id": CONNECTION_ID}),
        ),
        (401, json!({})),
    ] {
        let backend =
            Harness::with_token_response(ResponseTemplate::new(status).set_body_json(body)).await;
        errors.push(call(&backend.vault(), &harness.url("/x")).await);
    }
    let provider_error = Harness::start().await;
    provider_error
        .provider_answers(
            ResponseTemplate::new(401).set_body_json(json!({"error": {"message": "bad"}})),
        )
        .await;
    errors.push(call(&provider_error.vault(), &provider_error.url("/x")).await);
    errors.push(call(&harness.vault(), "http://127.0.0.1:1/x").await);
    errors.push(call(&harness.vault(), "https://evil.example/x").await);
    errors.push(AlterVault::builder("alter_key_\n").build().unwrap_err());
    errors.push(
        AlterVault::builder(format!("{API_KEY}x"))
            .base_url("http://example.com")
            .build()
            .unwrap_err(),
    );
    let kinds: Vec<&str> = errors.iter().map(kind).collect();
    assert_eq!(
        kinds,
        [
            "policy",
            "not found",
            "expired",
            "retrieval",
            "provider",
            "network",
            "invalid",
            "config",
            "config"
        ]
    );
    errors
}

fn kind(error: &Error) -> &'static str {
    match error {
        Error::PolicyViolation { .. } => "policy",
        Error::ConnectionNotFound { .. } => "not found",
        Error::TokenExpired { .. } => "expired",
        Error::TokenRetrieval { .. } => "retrieval",
        Error::ProviderApi(_) => "provider",
        Error::Network { .. } => "network",
        Error::InvalidRequest { .. } => "invalid",
        Error::Configuration { .. } => "config",
        _ => "other",
    }
}

async fn call(vault: &AlterVault, url: &str) -> Error {
    vault
        .request(Provider::Google, Method::GET, url)
        .user(User::id("a"))
        .send()
        .await
        .unwrap_err()
}

/// `Display` is exactly `display`; `Debug` shows the redaction marker; neither
/// holds a secret.
fn assert_redacted(error: &Error, display: &str) {
    let debug = format!("{error:?}");
    assert_clean("error display", &error.to_string());
    assert_clean("error debug", &debug);
    assert_eq!(error.to_string(), display);
    assert!(debug.contains("[redacted]"), "{debug}");
}

#[tokio::test]
async fn backend_errors_echoing_the_api_key_are_scrubbed() {
    let harness = Harness::start().await;
    let cases = [
        (
            ResponseTemplate::new(401).set_body_json(json!({
                "message": format!("invalid API key {API_KEY}"),
                "received": {"x-api-key": API_KEY},
            })),
            "token retrieval failed: invalid API key [redacted]",
        ),
        (
            ResponseTemplate::new(500).set_body_raw(
                format!("<html><body>refused x-api-key {API_KEY}</body></html>"),
                "text/html",
            ),
            "token retrieval failed: <html><body>refused x-api-key [redacted]</body></html>",
        ),
        (
            // `\u0061` is an escaped `a`: the key is only whole once parsed.
            ResponseTemplate::new(500).set_body_raw(
                format!(r#"{{"message":"key \u0061{}"}}"#, &API_KEY[1..]),
                "application/json",
            ),
            "token retrieval failed: key [redacted]",
        ),
        (
            ResponseTemplate::new(403).set_body_json(json!({
                "message": format!("{API_KEY} may not read this"),
                "error": format!("key {API_KEY} is outside its hours"),
                "details": {"key": API_KEY},
            })),
            "access denied by policy",
        ),
    ];
    for (answer, display) in cases {
        let backend = Harness::with_token_response(answer).await;
        let error = call(&backend.vault(), &harness.url("/x")).await;
        assert_redacted(&error, display);
    }
}

#[tokio::test]
async fn errors_after_an_answer_echoing_the_token_hold_no_secret() {
    let harness = Harness::start().await;
    let echo = format!(
        r#"{{"expires_in":"{TOKEN}","next":"https://evil.example/page?access_token={TOKEN}"}}"#
    );
    harness
        .provider_answers(ResponseTemplate::new(200).set_body_raw(echo, "application/json"))
        .await;
    let vault = harness.vault();

    let response = vault
        .request(Provider::Google, Method::GET, harness.url("/grant"))
        .user(User::id("a"))
        .send()
        .await
        .unwrap();
    let decode = response.json::<HashMap<String, u64>>().unwrap_err();
    assert_redacted(
        &decode,
        "alter sdk error: the provider's response is not the expected JSON: invalid type: \
         string \"[redacted]\", expected u64 at line 1 column 26",
    );

    let links: HashMap<String, String> = response.json().unwrap();
    assert_eq!(
        links["next"],
        "https://evil.example/page?access_token=[redacted]"
    );
    let refused = [
        (
            links["next"].clone(),
            "invalid request: host `evil.example` is not allowed for provider `google`",
        ),
        (
            harness.url("/grant"),
            "invalid request: the value of header `x-api-key` holds a control character (such as CR or LF), which header values may not hold",
        ),
    ];
    for (url, display) in refused {
        let error = vault
            .request(Provider::Google, Method::GET, url)
            .user(User::id("a"))
            .header("X-Api-Key", format!("{API_KEY}\n{TOKEN}"))
            .send()
            .await
            .unwrap_err();
        assert!(matches!(error, Error::InvalidRequest { .. }), "{error:?}");
        assert_clean("invalid request display", &error.to_string());
        assert_clean("invalid request debug", &format!("{error:?}"));
        assert_eq!(error.to_string(), display);
    }

    let small = harness.builder().max_response_bytes(16).build().unwrap();
    let too_large = small
        .request(Provider::Google, Method::GET, harness.url("/grant"))
        .user(User::id("a"))
        .send()
        .await
        .unwrap_err();
    assert!(matches!(too_large, Error::Sdk { .. }), "{too_large:?}");
    assert_clean("sdk display", &too_large.to_string());
    assert_clean("sdk debug", &format!("{too_large:?}"));
    assert_eq!(
        too_large.to_string(),
        "alter sdk error: the provider's response is larger than the limit of 16 bytes \
         (max_response_bytes)"
    );
    vault.close().await;
    small.close().await;
}
