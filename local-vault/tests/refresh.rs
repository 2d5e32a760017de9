//! Refreshing expiring tokens at the provider's OAuth token endpoint (played by wiremock).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed unwrap is a failed test"
)]

mod common;

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use alter_local_vault::{
    AccessOutcome, ClientAuth, DEFAULT_TOKEN_LIFETIME, LocalVault, NewConnection,
};
use common::{Harness, connection, expired, request};
use serde_json::{Value, json};
use wiremock::matchers::{body_string_contains, header_exists, method, path};
use wiremock::{Mock, MockBuilder, MockServer, ResponseTemplate};

fn granted(access: &str, refresh: Option<&str>, expires_in: u64) -> ResponseTemplate {
    let mut body =
        json!({"access_token": access, "token_type": "Bearer", "expires_in": expires_in});
    if let Some(refresh) = refresh {
        body["refresh_token"] = json!(refresh);
    }
    ResponseTemplate::new(200).set_body_json(body)
}

fn refresh_with(refresh_token: &str) -> MockBuilder {
    Mock::given(method("POST"))
        .and(path("/token"))
        .and(body_string_contains("grant_type=refresh_token"))
        .and(body_string_contains(format!(
            "refresh_token={refresh_token}"
        )))
}

/// Sends `count` token requests for alice's Google connection at once and returns their
/// answers.
async fn simultaneous_tokens(harness: &Arc<Harness>, count: usize) -> Vec<(u16, Value)> {
    let tasks: Vec<_> = (0..count)
        .map(|_| {
            let harness = Arc::clone(harness);
            tokio::spawn(async move { harness.token_for("google", "alice").await })
        })
        .collect();
    let mut answers = Vec::with_capacity(count);
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    answers
}

/// A token URL on a loopback port where nothing listens.
fn unreachable_token_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    format!("http://{}/token", listener.local_addr().unwrap())
}

#[tokio::test]
async fn a_valid_token_is_not_refreshed() {
    let provider = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(granted("x", None, 60))
        .expect(0)
        .mount(&provider)
        .await;
    let harness = Harness::start().await;
    let url = format!("{}/token", provider.uri());
    harness
        .add(connection("google", "alice", "still-good").refresh_with(&url, "c", None, "r"))
        .await;

    let (status, body) = harness.token_for("google", "alice").await;

    assert_eq!(status, 200);
    assert_eq!(body["access_token"], "still-good");
}

#[tokio::test]
async fn an_expired_token_is_refreshed_and_a_rotated_refresh_token_is_kept() {
    let provider = MockServer::start().await;
    // The first refresh rotates the refresh token and grants a token inside the margin, so
    // the second request must refresh again, with the rotated refresh token.
    refresh_with("r1")
        .respond_with(granted("a2", Some("r2"), 30))
        .expect(1)
        .mount(&provider)
        .await;
    refresh_with("r2")
        .respond_with(granted("a3", None, 3600))
        .expect(1)
        .mount(&provider)
        .await;
    let harness = Harness::start().await;
    harness
        .add(expired(&format!("{}/token", provider.uri()), "r1"))
        .await;

    let (_, first) = harness.token_for("google", "alice").await;
    let (_, second) = harness.token_for("google", "alice").await;
    let (_, third) = harness.token_for("google", "alice").await;

    assert_eq!(first["access_token"], "a2");
    assert_eq!(second["access_token"], "a3");
    assert_eq!(third["access_token"], "a3");
    let expires_in = third["expires_in"].as_i64().unwrap();
    assert!((3590..=3600).contains(&expires_in));
    let stored = harness.vault.store().connections().await.unwrap();
    assert!(stored[0].refreshed_at.is_some());
}

