//! `POST /oauth/audit/api-call`: storage, sanitising and reading back.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed unwrap is a failed test"
)]

mod common;

use alter_local_vault::AuditFilter;
use common::{Harness, connection};
use serde_json::{Value, json};
use uuid::Uuid;

/// The record the official client sends after a call.
fn record(connection_id: &str, provider: &str, url: &str) -> Value {
    json!({
        "connection_id": connection_id,
        "provider_id": provider,
        "method": "POST",
        "url": url,
        "request_headers": {"User-Agent": "alter-sdk-python/0.2.0", "Authorization": "Bearer x",
                            "Notion-Version": "2022-06-28", "Cookie": "a=b"},
        "request_body": {"name": "New Item"},
        "response_status": 201,
        "response_headers": {"content-type": "application/json", "set-cookie": "s=1",
                             "X-Auth-Token": "t", "x-api-key": "k"},
        "response_body": "{\"id\": 7}",
        "latency_ms": 12,
        "reason": "create an item",
    })
}

async fn send(harness: &Harness, body: &Value) -> (u16, Value) {
    let response = harness
        .http
        .post(format!("{}/oauth/audit/api-call", harness.vault.base_url()))
        .header("x-api-key", &harness.key)
        .json(body)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

#[tokio::test]
async fn a_record_is_stored_without_sensitive_headers() {
    let harness = Harness::start().await;
    let id = harness.add(connection("notion", "alice", "secret_1")).await;

    let (status, body) = send(
        &harness,
        &record(&id, "notion", "https://api.notion.com/v1/pages"),
    )
    .await;

    assert_eq!(
        (status, body),
        (201, json!({"id": 1, "status": "recorded"}))
    );
    let records = harness
        .vault
        .audit_records(AuditFilter::all())
        .await
        .unwrap();
    assert_eq!(records.len(), 1);
    let stored = &records[0];
    assert_eq!(stored.connection_id.to_string(), id);
    assert_eq!(stored.provider, "notion");
    assert_eq!(stored.method, "POST");
    assert_eq!(stored.url, "https://api.notion.com/v1/pages");
    assert_eq!(
        Value::Object(stored.request_headers.clone()),
        json!({"User-Agent": "alter-sdk-python/0.2.0", "Notion-Version": "2022-06-28"})
    );
    assert_eq!(stored.request_body, json!({"name": "New Item"}));
    assert_eq!(stored.response_status, 201);
    assert_eq!(
        Value::Object(stored.response_headers.clone()),
        json!({"content-type": "application/json"})
    );
    assert_eq!(stored.response_body, json!("{\"id\": 7}"));
    assert_eq!(stored.latency_ms, 12);
    assert_eq!(stored.reason.as_deref(), Some("create an item"));
    assert_eq!(
        stored.user_attributes.clone().map(Value::Object),
        Some(json!({"user_id": "alice"}))
    );
    assert_eq!(stored.actor_id, None);
}

#[tokio::test]
async fn records_are_filtered_by_provider_user_connection_and_limit() {
    let harness = Harness::start().await;
    let alice = harness.add(connection("google", "alice", "a")).await;
    let bob = harness.add(connection("google", "bob", "b")).await;
    let alice_gh = harness.add(connection("github", "alice", "c")).await;
    for (id, provider, url) in [
        (&alice, "google", "https://g/1"),
        (&bob, "google", "https://g/2"),
        (&alice_gh, "github", "https://h/3"),
        (&alice, "google", "https://g/4"),
    ] {
        assert_eq!(send(&harness, &record(id, provider, url)).await.0, 201);
    }
    let urls = |filter: AuditFilter| {
        let vault = &harness.vault;
        async move {
            let records = vault.audit_records(filter).await.unwrap();
            records.into_iter().map(|r| r.url).collect::<Vec<_>>()
        }
    };

    assert_eq!(
        urls(AuditFilter::all()).await,
        ["https://g/4", "https://h/3", "https://g/2", "https://g/1"]
    );
    assert_eq!(
        urls(AuditFilter::all().provider("google")).await,
        ["https://g/4", "https://g/2", "https://g/1"]
    );
    assert_eq!(
        urls(AuditFilter::all().user("alice")).await,
        ["https://g/4", "https://h/3", "https://g/1"]
    );
    assert_eq!(
        urls(AuditFilter::all().provider("google").user("alice").limit(1)).await,
        ["https://g/4"]
    );
    assert!(urls(AuditFilter::all().limit(0)).await.is_empty());
    let bob_id: Uuid = bob.parse().unwrap();
    assert_eq!(
        urls(AuditFilter::all().connection(bob_id)).await,
        ["https://g/2"]
    );
}

#[tokio::test]
async fn a_record_for_an_unknown_connection_is_kept_without_user() {
    let harness = Harness::start().await;
    let unknown = Uuid::new_v4().to_string();
    assert_eq!(
        send(&harness, &record(&unknown, "google", "https://g/1"))
            .await
            .0,
        201
    );

    let records = harness
        .vault
        .audit_records(AuditFilter::all())
        .await
        .unwrap();
    assert_eq!(records[0].user_attributes, None);
    let by_user = AuditFilter::all().user("alice");
    assert!(
        harness
            .vault
            .audit_records(by_user)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn a_malformed_record_is_400() {
    let harness = Harness::start().await;
    let (status, body) = send(&harness, &record("not-a-uuid", "google", "https://g")).await;
    assert_eq!(
        (status, body),
        (
            400,
            json!({"message": "connection_id must be a UUID", "error": "invalid_request"})
        )
    );

    let (status, body) = send(&harness, &json!({"provider_id": "google"})).await;
    assert_eq!(status, 400);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("missing field `connection_id`")
    );
}

#[tokio::test]
async fn a_record_with_a_3_mb_request_body_is_stored() {
    let harness = Harness::start().await;
    let id = harness.add(connection("google", "alice", "a")).await;
    let upload = "x".repeat(3_000_000);
    let mut body = record(&id, "google", "https://g/upload");
    body["request_body"] = json!({"data": upload});

    let (status, answer) = send(&harness, &body).await;

    assert_eq!(
        (status, answer),
        (201, json!({"id": 1, "status": "recorded"}))
    );
    let records = harness
        .vault
        .audit_records(AuditFilter::all())
        .await
        .unwrap();
    assert_eq!(
        records[0].request_body["data"].as_str().map(str::len),
        Some(3_000_000)
    );
}

#[tokio::test]
async fn a_record_over_32_mib_is_413_in_the_json_error_shape_with_the_actor_id() {
    let harness = Harness::start().await;
    let id = harness.add(connection("google", "alice", "a")).await;
    let mut body = record(&id, "google", "https://g/upload");
    body["request_body"] = json!({"data": "x".repeat(32 * 1024 * 1024)});

    let response = harness
        .http
        .post(format!("{}/oauth/audit/api-call", harness.vault.base_url()))
        .header("x-api-key", &harness.key)
        .header("X-Alter-Actor-Type", "ai_agent")
        .header("X-Alter-Actor-Identifier", "uploader")
        .json(&body)
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 413);
    assert_eq!(response.headers()["content-type"], "application/json");
    let actors = harness.vault.actors().await.unwrap();
    assert_eq!(
        response.headers()["x-alter-actor-id"].to_str().unwrap(),
        actors[0].id.to_string()
    );
    let answer: Value = response.json().await.unwrap();
    assert_eq!(
        answer,
        json!({
            "message": "the request body is larger than the 32 MiB this endpoint accepts",
            "error": "request_too_large",
        })
    );
    assert!(
        harness
            .vault
            .audit_records(AuditFilter::all())
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn a_token_request_over_2_mib_is_413_in_the_json_error_shape() {
    let harness = Harness::start().await;
    let body = json!({"provider_id": "google", "attributes": {"pad": "x".repeat(3_000_000)}});

    let response = harness.token(body).await;

    assert_eq!(response.status(), 413);
    assert_eq!(response.headers()["content-type"], "application/json");
    let answer: Value = response.json().await.unwrap();
    assert_eq!(
        answer,
        json!({
            "message": "the request body is larger than the 2 MiB this endpoint accepts",
            "error": "request_too_large",
        })
    );
}
