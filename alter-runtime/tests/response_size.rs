//! `max_response_bytes`: a larger provider body is refused, by its
//! `Content-Length` or while it is read, and the answer is still audited.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use std::io::{Read, Write};
use std::net::TcpListener;

use alter_runtime::{DEFAULT_MAX_RESPONSE_BYTES, Error, Method, Provider, Response, User};
use common::*;
use serde_json::json;
use wiremock::ResponseTemplate;

const LIMIT: usize = 100;

async fn call(harness: &Harness, url: String) -> alter_runtime::Result<Response> {
    let vault = harness.builder().max_response_bytes(LIMIT).build().unwrap();
    let result = vault
        .request(Provider::Google, Method::GET, url)
        .user(User::id("a"))
        .send()
        .await;
    vault.close().await;
    result
}

fn assert_too_large(error: &Error) {
    assert!(matches!(error, Error::Sdk { .. }), "{error:?}");
    assert_eq!(
        error.message(),
        "the provider's response is larger than the limit of 100 bytes (max_response_bytes)"
    );
    let details = error.details().unwrap();
    assert_eq!(details["max_response_bytes"], json!(LIMIT));
    assert_eq!(details["status"], json!(200));
}

#[tokio::test]
async fn a_body_at_the_limit_is_read() {
    let harness = Harness::start().await;
    let body = "x".repeat(LIMIT);
    harness
        .provider_answers(ResponseTemplate::new(200).set_body_string(body.clone()))
        .await;
    let response = call(&harness, harness.url("/x")).await.unwrap();
    assert_eq!(response.text(), body);
    assert_eq!(harness.audit_records().await.len(), 1);
}

#[tokio::test]
async fn a_body_one_byte_over_the_limit_is_an_error() {
    let harness = Harness::start().await;
    harness
        .provider_answers(ResponseTemplate::new(200).set_body_string("x".repeat(LIMIT + 1)))
        .await;
    let error = call(&harness, harness.url("/x")).await.unwrap_err();
    assert_too_large(&error);
    assert!(!format!("{error:?}").contains("xxx"));
    let records = harness.audit_records().await;
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["response_status"], json!(200));
    assert_eq!(records[0]["url"], json!(harness.url("/x")));
    assert_eq!(
        records[0]["response_body"],
        json!("<response too large: 101 bytes>")
    );
    assert_eq!(
        records[0]["response_headers"]["content-length"],
        json!("101")
    );
}

/// A provider on a raw socket answering with a chunked body (no
/// `Content-Length`) of `chunks` chunks of 30 bytes each.
fn chunked_provider(chunks: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut request = Vec::new();
        let mut buffer = [0_u8; 1024];
        while !request.windows(4).any(|w| w == b"\r\n\r\n") {
            let read = stream.read(&mut buffer).unwrap();
            if read == 0 {
                return;
            }
            request.extend_from_slice(&buffer[..read]);
        }
        let mut answer = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
        for _ in 0..chunks {
            answer.extend_from_slice(format!("1e\r\n{}\r\n", "y".repeat(30)).as_bytes());
        }
        answer.extend_from_slice(b"0\r\n\r\n");
        let _ = stream.write_all(&answer);
    });
    format!("http://{address}/x")
}

#[tokio::test]
async fn a_chunked_body_is_counted_while_it_is_read() {
    let harness = Harness::start().await;
    let response = call(&harness, chunked_provider(3)).await.unwrap();
    assert_eq!(response.text(), "y".repeat(90));
    let error = call(&harness, chunked_provider(4)).await.unwrap_err();
    assert_too_large(&error);
    let records = harness.audit_records().await;
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["response_body"], json!("y".repeat(90)));
    // The read stops at the chunk that crosses the limit: more than 100 bytes
    // arrived, at most the 120 sent.
    let body = records[1]["response_body"].as_str().unwrap();
    let received: u64 = body
        .strip_prefix("<response too large: ")
        .and_then(|rest| rest.strip_suffix(" bytes>"))
        .unwrap()
        .parse()
        .unwrap();
    assert!((101..=120).contains(&received), "{body}");
}

#[test]
fn the_default_limit_is_32_mib() {
    assert_eq!(DEFAULT_MAX_RESPONSE_BYTES, 32 * 1024 * 1024);
}
