//! The typed entry point used by `#[vault_endpoint]` code: `__private::Call`.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use alter_runtime::__private::{Call, Endpoint, PathPart};
use alter_runtime::{
    AlterVault, CallContext, CallOptions, Error, Method, Provider, Response, User, VaultHandle,
};
use common::*;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use wiremock::ResponseTemplate;

static EVENTS: Endpoint = Endpoint {
    name: "Calendar::events",
    provider: "google",
    method: Method::GET,
    base_url: None,
    path: &[
        PathPart::Literal("/calendar/v3/calendars/"),
        PathPart::Segment {
            index: 0,
            name: "calendar_id",
        },
        PathPart::Literal("/events"),
    ],
    headers: &[("X-Goog-Fixed", "1")],
    timeout: None,
    reason: Some("list calendar events"),
    check: None,
};

static CONTENTS: Endpoint = Endpoint {
    name: "Repos::contents",
    provider: "github",
    method: Method::PUT,
    base_url: None,
    path: &[
        PathPart::Literal("/repos/"),
        PathPart::Segment {
            index: 0,
            name: "owner",
        },
        PathPart::Literal("/"),
        PathPart::Segment {
            index: 1,
            name: "repo",
        },
        PathPart::Literal("/contents/"),
        PathPart::Rest {
            index: 2,
            name: "path",
        },
    ],
    headers: &[],
    timeout: None,
    reason: None,
    check: None,
};

fn slack_ok(response: &Response) -> alter_runtime::Result<()> {
    let body: Value = response.json()?;
    if body["ok"] == json!(false) {
        return Err(Error::from_provider_response(response));
    }
    Ok(())
}

static POST_MESSAGE: Endpoint = Endpoint {
    name: "Chat::post_message",
    provider: "slack",
    method: Method::POST,
    base_url: None,
    path: &[PathPart::Literal("/chat.postMessage")],
    headers: &[],
    timeout: None,
    reason: None,
    check: Some(slack_ok),
};

static SALESFORCE_QUERY: Endpoint = Endpoint {
    name: "Sobjects::query",
    provider: "salesforce",
    method: Method::GET,
    base_url: None,
    path: &[PathPart::Literal("/query")],
    headers: &[],
    timeout: None,
    reason: None,
    check: None,
};

fn typed_vault(harness: &Harness) -> AlterVault {
    harness
        .builder()
        .provider_base_url(Provider::Google, harness.url("/google"))
        .provider_base_url(Provider::Github, harness.url("/github/"))
        .provider_base_url(Provider::Slack, harness.url("/slack"))
        .build()
        .unwrap()
}

#[derive(Debug, Deserialize, PartialEq)]
struct EventList {
    items: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EventQuery {
    single_events: bool,
    page_token: Option<String>,
    event_types: Vec<&'static str>,
}

fn assert_send_static<F: std::future::Future + Send + 'static>(future: F) -> F {
    future
}

#[tokio::test]
async fn typed_call_builds_the_same_wire_request() {
    let harness = Harness::start().await;
    harness
        .provider_answers(ResponseTemplate::new(200).set_body_json(json!({"items": ["e1"]})))
        .await;
    let vault = typed_vault(&harness);
    let future = Call::new(&vault, &EVENTS, &User::id("alice"))
        .path("team/cal@x.com")
        .query("maxResults", &10)
        .query("pageToken", &None::<String>)
        .query_all(&EventQuery {
            single_events: true,
            page_token: None,
            event_types: vec!["default", "focusTime"],
        })
        .header("X-Optional", &None::<String>)
        .header("X-Count", &3_u32)
        .send::<EventList>();
    let events = assert_send_static(future).await.unwrap();
    assert_eq!(
        events,
        EventList {
            items: vec!["e1".into()]
        }
    );

    let sent = &harness.provider_requests().await[0];
    assert_eq!(
        sent.url.path(),
        "/google/calendar/v3/calendars/team%2Fcal%40x.com/events"
    );
    assert_eq!(
        sent.url.query(),
        Some("maxResults=10&singleEvents=true&eventTypes=default&eventTypes=focusTime")
    );
    assert_eq!(
        header(sent, "authorization"),
        Some(format!("Bearer {TOKEN}"))
    );
    assert_eq!(header(sent, "x-goog-fixed").as_deref(), Some("1"));
    assert_eq!(header(sent, "x-count").as_deref(), Some("3"));
    assert_eq!(header(sent, "x-optional"), None);
    let token = &harness.token_requests().await[0];
    assert_eq!(
        token.body_json::<Value>().unwrap(),
        json!({"provider_id": "google", "attributes": {"user_id": "alice"}, "reason": "list calendar events"})
    );
}