#[tokio::test]
async fn basic_auth_is_the_default_and_body_auth_sends_the_client_in_the_form() {
    let provider = MockServer::start().await;
    refresh_with("basic-r")
        .and(header_exists("authorization"))
        .respond_with(granted("via-basic", None, 3600))
        .expect(1)
        .mount(&provider)
        .await;
    refresh_with("body-r")
        .and(body_string_contains("client_id=client-1"))
        .and(body_string_contains("client_secret=secret-1"))
        .respond_with(granted("via-body", None, 3600))
        .expect(1)
        .mount(&provider)
        .await;
    let harness = Harness::start().await;
    let url = format!("{}/token", provider.uri());
    harness.add(expired(&url, "basic-r")).await;
    let mut body_auth = expired(&url, "body-r").attribute("user_id", "bob");
    body_auth.client_auth = ClientAuth::RequestBody;
    harness.add(body_auth).await;

    assert_eq!(
        harness.token_for("google", "alice").await.1["access_token"],
        "via-basic"
    );
    assert_eq!(
        harness.token_for("google", "bob").await.1["access_token"],
        "via-body"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_simultaneous_requests_cause_one_refresh() {
    let provider = MockServer::start().await;
    refresh_with("r1")
        .respond_with(granted("fresh", Some("r2"), 3600).set_delay(Duration::from_millis(300)))
        .expect(1)
        .mount(&provider)
        .await;
    let harness = Arc::new(Harness::start().await);
    harness
        .add(expired(&format!("{}/token", provider.uri()), "r1"))
        .await;

    for (status, body) in simultaneous_tokens(&harness, 50).await {
        assert_eq!(status, 200);
        assert_eq!(body["access_token"], "fresh");
    }
    provider.verify().await;
}

#[tokio::test]
async fn a_refused_refresh_is_400_token_expired_with_the_connection_id() {
    let provider = MockServer::start().await;
    refresh_with("revoked")
        .respond_with(ResponseTemplate::new(400).set_body_json(
            json!({"error": "invalid_grant", "error_description": "Token has been revoked"}),
        ))
        .mount(&provider)
        .await;
    let harness = Harness::start().await;
    let id = harness
        .add(expired(&format!("{}/token", provider.uri()), "revoked"))
        .await;

    let (status, body) = harness.token_for("google", "alice").await;

    assert_eq!(status, 400);
    assert_eq!(
        body,
        json!({
            "message": "token_expired: the provider refused the refresh: \
                        invalid_grant: Token has been revoked",
            "error": "token_expired",
            "connection_id": id,
        })
    );
}

#[tokio::test]
async fn a_broken_token_endpoint_is_502_token_expired() {
    let provider = MockServer::start().await;
    refresh_with("r1")
        .respond_with(ResponseTemplate::new(500).set_body_string("<html>oops</html>"))
        .mount(&provider)
        .await;
    let harness = Harness::start().await;
    let id = harness
        .add(expired(&format!("{}/token", provider.uri()), "r1"))
        .await;

    let (status, body) = harness.token_for("google", "alice").await;

    assert_eq!(status, 502);
    assert_eq!(body["error"], "token_expired");
    assert_eq!(body["connection_id"], id);
    assert_eq!(
        body["message"],
        "token_expired: the refresh failed: the token endpoint's answer could not be read"
    );
}

#[tokio::test]
async fn an_expired_token_without_refresh_settings_is_400_token_expired() {
    let harness = Harness::start().await;
    let id = harness
        .add(
            NewConnection::new("google", "old")
                .attribute("user_id", "alice")
                .expires_at(SystemTime::now() - Duration::from_secs(1)),
        )
        .await;

    let (status, body) = harness.token_for("google", "alice").await;

    assert_eq!(status, 400);
    assert_eq!(
        body,
        json!({
            "message": "token_expired: the access token has expired and the connection cannot \
                        be refreshed (no refresh token or token endpoint)",
            "error": "token_expired",
            "connection_id": id,
        })
    );
}

/// The token of a connection that expires in 30 s, inside the refresh margin but still valid.
fn expiring_soon(token_url: &str) -> NewConnection {
    connection("google", "alice", "still-valid")
        .expires_in(Duration::from_secs(30))
        .refresh_with(token_url, "client-1", None, "r1")
}

/// Asserts a 200 answer carrying the token that has not been refreshed, with its 30 s or so.
fn assert_current_token(status: u16, body: &serde_json::Value) {
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["access_token"], "still-valid");
    let expires_in = body["expires_in"].as_i64().unwrap();
    assert!((1..=30).contains(&expires_in), "{body}");
}

#[tokio::test]
async fn a_token_about_to_expire_without_a_refresh_token_is_still_handed_out() {
    let harness = Harness::start().await;
    harness
        .add(
            NewConnection::new("google", "still-valid")
                .attribute("user_id", "alice")
                .expires_in(Duration::from_secs(30)),
        )
        .await;

    let (status, body) = harness.token_for("google", "alice").await;

    assert_current_token(status, &body);
    let accesses = harness.vault.token_accesses().await.unwrap();
    assert_eq!(accesses[0].outcome, AccessOutcome::Allowed);
}

#[tokio::test]
async fn a_token_about_to_expire_is_handed_out_when_its_refresh_fails() {
    let broken = ResponseTemplate::new(500).set_body_string("<html>oops</html>");
    let refused = ResponseTemplate::new(400).set_body_json(json!({"error": "invalid_grant"}));
    for answer in [broken, refused] {
        let provider = MockServer::start().await;
        refresh_with("r1")
            .respond_with(answer)
            .expect(1)
            .mount(&provider)
            .await;
        let harness = Harness::start().await;
        harness
            .add(expiring_soon(&format!("{}/token", provider.uri())))
            .await;

        let (status, body) = harness.token_for("google", "alice").await;

        assert_current_token(status, &body);
        provider.verify().await;
    }
}

#[tokio::test]
async fn a_token_about_to_expire_is_handed_out_when_its_token_endpoint_is_unreachable() {
    let harness = Harness::start().await;
    harness.add(expiring_soon(&unreachable_token_url())).await;

    let (status, body) = harness.token_for("google", "alice").await;

    assert_current_token(status, &body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_requests_share_one_failed_early_refresh_and_get_the_current_token() {
    let provider = MockServer::start().await;
    refresh_with("r1")
        .respond_with(
            ResponseTemplate::new(503)
                .set_body_string("down")
                .set_delay(Duration::from_millis(300)),
        )
        .expect(1)
        .mount(&provider)
        .await;
    let harness = Arc::new(Harness::start().await);
    harness
        .add(expiring_soon(&format!("{}/token", provider.uri())))
        .await;

    for (status, body) in simultaneous_tokens(&harness, 20).await {
        assert_current_token(status, &body);
    }
    provider.verify().await;
}

#[tokio::test]
async fn a_refresh_answer_without_expires_in_lasts_the_default_lifetime() {
    let provider = MockServer::start().await;
    refresh_with("r1")
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": "sf-access", "token_type": "Bearer"})),
        )
        .expect(1)
        .mount(&provider)
        .await;
    let harness = Harness::start().await;
    harness
        .add(expired(&format!("{}/token", provider.uri()), "r1"))
        .await;

    let (status, body) = harness.token_for("google", "alice").await;

    assert_eq!(status, 200);
    assert_eq!(body["access_token"], "sf-access");
    let expires_in = body["expires_in"].as_i64().unwrap();
    assert!((3590..=3600).contains(&expires_in), "{body}");
    assert_eq!(DEFAULT_TOKEN_LIFETIME, Duration::from_secs(3600));
    let stored = harness.vault.connections().await.unwrap();
    assert!(stored[0].expires_at.is_some());
}

#[tokio::test]
async fn a_token_without_expires_in_is_refreshed_again_once_the_configured_lifetime_is_up() {
    let provider = MockServer::start().await;
    refresh_with("r1")
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"access_token": "a2", "token_type": "Bearer", "refresh_token": "r2"}),
        ))
        .expect(1)
        .mount(&provider)
        .await;
    refresh_with("r2")
        .respond_with(granted("a3", None, 3600))
        .expect(1)
        .mount(&provider)
        .await;
    // A lifetime inside the refresh margin: the next request refreshes again.
    let builder = LocalVault::builder().default_token_lifetime(Duration::from_secs(30));
    let harness = Harness::with(builder).await;
    harness
        .add(expired(&format!("{}/token", provider.uri()), "r1"))
        .await;

    let (_, first) = harness.token_for("google", "alice").await;
    let (_, second) = harness.token_for("google", "alice").await;

    assert_eq!(first["access_token"], "a2");
    let expires_in = first["expires_in"].as_i64().unwrap();
    assert!((25..=30).contains(&expires_in), "{first}");
    assert_eq!(second["access_token"], "a3");
    provider.verify().await;
}

