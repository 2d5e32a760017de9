//! Configuration checks at `build()` (all errors, never panics), and the
//! effect of each option on the calls of the built vault.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use std::time::Duration;

use alter_runtime::__private::{Call, Endpoint, PathPart};
use alter_runtime::{Actor, AlterVault, AlterVaultBuilder, Error, Method, Provider, User};
use common::{Harness, token_ok};
use wiremock::ResponseTemplate;

const KEY: &str = "alter_key_abc";

fn config_error(builder: AlterVaultBuilder) -> String {
    match builder.build() {
        Err(Error::Configuration { message }) => message,
        other => panic!("expected a configuration error, got {other:?}"),
    }
}

#[test]
fn api_key_must_have_the_prefix() {
    assert_eq!(
        config_error(AlterVault::builder("")),
        "an API key is required"
    );
    assert_eq!(
        config_error(AlterVault::builder("sk_live_abc")),
        "the API key must start with `alter_key_`"
    );
    assert_eq!(
        config_error(AlterVault::builder("alter_key_")),
        "the API key has nothing after `alter_key_`; give the whole key"
    );
    assert!(AlterVault::builder(KEY).build().is_ok());
    assert!(AlterVault::builder("alter_key_x").build().is_ok());
}

#[test]
fn api_key_must_not_be_blank_or_hold_whitespace() {
    for blank in ["alter_key_   ", "alter_key_\t", "alter_key_\n"] {
        assert_eq!(
            config_error(AlterVault::builder(blank)),
            "the API key has nothing after `alter_key_`; give the whole key",
            "{blank:?}"
        );
    }
    for spaced in [
        "alter_key_abc\n",
        "alter_key_abc ",
        "alter_key_a b",
        "alter_key_ab\u{0}c",
        "alter_key_ab\u{7f}",
        "alter_key_ab\u{a0}c",
    ] {
        assert_eq!(
            config_error(AlterVault::builder(spaced)),
            "the API key holds whitespace or control characters; give the key as issued, \
             without spaces or line breaks",
            "{spaced:?}"
        );
    }
}

#[test]
fn host_patterns_written_as_urls_suggest_the_host() {
    let cases = [
        ("https://x.com", "write `x.com`"),
        ("https://x.com/", "write `x.com`"),
        ("http://api.x.com:8443/v1?a=b", "write `api.x.com:8443`"),
        ("https://*.x.com/path", "write `*.x.com`"),
        ("HTTPS://X.com", "write `x.com`"),
        ("https://", "such as `api.example.com`"),
        ("https://user@x.com", "such as `api.example.com`"),
    ];
    for (pattern, suggestion) in cases {
        let message = config_error(AlterVault::builder(KEY).allow_host("hubspot", pattern));
        let shown = pattern.to_ascii_lowercase();
        assert_eq!(
            message,
            format!(
                "invalid host pattern `{shown}`: give the host only, without scheme or path; \
                 {suggestion}"
            )
        );
    }
    assert!(
        AlterVault::builder(KEY)
            .allow_host("hubspot", "x.com")
            .build()
            .is_ok()
    );
}

#[test]
fn empty_provider_ids_are_refused() {
    for id in ["", "  "] {
        assert_eq!(
            config_error(AlterVault::builder(KEY).allow_host(id, "x.com")),
            "the provider id given to `allow_host` is empty; name the provider, such as \
             `hubspot`"
        );
        assert_eq!(
            config_error(
                AlterVault::builder(KEY).provider_base_url(id, "https://api.acme.example")
            ),
            "the provider id given to `provider_base_url` is empty; name the provider, such \
             as `hubspot`"
        );
    }
}

#[test]
fn actor_rules() {
    let cases = [
        (
            Actor::with_type("bot", "x"),
            "actor type must be `ai_agent` or `mcp_server`",
        ),
        (Actor::ai_agent(""), "an actor needs a non-empty identifier"),
        (
            Actor::ai_agent("a".repeat(256)),
            "actor identifier is longer than 255 characters",
        ),
        (
            Actor::mcp_server("ok").framework("line\nbreak"),
            "actor framework may hold printable ASCII characters only",
        ),
        (
            Actor::mcp_server("ok").client_type("\u{7f}"),
            "actor client type may hold printable ASCII characters only",
        ),
    ];
    for (actor, message) in cases {
        assert_eq!(config_error(AlterVault::builder(KEY).actor(actor)), message);
    }
    let ok = Actor::with_type("mcp_server", "m".repeat(255)).name("n".repeat(255));
    assert!(AlterVault::builder(KEY).actor(ok).build().is_ok());
}

