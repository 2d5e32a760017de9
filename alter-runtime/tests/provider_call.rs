//! The provider request on the wire, host binding, and how provider answers
//! map to responses and errors.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use alter_runtime::{AlterVault, Error, Method, Provider, User};
use common::*;
use serde_json::json;
use wiremock::ResponseTemplate;

#[tokio::test]
async fn bearer_user_agent_headers_and_json_body() {
    let harness = Harness::start().await;
    harness
        .provider_answers(ResponseTemplate::new(201).set_body_json(json!({"id": "n1"})))
        .await;
    let response = harness
        .vault()
        .request(Provider::Google, Method::POST, harness.url("/v1/items"))
        .user(User::id("alice"))
        .headers([
            ("Notion-Version", "2022-06-28"),
            ("Authorization", "Bearer caller-supplied"),
        ])
        .json(&json!({"name": "New Item"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 201);
    assert_eq!(
        response.json::<serde_json::Value>().unwrap(),
        json!({"id": "n1"})
    );
    assert_eq!(response.provider(), "google");

    let requests = harness.provider_requests().await;
    assert_eq!(requests.len(), 1);
    let sent = &requests[0];
    assert_eq!(sent.method.as_str(), "POST");
    assert_eq!(sent.url.path(), "/v1/items");
    assert_eq!(
        header(sent, "authorization"),
        Some(format!("Bearer {TOKEN}"))
    );
    assert_eq!(sent.headers.get_all("authorization").iter().count(), 1);
    assert_eq!(
        header(sent, "user-agent").as_deref(),
        Some(alter_runtime::USER_AGENT)
    );
    assert_eq!(
        header(sent, "notion-version").as_deref(),
        Some("2022-06-28")
    );
    assert_eq!(
        header(sent, "content-type").as_deref(),
        Some("application/json")
    );
    assert_eq!(
        header(sent, "x-api-key"),
        None,
        "the API key never reaches a provider"
    );
    assert!(
        header_names(sent)
            .iter()
            .all(|n| !n.starts_with("x-alter-"))
    );
    assert_eq!(
        sent.body_json::<serde_json::Value>().unwrap(),
        json!({"name": "New Item"})
    );
    assert_eq!(
        header_names(sent),
        [
            "accept",
            "authorization",
            "content-length",
            "content-type",
            "host",
            "notion-version",
            "user-agent"
        ]
    );
}

#[tokio::test]
async fn caller_user_agent_wins() {
    let harness = Harness::start().await;
    harness.provider_answers(ResponseTemplate::new(200)).await;
    harness
        .vault()
        .request(Provider::Google, Method::GET, harness.url("/x"))
        .user(User::id("a"))
        .header("User-Agent", "my-app/1.0")
        .send()
        .await
        .unwrap();
    let sent = &harness.provider_requests().await[0];
    assert_eq!(header(sent, "user-agent").as_deref(), Some("my-app/1.0"));
    assert_eq!(header(sent, "content-type"), None);
}

#[tokio::test]
async fn caller_content_type_is_sent_without_a_body() {
    let harness = Harness::start().await;
    harness.provider_answers(ResponseTemplate::new(200)).await;
    let vault = harness.vault();
    for method in [Method::GET, Method::DELETE] {
        vault
            .request(Provider::Google, method, harness.url("/x"))
            .user(User::id("a"))
            .header("Content-Type", "application/vnd.acme+json")
            .send()
            .await
            .unwrap();
    }
    vault.close().await;
    let requests = harness.provider_requests().await;
    assert_eq!(requests.len(), 2);
    for sent in &requests {
        assert_eq!(
            header(sent, "content-type").as_deref(),
            Some("application/vnd.acme+json")
        );
        assert!(sent.body.is_empty());
    }
    let records = harness.audit_records().await;
    assert_eq!(
        records[0]["request_headers"]["Content-Type"],
        "application/vnd.acme+json"
    );
}

#[tokio::test]
async fn empty_successes_have_an_empty_body() {
    for response in [
        ResponseTemplate::new(204),
        ResponseTemplate::new(200).insert_header("Content-Length", "0"),
    ] {
        let harness = Harness::start().await;
        harness.provider_answers(response).await;
        let answer = harness
            .vault()
            .request(Provider::Google, Method::DELETE, harness.url("/x/1"))
            .user(User::id("a"))
            .send()
            .await
            .unwrap();
        assert!(answer.bytes().is_empty());
        assert_eq!(answer.text(), "");
        assert_eq!(
            answer.json::<serde_json::Value>().unwrap(),
            serde_json::Value::Null
        );
    }
}

#[tokio::test]
async fn provider_error_status_parses_the_known_shape() {
    let harness = Harness::start().await;
    let body = json!({"error": {"code": 404, "message": "Not Found", "status": "NOT_FOUND"}});
    harness
        .provider_answers(ResponseTemplate::new(404).set_body_json(body.clone()))
        .await;
    let error = harness
        .vault()
        .request(
            Provider::Google,
            Method::GET,
            harness.url("/calendar/v3/calendars/x?secret=q"),
        )
        .user(User::id("a"))
        .send()
        .await
        .unwrap_err();
    assert_eq!(error.to_string(), "provider api returned status 404");
    assert_eq!(error.status(), Some(404));
    assert!(!error.is_token_retrieval());
    let details = error.provider_api().unwrap();
    assert_eq!(details.code.as_deref(), Some("NOT_FOUND"));
    assert_eq!(details.provider_message.as_deref(), Some("Not Found"));
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&details.body).unwrap(),
        body
    );
    assert_eq!(
        serde_json::Value::Object((*details.details).clone()),
        json!({"provider": "google", "method": "GET", "url": harness.url("/calendar/v3/calendars/x")})
    );
}