#[tokio::test]
async fn rest_values_keep_slashes_and_bodies_are_json() {
    let harness = Harness::start().await;
    harness
        .provider_answers(ResponseTemplate::new(200).set_body_json(json!({"sha": "1"})))
        .await;
    let vault = typed_vault(&harness);
    let response: Response = Call::new(&vault, &CONTENTS, &User::id("a"))
        .path("octo")
        .path(&String::from("hello world"))
        .path("docs/read me.md")
        .body(&json!({"message": "add", "content": "aGk="}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let sent = &harness.provider_requests().await[0];
    assert_eq!(sent.method.as_str(), "PUT");
    assert_eq!(
        sent.url.path(),
        "/github/repos/octo/hello%20world/contents/docs/read%20me.md"
    );
    assert_eq!(
        sent.body_json::<Value>().unwrap(),
        json!({"message": "add", "content": "aGk="})
    );
    assert_eq!(
        header(sent, "content-type").as_deref(),
        Some("application/json")
    );
}

#[tokio::test]
async fn bad_path_values_fail_before_any_io_naming_their_placeholder() {
    let harness = Harness::start().await;
    let vault = typed_vault(&harness);
    let cases: [(&[&str], &str); 8] = [
        (
            &["..", "r", "f"],
            "path value `<owner>` may not be `.` or `..`",
        ),
        (&["o", "", "f"], "path value `<repo>` is empty"),
        (
            &["o", "r", "a/../b"],
            "path value `<path..>` may not hold a `.` or `..` segment",
        ),
        (&["o", "r", ""], "path value `<path..>` is empty"),
        (
            &["o", "r", "a//b"],
            "path value `<path..>` has an empty segment (`//`, or `/` at an end)",
        ),
        (
            &["o", "r", "."],
            "path value `<path..>` may not hold a `.` or `..` segment",
        ),
        (&["o", "r"], "no value for path placeholder `<path..>`"),
        (
            &["o", "r", "f", "extra"],
            "the endpoint was given more path values than it has",
        ),
    ];
    for (values, message) in cases {
        let mut call = Call::new(&vault, &CONTENTS, &User::id("a"));
        for value in values {
            call = call.path(*value);
        }
        let error = call.send_unit().await.unwrap_err();
        assert!(
            matches!(error, Error::InvalidRequest { .. }),
            "{values:?}: {error:?}"
        );
        assert_eq!(
            error.to_string(),
            format!("invalid request: {message}"),
            "{values:?}"
        );
    }
    assert!(harness.token_requests().await.is_empty());
}

#[tokio::test]
async fn a_user_without_attributes_is_refused_before_any_io() {
    let harness = Harness::start().await;
    let vault = typed_vault(&harness);
    for user in [User::default(), User::from(serde_json::Map::new())] {
        let error = Call::new(&vault, &EVENTS, &user)
            .path("primary")
            .send_unit()
            .await
            .unwrap_err();
        assert!(matches!(error, Error::InvalidRequest { .. }), "{error:?}");
        assert_eq!(
            error.to_string(),
            "invalid request: the user has no attributes; name the user, as in \
             `User::id(\"alice\")`"
        );
    }
    assert!(harness.token_requests().await.is_empty());
}

/// An endpoint whose own base URL is `base` (a loopback server here, so the
/// URL is only known at run time).
fn endpoint_based_at(provider: &'static str, base: &str) -> &'static Endpoint {
    Box::leak(Box::new(Endpoint {
        name: "Collect::collect",
        provider,
        method: Method::GET,
        base_url: Some(Box::leak(base.to_owned().into_boxed_str())),
        path: &[PathPart::Literal("/collect")],
        headers: &[],
        timeout: None,
        reason: None,
        check: None,
    }))
}

#[tokio::test]
async fn an_endpoints_own_base_url_does_not_extend_a_bound_providers_hosts() {
    let harness = Harness::start().await;
    harness.provider_answers(ResponseTemplate::new(200)).await;
    let google_collect = endpoint_based_at("google", &harness.provider.uri());
    let plain = AlterVault::builder(API_KEY)
        .base_url(harness.backend.uri())
        .build()
        .unwrap();
    let refused = format!(
        "invalid request: host `127.0.0.1:{}` is not allowed for provider `google`",
        harness.provider.address().port()
    );

    let typed = Call::new(&plain, google_collect, &User::id("a"))
        .send_unit()
        .await
        .unwrap_err();
    assert!(matches!(typed, Error::InvalidRequest { .. }), "{typed:?}");
    assert_eq!(typed.to_string(), refused);
    let link = Call::new(&plain, google_collect, &User::id("a"))
        .url(harness.url("/collect?page=2"))
        .send_unit()
        .await
        .unwrap_err();
    assert_eq!(link.to_string(), refused);
    let untyped = plain
        .request(Provider::Google, Method::GET, harness.url("/collect"))
        .user(User::id("a"))
        .send()
        .await
        .unwrap_err();
    assert_eq!(untyped.to_string(), refused);
    assert!(harness.token_requests().await.is_empty());
    assert!(harness.provider_requests().await.is_empty());

    // Allowed on the vault, the host takes the token like any other.
    let allowed = harness.vault();
    Call::new(&allowed, google_collect, &User::id("a"))
        .send_unit()
        .await
        .unwrap();
    // A provider no host rule binds calls its endpoint's base URL as before.
    Call::new(
        &plain,
        endpoint_based_at("acme", &harness.provider.uri()),
        &User::id("a"),
    )
    .send_unit()
    .await
    .unwrap();
    let sent = harness.provider_requests().await;
    let paths: Vec<&str> = sent.iter().map(|r| r.url.path()).collect();
    assert_eq!(paths, ["/collect", "/collect"]);
}

#[tokio::test]
async fn a_handle_base_url_with_a_query_or_fragment_is_refused_before_any_io() {
    let harness = Harness::start().await;
    let vault = harness.vault();
    for base in [harness.url("/v1?key=1"), harness.url("/v1#top")] {
        let handle = Notion {
            vault: vault.clone(),
            base,
        };
        let page = Call::new(&handle, &PAGE, &User::id("a"))
            .path(&7_u32)
            .send_unit()
            .await
            .unwrap_err();
        let link = Call::new(&handle, &PAGE, &User::id("a"))
            .url(harness.url("/next"))
            .send_unit()
            .await
            .unwrap_err();
        for error in [page, link] {
            assert!(matches!(error, Error::InvalidRequest { .. }), "{error:?}");
            assert_eq!(
                error.to_string(),
                "invalid request: the call's base URL may not hold a query (`?`) or a \
                 fragment (`#`); remove it"
            );
        }
    }
    assert!(harness.token_requests().await.is_empty());
}

struct Notion {
    vault: AlterVault,
    base: String,
}

impl VaultHandle for Notion {
    fn vault(&self) -> &AlterVault {
        &self.vault
    }

    fn configure(&self, call: &mut CallOptions) {
        call.set_base_url(self.base.clone())
            .add_header("Notion-Version", "2022-06-28");
    }
}

#[test]
fn call_options_debug_names_headers_but_not_their_values() {
    let mut options = CallOptions::default();
    options
        .set_base_url("https://ops:pa55word@api.acme.example/v1")
        .add_header("X-Api-Key", "k3y-s3cret")
        .add_header("Notion-Version", "2022-06-28");
    assert_eq!(
        format!("{options:?}"),
        r#"CallOptions { base_url: Some("https://api.acme.example/v1"), headers: ["X-Api-Key", "Notion-Version"] }"#
    );
}

static PAGE: Endpoint = Endpoint {
    name: "Pages::get",
    provider: "acme",
    method: Method::GET,
    base_url: Some("https://api.acme.test/v9"),
    path: &[
        PathPart::Literal("/pages/"),
        PathPart::Segment {
            index: 0,
            name: "page_id",
        },
    ],
    headers: &[],
    timeout: None,
    reason: Some("endpoint reason"),
    check: None,
};

#[tokio::test]
async fn base_url_precedence_and_handle_options() {
    let harness = Harness::start().await;
    harness.provider_answers(ResponseTemplate::new(200)).await;
    let handle_vault = harness
        .builder()
        .provider_base_url("acme", harness.url("/vault"))
        .build()
        .unwrap();
    let notion = Notion {
        vault: handle_vault.clone(),
        base: harness.url("/handle"),
    };
    Call::new(&notion, &PAGE, &User::id("a"))
        .path(&7_u32)
        .send_unit()
        .await
        .unwrap();
    Call::new(&handle_vault, &PAGE, &User::id("a"))
        .path(&7_u32)
        .send_unit()
        .await
        .unwrap();
    Call::new(&handle_vault, &PAGE, &User::id("a"))
        .path(&7_u32)
        .url(harness.url("/next?cursor=abc"))
        .send_unit()
        .await
        .unwrap();
    let sent = harness.provider_requests().await;
    let paths: Vec<&str> = sent.iter().map(|r| r.url.path()).collect();
    assert_eq!(paths, ["/handle/pages/7", "/vault/pages/7", "/next"]);
    assert_eq!(
        header(&sent[0], "notion-version").as_deref(),
        Some("2022-06-28")
    );
    assert_eq!(header(&sent[1], "notion-version"), None);
    assert_eq!(sent[2].url.query(), Some("cursor=abc"));

    let error = Call::new(&harness.vault(), &SALESFORCE_QUERY, &User::id("a"))
        .send_unit()
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid request: no base URL is known for provider `salesforce`"
    );
}

static VERSIONED: Endpoint = Endpoint {
    name: "Pages::versioned",
    provider: "acme",
    method: Method::GET,
    base_url: None,
    path: &[PathPart::Literal("/pages")],
    headers: &[("notion-version", "2021-01-01")],
    timeout: None,
    reason: None,
    check: None,
};

#[tokio::test]
async fn later_header_layers_replace_earlier_ones_of_the_same_name() {
    let harness = Harness::start().await;
    harness.provider_answers(ResponseTemplate::new(200)).await;
    let vault = harness.vault();
    let notion = Notion {
        vault: vault.clone(),
        base: harness.url("/handle"),
    };
    Call::new(&notion, &VERSIONED, &User::id("a"))
        .send_unit()
        .await
        .unwrap();
    Call::new(&notion, &VERSIONED, &User::id("a"))
        .header("Notion-Version", "2025-09-03")
        .header("If-None-Match", &None::<&str>)
        .send_unit()
        .await
        .unwrap();
    vault.close().await;
    let sent = harness.provider_requests().await;
    let versions: Vec<Vec<&str>> = sent
        .iter()
        .map(|r| {
            r.headers
                .get_all("notion-version")
                .iter()
                .map(|v| v.to_str().unwrap())
                .collect()
        })
        .collect();
    assert_eq!(versions, [["2022-06-28"], ["2025-09-03"]]);
    let audited: Vec<Value> = harness
        .audit_records()
        .await
        .into_iter()
        .map(|record| record["request_headers"].clone())
        .collect();
    assert_eq!(
        audited,
        [
            json!({"Notion-Version": "2022-06-28", "User-Agent": alter_runtime::USER_AGENT}),
            json!({"Notion-Version": "2025-09-03", "User-Agent": alter_runtime::USER_AGENT}),
        ]
    );
}

#[tokio::test]
async fn provider_base_urls_match_the_id_in_any_case() {
    let harness = Harness::start().await;
    harness.provider_answers(ResponseTemplate::new(200)).await;
    let vault = AlterVault::builder(API_KEY)
        .base_url(harness.backend.uri())
        .provider_base_url("Google", harness.url("/google"))
        .build()
        .unwrap();
    Call::new(&vault, &EVENTS, &User::id("a"))
        .path("primary")
        .send_unit()
        .await
        .unwrap();
    let sent = harness.provider_requests().await;
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].url.path(),
        "/google/calendar/v3/calendars/primary/events"
    );
}

