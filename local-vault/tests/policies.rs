//! Cedar policies evaluated on every token request.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed unwrap is a failed test"
)]

mod common;

use alter_local_vault::{AccessOutcome, Error, LocalVault, VaultStore};
use common::{Harness, connection, request};
use serde_json::{Value, json};

const GITHUB_FOR_THE_BOT_ONLY: &str = r#"
permit (principal, action, resource);

@reason("GitHub tokens are for the release bot only")
forbid (principal, action == Action::"get_token", resource)
when { resource.provider == "github" }
unless { principal is Actor && principal.identifier == "release-bot" };
"#;

async fn harness(policies: &str) -> Harness {
    Harness::with(LocalVault::builder().policies(policies)).await
}

const BOT: [(&str, &str); 2] = [
    ("X-Alter-Actor-Type", "ai_agent"),
    ("X-Alter-Actor-Identifier", "release-bot"),
];

#[tokio::test]
async fn without_policies_everything_is_permitted() {
    let harness = Harness::start().await;
    harness.add(connection("github", "alice", "gho_1")).await;
    assert_eq!(harness.token_for("github", "alice").await.0, 200);
}

#[tokio::test]
async fn a_forbid_answers_403_with_its_reason_as_the_client_reads_it() {
    let harness = harness(GITHUB_FOR_THE_BOT_ONLY).await;
    let id = harness.add(connection("github", "alice", "gho_1")).await;
    harness.add(connection("google", "alice", "ya29")).await;

    let (status, body) = harness.token_for("github", "alice").await;

    assert_eq!(status, 403);
    assert_eq!(
        body,
        json!({
            "message": "Access denied by policy",
            "error": "GitHub tokens are for the release bot only",
            "details": {"policy_ids": ["policy1"], "connection_id": id, "provider_id": "github"},
        })
    );
    assert_eq!(harness.token_for("google", "alice").await.0, 200);
}

#[tokio::test]
async fn the_principal_is_the_actor() {
    let harness = harness(GITHUB_FOR_THE_BOT_ONLY).await;
    harness.add(connection("github", "alice", "gho_1")).await;

    let response = harness.token_with(request("github", "alice"), &BOT).await;
    assert_eq!(response.status(), 200);

    let other = [
        ("X-Alter-Actor-Type", "ai_agent"),
        ("X-Alter-Actor-Identifier", "someone-else"),
    ];
    let response = harness.token_with(request("github", "alice"), &other).await;
    assert_eq!(response.status(), 403);
}

