//! The authorization-code flow of `connect`, driven as a browser would drive it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed unwrap is a failed test"
)]

use std::collections::HashMap;
use std::time::{Duration, SystemTime};

use alter_local_vault::{
    ClientAuth, ConnectRequest, DEFAULT_TOKEN_LIFETIME, Error, LocalVault, ProviderEndpoints,
    VaultStore, connect,
};
use serde_json::{Map, Value, json};
use tokio::sync::oneshot;
use wiremock::matchers::{body_string_contains, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn request(token_url: String) -> ConnectRequest {
    ConnectRequest {
        provider: "acme".into(),
        endpoints: ProviderEndpoints::new("https://auth.example/authorize", token_url),
        client_id: "cid".into(),
        client_secret: Some("cs".into()),
        scopes: vec!["read".into()],
        attributes: Map::from_iter([("user_id".to_string(), Value::from("alice"))]),
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
    run_request(store, request(token_url), browser).await
}

/// Runs the flow for `request`, storing the connection in `store`.
async fn run_request<F, Fut>(
    store: &VaultStore,
    request: ConnectRequest,
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
    let result = connect(store, request, move |url| {
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

    let Err(Error::Authorization(message)) = result else {
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

    let Err(Error::Authorization(message)) = result else {
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

    let Err(Error::Authorization(message)) = result else {
        panic!("{result:?}");
    };
    assert_eq!(
        message,
        "the code exchange failed: bad_verification_code: The code passed is incorrect or expired."
    );
}

/// Runs `connect` on a request that must be refused before the flow starts, and returns the
/// error; the authorization URL must never be shown.
async fn refused(mut request: ConnectRequest) -> Error {
    // Should the request be let through, the flow gives up soon.
    request.wait = Duration::from_secs(1);
    let mut shown = false;
    let store = VaultStore::in_memory().unwrap();
    let result = connect(&store, request, |_| shown = true).await;
    assert!(!shown, "the flow started");
    assert!(store.connections().await.unwrap().is_empty());
    result.unwrap_err()
}

#[tokio::test]
async fn a_token_url_that_is_not_https_is_refused_before_the_flow_starts() {
    for (url, message) in [
        (
            "http://oauth.example.com/token",
            "invalid input: token URL `http://oauth.example.com/token` uses plain http, which \
             would send the client secret and tokens in clear: use https (http is accepted \
             only for loopback hosts: 127.0.0.0/8, ::1, localhost)",
        ),
        (
            "ftp://x",
            "invalid input: token URL `ftp://x` uses `ftp`: use https (or http to a loopback \
             host: 127.0.0.0/8, ::1, localhost)",
        ),
    ] {
        let error = refused(request(url.into())).await;

        assert!(matches!(error, Error::InvalidInput(_)), "{error:?}");
        assert_eq!(error.to_string(), message);
    }
}

#[tokio::test]
async fn a_provider_id_that_is_not_lowercase_is_refused_before_the_flow_starts() {
    let mut capitals = request("https://auth.example/token".into());
    capitals.provider = "Google".into();
    let mut space = request("https://auth.example/token".into());
    space.provider = "goo gle".into();

    assert_eq!(
        refused(capitals).await.to_string(),
        "invalid input: provider ids are lowercase: use `google`"
    );
    assert_eq!(
        refused(space).await.to_string(),
        "invalid input: provider id \"goo gle\" holds ' ': use only lowercase ASCII letters, \
         digits, `-`, `_` and `.`"
    );
}

#[tokio::test]
async fn a_request_without_attributes_is_refused_before_the_flow_starts() {
    let mut nobody = request("https://auth.example/token".into());
    nobody.attributes = Map::new();

    assert_eq!(
        refused(nobody).await.to_string(),
        "invalid input: a connection needs at least one attribute (such as `user_id`): token \
         requests find it by its attributes"
    );
}

#[tokio::test]
async fn no_answer_from_the_browser_in_time_is_an_authorization_failure() {
    let mut waiting = request("http://127.0.0.1:9/token".into());
    waiting.wait = Duration::from_secs(1);

    let result = run_request(&VaultStore::in_memory().unwrap(), waiting, |_| async {}).await;

    let Err(error) = result else {
        panic!("{result:?}");
    };
    assert!(matches!(error, Error::Authorization(_)), "{error:?}");
    assert_eq!(
        error.to_string(),
        "authorization failed: no answer from the browser in time (waited 1 s)"
    );
}

#[tokio::test]
async fn microsoft_is_asked_for_offline_access_once() {
    let provider = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "EwB-access", "token_type": "Bearer", "expires_in": 3600,
            "refresh_token": "M.R3-refresh"
        })))
        .expect(2)
        .mount(&provider)
        .await;
    let microsoft = |scopes: &[&str]| {
        let mut endpoints = ProviderEndpoints::known("microsoft").unwrap();
        endpoints.token_url = format!("{}/token", provider.uri());
        ConnectRequest {
            provider: "microsoft".into(),
            endpoints,
            scopes: scopes.iter().map(|scope| scope.to_string()).collect(),
            wait: Duration::from_secs(5),
            ..request(String::new())
        }
    };

    for (scopes, asked) in [
        (&["User.Read"][..], "User.Read offline_access"),
        (&["offline_access", "Mail.Read"], "offline_access Mail.Read"),
    ] {
        let store = VaultStore::in_memory().unwrap();
        let browser = move |query: HashMap<String, String>| async move {
            assert_eq!(query["scope"], asked);
            approve(query).await;
        };
        run_request(&store, microsoft(scopes), browser)
            .await
            .unwrap();
        assert!(store.connections().await.unwrap()[0].refreshable);
    }
}

#[tokio::test]
async fn body_client_auth_is_used_for_the_code_exchange_and_kept_for_refreshes() {
    let no_basic_auth =
        |request: &wiremock::Request| !request.headers.contains_key("authorization");
    let provider = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .and(body_string_contains("grant_type=authorization_code"))
        .and(body_string_contains("client_id=cid"))
        .and(body_string_contains("client_secret=cs"))
        .and(no_basic_auth)
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            // Inside the refresh margin: the first token request refreshes.
            "access_token": "first", "token_type": "Bearer", "expires_in": 30,
            "refresh_token": "r1"
        })))
        .expect(1)
        .mount(&provider)
        .await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .and(body_string_contains("grant_type=refresh_token"))
        .and(body_string_contains("client_secret=cs"))
        .and(no_basic_auth)
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "refreshed", "token_type": "Bearer", "expires_in": 3600
        })))
        .expect(1)
        .mount(&provider)
        .await;
    let mut body_auth = request(format!("{}/token", provider.uri()));
    body_auth.endpoints.client_auth = ClientAuth::RequestBody;
    let store = VaultStore::in_memory().unwrap();

    run_request(&store, body_auth, approve).await.unwrap();

    let vault = LocalVault::builder().store(store).start().await.unwrap();
    let key = vault.create_api_key("tests").await.unwrap();
    let token: serde_json::Value = reqwest::Client::new()
        .post(format!("{}/oauth/token", vault.base_url()))
        .header("x-api-key", &key)
        .json(&json!({"provider_id": "acme", "attributes": {"user_id": "alice"}}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(token["access_token"], "refreshed", "{token}");
}
