//! A backend that breaks off, or answers too much: no complete answer is a
//! network error, as for providers; an answer over 1 MiB is refused.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use std::time::Duration;

use alter_runtime::{AlterVault, Error, Method, User};
use common::raw::{Raw, serve_once};
use common::*;
use serde_json::json;
use wiremock::ResponseTemplate;

const ONE_MIB: usize = 1024 * 1024;

async fn token_error_from(base_url: &str) -> Error {
    let vault = AlterVault::builder(API_KEY)
        .base_url(base_url)
        .build()
        .unwrap();
    vault
        .request("acme", Method::GET, "https://api.acme.test/x")
        .user(User::id("a"))
        .send()
        .await
        .unwrap_err()
}

fn assert_backend_network_error(error: &Error, base_url: &str) {
    assert!(error.is_network(), "{error:?}");
    assert!(!error.is_token_retrieval());
    assert_eq!(
        error.to_string(),
        "network error: vault backend request failed"
    );
    assert_eq!(
        error.details().unwrap().get("base_url"),
        Some(&json!(format!("{base_url}/")))
    );
}

#[tokio::test]
async fn a_backend_closing_without_answering_is_a_network_error() {
    for raw in [Raw::Close, Raw::Answer(Vec::new(), Duration::ZERO)] {
        let base_url = serve_once(raw);
        let error = token_error_from(&base_url).await;
        assert_backend_network_error(&error, &base_url);
    }
}

#[tokio::test]
async fn a_backend_answer_breaking_off_is_a_network_error() {
    let answer =
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n\
                   {\"access\"";
    let base_url = serve_once(Raw::Answer(answer.to_vec(), Duration::ZERO));
    let error = token_error_from(&base_url).await;
    assert_backend_network_error(&error, &base_url);
}

async fn token_error(response: ResponseTemplate) -> Error {
    let harness = Harness::with_token_response(response).await;
    let error = harness.get("/x").await.unwrap_err();
    assert!(harness.provider_requests().await.is_empty());
    error
}

fn assert_too_large(error: &Error, status: u16) {
    assert!(matches!(error, Error::TokenRetrieval { .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        format!(
            "token retrieval failed: the vault backend's answer (HTTP {status}) is larger than \
             the limit of 1048576 bytes"
        )
    );
    assert_eq!(error.details().unwrap()["status"], json!(status));
}

/// A token answer padded with spaces to `size` bytes.
fn padded_token_answer(size: usize) -> String {
    let answer = json!({"access_token": TOKEN, "connection_id": CONNECTION_ID}).to_string();
    format!("{answer}{}", " ".repeat(size - answer.len()))
}

#[tokio::test]
async fn a_backend_answer_of_one_mib_is_read() {
    let answer = padded_token_answer(ONE_MIB);
    let harness = Harness::with_token_response(
        ResponseTemplate::new(200).set_body_raw(answer, "application/json"),
    )
    .await;
    harness.provider_answers(ResponseTemplate::new(200)).await;
    let sent = harness.get("/x").await;
    assert!(sent.is_ok(), "{sent:?}");
}

#[tokio::test]
async fn a_backend_answer_over_one_mib_is_refused_by_its_length() {
    let token = ResponseTemplate::new(200)
        .set_body_raw(padded_token_answer(ONE_MIB + 1), "application/json");
    assert_too_large(&token_error(token).await, 200);
    let failure = ResponseTemplate::new(500).set_body_string("x".repeat(ONE_MIB + 1));
    assert_too_large(&token_error(failure).await, 500);
}

#[tokio::test]
async fn a_chunked_backend_answer_is_refused_once_it_passes_one_mib() {
    let mut answer = b"HTTP/1.1 403 Forbidden\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
    let chunk = format!("{:x}\r\n{}\r\n", 64 * 1024, "y".repeat(64 * 1024));
    for _ in 0..17 {
        answer.extend_from_slice(chunk.as_bytes());
    }
    answer.extend_from_slice(b"0\r\n\r\n");
    let base_url = serve_once(Raw::Answer(answer, Duration::ZERO));
    assert_too_large(&token_error_from(&base_url).await, 403);
}
