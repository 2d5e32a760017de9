//! The token request on the wire, actor-id caching and the backend's error
//! statuses.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use alter_runtime::{Actor, AlterVault, Error, Method, Provider, User};
use common::*;
use serde_json::json;
use wiremock::ResponseTemplate;

const RUN_ID: &str = "550e8400-e29b-41d4-a716-446655440000";

#[tokio::test]
async fn token_request_carries_every_option() {
    let harness = Harness::start().await;
    harness
        .provider_answers(ResponseTemplate::new(200).set_body_json(json!({"items": []})))
        .await;
    let vault = harness
        .builder()
        .actor(
            Actor::ai_agent("email-assistant-v2")
                .name("Email Assistant")
                .version("2.0.0")
                .framework("langgraph")
                .client_type("cursor"),
        )
        .build()
        .unwrap();

    let user = User::id("alice").attribute("org", json!({"id": 7, "tier": ["a", "b"]}));
    let events: serde_json::Value = vault
        .request(
            Provider::Google,
            Method::GET,
            harness.url("/calendar/v3/calendars/{calendar_id}/events"),
        )
        .user(user)
        .path_param("calendar_id", "primary")
        .query(&[("maxResults", "10")])
        .header("X-Trace", "t-1")
        .reason("list events")
        .run_id(RUN_ID)
        .thread_id("thread-xyz")
        .tool_call_id("call-1")
        .send()
        .await
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(events, json!({"items": []}));

    let tokens = harness.token_requests().await;
    assert_eq!(tokens.len(), 1);
    let token = &tokens[0];
    assert_eq!(token.method.as_str(), "POST");
    assert_eq!(
        token.body_json::<serde_json::Value>().unwrap(),
        json!({
            "provider_id": "google",
            "attributes": {"user_id": "alice", "org": {"id": 7, "tier": ["a", "b"]}},
            "reason": "list events",
        })
    );
    let expected = [
        ("x-api-key", API_KEY),
        ("user-agent", alter_runtime::USER_AGENT),
        ("content-type", "application/json"),
        ("x-alter-actor-type", "ai_agent"),
        ("x-alter-actor-identifier", "email-assistant-v2"),
        ("x-alter-actor-name", "Email Assistant"),
        ("x-alter-actor-version", "2.0.0"),
        ("x-alter-framework", "langgraph"),
        ("x-alter-client-type", "cursor"),
        ("x-alter-run-id", RUN_ID),
        ("x-alter-thread-id", "thread-xyz"),
        ("x-alter-tool-call-id", "call-1"),
    ];
    for (name, value) in expected {
        assert_eq!(header(token, name).as_deref(), Some(value), "{name}");
    }
    let mut names: Vec<&str> = expected.iter().map(|(n, _)| *n).collect();
    names.extend(["accept", "content-length", "host"]);
    names.sort();
    assert_eq!(header_names(token), names);
    assert_eq!(
        alter_runtime::USER_AGENT,
        format!("alter-sdk-rust/{}", env!("CARGO_PKG_VERSION"))
    );
}

#[tokio::test]
async fn reason_is_null_and_actor_headers_absent_when_not_configured() {
    let harness = Harness::start().await;
    harness.provider_answers(ResponseTemplate::new(200)).await;
    let vault = harness.vault();
    vault
        .request("google", Method::GET, harness.url("/x"))
        .user(User::id("bob"))
        .send()
        .await
        .unwrap();
    let token = &harness.token_requests().await[0];
    assert_eq!(
        token.body_json::<serde_json::Value>().unwrap(),
        json!({"provider_id": "google", "attributes": {"user_id": "bob"}, "reason": null})
    );
    assert!(
        header_names(token)
            .iter()
            .all(|n| !n.starts_with("x-alter-"))
    );
}

#[tokio::test]
async fn invalid_tracking_ids_are_dropped_not_fatal() {
    let harness = Harness::start().await;
    harness.provider_answers(ResponseTemplate::new(200)).await;
    let vault = harness.vault();
    vault
        .request(Provider::Google, Method::GET, harness.url("/x"))
        .user(User::id("a"))
        .run_id("not-a-uuid")
        .thread_id("t".repeat(256))
        .tool_call_id("caf\u{e9}")
        .send()
        .await
        .unwrap();
    let token = &harness.token_requests().await[0];
    assert_eq!(header(token, "x-alter-run-id"), None);
    assert_eq!(header(token, "x-alter-thread-id"), None);
    assert_eq!(header(token, "x-alter-tool-call-id"), None);

    vault
        .request(Provider::Google, Method::GET, harness.url("/x"))
        .user(User::id("a"))
        .thread_id("t".repeat(255))
        .run_id(uuid::Uuid::parse_str(RUN_ID).unwrap())
        .send()
        .await
        .unwrap();
    let token = &harness.token_requests().await[1];
    assert_eq!(header(token, "x-alter-thread-id"), Some("t".repeat(255)));
    assert_eq!(header(token, "x-alter-run-id").as_deref(), Some(RUN_ID));
}