#[tokio::test]
async fn a_refusal_with_status_200_is_400_token_expired_naming_the_error() {
    let github = json!({
        "error": "bad_refresh_token",
        "error_description": "The refresh token passed is incorrect or expired.",
        "error_uri": "https://docs.github.com/apps/troubleshooting",
    });
    let slack = json!({"ok": false, "error": "invalid_refresh_token", "warning": "xoxe-HIDDEN"});
    for (answer, refusal) in [
        (
            github,
            "bad_refresh_token: The refresh token passed is incorrect or expired.",
        ),
        (slack, "invalid_refresh_token"),
    ] {
        let provider = MockServer::start().await;
        refresh_with("r1")
            .respond_with(ResponseTemplate::new(200).set_body_json(answer))
            .mount(&provider)
            .await;
        let harness = Harness::start().await;
        let id = harness
            .add(expired(&format!("{}/token", provider.uri()), "r1"))
            .await;

        let (status, body) = harness.token_for("google", "alice").await;

        assert_eq!(status, 400, "{body}");
        assert_eq!(
            body,
            json!({
                "message": format!("token_expired: the provider refused the refresh: {refusal}"),
                "error": "token_expired",
                "connection_id": id,
            })
        );
    }
}

#[tokio::test]
async fn a_200_answer_that_is_neither_a_token_nor_an_error_is_502() {
    for answer in [
        json!({"unexpected": 1}),
        json!({"ok": true, "error": "odd"}),
    ] {
        let provider = MockServer::start().await;
        refresh_with("r1")
            .respond_with(ResponseTemplate::new(200).set_body_json(answer))
            .mount(&provider)
            .await;
        let harness = Harness::start().await;
        harness
            .add(expired(&format!("{}/token", provider.uri()), "r1"))
            .await;

        let (status, body) = harness.token_for("google", "alice").await;

        assert_eq!(status, 502);
        assert_eq!(
            body["message"],
            "token_expired: the refresh failed: the token endpoint's answer could not be read"
        );
    }
}

