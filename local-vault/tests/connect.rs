//! The authorization-code flow of `connect`, driven as a browser would drive it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed unwrap is a failed test"
)]

use std::collections::HashMap;
use std::time::{Duration, SystemTime};

use alter_local_vault::{
    ConnectRequest, DEFAULT_TOKEN_LIFETIME, Error, ProviderEndpoints, VaultStore, connect,
};
use serde_json::{Map, json};
use tokio::sync::oneshot;
use wiremock::matchers::{body_string_contains, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn request(token_url: String) -> ConnectRequest {
    ConnectRequest {
        provider: "acme".into(),
        endpoints: ProviderEndpoints {
            auth_url: "https://auth.example/authorize".into(),
            token_url,
            extra_params: Vec::new(),
        },
        client_id: "cid".into(),
        client_secret: Some("cs".into()),
        scopes: vec!["read".into()],
        attributes: Map::new(),
        port: 0,
        wait: Duration::from_secs(30),
    }
}

/// Runs the flow; `browser` gets the authorization URL's query and plays the browser.
async fn run_flow<F, Fut>(token_url: String, browser: F) -> alter_local_vault::Result<String>
where
    F: FnOnce(HashMap<String, String>) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send,
{
    run_flow_into(&VaultStore::in_memory().unwrap(), token_url, browser).await
}

/// Runs the flow storing the connection in `store`.
async fn run_flow_into<F, Fut>(
    store: &VaultStore,
    token_url: String,
    browser: F,
) -> alter_local_vault::Result<String>
where
    F: FnOnce(HashMap<String, String>) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send,
{
    let (shown, url) = oneshot::channel::<String>();
    let browsing = tokio::spawn(async move {
        let url = url::Url::parse(&url.await.unwrap()).unwrap();
        browser(url.query_pairs().into_owned().collect()).await;
    });
    let result = connect(store, request(token_url), move |url| {
        shown.send(url.to_string()).unwrap();
    })
    .await;
    browsing.await.unwrap();
    result.map(|id| id.to_string())
}

#[tokio::test]
async fn a_callback_with_another_state_is_turned_away_and_the_flow_goes_on() {
    let provider = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .and(body_string_contains("code=the-code"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"access_token": "a", "token_type": "Bearer", "expires_in": 3600}),
        ))
        .expect(1)
        .mount(&provider)
        .await;

    let result = run_flow(format!("{}/token", provider.uri()), |query| async move {
        let redirect = &query["redirect_uri"];
        let stray = reqwest::get(format!("{redirect}?code=forged&state=not-ours"))
            .await
            .unwrap();
        assert_eq!(stray.status(), 400);
        let right = reqwest::get(format!("{redirect}?code=the-code&state={}", query["state"]))
            .await
            .unwrap();
        assert_eq!(right.status(), 200);
    })
    .await;

    assert!(result.is_ok(), "{result:?}");
}

#[tokio::test]
async fn a_refusal_names_the_error_and_its_description() {
    let result = run_flow("http://127.0.0.1:9/token".into(), |query| async move {
        let redirect = &query["redirect_uri"];
        let url = format!(
            "{redirect}?error=access_denied&error_description=The+user+said+no&state={}",
            query["state"]
        );
        reqwest::get(url).await.unwrap();
    })
    .await;

    let Err(Error::InvalidInput(message)) = result else {
        panic!("{result:?}");
    };
    assert_eq!(
        message,
        "the provider refused: access_denied: The user said no"
    );
}

#[tokio::test]
async fn an_unreachable_token_endpoint_is_named_as_such() {
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap()
    };

    let result = run_flow(format!("http://{closed}/token"), |query| async move {
        let redirect = &query["redirect_uri"];
        reqwest::get(format!("{redirect}?code=c&state={}", query["state"]))
            .await
            .unwrap();
    })
    .await;

    let Err(Error::InvalidInput(message)) = result else {
        panic!("{result:?}");
    };
    assert_eq!(
        message,
        "the code exchange failed: the token endpoint could not be reached"
    );
}

/// A browser that approves at once.
async fn approve(query: HashMap<String, String>) {
    let redirect = &query["redirect_uri"];
    let answer = reqwest::get(format!("{redirect}?code=c&state={}", query["state"]))
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
}

/// Connects against a token endpoint answering `answer`, and returns the stored connection.
async fn connect_with(answer: serde_json::Value) -> alter_local_vault::ConnectionInfo {
    let provider = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(answer))
        .expect(1)
        .mount(&provider)
        .await;
    let store = VaultStore::in_memory().unwrap();
    let id = run_flow_into(&store, format!("{}/token", provider.uri()), approve)
        .await
        .unwrap();
    let mut stored = store.connections().await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].id.to_string(), id);
    stored.remove(0)
}

#[tokio::test]
async fn a_refreshable_token_without_expires_in_is_taken_to_last_the_default_lifetime() {
    let before = SystemTime::now();
    let stored = connect_with(json!({
        "access_token": "00D-salesforce", "token_type": "Bearer", "refresh_token": "5Aep-refresh"
    }))
    .await;

    let expires_at = stored.expires_at.expect("an expiry is assumed");
    let lifetime = expires_at.duration_since(before).unwrap();
    assert!(
        lifetime >= DEFAULT_TOKEN_LIFETIME - Duration::from_secs(5)
            && lifetime <= DEFAULT_TOKEN_LIFETIME + Duration::from_secs(5),
        "{lifetime:?}"
    );
}

#[tokio::test]
async fn a_token_without_expires_in_nor_refresh_token_does_not_expire() {
    let stored = connect_with(json!({"access_token": "gho_x", "token_type": "bearer"})).await;

    assert_eq!(stored.expires_at, None);
}

#[tokio::test]
async fn scopes_separated_by_commas_are_split_when_connecting() {
    let stored = connect_with(json!({
        "access_token": "gho_x", "token_type": "bearer", "scope": "repo,gist"
    }))
    .await;

    assert_eq!(stored.scopes, ["repo", "gist"]);
}

#[tokio::test]
async fn a_refusal_with_status_200_names_the_error_and_its_description() {
    let provider = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "error": "bad_verification_code",
            "error_description": "The code passed is incorrect or expired.",
            "error_uri": "https://docs.github.com/apps/troubleshooting",
        })))
        .mount(&provider)
        .await;

    let result = run_flow(format!("{}/token", provider.uri()), approve).await;

    let Err(Error::InvalidInput(message)) = result else {
        panic!("{result:?}");
    };
    assert_eq!(
        message,
        "the code exchange failed: bad_verification_code: The code passed is incorrect or expired."
    );
}
