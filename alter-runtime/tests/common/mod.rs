//! A backend and a provider played by wiremock on loopback.
#![allow(
    dead_code,
    unreachable_pub,
    reason = "each test file uses a part of this module"
)]
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test setup")]

pub mod logs;
pub mod raw;

use alter_runtime::{AlterVault, AlterVaultBuilder, Method, Provider, Response, User};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

pub const API_KEY: &str = "alter_key_test_K3y5ecret";
pub const TOKEN: &str = "ya29.T0ken-s3cret-value";
pub const CONNECTION_ID: &str = "0b9c6f3e-3c9e-4c4e-9a57-1f2d3c4b5a69";
pub const ACTOR_ID: &str = "6f1c2b3a-1111-4222-8333-944455556666";
pub const TOKEN_PATH: &str = "/oauth/token";
pub const AUDIT_PATH: &str = "/oauth/audit/api-call";

pub struct Harness {
    pub backend: MockServer,
    pub provider: MockServer,
}

pub fn token_ok() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "access_token": TOKEN,
        "token_type": "Bearer",
        "expires_in": 3599,
        "scopes": ["calendar.readonly"],
        "connection_id": CONNECTION_ID,
    }))
}

impl Harness {
    /// A backend handing out `TOKEN` and accepting audit records.
    pub async fn start() -> Harness {
        Harness::with_token_response(token_ok()).await
    }

    pub async fn with_token_response(token: ResponseTemplate) -> Harness {
        Harness::with_backend(token, ResponseTemplate::new(200)).await
    }

    /// A backend giving these answers to token requests and audit posts.
    pub async fn with_backend(token: ResponseTemplate, audit: ResponseTemplate) -> Harness {
        let backend = MockServer::start().await;
        let provider = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path(TOKEN_PATH))
            .respond_with(token)
            .mount(&backend)
            .await;
        Mock::given(method("POST"))
            .and(path(AUDIT_PATH))
            .respond_with(audit)
            .mount(&backend)
            .await;
        Harness { backend, provider }
    }

    /// A vault on the backend, with Google bound to the loopback provider.
    pub fn builder(&self) -> AlterVaultBuilder {
        AlterVault::builder(API_KEY)
            .base_url(self.backend.uri())
            .allow_host(Provider::Google, "127.0.0.1")
    }

    pub fn vault(&self) -> AlterVault {
        self.builder().build().unwrap()
    }

    /// Sends one GET of `path` on the provider for `User::id("a")` from a fresh vault.
    pub async fn get(&self, path: &str) -> alter_runtime::Result<Response> {
        self.get_from(&self.vault(), path).await
    }

    /// Like [`Harness::get`], then closes the vault so that its audit record has been posted.
    pub async fn get_and_close(&self, path: &str) -> alter_runtime::Result<Response> {
        let vault = self.vault();
        let result = self.get_from(&vault, path).await;
        vault.close().await;
        result
    }

    async fn get_from(&self, vault: &AlterVault, path: &str) -> alter_runtime::Result<Response> {
        vault
            .request(Provider::Google, Method::GET, self.url(path))
            .user(User::id("a"))
            .send()
            .await
    }

    /// A URL on the provider.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.provider.uri())
    }

    pub async fn provider_answers(&self, response: ResponseTemplate) {
        Mock::given(wiremock::matchers::any())
            .respond_with(response)
            .mount(&self.provider)
            .await;
    }

    pub async fn backend_requests(&self, at: &str) -> Vec<Request> {
        let all = self.backend.received_requests().await.unwrap();
        all.into_iter().filter(|r| r.url.path() == at).collect()
    }

    pub async fn token_requests(&self) -> Vec<Request> {
        self.backend_requests(TOKEN_PATH).await
    }

    /// Waits until the backend has received `count` audit posts (it records
    /// a post on arrival, before answering it).
    pub async fn wait_for_audit_posts(&self, count: usize) {
        let started = std::time::Instant::now();
        while self.backend_requests(AUDIT_PATH).await.len() < count {
            assert!(
                started.elapsed() < std::time::Duration::from_secs(5),
                "fewer than {count} audit posts arrived"
            );
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
    }

    pub async fn audit_records(&self) -> Vec<Value> {
        let requests = self.backend_requests(AUDIT_PATH).await;
        requests.iter().map(|r| r.body_json().unwrap()).collect()
    }

    pub async fn provider_requests(&self) -> Vec<Request> {
        self.provider.received_requests().await.unwrap()
    }
}

/// A header's value as text, or `None`.
pub fn header(request: &Request, name: &str) -> Option<String> {
    request
        .headers
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
}

/// Every header name of a request, lowercase and sorted.
pub fn header_names(request: &Request) -> Vec<String> {
    let mut names: Vec<String> = request
        .headers
        .keys()
        .map(|k| k.as_str().to_owned())
        .collect();
    names.sort();
    names.dedup();
    names
}
