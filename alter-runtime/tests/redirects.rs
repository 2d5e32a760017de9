//! Redirects: credentials stay on the first origin.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use alter_runtime::{Method, Provider, User};
use common::*;
use serde_json::json;
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const CREDENTIALS: [&str; 5] = [
    "authorization",
    "cookie",
    "proxy-authorization",
    "x-api-key",
    "x-auth-token",
];

fn redirect(status: u16, to: String) -> ResponseTemplate {
    ResponseTemplate::new(status).insert_header("Location", to.as_str())
}

async fn route(server: &MockServer, at: &str, response: ResponseTemplate) {
    Mock::given(path(at))
        .respond_with(response)
        .mount(server)
        .await;
}

async fn received(server: &MockServer, at: &str) -> Vec<Request> {
    let all = server.received_requests().await.unwrap();
    all.into_iter().filter(|r| r.url.path() == at).collect()
}

fn with_credentials(request: alter_runtime::RequestBuilder) -> alter_runtime::RequestBuilder {
    request
        .user(User::id("a"))
        .header("Cookie", "session=abc")
        .header("Proxy-Authorization", "Basic cHJveHk=")
        .header("X-Api-Key", "provider-key")
        .header("X-Auth-Token", "auth-token")
        .header("X-Trace", "t-1")
}

#[tokio::test]
async fn cross_origin_redirect_drops_every_credential_for_good() {
    let harness = Harness::start().await;
    let other = MockServer::start().await;
    route(
        &harness.provider,
        "/start",
        redirect(302, format!("{}/hop", other.uri())),
    )
    .await;
    route(&other, "/hop", redirect(302, harness.url("/final"))).await;
    route(
        &harness.provider,
        "/final",
        ResponseTemplate::new(200).set_body_json(json!({"ok": true})),
    )
    .await;

    let response = with_credentials(harness.vault().request(
        Provider::Google,
        Method::GET,
        harness.url("/start"),
    ))
    .send()
    .await
    .unwrap();
    assert_eq!(
        response.json::<serde_json::Value>().unwrap(),
        json!({"ok": true})
    );

    let first = &received(&harness.provider, "/start").await[0];
    assert_eq!(
        header(first, "authorization"),
        Some(format!("Bearer {TOKEN}"))
    );
    assert_eq!(header(first, "cookie").as_deref(), Some("session=abc"));
    assert_eq!(header(first, "x-api-key").as_deref(), Some("provider-key"));

    let hops = [
        received(&other, "/hop").await,
        received(&harness.provider, "/final").await,
    ];
    for hop in hops {
        assert_eq!(hop.len(), 1);
        for name in CREDENTIALS {
            assert_eq!(header(&hop[0], name), None, "{name} on {}", hop[0].url);
        }
        assert_eq!(header(&hop[0], "x-trace").as_deref(), Some("t-1"));
        assert_eq!(
            header(&hop[0], "user-agent").as_deref(),
            Some(alter_runtime::USER_AGENT)
        );
    }
}

#[tokio::test]
async fn same_origin_redirect_keeps_the_token() {
    let harness = Harness::start().await;
    route(&harness.provider, "/old", redirect(301, "/new".into())).await;
    route(&harness.provider, "/new", ResponseTemplate::new(200)).await;
    with_credentials(
        harness
            .vault()
            .request(Provider::Google, Method::GET, harness.url("/old")),
    )
    .send()
    .await
    .unwrap();
    let new = &received(&harness.provider, "/new").await[0];
    assert_eq!(
        header(new, "authorization"),
        Some(format!("Bearer {TOKEN}"))
    );
    assert_eq!(header(new, "cookie").as_deref(), Some("session=abc"));
}

#[tokio::test]
async fn redirect_methods_and_bodies() {
    let harness = Harness::start().await;
    route(&harness.provider, "/keep", redirect(307, "/kept".into())).await;
    route(&harness.provider, "/kept", ResponseTemplate::new(200)).await;
    route(&harness.provider, "/see", redirect(303, "/seen".into())).await;
    route(&harness.provider, "/seen", ResponseTemplate::new(200)).await;
    let vault = harness.vault();
    for start in ["/keep", "/see"] {
        vault
            .request(Provider::Google, Method::POST, harness.url(start))
            .user(User::id("a"))
            .header("Content-Type", "application/json; charset=utf-8")
            .json(&json!({"n": 1}))
            .send()
            .await
            .unwrap();
    }
    let kept = &received(&harness.provider, "/kept").await[0];
    assert_eq!(kept.method.as_str(), "POST");
    assert_eq!(
        kept.body_json::<serde_json::Value>().unwrap(),
        json!({"n": 1})
    );
    assert_eq!(
        header(kept, "content-type").as_deref(),
        Some("application/json; charset=utf-8")
    );
    let seen = &received(&harness.provider, "/seen").await[0];
    assert_eq!(seen.method.as_str(), "GET");
    assert!(seen.body.is_empty());
    assert_eq!(header(seen, "content-type"), None);
}