#[test]
fn base_url_rules() {
    for bad in ["not a url", "ftp://vault.example", "http://vault.example"] {
        let message = config_error(AlterVault::builder(KEY).base_url(bad));
        assert!(message.starts_with("the base URL"), "{bad}: {message}");
    }
    for good in [
        "https://vault.example/",
        "http://127.0.0.1:8080",
        "http://localhost",
    ] {
        assert!(
            AlterVault::builder(KEY).base_url(good).build().is_ok(),
            "{good}"
        );
    }
    let lax = AlterVault::builder(KEY)
        .base_url("http://vault.internal")
        .allow_insecure_http(true);
    assert!(lax.build().is_ok());
}

#[test]
fn urls_holding_credentials_are_refused_without_echoing_them() {
    let cases = [
        (
            AlterVault::builder(KEY).base_url("https://ops:pa55word@vault.example"),
            "the base URL may not hold credentials",
        ),
        (
            AlterVault::builder(KEY).base_url("https://pa55word@vault.example"),
            "the base URL may not hold credentials",
        ),
        (
            AlterVault::builder(KEY)
                .provider_base_url("acme", "https://ops:pa55word@api.acme.example"),
            "the provider base URL may not hold credentials",
        ),
    ];
    for (builder, expected) in cases {
        assert_eq!(config_error(builder), expected);
    }
}

#[test]
fn base_urls_with_a_query_or_fragment_are_refused() {
    for bad in [
        "https://vault.example/?region=eu",
        "https://vault.example/v1?",
        "https://vault.example#top",
    ] {
        assert_eq!(
            config_error(AlterVault::builder(KEY).base_url(bad)),
            "the base URL may not hold a query (`?`) or a fragment (`#`); remove it",
            "{bad}"
        );
        assert_eq!(
            config_error(AlterVault::builder(KEY).provider_base_url("acme", bad)),
            "the provider base URL may not hold a query (`?`) or a fragment (`#`); remove it",
            "{bad}"
        );
    }
    let with_path = AlterVault::builder(KEY)
        .base_url("https://vault.example/v1/")
        .provider_base_url("acme", "https://api.acme.example/v2");
    assert!(with_path.build().is_ok());
}

#[test]
fn invalid_other_options_are_configuration_errors() {
    assert_eq!(
        config_error(AlterVault::builder(KEY).timeout(Duration::ZERO)),
        "the timeout must be greater than zero"
    );
    assert_eq!(
        config_error(AlterVault::builder(KEY).audit_queue_capacity(0)),
        "the audit queue capacity must be at least 1"
    );
    assert_eq!(
        config_error(AlterVault::builder(KEY).allow_host(Provider::Google, "a.com/x")),
        "invalid host pattern `a.com/x`: give the host only, without scheme or path; \
         write `a.com`"
    );
    assert_eq!(
        config_error(AlterVault::builder(KEY).max_response_bytes(0)),
        "the response size limit (`max_response_bytes`) must be at least 1"
    );
    assert!(
        AlterVault::builder(KEY)
            .max_response_bytes(1)
            .build()
            .is_ok()
    );
    assert_eq!(
        config_error(AlterVault::builder(KEY).provider_base_url("acme", "")),
        "the provider base URL is empty"
    );
    assert_eq!(
        config_error(AlterVault::builder(KEY).provider_base_url(Provider::Github, " ")),
        "the provider base URL is empty"
    );
    assert_eq!(
        config_error(AlterVault::builder(KEY).base_url("")),
        "the base URL is empty"
    );
    let message = config_error(AlterVault::builder(KEY).provider_base_url("acme", "nope"));
    assert!(
        message.starts_with("the provider base URL is not a valid URL"),
        "{message}"
    );
}

async fn send(vault: &AlterVault, provider: &str, url: String) -> alter_runtime::Result<()> {
    vault
        .request(provider, Method::GET, url)
        .user(User::id("a"))
        .send()
        .await
        .map(drop)
}

#[tokio::test]
async fn timeout_bounds_backend_and_provider_requests() {
    let slow = Duration::from_secs(2);
    let provider_slow = Harness::start().await;
    provider_slow
        .provider_answers(ResponseTemplate::new(200).set_delay(slow))
        .await;
    let backend_slow = Harness::with_token_response(token_ok().set_delay(slow)).await;
    for (harness, expected) in [
        (&provider_slow, "network error: provider request timed out"),
        (&backend_slow, "network error: vault backend timed out"),
    ] {
        let vault = harness
            .builder()
            .timeout(Duration::from_millis(200))
            .build()
            .unwrap();
        let error = send(&vault, "google", harness.url("/x")).await.unwrap_err();
        assert_eq!(error.to_string(), expected);
    }
}

#[tokio::test]
async fn disabled_audit_logging_sends_no_record() {
    let harness = Harness::start().await;
    harness.provider_answers(ResponseTemplate::new(200)).await;
    let quiet = harness
        .builder()
        .enable_audit_logging(false)
        .build()
        .unwrap();
    send(&quiet, "google", harness.url("/quiet")).await.unwrap();
    quiet.close().await;
    assert!(harness.audit_records().await.is_empty());

    let audited = harness.vault();
    send(&audited, "google", harness.url("/audited"))
        .await
        .unwrap();
    audited.close().await;
    let urls: Vec<_> = harness
        .audit_records()
        .await
        .iter()
        .map(|record| record["url"].clone())
        .collect();
    assert_eq!(urls, [harness.url("/audited")]);
}