#[tokio::test]
async fn absolute_urls_stay_within_the_providers_hosts() {
    let harness = Harness::start().await;
    let vault = typed_vault(&harness);
    let error = Call::new(&vault, &EVENTS, &User::id("a"))
        .path("primary")
        .url("https://evil.example/steal")
        .send::<Value>()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidRequest { .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        "invalid request: host `evil.example` is not allowed for provider `google`"
    );
    assert!(harness.token_requests().await.is_empty());
}

#[tokio::test]
async fn links_of_unbound_providers_stay_on_the_endpoints_host() {
    let harness = Harness::start().await;
    harness.provider_answers(ResponseTemplate::new(200)).await;
    let handle = Notion {
        vault: harness.vault(),
        base: harness.url("/handle"),
    };
    Call::new(&handle, &PAGE, &User::id("a"))
        .url(harness.url("/next?cursor=abc"))
        .send_unit()
        .await
        .unwrap();
    let port = harness.provider.address().port();
    let other_port = if port == 1 { 2 } else { 1 };
    for (link, host) in [
        (
            "https://elsewhere.example/next".to_owned(),
            "elsewhere.example".to_owned(),
        ),
        (
            format!("http://127.0.0.1:{other_port}/next"),
            format!("127.0.0.1:{other_port}"),
        ),
    ] {
        let error = Call::new(&handle, &PAGE, &User::id("a"))
            .url(link.clone())
            .send_unit()
            .await
            .unwrap_err();
        assert!(
            matches!(error, Error::InvalidRequest { .. }),
            "{link}: {error:?}"
        );
        assert_eq!(
            error.to_string(),
            format!(
                "invalid request: the link's host `{host}` is not the endpoint's host \
                 `127.0.0.1:{port}`; allow it for provider `acme` to follow it"
            ),
            "{link}"
        );
    }
    assert_eq!(harness.token_requests().await.len(), 1);
    let sent = harness.provider_requests().await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].url.path(), "/next");
}

