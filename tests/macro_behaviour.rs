//! A method written by `#[vault_endpoint]` sends the same request as the untyped
//! `vault.request(...)` given the same inputs, encodings included. The backend
//! (`/oauth/token`, `/oauth/audit/api-call`) and the provider are played by
//! wiremock on loopback.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

use alter_sdk::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::sync::atomic::{AtomicUsize, Ordering};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const API_KEY: &str = "alter_key_macro_behaviour";
const TOKEN: &str = "provider-token-for-alice";

#[derive(Serialize)]
struct Page {
    limit: u32,
    after: Option<String>,
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Note {
    body: String,
}

trait Hub {
    #[vault_endpoint(provider = "hubspot", method = GET,
                     path = "/repos/<owner>/<repo>/branches/<branch>")]
    async fn branch(&self, user: &User, owner: &str, repo: &str, branch: &str) -> Result<Value>;

    #[vault_endpoint(provider = "hubspot", method = GET, path = "/search/<term>")]
    async fn search(
        &self,
        user: &User,
        term: &str,
        #[query] q: &str,
        #[query] label: &[&str],
        #[query] missing: Option<&str>,
        #[query(flatten)] page: &Page,
    ) -> Result<Value>;

    #[vault_endpoint(provider = "hubspot", method = POST, path = "/notes/<id>",
                     headers("Accept" = "application/json"), reason = "write a note")]
    async fn create_note(
        &self,
        user: &User,
        id: u64,
        #[header = "X-Request-Id"] request_id: &str,
        #[header] if_match: Option<&str>,
        #[body] note: &Note,
    ) -> Result<Note>;

    #[vault_endpoint(provider = "hubspot", method = GET, path = "/repos/<owner>/contents/<path..>")]
    async fn contents(&self, user: &User, owner: &str, path: &str) -> Result<Response>;

    #[vault_endpoint(provider = "hubspot", method = DELETE, path = "/notes/<id>",
                     base_url = "https://api.hubapi.example")]
    async fn delete_note(&self, user: &User, id: u64) -> Result<()>;
}

impl Hub for AlterVault {}

#[allow(
    non_snake_case,
    reason = "an argument named like the expansion's own locals"
)]
trait Raw {
    #[vault_endpoint(provider = "hubspot", method = GET, path = "/kinds/<type>/<__call>")]
    async fn kind(
        &self,
        user: &User,
        r#type: &str,
        __call: &str,
        #[query] r#ref: &str,
        #[cfg(not(any()))]
        #[query]
        on: u8,
        #[cfg(any())]
        #[query]
        off: u8,
        #[header] __ENDPOINT: &str,
    ) -> Result<Value>;
}

impl Raw for AlterVault {}

static CHECKS: AtomicUsize = AtomicUsize::new(0);

fn count_checks(response: &Response) -> Result<()> {
    assert!(response.status().is_success());
    if response.text() == "member" {
        CHECKS.fetch_add(1, Ordering::SeqCst); // only the calls of the test that counts
    }
    Ok(())
}

#[vault_api(provider = "hubspot", headers("Accept" = "application/json", "X-Team" = "core"),
            check = count_checks, reason = "team default")]
trait Team {
    #[vault_endpoint(method = GET, path = "/team/<id>", headers("accept" = "text/plain"))]
    async fn member(&self, user: &User, id: u32) -> Result<Response>;
}

impl Team for AlterVault {}

/// A handle that sends its calls under a versioned prefix.
struct Versioned {
    vault: AlterVault,
    base: String,
}

impl VaultHandle for Versioned {
    fn vault(&self) -> &AlterVault {
        &self.vault
    }

    fn configure(&self, call: &mut CallOptions) {
        call.set_base_url(format!("{}/v2", self.base));
    }
}

impl Team for Versioned {}

struct Harness {
    backend: MockServer,
    provider: MockServer,
    vault: AlterVault,
}

impl Harness {
    async fn start(answer: ResponseTemplate) -> Harness {
        let backend = MockServer::start().await;
        let provider = MockServer::start().await;
        let token = json!({"access_token": TOKEN, "token_type": "Bearer", "expires_in": 3600,
                           "connection_id": "0b9c6f3e-3c9e-4c4e-9a57-1f2d3c4b5a69"});
        Mock::given(method("POST"))
            .and(path("/oauth/token"))
            .respond_with(ResponseTemplate::new(200).set_body_json(token))
            .mount(&backend)
            .await;
        Mock::given(method("POST"))
            .and(path("/oauth/audit/api-call"))
            .respond_with(ResponseTemplate::new(200))
            .mount(&backend)
            .await;
        Mock::given(wiremock::matchers::any())
            .respond_with(answer)
            .mount(&provider)
            .await;
        let vault = AlterVault::builder(API_KEY)
            .base_url(backend.uri())
            .provider_base_url("hubspot", provider.uri())
            .build()
            .unwrap();
        Harness {
            backend,
            provider,
            vault,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.provider.uri())
    }

