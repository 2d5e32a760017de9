//! End to end: the SDK's typed providers against the embedded local vault, with the
//! providers played on loopback. These are the scenarios the official Python client runs
//! against a served local vault in CI.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail loudly on setup errors"
)]

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
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
async fn the_actor_id_from_the_first_answer_is_sent_on_every_later_request() {
    let world = World::start().await;
    let tap = Tap::start(world.server.local_addr());
    let vault = AlterVault::builder(world.api_key.clone())
        .base_url(tap.base_url())
        .provider_base_url(Provider::Google, world.google.uri())
        .actor(Actor::ai_agent("e2e-agent"))
        .build()
        .unwrap();
    let user = User::id("alice");

    for _ in 0..2 {
        vault
            .google()
            .calendar_events(&user, "primary")
            .await
            .unwrap();
    }
    vault.close().await;

    let actors = world.server.store().actors().await.unwrap();
    assert_eq!(actors.len(), 1, "{actors:?}");
    let actor_id = actors[0].id.to_string();
    let seen = tap.requests();
    assert_eq!(
        seen.len(),
        4,
        "two token requests and two audit records: {seen:?}"
    );
    let tokens: Vec<_> = seen.iter().filter(|r| r.path == "/oauth/token").collect();
    assert_eq!(tokens.len(), 2, "{seen:?}");
    assert_eq!(tokens[0].header("x-alter-actor-id"), None);
    assert_eq!(
        tokens[1].header("x-alter-actor-id"),
        Some(actor_id.as_str())
    );
    for token in &tokens {
        assert_eq!(token.header("x-alter-actor-type"), Some("ai_agent"));
        assert_eq!(token.header("x-alter-actor-identifier"), Some("e2e-agent"));
    }
    let audits: Vec<_> = seen
        .iter()
        .filter(|r| r.path == "/oauth/audit/api-call")
        .collect();
    assert_eq!(audits.len(), 2, "{seen:?}");
    for audit in audits {
        assert_eq!(audit.header("x-alter-actor-id"), Some(actor_id.as_str()));
    }
    let accesses = world.server.token_accesses().await.unwrap();
    assert_eq!(accesses.len(), 2);
    assert!(
        accesses.iter().all(|a| a.actor_id == Some(actors[0].id)),
        "{accesses:?}"
    );
}

/// One HTTP request that crossed a [`Tap`]: its path and its headers (names lowercased).
#[derive(Debug)]
struct Seen {
    path: String,
    headers: Vec<(String, String)>,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        let mut values = self.headers.iter().filter(|(n, _)| n == name);
        let value = values.next().map(|(_, v)| v.as_str());
        assert!(values.next().is_none(), "`{name}` sent twice: {self:?}");
        value
    }
}

/// A TCP relay in front of the local vault that keeps every HTTP/1.1 request passing
/// through, in the order they arrive. It runs on its own threads, so the test's runtime keeps
/// serving the vault.
struct Tap {
    address: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Tap {
    fn start(target: SocketAddr) -> Tap {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        thread::spawn(move || {
            for client in listener.incoming() {
                let client = client.unwrap();
                let server = TcpStream::connect(target).unwrap();
                relay(client, server, Arc::clone(&log));
            }
        });
        Tap { address, seen }
    }

    fn base_url(&self) -> String {
        format!("http://{}", self.address)
    }

    fn requests(&self) -> Vec<Seen> {
        std::mem::take(&mut *self.seen.lock().unwrap())
    }
}

/// Copies bytes both ways; the client's side is also parsed into requests.
fn relay(client: TcpStream, server: TcpStream, log: Arc<Mutex<Vec<Seen>>>) {
    let (mut from_client, mut to_server) =
        (client.try_clone().unwrap(), server.try_clone().unwrap());
    let (mut from_server, mut to_client) = (server, client);
    thread::spawn(move || {
        let _ = std::io::copy(&mut from_server, &mut to_client);
        let _ = to_client.shutdown(Shutdown::Write);
    });
    thread::spawn(move || {
        let mut pending = Vec::new();
        let mut buffer = [0; 8192];
        while let Ok(read @ 1..) = from_client.read(&mut buffer) {
            pending.extend_from_slice(&buffer[..read]);
            while let Some(request) = take_request(&mut pending) {
                log.lock().unwrap().push(request);
            }
            if to_server.write_all(&buffer[..read]).is_err() {
                break;
            }
        }
        let _ = to_server.shutdown(Shutdown::Write);
    });
}

/// Removes one complete request (head and `Content-Length` body) from the front of `pending`.
fn take_request(pending: &mut Vec<u8>) -> Option<Seen> {
    let head_end = pending.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    let head = String::from_utf8(pending[..head_end].to_vec()).unwrap();
    let mut lines = head.lines();
    let path = lines.next()?.split(' ').nth(1)?.to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.to_ascii_lowercase(), value.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(name, _)| name == "content-length")
        .map_or(0, |(_, value)| value.parse().unwrap());
    if pending.len() < head_end + length {
        return None;
    }
    pending.drain(..head_end + length);
    Some(Seen { path, headers })
}