#[tokio::test]
async fn provider_html_502_is_an_error_with_a_short_excerpt() {
    let harness = Harness::start().await;
    let page = format!(
        "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body>{}</body></html>",
        "<p>upstream connect error</p>\n".repeat(200)
    );
    harness
        .provider_answers(ResponseTemplate::new(502).set_body_raw(page, "text/html"))
        .await;
    let error = harness.get("/x").await.unwrap_err();
    let details = error.provider_api().expect("a provider error");
    assert_eq!(details.status, 502);
    assert_eq!(details.code, None);
    assert!(
        details
            .body
            .starts_with("<!DOCTYPE html> <html><head><title>502 Bad Gateway</title>")
    );
    assert!(details.body.ends_with("..."));
    assert_eq!(details.body.chars().count(), 203);
}

#[tokio::test]
async fn host_outside_the_providers_hosts_is_refused_before_the_token() {
    let harness = Harness::start().await;
    let vault = AlterVault::builder(API_KEY)
        .base_url(harness.backend.uri())
        .allow_host("ACME", "api.acme.example")
        .build()
        .unwrap();
    let not_allowed = |host: &str, provider: &str| {
        format!("invalid request: host `{host}` is not allowed for provider `{provider}`")
    };
    let refused = [
        (
            Provider::Google,
            harness.url("/x"),
            not_allowed(
                &format!("127.0.0.1:{}", harness.provider.address().port()),
                "google",
            ),
        ),
        (
            Provider::Google,
            "https://www.googleapis.com.evil.io/x".to_owned(),
            not_allowed("www.googleapis.com.evil.io", "google"),
        ),
        (
            Provider::Github,
            "https://gist.github.com/x".to_owned(),
            not_allowed("gist.github.com", "github"),
        ),
        (
            Provider::Slack,
            "https://hooks.slack.com.evil/x".to_owned(),
            not_allowed("hooks.slack.com.evil", "slack"),
        ),
        (
            Provider::Other("google".into()),
            "https://evil.example/x".to_owned(),
            not_allowed("evil.example", "google"),
        ),
        (
            Provider::Sentry,
            "http://sentry.io/api/0/".to_owned(),
            "invalid request: plain http:// is only allowed to loopback hosts".to_owned(),
        ),
        (
            Provider::from("Google"),
            "https://evil.example/x".to_owned(),
            not_allowed("evil.example", "Google"),
        ),
        (
            Provider::from("GITHUB"),
            "https://evil.example/x".to_owned(),
            not_allowed("evil.example", "GITHUB"),
        ),
        (
            Provider::from("acme"),
            "https://other.example/x".to_owned(),
            not_allowed("other.example", "acme"),
        ),
    ];
    for (provider, url, message) in refused {
        let error = vault
            .request(provider, Method::GET, url.clone())
            .user(User::id("a"))
            .send()
            .await
            .unwrap_err();
        assert!(
            matches!(error, Error::InvalidRequest { .. }),
            "{url}: {error:?}"
        );
        assert_eq!(error.to_string(), message, "{url}");
    }
    assert!(harness.token_requests().await.is_empty());
}