    /// The last two provider requests: the typed one, then the untyped one.
    async fn typed_and_untyped(&self) -> (Request, Request) {
        let mut requests = self.provider.received_requests().await.unwrap();
        assert_eq!(requests.len(), 2, "one typed and one untyped call");
        let untyped = requests.pop().unwrap();
        (requests.pop().unwrap(), untyped)
    }

    async fn token_requests(&self) -> Vec<Value> {
        let requests = self.backend.received_requests().await.unwrap();
        let tokens = requests.iter().filter(|r| r.url.path() == "/oauth/token");
        tokens.map(|r| r.body_json().unwrap()).collect()
    }
}

fn alice() -> User {
    User::id("alice")
}

fn sorted_headers(request: &Request) -> Vec<(String, String)> {
    let mut headers: Vec<_> = request
        .headers
        .iter()
        .map(|(name, value)| (name.to_string(), value.to_str().unwrap().to_owned()))
        .collect();
    headers.sort();
    headers
}

/// The two requests are the same on the wire; returns the raw path and query.
fn assert_same(typed: &Request, untyped: &Request) -> (String, Option<String>) {
    assert_eq!(typed.method, untyped.method);
    assert_eq!(typed.url.path(), untyped.url.path());
    assert_eq!(typed.url.query(), untyped.url.query());
    assert_eq!(sorted_headers(typed), sorted_headers(untyped));
    assert_eq!(typed.body, untyped.body);
    (
        typed.url.path().to_owned(),
        typed.url.query().map(str::to_owned),
    )
}

#[tokio::test]
async fn path_values_are_encoded_as_one_segment_each() {
    let harness = Harness::start(ResponseTemplate::new(200).set_body_json(json!({"ok": 1}))).await;
    let vault = &harness.vault;

    let typed = vault
        .branch(&alice(), "octo cat", "a+b c", "feature/x")
        .await
        .unwrap();
    let untyped = vault
        .request(
            "hubspot",
            Method::GET,
            harness.url("/repos/{owner}/{repo}/branches/{branch}"),
        )
        .user(alice())
        .path_param("owner", "octo cat")
        .path_param("repo", "a+b c")
        .path_param("branch", "feature/x")
        .send()
        .await
        .unwrap();

    assert_eq!(typed, json!({"ok": 1}));
    assert_eq!(untyped.json::<Value>().unwrap(), typed);
    let (typed, untyped) = harness.typed_and_untyped().await;
    let (path, query) = assert_same(&typed, &untyped);
    assert_eq!(path, "/repos/octo%20cat/a%2Bb%20c/branches/feature%2Fx");
    assert_eq!(query, None);
    assert_eq!(
        sorted_headers(&typed)
            .iter()
            .find(|(n, _)| n == "authorization")
            .unwrap()
            .1,
        format!("Bearer {TOKEN}")
    );
    let tokens = harness.token_requests().await;
    assert_eq!(tokens.len(), 2);
    assert_eq!(tokens[0], tokens[1]);
}

/// A path segment decoded as a server does it: each `%XX` becomes its byte, nothing else
/// changes (a `+` stays a `+`).
fn decode_segment(segment: &str) -> String {
    let mut bytes = Vec::new();
    let mut rest = segment.as_bytes();
    while let Some((&first, tail)) = rest.split_first() {
        if first == b'%' {
            let hex = std::str::from_utf8(&tail[..2]).unwrap();
            bytes.push(u8::from_str_radix(hex, 16).unwrap());
            rest = &tail[2..];
        } else {
            bytes.push(first);
            rest = tail;
        }
    }
    String::from_utf8(bytes).unwrap()
}

/// The decoded segments of a request's path.
fn decoded_segments(request: &Request) -> Vec<String> {
    request
        .url
        .path_segments()
        .unwrap()
        .map(decode_segment)
        .collect()
}

#[tokio::test]
async fn an_encoded_looking_value_is_encoded_again_and_spaces_become_percent_20() {
    let harness = Harness::start(ResponseTemplate::new(200).set_body_json(json!({}))).await;
    let vault = &harness.vault;

    vault
        .branch(&alice(), "octo", "good first issue", "feature%2Fx")
        .await
        .unwrap();
    vault
        .request(
            "hubspot",
            Method::GET,
            harness.url("/repos/{owner}/{repo}/branches/{branch}"),
        )
        .user(alice())
        .path_param("owner", "octo")
        .path_param("repo", "good first issue")
        .path_param("branch", "feature%2Fx")
        .send()
        .await
        .unwrap();

    let (typed, untyped) = harness.typed_and_untyped().await;
    let (path, query) = assert_same(&typed, &untyped);
    assert_eq!(
        path,
        "/repos/octo/good%20first%20issue/branches/feature%252Fx"
    );
    assert_eq!(query, None);
    assert_eq!(
        decoded_segments(&typed),
        [
            "repos",
            "octo",
            "good first issue",
            "branches",
            "feature%2Fx"
        ]
    );
}

