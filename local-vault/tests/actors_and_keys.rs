//! Actor registration and `X-Alter-Actor-ID`; API-key checks on both endpoints.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed unwrap is a failed test"
)]

mod common;

use common::{Harness, connection, request};
use serde_json::json;
use uuid::Uuid;

const AGENT: [(&str, &str); 5] = [
    ("X-Alter-Actor-Type", "ai_agent"),
    ("X-Alter-Actor-Identifier", "email-assistant"),
    ("X-Alter-Actor-Name", "Email Assistant"),
    ("X-Alter-Actor-Version", "1.0.0"),
    ("X-Alter-Framework", "langgraph"),
];

fn actor_id(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get("x-alter-actor-id")
        .map(|value| value.to_str().unwrap().to_string())
}

#[tokio::test]
async fn an_actor_is_registered_on_first_sight_and_keeps_its_id() {
    let harness = Harness::start().await;
    harness.add(connection("google", "alice", "a")).await;

    let first = harness.token_with(request("google", "alice"), &AGENT).await;
    let second = harness.token_with(request("google", "alice"), &AGENT).await;

    let id = actor_id(&first).expect("an actor id");
    assert!(Uuid::parse_str(&id).is_ok());
    assert_eq!(actor_id(&second).as_deref(), Some(id.as_str()));
    let actors = harness.vault.store().actors().await.unwrap();
    assert_eq!(actors.len(), 1);
    assert_eq!(actors[0].id.to_string(), id);
    assert_eq!(actors[0].actor_type, "ai_agent");
    assert_eq!(actors[0].identifier, "email-assistant");
    assert_eq!(actors[0].name.as_deref(), Some("Email Assistant"));
    assert_eq!(actors[0].framework.as_deref(), Some("langgraph"));
    assert_eq!(actors[0].client_type, None);
}

#[tokio::test]
async fn metadata_is_kept_up_to_date() {
    let harness = Harness::start().await;
    harness.add(connection("google", "alice", "a")).await;
    harness.token_with(request("google", "alice"), &AGENT).await;

    let newer = [
        ("X-Alter-Actor-Type", "ai_agent"),
        ("X-Alter-Actor-Identifier", "email-assistant"),
        ("X-Alter-Actor-Version", "2.0.0"),
        ("X-Alter-Client-Type", "cursor"),
    ];
    harness.token_with(request("google", "alice"), &newer).await;

    let actors = harness.vault.store().actors().await.unwrap();
    assert_eq!(actors.len(), 1);
    assert_eq!(actors[0].version.as_deref(), Some("2.0.0"));
    assert_eq!(actors[0].client_type.as_deref(), Some("cursor"));
    assert_eq!(actors[0].name.as_deref(), Some("Email Assistant"));
}

