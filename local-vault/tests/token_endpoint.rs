//! `POST /oauth/token`: the success body, matching, and every error status and body.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed unwrap is a failed test"
)]

mod common;

use alter_local_vault::{AccessOutcome, LocalVault, NewConnection};
use common::{Harness, connection, request};
use serde_json::json;

#[tokio::test]
async fn success_body_has_the_protocol_fields() {
    let harness = Harness::start().await;
    let id = harness
        .add(
            connection("google", "alice", "ya29.alice")
                .scope("calendar")
                .scope("drive"),
        )
        .await;

    let (status, body) = harness.token_for("google", "alice").await;

    assert_eq!(status, 200);
    assert_eq!(body["access_token"], "ya29.alice");
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["scopes"], json!(["calendar", "drive"]));
    assert_eq!(body["connection_id"], id);
    let expires_in = body["expires_in"].as_i64().unwrap();
    assert!(
        (3590..=3600).contains(&expires_in),
        "expires_in = {expires_in}"
    );
    let expires_at = body["expires_at"].as_str().unwrap();
    assert!(
        expires_at.ends_with('Z') && expires_at.len() == 20,
        "{expires_at}"
    );
}

#[tokio::test]
async fn a_token_without_expiry_has_no_expiry_fields() {
    let harness = Harness::start().await;
    harness
        .add(NewConnection::new("notion", "secret_abc").attribute("user_id", "alice"))
        .await;

    let (status, body) = harness.token_for("notion", "alice").await;

    assert_eq!(status, 200);
    assert_eq!(body["access_token"], "secret_abc");
    assert!(body.get("expires_in").is_none());
    assert!(body.get("expires_at").is_none());
}

#[tokio::test]
async fn every_given_attribute_must_match() {
    let harness = Harness::start().await;
    let alice = harness
        .add(connection("google", "alice", "a").attribute("org", "acme"))
        .await;
    harness
        .add(connection("google", "bob", "b").attribute("org", "acme"))
        .await;
    harness.add(connection("github", "alice", "c")).await;

    let only_user = json!({"provider_id": "google", "attributes": {"user_id": "alice"}});
    let both = json!({"provider_id": "google", "attributes": {"user_id": "alice", "org": "acme"}});
    let wrong_org =
        json!({"provider_id": "google", "attributes": {"user_id": "alice", "org": "x"}});

    let body: serde_json::Value = harness.token(only_user).await.json().await.unwrap();
    assert_eq!(body["connection_id"], alice);
    let body: serde_json::Value = harness.token(both).await.json().await.unwrap();
    assert_eq!(body["access_token"], "a");
    assert_eq!(harness.token(wrong_org).await.status(), 404);
}

#[tokio::test]
async fn no_match_is_404_with_a_message() {
    let harness = Harness::start().await;
    harness.add(connection("google", "alice", "a")).await;

    let (status, body) = harness.token_for("google", "bob").await;

    assert_eq!(status, 404);
    assert_eq!(
        body,
        json!({"message": "no google connection matches the given attributes",
               "error": "connection_not_found"})
    );
}

#[tokio::test]
async fn several_matches_are_an_error_naming_them() {
    let harness = Harness::start().await;
    let first = harness
        .add(connection("google", "alice", "a").attribute("org", "x"))
        .await;
    let second = harness
        .add(connection("google", "alice", "b").attribute("org", "y"))
        .await;

    let (status, body) = harness.token_for("google", "alice").await;

    assert_eq!(status, 409);
    assert_eq!(body["error"], "ambiguous_connection");
    assert_eq!(
        body["message"],
        "2 google connections match the given attributes; send more attributes to pick one"
    );
    let mut ids: Vec<String> = serde_json::from_value(body["connection_ids"].clone()).unwrap();
    let mut expected = vec![first, second];
    ids.sort();
    expected.sort();
    assert_eq!(ids, expected);
}

#[tokio::test]
async fn a_malformed_body_is_400() {
    let harness = Harness::start().await;
    let response = harness
        .http
        .post(format!("{}/oauth/token", harness.vault.base_url()))
        .header("x-api-key", &harness.key)
        .body("not json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"], "invalid_request");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("the request body is not valid")
    );

    let (status, body) = {
        let response = harness
            .token(json!({"provider_id": " ", "attributes": {}}))
            .await;
        (
            response.status().as_u16(),
            response.json::<serde_json::Value>().await.unwrap(),
        )
    };
    assert_eq!(status, 400);
    assert_eq!(body["message"], "provider_id must not be empty");
}

