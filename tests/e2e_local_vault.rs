//! End to end: the SDK's typed providers against the embedded local vault, with the
//! providers played on loopback. These are the scenarios the official Python client runs
//! against a served local vault in CI.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail loudly on setup errors"
)]

use std::time::{Duration, SystemTime};

use alter_local_vault::{AuditFilter, LocalVault, NewConnection};
use alter_sdk::prelude::*;
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const POLICIES: &str = r#"
permit (principal, action, resource);

@reason("no exports without approval")
forbid (principal, action, resource)
when { context has reason && context.reason like "*export*" };
"#;

/// A local vault with alice's Google connection, and a stand-in Google serving one event.
struct World {
    server: LocalVault,
    google: MockServer,
    api_key: String,
}

impl World {
    async fn start() -> World {
        let google = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/calendar/v3/calendars/primary/events"))
            .and(header("authorization", "Bearer ya29.alice"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "kind": "calendar#events",
                "summary": "alice@example.com",
                "items": [{"id": "e1", "summary": "Design review",
                           "start": {"dateTime": "2026-12-07T10:00:00+01:00"}}],
            })))
            .mount(&google)
            .await;
        let server = LocalVault::builder()
            .in_memory()
            .policies(POLICIES)
            .start()
            .await
            .unwrap();
        let api_key = server.create_api_key("e2e").await.unwrap();
        server
            .add_connection(
                NewConnection::new("google", "ya29.alice")
                    .attribute("user_id", "alice")
                    .expires_in(Duration::from_secs(3600)),
            )
            .await
            .unwrap();
        World {
            server,
            google,
            api_key,
        }
    }

    fn vault(&self) -> AlterVault {
        AlterVault::builder(self.api_key.clone())
            .base_url(self.server.base_url())
            .provider_base_url(Provider::Google, self.google.uri())
            .actor(
                Actor::ai_agent("e2e-agent")
                    .name("End to end")
                    .version("1.0.0"),
            )
            .build()
            .unwrap()
    }
}

#[tokio::test]
async fn a_typed_call_succeeds_and_its_audit_record_reaches_the_vault() {
    let world = World::start().await;
    let vault = world.vault();

    let events = vault
        .google()
        .calendar_events(&User::id("alice"), "primary")
        .await
        .unwrap();
    assert_eq!(events.items.len(), 1);
    assert_eq!(events.items[0].summary.as_deref(), Some("Design review"));

    vault.close().await;
    let records = world
        .server
        .audit_records(AuditFilter::all().provider("google"))
        .await
        .unwrap();
    assert_eq!(records.len(), 1);
    let record = &records[0];
    assert_eq!(record.method, "GET");
    assert_eq!(record.response_status, 200);
    assert_eq!(
        record.url,
        format!(
            "{}/calendar/v3/calendars/primary/events",
            world.google.uri()
        )
    );
    assert!(
        !record
            .request_headers
            .keys()
            .any(|k| k.eq_ignore_ascii_case("authorization"))
    );
}

#[tokio::test]
async fn a_policy_denial_is_a_policy_violation_with_the_policy_reason() {
    let world = World::start().await;
    let vault = world
        .vault()
        .with_context(CallContext::new().reason("export everything"));

    let error = vault
        .google()
        .calendar_events(&User::id("alice"), "primary")
        .await
        .unwrap_err();
    match error {
        Error::PolicyViolation { policy_error, .. } => {
            assert_eq!(policy_error.as_deref(), Some("no exports without approval"));
        }
        other => panic!("expected a policy violation, got {other:?}"),
    }
    assert!(world.google.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn an_unknown_user_is_connection_not_found() {
    let world = World::start().await;
    let error = world
        .vault()
        .google()
        .calendar_events(&User::id("bob"), "primary")
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::ConnectionNotFound { .. }),
        "{error:?}"
    );
    assert!(error.is_token_retrieval());
}

#[tokio::test]
async fn a_failed_refresh_is_token_expired_naming_the_connection() {
    let world = World::start().await;
    let oauth = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "error": "invalid_grant", "error_description": "Token has been revoked."
        })))
        .mount(&oauth)
        .await;
    let connection = world
        .server
        .add_connection(
            NewConnection::new("google", "ya29.carol-stale")
                .attribute("user_id", "carol")
                .expires_at(SystemTime::now() - Duration::from_secs(600))
                .refresh_with(
                    format!("{}/token", oauth.uri()),
                    "client",
                    None,
                    "1//revoked",
                ),
        )
        .await
        .unwrap();

    let error = world
        .vault()
        .google()
        .calendar_events(&User::id("carol"), "primary")
        .await
        .unwrap_err();
    match error {
        Error::TokenExpired { connection_id, .. } => {
            assert_eq!(connection_id, Some(connection.to_string()));
        }
        other => panic!("expected token expired, got {other:?}"),
    }
}

#[tokio::test]
async fn the_actor_is_registered_once_across_calls() {
    let world = World::start().await;
    let vault = world.vault();
    let user = User::id("alice");

    vault
        .google()
        .calendar_events(&user, "primary")
        .await
        .unwrap();
    vault
        .google()
        .calendar_events(&user, "primary")
        .await
        .unwrap();
    vault.close().await;

    let actors = world.server.store().actors().await.unwrap();
    assert_eq!(actors.len(), 1, "{actors:?}");
    let accesses = world.server.token_accesses().await.unwrap();
    assert_eq!(accesses.len(), 2);
    assert!(
        accesses.iter().all(|a| a.actor_id == Some(actors[0].id)),
        "{accesses:?}"
    );
}