#[tokio::test]
async fn allowed_hosts_and_unbound_providers() {
    let harness = Harness::start().await;
    harness.provider_answers(ResponseTemplate::new(200)).await;
    let port = harness.provider.address().port();
    let vault = AlterVault::builder(API_KEY)
        .base_url(harness.backend.uri())
        .allow_host("acme", format!("127.0.0.1:{port}"))
        .build()
        .unwrap();
    let call = |provider: &str, url: String| {
        vault
            .request(provider, Method::GET, url)
            .user(User::id("a"))
            .send()
    };
    call("acme", harness.url("/ok")).await.unwrap();
    call("hubspot", harness.url("/unbound")).await.unwrap();
    let error = call("acme", format!("http://127.0.0.1:{}/x", port + 1))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidRequest { .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        format!(
            "invalid request: host `127.0.0.1:{}` is not allowed for provider `acme`",
            port + 1
        )
    );
    assert_eq!(harness.token_requests().await.len(), 2);
}

#[tokio::test]
async fn bad_urls_are_refused_before_any_io() {
    let harness = Harness::start().await;
    let vault = harness.vault();
    let bad = [
        (
            "ftp://127.0.0.1/x",
            "the URL must start with https:// or http://",
        ),
        ("127.0.0.1/x", "the URL must start with https:// or http://"),
        ("https://", "the URL does not parse: empty host"),
        (
            "http://example.com/x",
            "plain http:// is only allowed to loopback hosts",
        ),
        (
            "https://user:pw@www.googleapis.com/x",
            "the URL may not hold credentials",
        ),
    ];
    for (url, message) in bad {
        let error = vault
            .request("acme", Method::GET, url)
            .user(User::id("a"))
            .send()
            .await
            .unwrap_err();
        assert!(
            matches!(error, Error::InvalidRequest { .. }),
            "{url}: {error:?}"
        );
        assert_eq!(
            error.to_string(),
            format!("invalid request: {message}"),
            "{url}"
        );
    }
    let error = vault
        .request("acme", Method::GET, harness.url("/x"))
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid request: no user given; set the user attributes of the call"
    );
    for empty in [
        User::default(),
        User::from_attributes(Vec::<(String, String)>::new()),
    ] {
        let error = vault
            .request(Provider::Google, Method::GET, harness.url("/x"))
            .user(empty)
            .send()
            .await
            .unwrap_err();
        assert!(matches!(error, Error::InvalidRequest { .. }), "{error:?}");
        assert_eq!(
            error.to_string(),
            "invalid request: the user has no attributes; name the user, as in \
             `User::id(\"alice\")`"
        );
    }
    let error = vault
        .request("", Method::GET, harness.url("/x"))
        .user(User::id("a"))
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidRequest { .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        "invalid request: the provider id is empty"
    );
    assert!(harness.token_requests().await.is_empty());
}

#[tokio::test]
async fn bad_headers_are_refused_before_any_io() {
    let harness = Harness::start().await;
    let vault = harness.vault();
    let bad_value = "the value of header `x-ok` holds a control character (such as CR or LF), which header values may not hold";
    let bad = [
        ("X-Ok", "line\r\nInjected: yes", bad_value),
        ("X-Ok", "new\nline", bad_value),
        ("Bad Name", "v", "`Bad Name` is not a valid header name"),
        ("X-Bad\r\n", "v", "`X-Bad\\r\\n` is not a valid header name"),
        ("", "v", "`` is not a valid header name"),
        ("X-Ok", "nul\0", bad_value),
    ];
    for (name, value, message) in bad {
        let error = vault
            .request(Provider::Google, Method::GET, harness.url("/x"))
            .user(User::id("a"))
            .header(name, value)
            .send()
            .await
            .unwrap_err();
        assert!(
            matches!(error, Error::InvalidRequest { .. }),
            "{name:?}: {error:?}"
        );
        assert_eq!(
            error.to_string(),
            format!("invalid request: {message}"),
            "{name:?}"
        );
    }
    assert!(harness.token_requests().await.is_empty());
}