#[tokio::test]
async fn actor_id_is_cached_from_the_first_valid_answer() {
    let first = token_ok().insert_header("X-Alter-Actor-ID", "not-a-uuid");
    let harness = Harness::with_token_response(first).await;
    harness.provider_answers(ResponseTemplate::new(200)).await;
    let vault = harness
        .builder()
        .actor(Actor::mcp_server("files-mcp"))
        .build()
        .unwrap();
    let call = || {
        vault
            .request(Provider::Google, Method::GET, harness.url("/x"))
            .user(User::id("a"))
            .send()
    };
    call().await.unwrap();
    call().await.unwrap();
    let tokens = harness.token_requests().await;
    assert_eq!(
        header(&tokens[1], "x-alter-actor-id"),
        None,
        "a non-UUID is ignored"
    );

    harness.backend.reset().await;
    wiremock::Mock::given(wiremock::matchers::path(TOKEN_PATH))
        .respond_with(token_ok().insert_header("X-Alter-Actor-ID", ACTOR_ID))
        .up_to_n_times(1)
        .mount(&harness.backend)
        .await;
    let other = "11111111-2222-4333-8444-555555555555";
    wiremock::Mock::given(wiremock::matchers::path(TOKEN_PATH))
        .respond_with(token_ok().insert_header("X-Alter-Actor-ID", other))
        .mount(&harness.backend)
        .await;
    call().await.unwrap();
    call().await.unwrap();
    call().await.unwrap();
    let tokens = harness.token_requests().await;
    assert_eq!(tokens.len(), 3);
    assert_eq!(header(&tokens[0], "x-alter-actor-id"), None);
    assert_eq!(
        header(&tokens[1], "x-alter-actor-id").as_deref(),
        Some(ACTOR_ID)
    );
    assert_eq!(
        header(&tokens[2], "x-alter-actor-id").as_deref(),
        Some(ACTOR_ID),
        "first kept"
    );
    assert_eq!(
        header(&tokens[2], "x-alter-actor-type").as_deref(),
        Some("mcp_server")
    );
}

async fn token_error(response: ResponseTemplate) -> (Error, usize) {
    let harness = Harness::with_token_response(response).await;
    harness.provider_answers(ResponseTemplate::new(200)).await;
    let error = harness.get("/x").await.unwrap_err();
    (error, harness.provider_requests().await.len())
}

fn status(code: u16, body: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(code).set_body_json(body)
}

