//! Neither the token nor the API key appears in logs, `Debug` or `Display`.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

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