static UNBASED: Endpoint = Endpoint {
    name: "Items::list",
    provider: "acme",
    method: Method::GET,
    base_url: None,
    path: &[PathPart::Literal("/items")],
    headers: &[],
    timeout: None,
    reason: None,
    check: None,
};

#[tokio::test]
async fn links_of_unbound_providers_without_a_base_url_are_refused() {
    let harness = Harness::start().await;
    harness.provider_answers(ResponseTemplate::new(200)).await;
    let error = Call::new(&harness.vault(), &UNBASED, &User::id("a"))
        .url("https://any-host.example/steal")
        .send_unit()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidRequest { .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        "invalid request: the link's host `any-host.example` cannot be checked: no valid base \
         URL is known for provider `acme`; allow the host for the provider to follow the link"
    );
    assert!(harness.token_requests().await.is_empty());

    let allowed = harness
        .builder()
        .allow_host("acme", "127.0.0.1")
        .build()
        .unwrap();
    Call::new(&allowed, &UNBASED, &User::id("a"))
        .url(harness.url("/next"))
        .send_unit()
        .await
        .unwrap();
    assert_eq!(harness.provider_requests().await.len(), 1);
}

#[tokio::test]
async fn context_gives_typed_calls_reason_and_tracking_ids() {
    let harness = Harness::start().await;
    harness
        .provider_answers(ResponseTemplate::new(200).set_body_json(json!({"items": []})))
        .await;
    let run_id = uuid::Uuid::new_v4();
    let vault = typed_vault(&harness).with_context(
        CallContext::new()
            .reason("triage inbox")
            .run_id(run_id)
            .thread_id("thread-xyz")
            .tool_call_id("call-1"),
    );
    assert_eq!(
        vault.context().unwrap().clone(),
        CallContext::new()
            .reason("triage inbox")
            .run_id(run_id)
            .thread_id("thread-xyz")
            .tool_call_id("call-1")
    );
    let _: Value = Call::new(&vault, &EVENTS, &User::id("a"))
        .path("primary")
        .send()
        .await
        .unwrap();
    let token = &harness.token_requests().await[0];
    assert_eq!(
        token.body_json::<Value>().unwrap()["reason"],
        json!("triage inbox")
    );
    assert_eq!(header(token, "x-alter-run-id"), Some(run_id.to_string()));
    assert_eq!(
        header(token, "x-alter-thread-id").as_deref(),
        Some("thread-xyz")
    );
    assert_eq!(
        header(token, "x-alter-tool-call-id").as_deref(),
        Some("call-1")
    );

    vault
        .request(Provider::Google, Method::GET, harness.url("/x"))
        .user(User::id("a"))
        .reason("own")
        .send()
        .await
        .unwrap();
    let token = &harness.token_requests().await[1];
    assert_eq!(token.body_json::<Value>().unwrap()["reason"], json!("own"));
    assert_eq!(
        header(token, "x-alter-thread-id").as_deref(),
        Some("thread-xyz")
    );
}

