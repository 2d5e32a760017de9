//! Shared set-up for the integration tests: a vault on loopback, a key, and a client.

#![allow(
    dead_code,
    reason = "each test file uses a different part of this module"
)]

use std::time::{Duration, SystemTime};

use alter_local_vault::{LocalVault, LocalVaultBuilder, NewConnection};
use serde_json::{Value, json};

/// A running vault with one API key.
pub(crate) struct Harness {
    pub(crate) vault: LocalVault,
    pub(crate) key: String,
    pub(crate) http: reqwest::Client,
}

impl Harness {
    /// A vault with default settings.
    pub(crate) async fn start() -> Harness {
        Harness::with(LocalVault::builder()).await
    }

    /// A vault from a configured builder.
    pub(crate) async fn with(builder: LocalVaultBuilder) -> Harness {
        let vault = builder.start().await.expect("the vault starts");
        let key = vault.create_api_key("tests").await.expect("a key");
        Harness {
            vault,
            key,
            http: reqwest::Client::new(),
        }
    }

    /// Adds a connection and returns its id as text.
    pub(crate) async fn add(&self, connection: NewConnection) -> String {
        self.vault
            .add_connection(connection)
            .await
            .expect("the connection is stored")
            .to_string()
    }

    /// `POST /oauth/token` with the harness key and extra headers.
    pub(crate) async fn token_with(
        &self,
        body: Value,
        headers: &[(&str, &str)],
    ) -> reqwest::Response {
        self.token_as(&self.key, body, headers).await
    }

    /// `POST /oauth/token` with the API key `key` and extra headers.
    pub(crate) async fn token_as(
        &self,
        key: &str,
        body: Value,
        headers: &[(&str, &str)],
    ) -> reqwest::Response {
        let mut request = self
            .http
            .post(format!("{}/oauth/token", self.vault.base_url()))
            .header("x-api-key", key)
            .json(&body);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.send().await.expect("the vault answers")
    }

    /// `POST /oauth/token` with the harness key.
    pub(crate) async fn token(&self, body: Value) -> reqwest::Response {
        self.token_with(body, &[]).await
    }

    /// `POST /oauth/token` for `provider` and `{"user_id": user}`, returning status and body.
    pub(crate) async fn token_for(&self, provider: &str, user: &str) -> (u16, Value) {
        let response = self.token(request(provider, user)).await;
        let status = response.status().as_u16();
        (status, response.json().await.expect("a JSON body"))
    }
}

/// The body an SDK sends for `provider` and `{"user_id": user}`.
pub(crate) fn request(provider: &str, user: &str) -> Value {
    json!({"provider_id": provider, "attributes": {"user_id": user}, "reason": null})
}

/// A connection for `provider` and `user_id = user`, valid for an hour.
pub(crate) fn connection(provider: &str, user: &str, token: &str) -> NewConnection {
    NewConnection::new(provider, token)
        .attribute("user_id", user)
        .expires_in(Duration::from_secs(3600))
}

/// A connection whose token expired ten seconds ago, refreshable at `token_url`.
pub(crate) fn expired(token_url: &str, refresh_token: &str) -> NewConnection {
    NewConnection::new("google", "old-access")
        .attribute("user_id", "alice")
        .expires_at(SystemTime::now() - Duration::from_secs(10))
        .refresh_with(
            token_url,
            "client-1",
            Some("secret-1".into()),
            refresh_token,
        )
}