#[tokio::test]
async fn host_and_framing_headers_are_refused_before_any_io() {
    let harness = Harness::start().await;
    harness.provider_answers(ResponseTemplate::new(200)).await;
    let vault = harness.vault();
    for (name, value) in [
        ("Host", "attacker.example"),
        ("host", "www.googleapis.com.evil.io"),
        ("Content-Length", "0"),
        ("Transfer-Encoding", "chunked"),
    ] {
        let error = vault
            .request(Provider::Google, Method::POST, harness.url("/x"))
            .user(User::id("a"))
            .header(name, value)
            .json(&json!({"n": 1}))
            .send()
            .await
            .unwrap_err();
        match error {
            Error::InvalidRequest { message } => assert_eq!(
                message,
                format!(
                    "header `{}` is set by the HTTP client and may not be given",
                    name.to_ascii_lowercase()
                )
            ),
            other => panic!("{name}: {other:?}"),
        }
    }
    assert!(harness.token_requests().await.is_empty());
    assert!(harness.provider_requests().await.is_empty());
}

#[tokio::test]
async fn unreachable_provider_is_a_network_error() {
    let harness = Harness::start().await;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let error = harness
        .vault()
        .request(
            Provider::Google,
            Method::GET,
            format!("http://{address}/x?q=1"),
        )
        .user(User::id("a"))
        .send()
        .await
        .unwrap_err();
    assert!(error.is_network(), "{error:?}");
    assert_eq!(
        error.to_string(),
        "network error: could not connect to the provider"
    );
    assert_eq!(
        error.details().unwrap().get("url"),
        Some(&json!(format!("http://{address}/x")))
    );
    assert!(harness.audit_records().await.is_empty());
}

#[tokio::test]
async fn per_call_timeout_is_a_network_error() {
    let harness = Harness::start().await;
    harness
        .provider_answers(ResponseTemplate::new(200).set_delay(std::time::Duration::from_secs(5)))
        .await;
    let error = harness
        .vault()
        .request(Provider::Google, Method::GET, harness.url("/slow"))
        .user(User::id("a"))
        .timeout(std::time::Duration::from_millis(50))
        .send()
        .await
        .unwrap_err();
    assert!(error.is_network(), "{error:?}");
    assert_eq!(
        error.to_string(),
        "network error: provider request timed out"
    );
}

#[test]
fn vault_and_builders_are_thread_safe() {
    fn send_sync<T: Send + Sync + Clone + 'static>() {}
    fn send<T: Send + 'static>() {}
    send_sync::<AlterVault>();
    send::<alter_runtime::RequestBuilder>();
    send::<alter_runtime::__private::Call>();
    send::<Error>();
    send_sync::<alter_runtime::Response>();
    send_sync::<alter_runtime::AlterVaultBuilder>();
    fn boxable_error<T: std::error::Error + Send + Sync + 'static>() {}
    boxable_error::<Error>();
}

#[tokio::test]
async fn the_longest_timeouts_do_not_overflow() {
    let harness = Harness::start().await;
    harness.provider_answers(ResponseTemplate::new(200)).await;
    let vault = harness
        .builder()
        .timeout(std::time::Duration::MAX)
        .build()
        .unwrap();
    let response = vault
        .request(Provider::Google, Method::GET, harness.url("/x"))
        .user(User::id("a"))
        .timeout(std::time::Duration::MAX)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
}

#[tokio::test]
async fn a_zero_call_timeout_is_refused_before_the_token() {
    let harness = Harness::start().await;
    harness.provider_answers(ResponseTemplate::new(200)).await;
    let error = harness
        .vault()
        .request(Provider::Google, Method::GET, harness.url("/x"))
        .user(User::id("a"))
        .timeout(std::time::Duration::ZERO)
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid request: the call's timeout must be greater than zero"
    );
    assert!(harness.token_requests().await.is_empty());
}