#[tokio::test]
async fn status_403_is_a_policy_violation() {
    let body = json!({"error": "outside business hours", "message": "Denied", "details": {"policy": "p1"}});
    let (error, provider_calls) = token_error(status(403, body)).await;
    assert_eq!(provider_calls, 0);
    match &error {
        Error::PolicyViolation {
            message,
            policy_error,
            details,
        } => {
            assert_eq!(message, "Denied");
            assert_eq!(policy_error.as_deref(), Some("outside business hours"));
            assert_eq!(details.get("policy"), Some(&json!("p1")));
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(error.is_token_retrieval());
    assert_eq!(error.to_string(), "access denied by policy");
    let (error, _) = token_error(ResponseTemplate::new(403)).await;
    assert_eq!(error.message(), "Access denied by policy");
}

#[tokio::test]
async fn status_404_is_connection_not_found() {
    let (error, _) = token_error(status(404, json!({"message": "No connection"}))).await;
    assert!(
        matches!(&error, Error::ConnectionNotFound { message, .. } if message == "No connection")
    );
    assert!(error.is_token_retrieval());
}

#[tokio::test]
async fn statuses_400_and_502_with_token_expired() {
    let body = json!({"error": "token_expired", "message": "Refresh failed", "connection_id": CONNECTION_ID});
    for code in [400, 502] {
        let (error, _) = token_error(status(code, body.clone())).await;
        match &error {
            Error::TokenExpired {
                message,
                connection_id,
                ..
            } => {
                assert_eq!(message, "Refresh failed");
                assert_eq!(connection_id.as_deref(), Some(CONNECTION_ID));
            }
            other => panic!("{code}: unexpected {other:?}"),
        }
        assert!(error.is_token_retrieval());
    }
}

#[tokio::test]
async fn other_error_statuses_are_token_retrieval_errors() {
    for code in [400, 401, 500, 502, 503, 429] {
        let (error, _) = token_error(status(code, json!({"message": format!("m{code}")}))).await;
        assert!(
            matches!(&error, Error::TokenRetrieval { message, .. } if *message == format!("m{code}")),
            "{code}: {error:?}"
        );
        assert!(error.is_token_retrieval());
    }
    let (error, _) = token_error(ResponseTemplate::new(401)).await;
    assert_eq!(error.message(), "Unauthorized: check the API key");
    let (error, _) = token_error(ResponseTemplate::new(503)).await;
    assert_eq!(error.message(), "Vault backend unavailable (HTTP 503)");
}

#[tokio::test]
async fn html_502_maps_by_status_with_an_excerpt() {
    let page = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    let (error, _) = token_error(ResponseTemplate::new(502).set_body_raw(page, "text/html")).await;
    assert!(matches!(error, Error::TokenRetrieval { .. }), "{error:?}");
    assert_eq!(
        error.message(),
        "<html> <head><title>502 Bad Gateway</title></head> <body> <center><h1>502 Bad Gateway</h1></center> <hr><center>nginx</center> </body> </html>"
    );
    let expired_page = "<html><body>token_expired</body></html>";
    let (error, _) =
        token_error(ResponseTemplate::new(502).set_body_raw(expired_page, "text/html")).await;
    assert!(
        matches!(
            error,
            Error::TokenExpired {
                connection_id: None,
                ..
            }
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn malformed_success_is_a_token_retrieval_error() {
    let (error, calls) = token_error(status(200, json!({"access_token": "x"}))).await;
    assert!(matches!(error, Error::TokenRetrieval { .. }), "{error:?}");
    assert_eq!(calls, 0);
}

#[tokio::test]
async fn malformed_token_answers_never_echo_their_values() {
    let cases = [
        (
            json!({"access_token": 987654321, "connection_id": CONNECTION_ID}),
            "token retrieval failed: the vault's token answer has no `access_token` string",
        ),
        (
            json!({"access_token": TOKEN, "connection_id": "not-a-uuid"}),
            "token retrieval failed: the vault's token answer has no UUID `connection_id`",
        ),
        (
            json!({"access_token": TOKEN, "connection_id": 42}),
            "token retrieval failed: the vault's token answer has no UUID `connection_id`",
        ),
        (
            json!([TOKEN]),
            "token retrieval failed: the vault's token answer is not a JSON object",
        ),
    ];
    for (body, expected) in cases {
        let (error, calls) = token_error(status(200, body.clone())).await;
        assert!(matches!(error, Error::TokenRetrieval { .. }), "{error:?}");
        assert_eq!(error.to_string(), expected, "{body}");
        assert_eq!(calls, 0);
        let debug = format!("{error:?}");
        assert!(
            !debug.contains("987654321") && !debug.contains(TOKEN),
            "{debug}"
        );
    }
    let (error, _) =
        token_error(ResponseTemplate::new(200).set_body_string("{\"access_token\": \"ya29")).await;
    assert_eq!(
        error.to_string(),
        "token retrieval failed: the vault's token answer is not a JSON object"
    );
}

#[tokio::test]
async fn unreachable_backend_is_a_network_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let vault = AlterVault::builder(API_KEY)
        .base_url(format!("http://{address}"))
        .build()
        .unwrap();
    let error = vault
        .request("acme", Method::GET, "https://api.acme.test/x")
        .user(User::id("a"))
        .send()
        .await
        .unwrap_err();
    assert!(error.is_network(), "{error:?}");
    assert!(!error.is_token_retrieval());
    assert_eq!(
        error.to_string(),
        "network error: vault backend could not connect"
    );
}

#[tokio::test]
async fn slow_backend_is_a_network_error() {
    let slow = token_ok().set_delay(std::time::Duration::from_secs(5));
    let harness = Harness::with_token_response(slow).await;
    let vault = harness
        .builder()
        .timeout(std::time::Duration::from_millis(50))
        .build()
        .unwrap();
    let error = vault
        .request(Provider::Google, Method::GET, harness.url("/x"))
        .user(User::id("a"))
        .send()
        .await
        .unwrap_err();
    assert!(error.is_network(), "{error:?}");
    assert_eq!(error.to_string(), "network error: vault backend timed out");
    assert_eq!(
        error.details().unwrap().get("base_url"),
        Some(&json!(format!("{}/", harness.backend.uri())))
    );
    assert!(harness.provider_requests().await.is_empty());
}

#[tokio::test]
async fn audit_posts_carry_the_actor_and_cached_id_but_no_tracking_ids() {
    let harness =
        Harness::with_token_response(token_ok().insert_header("X-Alter-Actor-ID", ACTOR_ID)).await;
    harness.provider_answers(ResponseTemplate::new(200)).await;
    let vault = harness
        .builder()
        .actor(Actor::ai_agent("agent-7").framework("langgraph"))
        .build()
        .unwrap();
    vault
        .request(Provider::Google, Method::GET, harness.url("/x"))
        .user(User::id("a"))
        .run_id(RUN_ID)
        .thread_id("thread-xyz")
        .tool_call_id("call-1")
        .send()
        .await
        .unwrap();
    vault.close().await;
    let audits = harness.backend_requests(AUDIT_PATH).await;
    assert_eq!(audits.len(), 1);
    let audit = &audits[0];
    assert_eq!(header(audit, "x-api-key").as_deref(), Some(API_KEY));
    assert_eq!(header(audit, "x-alter-actor-id").as_deref(), Some(ACTOR_ID));
    assert_eq!(
        header_names(audit),
        [
            "accept",
            "content-length",
            "content-type",
            "host",
            "user-agent",
            "x-alter-actor-id",
            "x-alter-actor-identifier",
            "x-alter-actor-type",
            "x-alter-framework",
            "x-api-key",
        ]
    );
}