#[tokio::test]
async fn endpoint_checks_run_on_success() {
    let harness = Harness::start().await;
    harness
        .provider_answers(
            ResponseTemplate::new(200)
                .set_body_json(json!({"ok": false, "error": "channel_not_found"})),
        )
        .await;
    let vault = typed_vault(&harness);
    let error = Call::new(&vault, &POST_MESSAGE, &User::id("a"))
        .body(&json!({"channel": "C1", "text": "hi"}))
        .send::<Value>()
        .await
        .unwrap_err();
    let details = error.provider_api().expect("a provider error");
    assert_eq!(details.status, 200);
    assert_eq!(details.code.as_deref(), Some("channel_not_found"));
    vault.close().await;
    assert_eq!(
        harness.audit_records().await.len(),
        1,
        "the call is audited all the same"
    );
}

#[tokio::test]
async fn empty_and_non_json_bodies() {
    let harness = Harness::start().await;
    harness
        .provider_answers(ResponseTemplate::new(200).set_body_raw("plain text", "text/plain"))
        .await;
    let vault = typed_vault(&harness);
    Call::new(&vault, &EVENTS, &User::id("a"))
        .path("p")
        .send_unit()
        .await
        .unwrap();
    let error = Call::new(&vault, &EVENTS, &User::id("a"))
        .path("p")
        .send::<Value>()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Sdk { .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        "alter sdk error: the provider's response is not the expected JSON: expected value at \
         line 1 column 1"
    );

    let harness = Harness::start().await;
    harness.provider_answers(ResponseTemplate::new(204)).await;
    let vault = typed_vault(&harness);
    let nothing: Option<EventList> = Call::new(&vault, &EVENTS, &User::id("a"))
        .path("p")
        .send()
        .await
        .unwrap();
    assert_eq!(nothing, None);
    let unit: () = Call::new(&vault, &EVENTS, &User::id("a"))
        .path("p")
        .send()
        .await
        .unwrap();
    assert_eq!(unit, ());
}