#[tokio::test]
async fn a_drive_style_query_with_a_plus_and_quotes_reaches_the_server_unchanged() {
    const Q: &str = r#"modifiedTime > '2024-01-01T00:00:00+00:00' and name contains "x""#;
    let harness = Harness::start(ResponseTemplate::new(200).set_body_json(json!([]))).await;
    let vault = &harness.vault;
    let page = Page {
        limit: 10,
        after: None,
    };

    vault
        .search(&alice(), "files", Q, &[], None, &page)
        .await
        .unwrap();
    vault
        .request("hubspot", Method::GET, harness.url("/search/{term}"))
        .user(alice())
        .path_param("term", "files")
        .query(&[("q", Q), ("limit", "10")])
        .send()
        .await
        .unwrap();

    let (typed, untyped) = harness.typed_and_untyped().await;
    let (path, query) = assert_same(&typed, &untyped);
    assert_eq!(path, "/search/files");
    assert_eq!(
        query.as_deref(),
        Some(
            "q=modifiedTime%20%3E%20%272024-01-01T00%3A00%3A00%2B00%3A00%27\
             %20and%20name%20contains%20%22x%22&limit=10"
        )
    );
    let decoded: Vec<(String, String)> = typed.url.query_pairs().into_owned().collect();
    assert_eq!(
        decoded,
        [
            ("q".to_owned(), Q.to_owned()),
            ("limit".into(), "10".into())
        ]
    );
}

#[tokio::test]
async fn query_values_sequences_and_flattened_structs() {
    let harness = Harness::start(ResponseTemplate::new(200).set_body_json(json!([]))).await;
    let vault = &harness.vault;
    let page = Page {
        limit: 20,
        after: None,
    };

    vault
        .search(
            &alice(),
            "bug 🐛",
            "a+b c",
            &["p1", "good first"],
            None,
            &page,
        )
        .await
        .unwrap();
    vault
        .request("hubspot", Method::GET, harness.url("/search/{term}"))
        .user(alice())
        .path_param("term", "bug 🐛")
        .query(&[("q", "a+b c"), ("label", "p1"), ("label", "good first")])
        .query(&[("limit", "20")])
        .send()
        .await
        .unwrap();

    let (typed, untyped) = harness.typed_and_untyped().await;
    let (path, query) = assert_same(&typed, &untyped);
    assert_eq!(path, "/search/bug%20%F0%9F%90%9B");
    assert_eq!(
        query.as_deref(),
        Some("q=a%2Bb%20c&label=p1&label=good%20first&limit=20")
    );
}

#[tokio::test]
async fn raw_identifiers_configured_arguments_and_names_like_generated_locals() {
    let harness = Harness::start(ResponseTemplate::new(200).set_body_json(json!({}))).await;
    let vault = &harness.vault;

    vault
        .kind(&alice(), "a/b", "call me", "main", 7, "end")
        .await
        .unwrap();
    vault
        .request("hubspot", Method::GET, harness.url("/kinds/{type}/{call}"))
        .user(alice())
        .path_param("type", "a/b")
        .path_param("call", "call me")
        .query(&[("ref", "main"), ("on", "7")])
        .header("--endpoint", "end")
        .send()
        .await
        .unwrap();

    let (typed, untyped) = harness.typed_and_untyped().await;
    let (path, query) = assert_same(&typed, &untyped);
    assert_eq!(path, "/kinds/a%2Fb/call%20me");
    assert_eq!(query.as_deref(), Some("ref=main&on=7"));
    assert!(sorted_headers(&typed).contains(&("--endpoint".into(), "end".into())));
}

#[tokio::test]
async fn headers_body_reason_and_a_typed_answer() {
    let answer = ResponseTemplate::new(201).set_body_json(json!({"body": "saved"}));
    let harness = Harness::start(answer).await;
    let vault = &harness.vault;
    let note = Note {
        body: "call back".into(),
    };

    let saved = vault
        .create_note(&alice(), 42, "req-1", None, &note)
        .await
        .unwrap();
    vault
        .request("hubspot", Method::POST, harness.url("/notes/{id}"))
        .user(alice())
        .path_param("id", 42)
        .header("Accept", "application/json")
        .header("X-Request-Id", "req-1")
        .json(&note)
        .reason("write a note")
        .send()
        .await
        .unwrap();

    assert_eq!(
        saved,
        Note {
            body: "saved".into()
        }
    );
    let (typed, untyped) = harness.typed_and_untyped().await;
    let (path, _) = assert_same(&typed, &untyped);
    assert_eq!(path, "/notes/42");
    assert_eq!(
        typed.body_json::<Value>().unwrap(),
        json!({"body": "call back"})
    );
    assert!(sorted_headers(&typed).contains(&("x-request-id".into(), "req-1".into())));
    assert!(
        !sorted_headers(&typed)
            .iter()
            .any(|(name, _)| name == "if-match")
    );
    let tokens = harness.token_requests().await;
    assert_eq!(
        tokens[0], tokens[1],
        "the default reason reaches the vault like an explicit one"
    );
}

