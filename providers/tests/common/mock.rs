//! A loopback world for endpoint tests: one wiremock server plays the vault
//! backend (`/oauth/token`, `/oauth/audit/api-call`) and the provider.

#![allow(
    dead_code,
    unreachable_pub,
    reason = "shared by several test crates, each using a part"
)]
#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

use alter_runtime::{AlterVault, Provider, User};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// The provider token the fake backend hands out.
pub const TOKEN: &str = "ya29.test-provider-token";

/// The fake backend and provider, and a vault pointed at them.
pub struct World {
    pub server: MockServer,
    pub vault: AlterVault,
    pub user: User,
}

impl World {
    /// A vault whose `provider` base URL is the server plus `base_path` (e.g. `/v1`).
    pub async fn new(provider: Provider, base_path: &str) -> World {
        let server = MockServer::start().await;
        let token = json!({
            "access_token": TOKEN, "token_type": "Bearer", "expires_in": 3599,
            "connection_id": "0b9c6f3e-3c9e-4c4e-9a57-1f2d3c4b5a69"
        });
        Mock::given(method("POST"))
            .and(path("/oauth/token"))
            .respond_with(ResponseTemplate::new(200).set_body_json(token))
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/oauth/audit/api-call"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": true})))
            .mount(&server)
            .await;
        let vault = AlterVault::builder("alter_key_test")
            .base_url(server.uri())
            .provider_base_url(provider, format!("{}{base_path}", server.uri()))
            .build()
            .unwrap();
        World {
            server,
            vault,
            user: User::id("alice"),
        }
    }

    /// The server's base URL, `http://127.0.0.1:PORT`.
    pub fn uri(&self) -> String {
        self.server.uri()
    }

    /// Serves `body` (JSON) with status 200 for `verb path`.
    pub async fn serve(&self, verb: &str, at: &str, body: Value) {
        self.serve_status(verb, at, 200, body).await;
    }

    /// Serves `body` (JSON) with `status` for `verb path`.
    pub async fn serve_status(&self, verb: &str, at: &str, status: u16, body: Value) {
        let response = ResponseTemplate::new(status).set_body_json(body);
        Mock::given(method(verb))
            .and(path(at))
            .respond_with(response)
            .mount(&self.server)
            .await;
    }

    /// Every request that reached the provider (not the backend), in order.
    pub async fn provider_requests(&self) -> Vec<Request> {
        let all = self.server.received_requests().await.unwrap_or_default();
        all.into_iter()
            .filter(|r| !r.url.path().starts_with("/oauth/"))
            .collect()
    }

    /// The one request that reached the provider.
    pub async fn only_request(&self) -> Request {
        let mut requests = self.provider_requests().await;
        assert_eq!(requests.len(), 1, "expected exactly one provider request");
        requests.remove(0)
    }

    /// How many tokens the backend handed out.
    pub async fn token_requests(&self) -> usize {
        let all = self.server.received_requests().await.unwrap_or_default();
        all.iter()
            .filter(|r| r.url.path() == "/oauth/token")
            .count()
    }

    /// The audit records the backend received, after draining the queue.
    pub async fn audit_records(&self) -> Vec<Value> {
        self.vault.close().await;
        let all = self.server.received_requests().await.unwrap_or_default();
        let audits = all
            .iter()
            .filter(|r| r.url.path() == "/oauth/audit/api-call");
        audits
            .map(|r| serde_json::from_slice(&r.body).unwrap())
            .collect()
    }
}

/// The query of a request as ordered pairs, decoded.
pub fn query(request: &Request) -> Vec<(String, String)> {
    request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// Builds the expected query pairs from literals.
pub fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// A request header's value, if present.
pub fn header<'r>(request: &'r Request, name: &str) -> Option<&'r str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

/// The JSON body of a request.
pub fn body(request: &Request) -> Value {
    serde_json::from_slice(&request.body).unwrap()
}

/// Asserts the method, path, query, bearer token and (absent) body of a GET.
pub fn assert_get(request: &Request, at: &str, expected_query: &[(&str, &str)]) {
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(request.url.path(), at);
    assert_eq!(query(request), pairs(expected_query));
    assert_eq!(
        header(request, "authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert!(request.body.is_empty(), "a GET sends no body");
}

/// Asserts the method, path, empty query, bearer token and JSON body of a write.
pub fn assert_write(request: &Request, verb: &str, at: &str, expected_body: &Value) {
    assert_eq!(request.method.as_str(), verb);
    assert_eq!(request.url.path(), at);
    assert_eq!(request.url.query(), None);
    assert_eq!(
        header(request, "authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert_eq!(header(request, "content-type"), Some("application/json"));
    assert_eq!(&body(request), expected_body);
}