#[tokio::test]
async fn scopes_separated_by_commas_are_split() {
    let provider = MockServer::start().await;
    refresh_with("r1")
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "gho_new", "token_type": "bearer", "expires_in": 3600,
            "scope": "repo,gist, read:user,,"
        })))
        .mount(&provider)
        .await;
    let harness = Harness::start().await;
    harness
        .add(expired(&format!("{}/token", provider.uri()), "r1").scope("old"))
        .await;

    let (status, body) = harness.token_for("google", "alice").await;

    assert_eq!(status, 200);
    assert_eq!(body["scopes"], json!(["repo", "gist", "read:user"]));
    let stored = harness.vault.connections().await.unwrap();
    assert_eq!(stored[0].scopes, ["repo", "gist", "read:user"]);
}

#[tokio::test]
async fn a_hanging_refresh_times_out_and_the_next_request_succeeds() {
    let provider = MockServer::start().await;
    refresh_with("r1")
        .respond_with(granted("late", None, 3600).set_delay(Duration::from_secs(30)))
        .mount(&provider)
        .await;
    let builder = LocalVault::builder().refresh_timeout(Duration::from_millis(300));
    let harness = Harness::with(builder).await;
    let id = harness
        .add(expired(&format!("{}/token", provider.uri()), "r1"))
        .await;

    let (status, body) = harness.token_for("google", "alice").await;
    assert_eq!(status, 502);
    assert_eq!(body["error"], "token_expired");
    assert_eq!(body["connection_id"], id);

    provider.reset().await;
    refresh_with("r1")
        .respond_with(granted("on-time", None, 3600))
        .expect(1)
        .mount(&provider)
        .await;
    let (status, body) = harness.token_for("google", "alice").await;
    assert_eq!(status, 200);
    assert_eq!(body["access_token"], "on-time");
}

