//! A provider echoing the bearer token never hands it on: errors, audit
//! records and responses carry `[redacted]` in its place.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use alter_runtime::{Method, Provider, User};
use common::*;
use serde_json::json;
use wiremock::ResponseTemplate;

fn echo(status: u16) -> ResponseTemplate {
    let body = format!(r#"{{"error":{{"message":"bad token {TOKEN}","code":400}}}}"#);
    ResponseTemplate::new(status)
        .insert_header("X-Echo", format!("Bearer {TOKEN}, again {TOKEN}").as_str())
        .set_body_raw(body, "application/json")
}

const CLEAN_BODY: &str = r#"{"error":{"message":"bad token [redacted]","code":400}}"#;
const CLEAN_HEADER: &str = "Bearer [redacted], again [redacted]";

#[tokio::test]
async fn an_echoed_token_stays_out_of_errors_and_audit() {
    let harness = Harness::start().await;
    harness.provider_answers(echo(400)).await;
    let vault = harness.vault();
    let error = vault
        .request(Provider::Google, Method::GET, harness.url("/x"))
        .user(User::id("a"))
        .send()
        .await
        .unwrap_err();
    vault.close().await;

    let api = error.provider_api().unwrap();
    assert_eq!(api.status, 400);
    assert_eq!(api.body, CLEAN_BODY);
    assert_eq!(
        api.provider_message.as_deref(),
        Some("bad token [redacted]")
    );
    assert!(!format!("{error:?} {error}").contains(TOKEN));

    let records = harness.audit_records().await;
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["response_body"], json!(CLEAN_BODY));
    assert_eq!(
        records[0]["response_headers"]["x-echo"],
        json!(CLEAN_HEADER)
    );
    assert!(!records[0].to_string().contains(TOKEN));
}

#[tokio::test]
async fn an_echoed_token_stays_out_of_a_success_response() {
    let harness = Harness::start().await;
    harness.provider_answers(echo(200)).await;
    let vault = harness.vault();
    let response = vault
        .request(Provider::Google, Method::GET, harness.url("/x"))
        .user(User::id("a"))
        .send()
        .await
        .unwrap();
    vault.close().await;

    assert_eq!(response.text(), CLEAN_BODY);
    assert_eq!(response.headers()["x-echo"], CLEAN_HEADER);
    let records = harness.audit_records().await;
    assert_eq!(records[0]["response_body"], json!(CLEAN_BODY));
    assert!(!records[0].to_string().contains(TOKEN));
}