#[tokio::test]
async fn a_sixth_redirect_is_a_too_many_redirects_error() {
    let harness = Harness::start().await;
    route(&harness.provider, "/loop", redirect(302, "/loop".into())).await;
    let error = harness.get("/loop").await.unwrap_err();
    assert!(error.is_network(), "{error:?}");
    assert_eq!(error.message(), "too many redirects (more than 5)");
    let details = error.details().unwrap();
    assert_eq!(details["status"], json!(302));
    assert_eq!(details["max_redirects"], json!(5));
    assert_eq!(details["url"], json!(harness.url("/loop")));
    assert_eq!(received(&harness.provider, "/loop").await.len(), 6);
}

#[tokio::test]
async fn too_many_redirects_audits_the_last_redirect() {
    let harness = Harness::start().await;
    let looping = redirect(302, "/loop".into()).set_body_string("moved");
    route(&harness.provider, "/loop", looping).await;
    let vault = harness.vault();
    let error = vault
        .request(Provider::Google, Method::GET, harness.url("/loop"))
        .user(User::id("a"))
        .send()
        .await
        .unwrap_err();
    assert_eq!(error.message(), "too many redirects (more than 5)");
    vault.close().await;
    let records = harness.audit_records().await;
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["url"], json!(harness.url("/loop")));
    assert_eq!(records[0]["response_status"], json!(302));
    assert_eq!(records[0]["response_body"], json!("moved"));
    assert_eq!(records[0]["response_headers"]["location"], json!("/loop"));
}

#[tokio::test]
async fn five_redirects_are_followed() {
    let harness = Harness::start().await;
    for hop in 0..5 {
        let to = format!("/r{}", hop + 1);
        route(&harness.provider, &format!("/r{hop}"), redirect(307, to)).await;
    }
    route(&harness.provider, "/r5", ResponseTemplate::new(204)).await;
    let response = harness.get("/r0").await.unwrap();
    assert_eq!(response.status().as_u16(), 204);
}

#[tokio::test]
async fn audit_names_the_first_url() {
    let harness = Harness::start().await;
    route(&harness.provider, "/a", redirect(302, "/b?x=1".into())).await;
    route(&harness.provider, "/b", ResponseTemplate::new(200)).await;
    harness.get_and_close("/a").await.unwrap();
    let records = harness.audit_records().await;
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["url"], json!(harness.url("/a")));
    assert_eq!(records[0]["response_status"], json!(200));
}

#[tokio::test]
async fn redirect_to_plain_http_off_loopback_is_not_followed() {
    let harness = Harness::start().await;
    route(
        &harness.provider,
        "/start",
        redirect(307, "http://plain.invalid/next?q=v".into()),
    )
    .await;
    let vault = harness.vault();
    let response = vault
        .request(Provider::Google, Method::POST, harness.url("/start"))
        .user(User::id("a"))
        .json(&json!({"n": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 307);
    assert_eq!(
        response.headers()["location"],
        "http://plain.invalid/next?q=v"
    );
    assert_eq!(harness.provider_requests().await.len(), 1);

    let lax = harness.builder().allow_insecure_http(true).build().unwrap();
    let error = lax
        .request(Provider::Google, Method::POST, harness.url("/start"))
        .user(User::id("a"))
        .json(&json!({"n": 1}))
        .send()
        .await
        .unwrap_err();
    assert!(
        error.is_network(),
        "followed when plain http is allowed: {error:?}"
    );
}

#[tokio::test]
async fn cross_origin_redirect_drops_headers_named_like_credentials() {
    let harness = Harness::start().await;
    let other = MockServer::start().await;
    route(
        &harness.provider,
        "/start",
        redirect(307, format!("{}/hop", other.uri())),
    )
    .await;
    route(&other, "/hop", ResponseTemplate::new(200)).await;

    harness
        .vault()
        .request(Provider::Google, Method::GET, harness.url("/start"))
        .user(User::id("a"))
        .header("Private-Token", "glpat-1")
        .header("X-Goog-Api-Key", "AIza-1")
        .header("X-Client-Secret", "s-1")
        .header("X-Session-Id", "sess-1")
        .header("X-Amz-Signature", "sig-1")
        .header("X-Password", "pw-1")
        .header("X-Trace", "t-1")
        .send()
        .await
        .unwrap();

    let first = &received(&harness.provider, "/start").await[0];
    assert_eq!(header(first, "private-token").as_deref(), Some("glpat-1"));
    assert_eq!(header(first, "x-goog-api-key").as_deref(), Some("AIza-1"));
    let hop = &received(&other, "/hop").await[0];
    assert_eq!(
        header_names(hop),
        ["accept", "host", "user-agent", "x-trace"]
    );
}