#[tokio::test]
async fn the_actor_id_comes_back_on_errors_and_on_the_audit_endpoint() {
    let harness = Harness::start().await;
    let not_found = harness
        .token_with(request("google", "nobody"), &AGENT)
        .await;
    assert_eq!(not_found.status(), 404);
    let id = actor_id(&not_found).expect("an actor id on a 404");

    let cached = [("X-Alter-Actor-ID", id.as_str())];
    let audit = harness
        .http
        .post(format!("{}/oauth/audit/api-call", harness.vault.base_url()))
        .header("x-api-key", &harness.key)
        .header(cached[0].0, cached[0].1)
        .json(
            &json!({"connection_id": Uuid::new_v4(), "provider_id": "google",
                      "method": "GET", "url": "https://example.com/x",
                      "response_status": 200, "latency_ms": 1}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(audit.status(), 201);
    assert_eq!(actor_id(&audit).as_deref(), Some(id.as_str()));
}

#[tokio::test]
async fn an_unknown_cached_id_is_ignored_and_no_actor_means_no_header() {
    let harness = Harness::start().await;
    harness.add(connection("google", "alice", "a")).await;
    let unknown = Uuid::new_v4().to_string();

    let response = harness
        .token_with(
            request("google", "alice"),
            &[("X-Alter-Actor-ID", unknown.as_str())],
        )
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(actor_id(&response), None);

    let response = harness.token(request("google", "alice")).await;
    assert_eq!(actor_id(&response), None);
    assert!(harness.vault.store().actors().await.unwrap().is_empty());
}

#[tokio::test]
async fn an_unknown_actor_type_is_400() {
    let harness = Harness::start().await;
    let headers = [
        ("X-Alter-Actor-Type", "robot"),
        ("X-Alter-Actor-Identifier", "r2"),
    ];
    let response = harness
        .token_with(request("google", "alice"), &headers)
        .await;
    assert_eq!(response.status(), 400);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(
        body["message"],
        "X-Alter-Actor-Type must be `ai_agent` or `mcp_server`, not `robot`"
    );
}

#[tokio::test]
async fn an_unknown_actor_type_without_an_identifier_is_400_on_both_endpoints() {
    let harness = Harness::start().await;
    harness.add(connection("google", "alice", "a")).await;

    for path in ["/oauth/token", "/oauth/audit/api-call"] {
        let response = harness
            .http
            .post(format!("{}{path}", harness.vault.base_url()))
            .header("x-api-key", &harness.key)
            .header("X-Alter-Actor-Type", "robot")
            .json(&request("google", "alice"))
            .send()
            .await
            .unwrap();

        assert_eq!(response.status(), 400, "{path}");
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(
            body,
            json!({
                "message": "X-Alter-Actor-Type must be `ai_agent` or `mcp_server`, not `robot`",
                "error": "invalid_request",
            }),
            "{path}"
        );
    }
    assert!(harness.vault.actors().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_valid_actor_type_without_an_identifier_is_still_ignored() {
    let harness = Harness::start().await;
    harness.add(connection("google", "alice", "a")).await;

    let response = harness
        .token_with(
            request("google", "alice"),
            &[("X-Alter-Actor-Type", "mcp_server")],
        )
        .await;

    assert_eq!(response.status(), 200);
    assert_eq!(actor_id(&response), None);
    assert!(harness.vault.actors().await.unwrap().is_empty());
}

async fn post_with_key(
    harness: &Harness,
    path: &str,
    key: Option<&str>,
) -> (u16, serde_json::Value) {
    let mut request = harness
        .http
        .post(format!("{}{path}", harness.vault.base_url()))
        .json(&request("google", "alice"));
    if let Some(key) = key {
        request = request.header("x-api-key", key);
    }
    let response = request.send().await.unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

#[tokio::test]
async fn a_missing_or_wrong_key_is_401_on_both_endpoints() {
    let harness = Harness::start().await;
    harness.add(connection("google", "alice", "a")).await;
    let other_vault = Harness::start().await;
    let unauthorized = json!({
        "message": "missing or invalid API key (send it in the x-api-key header)",
        "error": "unauthorized",
    });
    // The right key with its last hex digit changed (one key in sixteen ends in `0`).
    let (kept, last) = harness.key.split_at(harness.key.len() - 1);
    let wrong = format!("{kept}{}", if last == "0" { "1" } else { "0" });

    for path in ["/oauth/token", "/oauth/audit/api-call"] {
        for key in [
            None,
            Some("alter_key_nope"),
            Some(wrong.as_str()),
            Some(&other_vault.key),
        ] {
            let (status, body) = post_with_key(&harness, path, key).await;
            assert_eq!((status, &body), (401, &unauthorized), "{path} with {key:?}");
        }
    }
    assert_eq!(
        post_with_key(&harness, "/oauth/token", Some(&harness.key))
            .await
            .0,
        200
    );
}

#[tokio::test]
async fn keys_are_listed_by_name_and_prefix_only() {
    let harness = Harness::start().await;
    let second = harness.vault.create_api_key("ci").await.unwrap();

    let keys = harness.vault.store().api_keys().await.unwrap();

    assert_eq!(keys.len(), 2);
    assert_eq!(
        keys.iter().map(|k| k.name.as_str()).collect::<Vec<_>>(),
        ["tests", "ci"]
    );
    assert!(second.starts_with("alter_key_") && second.len() == 74);
    assert_eq!(keys[1].prefix, second[..16]);
    assert!(harness.vault.create_api_key(" ").await.is_err());
}

#[tokio::test]
async fn an_overlong_actor_string_is_400() {
    let harness = Harness::start().await;
    let long = "x".repeat(256);
    let headers = [
        ("X-Alter-Actor-Type", "mcp_server"),
        ("X-Alter-Actor-Identifier", "ok"),
        ("X-Alter-Actor-Name", long.as_str()),
    ];
    let response = harness
        .token_with(request("google", "alice"), &headers)
        .await;
    assert_eq!(response.status(), 400);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(
        body["message"],
        "actor headers are limited to 255 characters"
    );
}

#[tokio::test]
async fn a_removed_key_is_refused_and_removing_it_again_is_not_found() {
    let harness = Harness::start().await;
    harness.add(connection("google", "alice", "a")).await;
    let keys = harness.vault.store().api_keys().await.unwrap();

    harness
        .vault
        .store()
        .remove_api_key(keys[0].id)
        .await
        .unwrap();

    let (status, _) = post_with_key(&harness, "/oauth/token", Some(&harness.key)).await;
    assert_eq!(status, 401);
    assert!(harness.vault.store().api_keys().await.unwrap().is_empty());
    let again = harness.vault.store().remove_api_key(keys[0].id).await;
    assert_eq!(
        again.unwrap_err().to_string(),
        format!("not found: no API key with id {}", keys[0].id)
    );
}