#[tokio::test]
async fn a_multi_segment_value_keeps_its_slashes_and_encodes_the_rest() {
    let harness = Harness::start(ResponseTemplate::new(200).set_body_string("bytes")).await;
    let vault = &harness.vault;

    let typed = vault
        .contents(&alice(), "octo", "docs/a b/ünï+.md")
        .await
        .unwrap();
    vault
        .request(
            "hubspot",
            Method::GET,
            harness.url("/repos/{owner}/contents/{a}/{b}/{c}"),
        )
        .user(alice())
        .path_param("owner", "octo")
        .path_param("a", "docs")
        .path_param("b", "a b")
        .path_param("c", "ünï+.md")
        .send()
        .await
        .unwrap();

    assert_eq!(typed.text(), "bytes");
    let (typed, untyped) = harness.typed_and_untyped().await;
    let (path, _) = assert_same(&typed, &untyped);
    assert_eq!(path, "/repos/octo/contents/docs/a%20b/%C3%BCn%C3%AF%2B.md");
}

#[tokio::test]
async fn a_multi_segment_value_may_not_climb_out_of_its_place() {
    let harness = Harness::start(ResponseTemplate::new(200)).await;

    let error = harness
        .vault
        .contents(&alice(), "octo", "docs/../secrets")
        .await
        .unwrap_err();

    assert!(matches!(error, Error::InvalidRequest { .. }), "{error:?}");
    assert!(
        harness
            .provider
            .received_requests()
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn unit_endpoints_accept_an_empty_body_and_the_vault_base_url_wins() {
    let harness = Harness::start(ResponseTemplate::new(204)).await;

    harness.vault.delete_note(&alice(), 7).await.unwrap();

    let requests = harness.provider.received_requests().await.unwrap();
    assert_eq!(
        requests.len(),
        1,
        "the vault's provider_base_url replaced the attribute's"
    );
    assert_eq!(requests[0].method.as_str(), "DELETE");
    assert_eq!(requests[0].url.path(), "/notes/7");
}

#[tokio::test]
async fn the_future_is_send_and_outlives_its_arguments() {
    let harness = Harness::start(ResponseTemplate::new(200).set_body_json(json!({"id": 1}))).await;
    let task = {
        let user = alice();
        let branch = String::from("main");
        tokio::spawn(harness.vault.branch(&user, "o", "r", &branch))
    };

    assert_eq!(task.await.unwrap().unwrap(), json!({"id": 1}));
}

#[tokio::test]
async fn trait_defaults_merge_with_the_method_and_the_check_runs() {
    let harness = Harness::start(ResponseTemplate::new(200).set_body_string("member")).await;
    let vault = &harness.vault;

    let typed = vault.member(&alice(), 5).await.unwrap();
    vault
        .request("hubspot", Method::GET, harness.url("/team/{id}"))
        .user(alice())
        .path_param("id", 5)
        .header("X-Team", "core")
        .header("accept", "text/plain")
        .reason("team default")
        .send()
        .await
        .unwrap();

    assert_eq!(typed.text(), "member");
    assert_eq!(
        CHECKS.load(Ordering::SeqCst),
        1,
        "the check runs on the typed call only"
    );
    let (typed, untyped) = harness.typed_and_untyped().await;
    assert_same(&typed, &untyped);
    let headers = sorted_headers(&typed);
    assert!(
        headers.contains(&("accept".into(), "text/plain".into())),
        "{headers:?}"
    );
    assert!(
        headers.contains(&("x-team".into(), "core".into())),
        "{headers:?}"
    );
    let tokens = harness.token_requests().await;
    assert_eq!(tokens[0], tokens[1]);
}

#[tokio::test]
async fn a_handle_base_url_wins_over_the_vault_setting() {
    let harness = Harness::start(ResponseTemplate::new(200)).await;
    let handle = Versioned {
        vault: harness.vault.clone(),
        base: harness.provider.uri(),
    };

    handle.member(&alice(), 9).await.unwrap();

    let requests = harness.provider.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].url.path(), "/v2/team/9");
}
