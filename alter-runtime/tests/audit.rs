//! Audit records: exact JSON, sanitizing, body rules, background delivery.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use std::time::Duration;

use alter_runtime::{AlterVault, Error, Method, Provider, User};
use common::logs::CapturedLogs;
use common::*;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The single record, with its variable parts (latency, `date`) checked and
/// fixed.
async fn only_record(harness: &Harness) -> Value {
    let mut records = harness.audit_records().await;
    assert_eq!(records.len(), 1, "{records:?}");
    let mut record = records.remove(0);
    assert!(record["latency_ms"].is_u64());
    record["latency_ms"] = json!(0);
    let headers = record["response_headers"].as_object_mut().unwrap();
    assert!(headers.remove("date").is_some_and(|d| d.is_string()));
    record
}

#[tokio::test]
async fn success_record_is_exact() {
    let harness = Harness::start().await;
    harness
        .provider_answers(
            ResponseTemplate::new(200)
                .set_body_raw(r#"{"id":"e1"}"#, "application/json")
                .insert_header("Set-Cookie", "sid=s3cr3t")
                .insert_header("X-Request-Id", "r-1"),
        )
        .await;
    let vault = harness.vault();
    vault
        .request(
            Provider::Google,
            Method::POST,
            harness.url("/v1/items/{id}?fixed=1"),
        )
        .user(User::id("alice"))
        .path_param("id", "a/b c")
        .query(&[("secret", "q-value")])
        .header("Notion-Version", "2022-06-28")
        .header("Cookie", "session=abc")
        .header("x-API-key", "provider-key")
        .header("X-Auth-Token", "t")
        .json(&json!({"name": "New Item"}))
        .reason("create item")
        .send()
        .await
        .unwrap();
    vault.close().await;

    assert_eq!(
        only_record(&harness).await,
        json!({
            "connection_id": CONNECTION_ID,
            "provider_id": "google",
            "method": "POST",
            "url": harness.url("/v1/items/a%2Fb%20c"),
            "request_headers": {"Notion-Version": "2022-06-28", "User-Agent": alter_runtime::USER_AGENT},
            "request_body": {"name": "New Item"},
            "response_status": 200,
            "response_headers": {
                "content-type": "application/json",
                "x-request-id": "r-1",
                "content-length": "11",
            },
            "response_body": r#"{"id":"e1"}"#,
            "latency_ms": 0,
            "reason": "create item",
        })
    );
    let post = &harness.backend_requests(AUDIT_PATH).await[0];
    assert_eq!(header(post, "x-api-key").as_deref(), Some(API_KEY));
    assert_eq!(
        header(post, "content-type").as_deref(),
        Some("application/json")
    );
    let raw = String::from_utf8(post.body.clone()).unwrap();
    for secret in [TOKEN, "s3cr3t", "session=abc", "provider-key", "q-value"] {
        assert!(!raw.contains(secret), "{secret} in {raw}");
    }
}

#[tokio::test]
async fn error_status_record_is_exact() {
    let harness = Harness::start().await;
    harness
        .provider_answers(ResponseTemplate::new(500).set_body_raw("internal failure", "text/plain"))
        .await;
    let vault = harness.vault();
    let error = vault
        .request("acme", Method::GET, harness.url("/things"))
        .user(User::id("bob"))
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::ProviderApi(e) if e.status == 500 && e.body == "internal failure")
    );
    vault.close().await;
    assert_eq!(
        only_record(&harness).await,
        json!({
            "connection_id": CONNECTION_ID,
            "provider_id": "acme",
            "method": "GET",
            "url": harness.url("/things"),
            "request_headers": {"User-Agent": alter_runtime::USER_AGENT},
            "request_body": null,
            "response_status": 500,
            "response_headers": {"content-type": "text/plain", "content-length": "16"},
            "response_body": "internal failure",
            "latency_ms": 0,
            "reason": null,
        })
    );
}

async fn audited_body(body: Vec<u8>) -> Value {
    let harness = Harness::start().await;
    harness
        .provider_answers(ResponseTemplate::new(200).set_body_raw(body, "application/octet-stream"))
        .await;
    harness.get_and_close("/file").await.unwrap();
    only_record(&harness).await["response_body"].clone()
}

#[tokio::test]
async fn body_size_and_binary_rules() {
    assert_eq!(
        audited_body(vec![b'a'; 10_000]).await,
        json!("a".repeat(10_000))
    );
    assert_eq!(
        audited_body(vec![b'a'; 10_001]).await,
        json!("<response too large: 10001 bytes>")
    );
    assert_eq!(
        audited_body(vec![0xff, 0xfe, 0x00, 0x01]).await,
        json!("<binary response: 4 bytes>")
    );
    assert_eq!(audited_body(Vec::new()).await, json!(""));
    let multibyte = "é".repeat(5_000).into_bytes();
    assert_eq!(audited_body(multibyte).await, json!("é".repeat(5_000)));
}