#[tokio::test]
async fn an_unreachable_token_endpoint_is_502() {
    let harness = Harness::start().await;
    harness.add(expired(&unreachable_token_url(), "r1")).await;

    let response = harness.token(request("google", "alice")).await;

    assert_eq!(response.status(), 502);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(
        body["message"],
        "token_expired: the refresh failed: the token endpoint could not be reached"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn requests_waiting_on_a_hanging_refresh_share_its_failure() {
    let provider = MockServer::start().await;
    refresh_with("r1")
        .respond_with(granted("late", None, 3600).set_delay(Duration::from_secs(30)))
        .mount(&provider)
        .await;
    let builder = LocalVault::builder().refresh_timeout(Duration::from_millis(500));
    let harness = Arc::new(Harness::with(builder).await);
    let id = harness
        .add(expired(&format!("{}/token", provider.uri()), "r1"))
        .await;

    for (status, body) in simultaneous_tokens(&harness, 5).await {
        assert_eq!(status, 502);
        assert_eq!(body["connection_id"], id);
    }

    // One attempt at the token endpoint for all five, not one after the other.
    assert_eq!(provider.received_requests().await.unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_refresh_outlives_the_request_that_started_it() {
    let provider = MockServer::start().await;
    refresh_with("r1")
        .respond_with(granted("fresh", Some("r2"), 3600).set_delay(Duration::from_millis(1500)))
        .expect(1)
        .mount(&provider)
        .await;
    let harness = Harness::start().await;
    harness
        .add(expired(&format!("{}/token", provider.uri()), "r1"))
        .await;

    // The first caller gives up while the refresh is in flight.
    let impatient = reqwest::Client::builder()
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let gave_up = impatient
        .post(format!("{}/oauth/token", harness.vault.base_url()))
        .header("x-api-key", &harness.key)
        .json(&request("google", "alice"))
        .send()
        .await;
    assert!(gave_up.unwrap_err().is_timeout());

    // The next caller gets the token of that same refresh; the rotated refresh token is kept.
    let (status, body) = harness.token_for("google", "alice").await;
    assert_eq!(status, 200);
    assert_eq!(body["access_token"], "fresh");
    provider.verify().await;
}

#[tokio::test]
async fn an_enormous_lifetime_from_the_token_endpoint_means_no_refresh_for_a_long_time() {
    for lifetime in [i64::MAX as u64, u64::MAX] {
        let provider = MockServer::start().await;
        refresh_with("r1")
            .respond_with(granted("long-lived", None, lifetime))
            .expect(1)
            .mount(&provider)
            .await;
        let harness = Harness::start().await;
        harness
            .add(expired(&format!("{}/token", provider.uri()), "r1"))
            .await;

        let (first_status, first) = harness.token_for("google", "alice").await;
        let (second_status, second) = harness.token_for("google", "alice").await;

        assert_eq!((first_status, second_status), (200, 200), "{lifetime}");
        assert_eq!(first["access_token"], "long-lived");
        assert_eq!(second["access_token"], "long-lived");
        assert!(second["expires_in"].as_i64().unwrap() > 1 << 62, "{second}");
        provider.verify().await;
    }
}

/// Log output gathered in memory.
#[derive(Clone, Default)]
struct Captured(Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;

    fn make_writer(&'a self) -> Captured {
        self.clone()
    }
}

// On the current-thread runtime the server's tasks run on this thread, under its subscriber.
#[tokio::test(flavor = "current_thread")]
async fn a_failed_early_refresh_is_warned_about_without_the_token() {
    let provider = MockServer::start().await;
    refresh_with("r1")
        .respond_with(ResponseTemplate::new(500))
        .mount(&provider)
        .await;
    let harness = Harness::start().await;
    harness
        .add(expiring_soon(&format!("{}/token", provider.uri())))
        .await;
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(captured.clone())
        .with_ansi(false)
        .with_max_level(tracing::Level::WARN)
        .finish();

    let (status, body) = {
        let _guard = tracing::subscriber::set_default(subscriber);
        // Another test may have met the warning's callsite while no
        // subscriber wanted it; its cached interest is worked out again.
        tracing::callsite::rebuild_interest_cache();
        harness.token_for("google", "alice").await
    };

    assert_current_token(status, &body);
    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(
        log.contains("early refresh failed; handing out the current token until it expires"),
        "{log}"
    );
    assert!(log.contains("WARN"), "{log}");
    assert!(!log.contains("still-valid") && !log.contains("r1"), "{log}");
}

#[tokio::test]
async fn a_stored_token_url_over_plain_http_is_never_sent_the_client_secret() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("vault.db");
    let harness = Harness::with(LocalVault::builder().path(&db)).await;
    harness.add(expired("http://127.0.0.1:9/token", "r1")).await;
    // As a database written before token URLs were checked could hold it.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute(
            "UPDATE connections SET token_url = 'http://oauth.example.com/token'",
            [],
        )
        .unwrap();

    let response = harness.token(request("google", "alice")).await;

    assert_eq!(response.status(), 502);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(
        body["message"],
        "token_expired: the refresh failed: token URL `http://oauth.example.com/token` uses \
         plain http, which would send the client secret and tokens in clear: use https (http \
         is accepted only for loopback hosts: 127.0.0.0/8, ::1, localhost)"
    );
}
