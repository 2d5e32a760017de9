//! Configuration checks at `build()`: all errors, never panics.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

use std::time::Duration;

use alter_runtime::{Actor, AlterVault, AlterVaultBuilder, Error, Provider};

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
    assert!(AlterVault::builder(KEY).build().is_ok());
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
fn other_options() {
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
        "invalid host pattern `a.com/x`"
    );
    let message = config_error(AlterVault::builder(KEY).provider_base_url("acme", "nope"));
    assert!(
        message.starts_with("the provider base URL is not a valid URL"),
        "{message}"
    );
    let built = AlterVault::builder(KEY)
        .timeout(Duration::from_secs(5))
        .enable_audit_logging(false)
        .audit_queue_capacity(8)
        .allow_host("acme", "*.acme.io")
        .provider_base_url(
            Provider::Salesforce,
            "https://acme.my.salesforce.com/services/data/v62.0",
        )
        .build()
        .unwrap();
    assert_eq!(built.audit_records_dropped(), 0);
    assert!(built.context().is_none());
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