#[tokio::test]
async fn provider_error_body_is_cut_on_a_character_boundary() {
    let harness = Harness::start().await;
    let body = format!("a{}", "é".repeat(5_000));
    harness
        .provider_answers(ResponseTemplate::new(400).set_body_raw(body.clone(), "text/plain"))
        .await;
    let error = harness.get("/x").await.unwrap_err();
    let kept = error.body().unwrap();
    assert_eq!(kept.len(), 9_999);
    assert!(body.starts_with(kept));
}

#[tokio::test]
async fn close_waits_for_records_sent_in_the_background() {
    let backend = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(token_ok())
        .mount(&backend)
        .await;
    Mock::given(method("POST"))
        .and(path(AUDIT_PATH))
        .respond_with(ResponseTemplate::new(202).set_delay(Duration::from_millis(300)))
        .expect(4)
        .mount(&backend)
        .await;
    let harness = Harness {
        backend,
        provider: MockServer::start().await,
    };
    harness.provider_answers(ResponseTemplate::new(200)).await;
    let vault = harness.vault();
    for _ in 0..3 {
        vault
            .request(Provider::Google, Method::GET, harness.url("/x"))
            .user(User::id("a"))
            .send()
            .await
            .unwrap();
    }
    let clone = vault.clone();
    let seen_after_close = tokio::join!(
        async {
            vault.close().await;
            harness.audit_records().await.len()
        },
        async {
            clone.close().await;
            harness.audit_records().await.len()
        }
    );
    assert_eq!(seen_after_close, (3, 3), "every concurrent close waits");
    assert_eq!(vault.audit_records_dropped(), 0);

    vault
        .request(Provider::Google, Method::GET, harness.url("/x"))
        .user(User::id("a"))
        .send()
        .await
        .unwrap();
    vault.close().await;
    assert_eq!(
        harness.audit_records().await.len(),
        4,
        "the vault stays usable after close"
    );
}

#[tokio::test]
async fn failing_audit_endpoint_never_fails_the_call() {
    let harness = Harness::with_token_response(token_ok()).await;
    harness.backend.reset().await;
    Mock::given(path(TOKEN_PATH))
        .respond_with(token_ok())
        .mount(&harness.backend)
        .await;
    Mock::given(path(AUDIT_PATH))
        .respond_with(ResponseTemplate::new(500))
        .mount(&harness.backend)
        .await;
    harness
        .provider_answers(ResponseTemplate::new(200).set_body_json(json!([1])))
        .await;
    let response = harness.get_and_close("/x").await.unwrap();
    assert_eq!(response.json::<Vec<u8>>().unwrap(), [1]);
    assert_eq!(harness.backend_requests(AUDIT_PATH).await.len(), 1);
}

#[tokio::test]
async fn audit_can_be_switched_off() {
    let harness = Harness::start().await;
    harness.provider_answers(ResponseTemplate::new(200)).await;
    let vault = harness
        .builder()
        .enable_audit_logging(false)
        .build()
        .unwrap();
    vault
        .request(Provider::Google, Method::GET, harness.url("/x"))
        .user(User::id("a"))
        .send()
        .await
        .unwrap();
    vault.close().await;
    assert!(harness.backend_requests(AUDIT_PATH).await.is_empty());
    assert_eq!(harness.token_requests().await.len(), 1);
}

#[tokio::test]
async fn headers_named_like_credentials_are_left_out() {
    let harness = Harness::start().await;
    harness
        .provider_answers(
            ResponseTemplate::new(200)
                .insert_header("X-Session-Token", "st-1")
                .insert_header("WWW-Authenticate", "Bearer realm=x")
                .insert_header("X-Amz-Credential", "AKIA-1")
                .insert_header("X-Goog-Iap-Jwt-Assertion", "eyJ-1")
                .insert_header("X-Request-Id", "r-1"),
        )
        .await;
    let vault = harness.vault();
    vault
        .request(Provider::Google, Method::GET, harness.url("/x"))
        .user(User::id("a"))
        .header("Private-Token", "glpat-1")
        .header("X-Goog-Api-Key", "AIza-1")
        .header("X-Signature", "sig-1")
        .header("X-Client-Credential", "cc-1")
        .header("X-Bearer", "b-1")
        .header("X-Forwarded-JWT", "eyJ-2")
        .header("X-Trace", "t-1")
        .send()
        .await
        .unwrap();
    vault.close().await;
    let record = only_record(&harness).await;
    assert_eq!(
        record["request_headers"],
        json!({"X-Trace": "t-1", "User-Agent": alter_runtime::USER_AGENT})
    );
    assert_eq!(
        record["response_headers"],
        json!({"x-request-id": "r-1", "content-length": "0"})
    );
}

/// A provider sending its status and headers, 10 of the 100 body bytes it
/// announced, then waiting `wait` before it closes the connection.
fn breaking_off_provider(wait: Duration) -> String {
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\
         X-Echo: Bearer {TOKEN}\r\n\r\n"
    );
    let answer = [head.as_bytes(), br#"{"items":["#].concat();
    let base = common::raw::serve_once(common::raw::Raw::Answer(answer, wait));
    format!("{base}/x")
}