#[tokio::test]
async fn every_request_is_recorded_with_its_outcome() {
    let harness = Harness::start().await;
    let id = harness.add(connection("google", "alice", "a")).await;
    harness
        .token_with(
            json!({"provider_id": "google", "attributes": {"user_id": "alice"},
                   "reason": "list events"}),
            &[
                ("X-Alter-Run-ID", "0b9c6f3e-3c9e-4c4e-9a57-1f2d3c4b5a69"),
                ("X-Alter-Thread-ID", "thread-1"),
                ("X-Alter-Tool-Call-ID", "call-7"),
            ],
        )
        .await;
    harness.token(request("google", "bob")).await;

    let records = harness.vault.token_accesses().await.unwrap();

    assert_eq!(records.len(), 2);
    assert_eq!(records[0].outcome, AccessOutcome::Allowed);
    assert_eq!(records[0].connection_id.map(|c| c.to_string()), Some(id));
    assert_eq!(records[0].reason.as_deref(), Some("list events"));
    assert_eq!(
        records[0].tracking.run_id.as_deref(),
        Some("0b9c6f3e-3c9e-4c4e-9a57-1f2d3c4b5a69")
    );
    assert_eq!(records[0].tracking.thread_id.as_deref(), Some("thread-1"));
    assert_eq!(records[0].tracking.tool_call_id.as_deref(), Some("call-7"));
    assert_eq!(records[1].outcome, AccessOutcome::NotFound);
    assert_eq!(records[1].attributes["user_id"], "bob");
    assert_eq!(records[1].connection_id, None);
}

#[tokio::test]
async fn unknown_paths_are_404() {
    let harness = Harness::start().await;
    let response = harness
        .http
        .get(format!("{}/v2/whatever", harness.vault.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"], "no_route");
}

#[tokio::test]
async fn unknown_fields_and_any_content_type_are_accepted() {
    let harness = Harness::start().await;
    harness.add(connection("google", "alice", "a")).await;

    let response = harness
        .http
        .post(format!("{}/oauth/token", harness.vault.base_url()))
        .header("x-api-key", &harness.key)
        .header("content-type", "text/plain")
        .body(r#"{"provider_id": "google", "attributes": {"user_id": "alice"}, "future": 1}"#)
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["access_token"], "a");
}

#[tokio::test]
async fn an_empty_body_is_400_and_never_token_expired() {
    let harness = Harness::start().await;

    let response = harness
        .http
        .post(format!("{}/oauth/token", harness.vault.base_url()))
        .header("x-api-key", &harness.key)
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 400);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(
        body,
        serde_json::json!({
            "message": "the request body is not valid: EOF while parsing a value at line 1 column 0",
            "error": "invalid_request",
        })
    );
}

#[tokio::test]
async fn a_storage_failure_is_500_and_hands_out_no_token() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("vault.db");
    let harness = Harness::with(LocalVault::builder().path(&db)).await;
    harness
        .add(connection("google", "alice", "ya29.alice"))
        .await;
    // Every token request is recorded before it is answered; make that write fail.
    let outside = rusqlite::Connection::open(&db).unwrap();
    outside
        .execute_batch(
            "CREATE TRIGGER no_room BEFORE INSERT ON token_accesses
             BEGIN SELECT RAISE(ABORT, 'disk full'); END;",
        )
        .unwrap();

    let response = harness.token(request("google", "alice")).await;

    assert_eq!(response.status(), 500);
    assert_eq!(
        response.headers()["content-type"],
        "application/json",
        "the client reads `message` from a JSON body"
    );
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(
        body,
        json!({"message": "the local vault failed to process the request; see its log",
               "error": "internal_error"})
    );

    outside.execute_batch("DROP TRIGGER no_room;").unwrap();
    let (status, body) = harness.token_for("google", "alice").await;
    assert_eq!((status, &body["access_token"]), (200, &json!("ya29.alice")));
}

#[tokio::test]
async fn a_request_without_attributes_is_400_and_gets_no_token() {
    let harness = Harness::start().await;
    harness
        .add(connection("google", "alice", "ya29.alice"))
        .await;

    for body in [
        json!({"provider_id": "google", "attributes": {}, "reason": null}),
        json!({"provider_id": "google", "attributes": null}),
        json!({"provider_id": "google"}),
    ] {
        let response = harness.token(body.clone()).await;

        assert_eq!(response.status(), 400, "{body}");
        let answer: serde_json::Value = response.json().await.unwrap();
        assert_eq!(
            answer,
            json!({
                "message": "the request must name the user by at least one attribute \
                            (`attributes`, such as {\"user_id\": \"alice\"})",
                "error": "invalid_request",
            }),
            "{body}"
        );
    }
}