/// A status and JSON body, for comparing whole answers.
async fn answer(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

/// The 403 body the official client reads, for a google connection.
fn denial(reason: &str, policy_ids: &[&str], connection_id: &str) -> Value {
    json!({
        "message": "Access denied by policy",
        "error": reason,
        "details": {"policy_ids": policy_ids, "connection_id": connection_id,
                    "provider_id": "google"},
    })
}

#[tokio::test]
async fn without_an_actor_the_principal_is_the_api_key_by_its_id() {
    let store = VaultStore::in_memory().unwrap();
    let ci = store.create_api_key("ci").await.unwrap();
    let ci_id = store.api_keys().await.unwrap()[0].id;
    let policies = format!(r#"permit (principal == ApiKey::"{ci_id}", action, resource);"#);
    let harness = Harness::with(LocalVault::builder().store(store).policies(policies)).await;
    let id = harness
        .add(connection("google", "alice", "ya29.alice"))
        .await;

    let (status, body) = answer(harness.token_as(&ci, request("google", "alice"), &[]).await).await;
    assert_eq!((status, &body["access_token"]), (200, &json!("ya29.alice")));

    let other_key = harness.token_for("google", "alice").await;
    assert_eq!(
        other_key,
        (403, denial("no policy permits this request", &[], &id))
    );

    // The same key naming an actor: the principal is then the actor, which no policy permits.
    let as_bot = answer(
        harness
            .token_as(&ci, request("google", "alice"), &BOT)
            .await,
    )
    .await;
    assert_eq!(
        as_bot,
        (403, denial("no policy permits this request", &[], &id))
    );
}

#[tokio::test]
async fn a_forbid_on_api_key_principals_makes_an_actor_necessary() {
    let harness = harness(
        r#"
        permit (principal, action, resource);
        @reason("name the agent asking for the token")
        forbid (principal is ApiKey, action, resource);
        "#,
    )
    .await;
    let id = harness.add(connection("google", "alice", "ya29")).await;
    let refused = (
        403,
        denial("name the agent asking for the token", &["policy1"], &id),
    );

    assert_eq!(harness.token_for("google", "alice").await, refused);
    let type_only = [("X-Alter-Actor-Type", "ai_agent")];
    let response = harness
        .token_with(request("google", "alice"), &type_only)
        .await;
    assert_eq!(
        answer(response).await,
        refused,
        "a type alone names no actor"
    );
    let unknown = [("X-Alter-Actor-ID", "0b9c6f3e-3c9e-4c4e-9a57-1f2d3c4b5a69")];
    let response = harness
        .token_with(request("google", "alice"), &unknown)
        .await;
    assert_eq!(
        answer(response).await,
        refused,
        "an unknown actor id is no actor"
    );

    let as_bot = harness.token_with(request("google", "alice"), &BOT).await;
    assert_eq!(as_bot.status(), 200);
}

#[tokio::test]
async fn a_policy_can_deny_one_tool_call_and_permit_the_others() {
    let harness = harness(
        r#"
        permit (principal, action, resource);
        @reason("tool call call-42 may not have tokens")
        forbid (principal, action, resource)
        when { context has tool_call_id && context.tool_call_id == "call-42" };
        "#,
    )
    .await;
    let id = harness.add(connection("google", "alice", "ya29")).await;
    let with_call = |call: &'static str| [("X-Alter-Tool-Call-ID", call)];

    let blocked = harness
        .token_with(request("google", "alice"), &with_call("call-42"))
        .await;
    assert_eq!(
        answer(blocked).await,
        (
            403,
            denial("tool call call-42 may not have tokens", &["policy1"], &id)
        )
    );
    for call in ["call-43", "CALL-42", "call-420"] {
        let response = harness
            .token_with(request("google", "alice"), &with_call(call))
            .await;
        assert_eq!(response.status(), 200, "{call}");
    }
    assert_eq!(harness.token_for("google", "alice").await.0, 200);
}

#[tokio::test]
async fn a_policy_can_require_a_run_and_stop_one_run() {
    const STOPPED: &str = "0b9c6f3e-3c9e-4c4e-9a57-1f2d3c4b5a69";
    let harness = harness(&format!(
        r#"
        permit (principal, action, resource) when {{ context has run_id }};
        @reason("run {STOPPED} was stopped")
        forbid (principal, action, resource)
        when {{ context has run_id && context.run_id == "{STOPPED}" }};
        "#
    ))
    .await;
    let id = harness.add(connection("google", "alice", "ya29")).await;
    let in_run = |run: &'static str| [("X-Alter-Run-ID", run)];
    let no_permit = (403, denial("no policy permits this request", &[], &id));

    let other_run = harness
        .token_with(
            request("google", "alice"),
            &in_run("5f0c2a8e-6d7b-4c1a-9e3f-2b4d6a8c0e1f"),
        )
        .await;
    assert_eq!(other_run.status(), 200);
    let stopped = harness
        .token_with(request("google", "alice"), &in_run(STOPPED))
        .await;
    assert_eq!(
        answer(stopped).await,
        (
            403,
            denial(&format!("run {STOPPED} was stopped"), &["policy1"], &id)
        )
    );
    // A run id that is not a UUID is dropped, as the client drops it: no run at all.
    let not_a_uuid = harness
        .token_with(request("google", "alice"), &in_run("run-1"))
        .await;
    assert_eq!(answer(not_a_uuid).await, no_permit);
    assert_eq!(harness.token_for("google", "alice").await, no_permit);
}

#[tokio::test]
async fn with_policies_and_no_permit_the_request_is_denied() {
    let harness =
        harness(r#"forbid (principal, action, resource) when { resource.provider == "slack" };"#)
            .await;
    harness.add(connection("google", "alice", "ya29")).await;

    let (status, body) = harness.token_for("google", "alice").await;

    assert_eq!(status, 403);
    assert_eq!(body["error"], "no policy permits this request");
    assert_eq!(body["details"]["policy_ids"], json!([]));
}

#[tokio::test]
async fn the_context_carries_the_reason_and_tracking_ids() {
    let harness = harness(
        r#"
        permit (principal, action, resource)
        when { context has reason && context.reason like "*calendar*" };
        permit (principal, action, resource)
        when { context has thread_id && context.thread_id == "ops" };
        "#,
    )
    .await;
    harness.add(connection("google", "alice", "ya29")).await;
    let with_reason = |reason: &str| {
        let mut body = request("google", "alice");
        body["reason"] = json!(reason);
        body
    };

    assert_eq!(
        harness
            .token(with_reason("read the calendar"))
            .await
            .status(),
        200
    );
    assert_eq!(harness.token(with_reason("read mail")).await.status(), 403);
    assert_eq!(
        harness.token(request("google", "alice")).await.status(),
        403
    );
    let thread = [("X-Alter-Thread-ID", "ops")];
    assert_eq!(
        harness
            .token_with(request("google", "alice"), &thread)
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn the_resource_carries_scopes_and_attributes() {
    let harness = harness(
        r#"
        permit (principal, action, resource)
        when { resource.scopes.contains("calendar.readonly") };
        @reason("contractors get no tokens")
        forbid (principal, action, resource)
        when { resource.attributes has role && resource.attributes.role == "contractor" };
        "#,
    )
    .await;
    harness
        .add(connection("google", "alice", "a").scope("calendar.readonly"))
        .await;
    harness
        .add(connection("google", "bob", "b").scope("drive"))
        .await;
    harness
        .add(
            connection("google", "carol", "c")
                .scope("calendar.readonly")
                .attribute("role", "contractor"),
        )
        .await;

    assert_eq!(harness.token_for("google", "alice").await.0, 200);
    let (status, body) = harness.token_for("google", "bob").await;
    assert_eq!(
        (status, body["error"].as_str()),
        (403, Some("no policy permits this request"))
    );
    let (status, body) = harness.token_for("google", "carol").await;
    assert_eq!(
        (status, body["error"].as_str()),
        (403, Some("contractors get no tokens"))
    );
}

#[tokio::test]
async fn the_context_carries_the_time() {
    let harness = harness(
        r#"
        permit (principal, action, resource)
        when { context.time > 1700000000 && context.hour >= 0 && context.hour < 24
               && context.weekday >= 0 && context.weekday < 7 };
        "#,
    )
    .await;
    harness.add(connection("google", "alice", "a")).await;
    assert_eq!(harness.token_for("google", "alice").await.0, 200);
}

#[tokio::test]
async fn a_denial_is_recorded_with_the_policy_reason() {
    let harness = harness(GITHUB_FOR_THE_BOT_ONLY).await;
    harness.add(connection("github", "alice", "gho_1")).await;
    harness.token_for("github", "alice").await;

    let records = harness.vault.token_accesses().await.unwrap();

    assert_eq!(records.len(), 1);
    assert_eq!(records[0].outcome, AccessOutcome::Denied);
    assert_eq!(
        records[0].policy_reason.as_deref(),
        Some("GitHub tokens are for the release bot only")
    );
}

#[tokio::test]
async fn invalid_policy_text_fails_start() {
    let result = LocalVault::builder()
        .policies("permit (principal,")
        .start()
        .await;
    assert!(matches!(result, Err(Error::Policy(_))), "{result:?}");
}

#[tokio::test]
async fn an_invalid_policy_is_reported_with_its_line_and_column() {
    let text = "permit (principal, action, resource);\n\
                forbid (principal, action, resource) when { resource.provider == };\n";

    let result = LocalVault::builder().policies(text).start().await;

    let Err(Error::Policy(message)) = result else {
        panic!("{result:?}");
    };
    assert_eq!(message, "line 2, column 66: unexpected token `}`");
}

#[tokio::test]
async fn a_policy_reading_a_missing_attribute_is_skipped_not_fatal() {
    let harness = harness(
        r#"
        permit (principal, action, resource);
        @reason("ops connections are off limits")
        forbid (principal, action, resource) when { resource.attributes.team == "ops" };
        @reason("agents of the wrong type")
        forbid (principal, action, resource) when { principal.type != "ai_agent" };
        "#,
    )
    .await;
    harness.add(connection("google", "alice", "a")).await;
    harness
        .add(connection("google", "bob", "b").attribute("team", "ops"))
        .await;

    // alice's connection has no `team`, and the API key principal has no `type`: Cedar skips
    // both forbids (they fail to evaluate) and the permit stands.
    let (alice, _) = harness.token_for("google", "alice").await;
    let (bob, body) = harness.token_for("google", "bob").await;

    assert_eq!(alice, 200);
    assert_eq!(
        (bob, &body["error"]),
        (403, &json!("ops connections are off limits"))
    );
}
