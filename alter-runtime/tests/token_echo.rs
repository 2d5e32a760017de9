//! A provider echoing the bearer token never hands it on: errors, audit
//! records and responses carry `[redacted]` in its place.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

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
    let error = harness.get_and_close("/x").await.unwrap_err();

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
    let response = harness.get_and_close("/x").await.unwrap();

    assert_eq!(response.text(), CLEAN_BODY);
    assert_eq!(response.headers()["x-echo"], CLEAN_HEADER);
    let records = harness.audit_records().await;
    assert_eq!(records[0]["response_body"], json!(CLEAN_BODY));
    assert!(!records[0].to_string().contains(TOKEN));
}

/// A token holding characters that JSON encoders and URLs escape.
const ESCAPABLE_TOKEN: &str = "ya29.a0/Bc+De!f";

/// The token as providers echo it: `/` escaped as `\/` (PHP), `+` as `\u002B`
/// (.NET), every character as `\uXXXX` in lowercase hex, percent-encoded.
const SPELLINGS: [&str; 4] = [
    r"ya29.a0\/Bc+De!f",
    r"ya29.a0\u002FBc\u002BDe!f",
    r"\u0079\u0061\u0032\u0039\u002e\u0061\u0030\u002f\u0042\u0063\u002b\u0044\u0065\u0021\u0066",
    "ya29.a0%2FBc%2BDe%21f",
];

async fn escapable_token_harness(status: u16) -> Harness {
    let token = ResponseTemplate::new(200).set_body_json(json!({
        "access_token": ESCAPABLE_TOKEN,
        "connection_id": CONNECTION_ID,
    }));
    let harness = Harness::with_token_response(token).await;
    let echoes: Vec<String> = SPELLINGS
        .iter()
        .map(|s| format!(r#""bad token {s}""#))
        .collect();
    let body = format!(
        r#"{{"error":{{"message":"bad token {}","code":400}},"echoes":[{}]}}"#,
        SPELLINGS[0],
        echoes.join(",")
    );
    let answer = ResponseTemplate::new(status)
        .insert_header("Location", "https://a.example/cb?t=ya29.a0%2FBc%2BDe%21f")
        .insert_header(
            "Link",
            r#"<https://a.example/next?t=ya29.a0%2fBc%2bDe%21f>; rel="next""#,
        )
        .set_body_raw(body, "application/json");
    harness.provider_answers(answer).await;
    harness
}

const ESCAPED_CLEAN_BODY: &str = concat!(
    r#"{"error":{"message":"bad token [redacted]","code":400},"#,
    r#""echoes":["bad token [redacted]","bad token [redacted]","bad token [redacted]","#,
    r#""bad token [redacted]"]}"#
);
const CLEAN_LOCATION: &str = "https://a.example/cb?t=[redacted]";
const CLEAN_LINK: &str = r#"<https://a.example/next?t=[redacted]>; rel="next""#;

#[tokio::test]
async fn an_escaped_or_encoded_token_stays_out_of_a_success_response_and_audit() {
    let harness = escapable_token_harness(200).await;
    let response = harness.get_and_close("/x").await.unwrap();

    assert_eq!(response.text(), ESCAPED_CLEAN_BODY);
    let parsed: serde_json::Value = response.json().unwrap();
    assert_eq!(parsed["echoes"], json!(vec!["bad token [redacted]"; 4]));
    assert_eq!(response.headers()["location"], CLEAN_LOCATION);
    assert_eq!(response.headers()["link"], CLEAN_LINK);

    let records = harness.audit_records().await;
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["response_body"], json!(ESCAPED_CLEAN_BODY));
    assert_eq!(
        records[0]["response_headers"]["location"],
        json!(CLEAN_LOCATION)
    );
    assert_eq!(records[0]["response_headers"]["link"], json!(CLEAN_LINK));
}

#[tokio::test]
async fn an_escaped_or_encoded_token_stays_out_of_errors() {
    let harness = escapable_token_harness(400).await;
    let error = harness.get_and_close("/x").await.unwrap_err();

    let api = error.provider_api().unwrap();
    assert_eq!(api.body, ESCAPED_CLEAN_BODY);
    assert_eq!(
        api.provider_message.as_deref(),
        Some("bad token [redacted]")
    );
    let shown = format!("{error:?} {error}");
    for spelling in SPELLINGS.iter().chain([&ESCAPABLE_TOKEN]) {
        assert!(!shown.contains(spelling), "{shown}");
    }
    let records = harness.audit_records().await;
    assert_eq!(records[0]["response_body"], json!(ESCAPED_CLEAN_BODY));
}

#[tokio::test]
async fn content_length_states_the_scrubbed_body_length() {
    let harness = Harness::start().await;
    harness.provider_answers(echo(200)).await;
    let response = harness.get_and_close("/x").await.unwrap();

    // The provider stated 68 bytes; `[redacted]` is 13 bytes shorter than the
    // token it replaces.
    assert_eq!(response.text().len(), 55);
    assert_eq!(response.headers()["content-length"], "55");
    let records = harness.audit_records().await;
    assert_eq!(
        records[0]["response_headers"]["content-length"],
        json!("55")
    );
}

#[tokio::test]
async fn content_length_of_an_error_states_the_scrubbed_body_length() {
    let harness = Harness::start().await;
    harness.provider_answers(echo(400)).await;
    harness.get_and_close("/x").await.unwrap_err();

    let records = harness.audit_records().await;
    assert_eq!(records[0]["response_body"], json!(CLEAN_BODY));
    assert_eq!(
        records[0]["response_headers"]["content-length"],
        json!("55")
    );
}

#[tokio::test]
async fn content_length_is_kept_when_nothing_is_scrubbed() {
    let harness = Harness::start().await;
    harness
        .provider_answers(ResponseTemplate::new(200).set_body_string("no secret here"))
        .await;
    let response = harness.get_and_close("/x").await.unwrap();
    assert_eq!(response.headers()["content-length"], "14");
}
