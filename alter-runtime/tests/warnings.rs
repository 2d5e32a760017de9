//! The warnings the protocol calls for: ignored actor ids, dropped tracking
//! ids and dropped audit records are reported, not silently lost.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use std::time::Duration;

use alter_runtime::{Method, Provider, User};
use common::logs::CapturedLogs;
use common::*;
use wiremock::matchers::path;
use wiremock::{Mock, ResponseTemplate};

#[tokio::test]
async fn ignored_actor_ids_and_dropped_tracking_ids_are_warned_about() {
    let (captured, _guard) = CapturedLogs::start(tracing::Level::WARN);

    let harness =
        Harness::with_token_response(token_ok().insert_header("X-Alter-Actor-ID", "not-a-uuid"))
            .await;
    harness.provider_answers(ResponseTemplate::new(200)).await;
    let vault = harness
        .builder()
        .enable_audit_logging(false)
        .build()
        .unwrap();
    let call = || {
        vault
            .request(Provider::Google, Method::GET, harness.url("/x"))
            .user(User::id("a"))
    };
    call().send().await.unwrap();
    let after_invalid = captured.warnings();
    assert_eq!(after_invalid.len(), 1, "{after_invalid:?}");
    assert!(after_invalid[0].contains("not a UUID"), "{after_invalid:?}");

    harness.backend.reset().await;
    Mock::given(path(TOKEN_PATH))
        .respond_with(token_ok().insert_header("X-Alter-Actor-ID", ACTOR_ID))
        .up_to_n_times(1)
        .mount(&harness.backend)
        .await;
    let other = "11111111-2222-4333-8444-555555555555";
    Mock::given(path(TOKEN_PATH))
        .respond_with(token_ok().insert_header("X-Alter-Actor-ID", other))
        .mount(&harness.backend)
        .await;
    call().send().await.unwrap();
    assert_eq!(
        captured.warnings().len(),
        1,
        "the first valid id is kept quietly"
    );
    call().send().await.unwrap();
    let warnings = captured.warnings();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings[1].contains("different actor id"), "{warnings:?}");
    assert!(warnings[1].contains(other) && warnings[1].contains(ACTOR_ID));

    call()
        .thread_id("bell\u{7}ringer")
        .tool_call_id("t".repeat(256))
        .send()
        .await
        .unwrap();
    let warnings = captured.warnings();
    assert_eq!(warnings.len(), 5, "{warnings:?}");
    assert!(warnings[2].contains("x-alter-thread-id"), "{warnings:?}");
    assert!(warnings[3].contains("x-alter-tool-call-id"), "{warnings:?}");
    assert!(warnings[4].contains("different actor id"), "{warnings:?}");
    assert!(
        !warnings.iter().any(|w| w.contains("ringer")),
        "values are not logged"
    );
}

#[tokio::test]
async fn each_record_dropped_by_a_full_audit_queue_is_warned_about() {
    let (captured, _guard) = CapturedLogs::start(tracing::Level::WARN);

    // The first post never finishes within the test: the worker holds that
    // record while the queue (of one) fills.
    let stuck = ResponseTemplate::new(200).set_delay(Duration::from_secs(10));
    let harness = Harness::with_backend(token_ok(), stuck).await;
    harness
        .provider_answers(ResponseTemplate::new(200).set_body_string(format!("echo {TOKEN}")))
        .await;
    let vault = harness.builder().audit_queue_capacity(1).build().unwrap();
    let call = || {
        vault
            .request(Provider::Google, Method::GET, harness.url("/x"))
            .user(User::id("a"))
            .header("X-Api-Key", API_KEY)
            .send()
    };
    call().await.unwrap();
    harness.wait_for_audit_posts(1).await;
    call().await.unwrap();
    assert_eq!(
        captured.warnings(),
        Vec::<String>::new(),
        "one record waits"
    );

    call().await.unwrap();
    call().await.unwrap();
    assert_eq!(
        captured.warning_events(),
        [
            "alter_sdk: audit queue is full; audit record dropped dropped_total=1",
            "alter_sdk: audit queue is full; audit record dropped dropped_total=2",
        ]
    );
    assert_eq!(vault.audit_records_dropped(), 2);
    let logs = captured.text();
    for secret in [TOKEN, API_KEY, "K3y5ecret", "T0ken-s3cret"] {
        assert!(!logs.contains(secret), "logs leak {secret}: {logs}");
    }
}