#[tokio::test]
async fn serialization_errors_are_reported_by_send() {
    let harness = Harness::start().await;
    let vault = typed_vault(&harness);
    let mut bad_keys = std::collections::BTreeMap::new();
    bad_keys.insert((1, 2), "v");
    let error = Call::new(&vault, &EVENTS, &User::id("a"))
        .path("p")
        .body(&bad_keys)
        .send_unit()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidRequest { .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        "invalid request: the body could not be serialized: key must be a string"
    );
    let error = Call::new(&vault, &EVENTS, &User::id("a"))
        .path("p")
        .query("nested", &json!({"a": 1}))
        .send_unit()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidRequest { .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        "invalid request: query parameter `nested` must be a scalar or a sequence of scalars"
    );
    assert!(harness.token_requests().await.is_empty());
}

#[tokio::test]
async fn a_redirect_not_followed_is_an_error_naming_its_status() {
    let harness = Harness::start().await;
    harness
        .provider_answers(
            ResponseTemplate::new(307)
                .insert_header("Location", "http://plain.invalid/next")
                .set_body_raw("moved", "text/plain"),
        )
        .await;
    let vault = typed_vault(&harness);
    let error = Call::new(&vault, &EVENTS, &User::id("a"))
        .path("c")
        .send::<Value>()
        .await
        .unwrap_err();
    let api = error.provider_api().unwrap_or_else(|| panic!("{error:?}"));
    assert_eq!(api.status, 307);
    assert_eq!(
        api.message,
        "provider answered with a redirect (HTTP 307) that was not followed"
    );
    assert_eq!(api.body, "moved");

    let ignored = Call::new(&vault, &EVENTS, &User::id("a"))
        .path("c")
        .send_unit()
        .await
        .unwrap_err();
    assert_eq!(ignored.status(), Some(307), "{ignored:?}");

    let response: Response = Call::new(&vault, &EVENTS, &User::id("a"))
        .path("c")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 307);
}