#[tokio::test]
async fn audit_queue_capacity_is_how_many_records_may_wait() {
    // The first post never finishes within the test, so every later record
    // waits in the queue.
    let stuck = ResponseTemplate::new(200).set_delay(Duration::from_secs(10));
    let harness = Harness::with_backend(token_ok(), stuck).await;
    harness.provider_answers(ResponseTemplate::new(200)).await;
    let vault = harness.builder().audit_queue_capacity(3).build().unwrap();
    send(&vault, "google", harness.url("/x")).await.unwrap();
    harness.wait_for_audit_posts(1).await;
    for _ in 0..3 {
        send(&vault, "google", harness.url("/x")).await.unwrap();
    }
    assert_eq!(vault.audit_records_dropped(), 0);
    send(&vault, "google", harness.url("/x")).await.unwrap();
    assert_eq!(vault.audit_records_dropped(), 1);
}

#[tokio::test]
async fn allowed_host_pattern_binds_the_provider_to_subdomains() {
    // Without a connection the call stops at the token, after the host check
    // and before any request to the host.
    let harness = Harness::with_token_response(ResponseTemplate::new(404)).await;
    let vault = harness
        .builder()
        .allow_host("acme", "*.acme.io")
        .build()
        .unwrap();
    for allowed in ["https://api.acme.io/x", "https://eu.api.acme.io/x"] {
        let error = send(&vault, "acme", allowed.into()).await.unwrap_err();
        assert_eq!(error.to_string(), "connection not found", "{allowed}");
    }
    assert_eq!(harness.token_requests().await.len(), 2);
    for (refused, host) in [
        ("https://acme.io/x", "acme.io"),
        ("https://api.acme.io.evil/x", "api.acme.io.evil"),
    ] {
        let error = send(&vault, "acme", refused.into()).await.unwrap_err();
        assert_eq!(
            error.to_string(),
            format!("invalid request: host `{host}` is not allowed for provider `acme`")
        );
    }
    assert_eq!(harness.token_requests().await.len(), 2);
}

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

#[tokio::test]
async fn provider_base_url_is_where_typed_endpoints_go_and_is_allowed() {
    let harness = Harness::start().await;
    harness.provider_answers(ResponseTemplate::new(200)).await;
    let unset = harness.vault();
    let error = send(&unset, "salesforce", harness.url("/x"))
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "invalid request: host `127.0.0.1:{}` is not allowed for provider `salesforce`",
            harness.provider.address().port()
        )
    );

    let vault = AlterVault::builder(common::API_KEY)
        .base_url(harness.backend.uri())
        .provider_base_url(Provider::Salesforce, harness.url("/services/data/v62.0"))
        .build()
        .unwrap();
    Call::new(&vault, &SALESFORCE_QUERY, &User::id("a"))
        .send_unit()
        .await
        .unwrap();
    send(&vault, "salesforce", harness.url("/other"))
        .await
        .unwrap();
    let paths: Vec<String> = harness
        .provider_requests()
        .await
        .iter()
        .map(|request| request.url.path().to_owned())
        .collect();
    assert_eq!(paths, ["/services/data/v62.0/query", "/other"]);
}

#[test]
fn oversized_audit_queue_is_a_configuration_error_not_a_panic() {
    assert_eq!(
        config_error(AlterVault::builder(KEY).audit_queue_capacity(usize::MAX)),
        format!(
            "the audit queue capacity may be at most {}",
            alter_runtime::MAX_AUDIT_QUEUE_CAPACITY
        )
    );
}

#[test]
fn builder_debug_leaves_out_url_credentials() {
    let builder = AlterVault::builder(KEY)
        .base_url("https://ops:pa55word@vault.example/v1")
        .provider_base_url("acme", "https://bot:t0ken@api.acme.example")
        .provider_base_url("other", "not a url://who:s3cret@x");
    let debug = format!("{builder:?}");
    for secret in ["pa55word", "t0ken", "s3cret", "ops", "bot"] {
        assert!(!debug.contains(secret), "{secret} in {debug}");
    }
    assert!(
        debug.contains(r#"base_url: "https://vault.example/v1""#),
        "{debug}"
    );
    assert!(debug.contains(r#""https://api.acme.example/""#), "{debug}");
}

#[test]
fn builder_and_vault_debug_hide_the_key() {
    let builder = AlterVault::builder("alter_key_hidden");
    assert!(!format!("{builder:?}").contains("hidden"));
    let vault = builder.build().unwrap();
    let debug = format!("{vault:?}");
    assert!(!debug.contains("hidden"));
    assert!(debug.starts_with("AlterVault { backend: \"HttpBackend(https://api.alter.com/)\""));
}