async fn broken_off_call(wait: Duration, timeout: Duration) -> (Error, Value, String) {
    let harness = Harness::start().await;
    let url = breaking_off_provider(wait);
    let vault = harness.vault();
    let error = vault
        .request(Provider::Google, Method::GET, format!("{url}?q=1"))
        .user(User::id("a"))
        .timeout(timeout)
        .send()
        .await
        .unwrap_err();
    vault.close().await;
    let mut records = harness.audit_records().await;
    assert_eq!(records.len(), 1, "{records:?}");
    (error, records.remove(0), url)
}

fn assert_incomplete_record(record: &Value, url: &str) {
    assert_eq!(record["url"], json!(url));
    assert_eq!(record["response_status"], json!(200));
    assert_eq!(
        record["response_body"],
        json!("<incomplete response: 10 bytes>")
    );
    assert_eq!(
        record["response_headers"],
        json!({
            "content-type": "application/json",
            "content-length": "100",
            "x-echo": "Bearer [redacted]",
        })
    );
}

#[tokio::test]
async fn a_body_cut_off_by_a_closed_connection_is_audited_and_a_network_error() {
    let (error, record, url) = broken_off_call(Duration::ZERO, Duration::from_secs(5)).await;
    assert!(error.is_network(), "{error:?}");
    assert_eq!(error.to_string(), "network error: provider request failed");
    assert_eq!(error.details().unwrap()["status"], json!(200));
    assert_eq!(error.details().unwrap()["url"], json!(url));
    assert_incomplete_record(&record, &url);
}

#[tokio::test]
async fn a_body_cut_off_by_the_timeout_is_audited_and_a_network_error() {
    let (error, record, url) =
        broken_off_call(Duration::from_secs(10), Duration::from_millis(300)).await;
    assert!(error.is_network(), "{error:?}");
    assert_eq!(
        error.to_string(),
        "network error: provider request timed out"
    );
    assert_eq!(error.details().unwrap()["status"], json!(200));
    assert_incomplete_record(&record, &url);
}

/// A runtime of its own, as a program making each call in a `block_on` uses.
fn short_lived_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn google_call(vault: &AlterVault, harness: &Harness) -> alter_runtime::Result<()> {
    let call = vault
        .request(Provider::Google, Method::GET, harness.url("/x"))
        .user(User::id("a"))
        .send();
    short_lived_runtime().block_on(call).map(drop)
}

#[test]
fn records_of_calls_on_short_lived_runtimes_are_sent_by_close() {
    let (captured, _guard) = CapturedLogs::start(tracing::Level::WARN);
    // The mock servers run on threads of their own; this runtime only
    // starts them and reads what they received.
    let setup = short_lived_runtime();
    let harness = setup.block_on(async {
        let harness = Harness::start().await;
        harness.provider_answers(ResponseTemplate::new(200)).await;
        harness
    });
    let vault = harness.vault();
    for _ in 0..3 {
        google_call(&vault, &harness).unwrap();
    }
    short_lived_runtime().block_on(vault.close());

    assert_eq!(setup.block_on(harness.audit_records()).len(), 3);
    assert_eq!(vault.audit_records_dropped(), 0);
    assert_eq!(captured.warnings(), Vec::<String>::new());

    google_call(&vault, &harness).unwrap();
    google_call(&vault, &harness).unwrap();
    short_lived_runtime().block_on(vault.close());
    assert_eq!(setup.block_on(harness.audit_records()).len(), 5);
    assert_eq!(vault.audit_records_dropped(), 0);
}

#[test]
fn a_record_being_posted_when_its_runtime_shuts_down_is_counted_as_dropped() {
    let (captured, _guard) = CapturedLogs::start(tracing::Level::WARN);
    let setup = short_lived_runtime();
    let slow_audit = ResponseTemplate::new(200).set_delay(Duration::from_secs(1));
    let harness = setup.block_on(async {
        let harness = Harness::with_backend(token_ok(), slow_audit).await;
        harness.provider_answers(ResponseTemplate::new(200)).await;
        harness
    });
    let vault = harness.vault();
    let call = || {
        vault
            .request(Provider::Google, Method::GET, harness.url("/x"))
            .user(User::id("a"))
            .send()
    };
    // The first record's post is under way, the second queued behind it,
    // when the runtime goes.
    short_lived_runtime().block_on(async {
        call().await.unwrap();
        harness.wait_for_audit_posts(1).await;
        call().await.unwrap();
    });
    assert_eq!(
        captured.warning_events(),
        [
            "alter_sdk: the async runtime shut down while an audit record was being sent; \
             audit record dropped dropped_total=1"
        ]
    );
    assert_eq!(vault.audit_records_dropped(), 1);

    short_lived_runtime().block_on(vault.close());
    let posted = setup.block_on(harness.backend_requests(AUDIT_PATH));
    assert_eq!(posted.len(), 2, "the cut-off post, then the queued record");
    assert_eq!(vault.audit_records_dropped(), 1);
    assert_eq!(captured.warnings().len(), 1);
}
