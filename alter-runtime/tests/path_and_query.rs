//! Path templates and query strings, checked on the wire and as the server
//! decodes them.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use alter_runtime::{Error, Method, Provider, User};
use common::*;
use percent_encoding::percent_decode_str;
use serde::Serialize;
use wiremock::{Request, ResponseTemplate};

async fn sent_with(harness: &Harness, request: alter_runtime::RequestBuilder) -> Request {
    request.user(User::id("a")).send().await.unwrap();
    harness.provider_requests().await.pop().unwrap()
}

fn last_segment(request: &Request) -> (String, String) {
    let raw = request
        .url
        .path_segments()
        .unwrap()
        .next_back()
        .unwrap()
        .to_owned();
    let decoded = percent_decode_str(&raw).decode_utf8().unwrap().into_owned();
    (raw, decoded)
}

#[tokio::test]
async fn path_values_are_one_segment_encoded_once() {
    let harness = Harness::start().await;
    harness.provider_answers(ResponseTemplate::new(200)).await;
    let vault = harness
        .builder()
        .allow_host(Provider::Github, "127.0.0.1")
        .build()
        .unwrap();
    let cases = [
        ("feature/x", "feature%2Fx"),
        ("feature%2Fx", "feature%252Fx"),
        ("a+b c", "a%2Bb%20c"),
        ("good first issue", "good%20first%20issue"),
        ("bug 🐛", "bug%20%F0%9F%90%9B"),
        ("team@example.com/x y", "team%40example.com%2Fx%20y"),
        ("é?#&=", "%C3%A9%3F%23%26%3D"),
    ];
    for (value, encoded) in cases {
        let sent = sent_with(
            &harness,
            vault
                .request(
                    Provider::Github,
                    Method::GET,
                    harness.url("/repos/o/r/git/ref/{ref}"),
                )
                .path_param("ref", value),
        )
        .await;
        assert_eq!(
            sent.url.path(),
            format!("/repos/o/r/git/ref/{encoded}"),
            "{value}"
        );
        assert_eq!(last_segment(&sent), (encoded.to_owned(), value.to_owned()));
        assert_eq!(sent.url.query(), None);
    }
}

#[tokio::test]
async fn several_placeholders_and_typed_values() {
    let harness = Harness::start().await;
    harness.provider_answers(ResponseTemplate::new(200)).await;
    let id = uuid::Uuid::parse_str(CONNECTION_ID).unwrap();
    let sent = sent_with(
        &harness,
        harness
            .vault()
            .request(
                Provider::Google,
                Method::GET,
                harness.url("/a/{n}/b/{id}/{name}"),
            )
            .path_param("n", 42_u64)
            .path_param("id", id)
            .path_params([("name", "x y")]),
    )
    .await;
    assert_eq!(sent.url.path(), format!("/a/42/b/{CONNECTION_ID}/x%20y"));
}

/// A URL template, its path values, and the message of the error they make.
type TemplateCase = (
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static str,
);

#[tokio::test]
async fn template_mistakes_are_invalid_requests_before_any_io() {
    let harness = Harness::start().await;
    let vault = harness.vault();
    let cases: [TemplateCase; 8] = [
        ("/r/{id}", &[], "no value for path placeholder `{id}`"),
        (
            "/r/{id}",
            &[("id", "1"), ("extra", "2")],
            "path value `extra` matches no placeholder in the URL",
        ),
        (
            "/r/{id",
            &[("id", "1")],
            "URL template has an unbalanced `{`",
        ),
        ("/r/id}", &[], "URL template has an unbalanced `}`"),
        (
            "/r/{id}",
            &[("id", "..")],
            "path value `id` may not be `.` or `..`",
        ),
        (
            "/r/{id}",
            &[("id", ".")],
            "path value `id` may not be `.` or `..`",
        ),
        ("/r/{id}", &[("id", "")], "path value `id` is empty"),
        (
            "/r/{}",
            &[],
            "URL template has an empty or nested placeholder",
        ),
    ];
    for (template, values, message) in cases {
        let mut request = vault
            .request(Provider::Google, Method::GET, harness.url(template))
            .user(User::id("a"));
        for (name, value) in values {
            request = request.path_param(*name, *value);
        }
        let error = request.send().await.unwrap_err();
        assert!(
            matches!(error, Error::InvalidRequest { .. }),
            "{template} {values:?}: {error:?}"
        );
        assert_eq!(
            error.to_string(),
            format!("invalid request: {message}"),
            "{template} {values:?}"
        );
    }
    assert!(harness.token_requests().await.is_empty());
}

#[tokio::test]
async fn a_path_param_given_twice_is_an_invalid_request_before_any_io() {
    let harness = Harness::start().await;
    let vault = harness.vault();
    let error = vault
        .request(Provider::Google, Method::GET, harness.url("/r/{id}"))
        .user(User::id("a"))
        .path_param("id", "1")
        .path_param("id", "2")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidRequest { .. }), "{error:?}");
    assert_eq!(error.message(), "path parameter `id` is given twice");

    let error = vault
        .request(Provider::Google, Method::GET, harness.url("/r/{a}/{b}"))
        .user(User::id("a"))
        .path_params([("a", "1"), ("b", "2"), ("a", "3")])
        .send()
        .await
        .unwrap_err();
    assert_eq!(error.message(), "path parameter `a` is given twice");
    assert!(harness.token_requests().await.is_empty());
    assert!(harness.provider_requests().await.is_empty());
}

#[tokio::test]
async fn drive_query_round_trips_exactly() {
    let harness = Harness::start().await;
    harness.provider_answers(ResponseTemplate::new(200)).await;
    let q = "modifiedTime > '2024-05-01T12:00:00+00:00' and name contains \"Q&A\" and mimeType != 'a/b'";
    let sent = sent_with(
        &harness,
        harness
            .vault()
            .request(
                Provider::Google,
                Method::GET,
                harness.url("/drive/v3/files"),
            )
            .query(&[("q", q), ("fields", "files(id,name)")]),
    )
    .await;
    let pairs: Vec<(String, String)> = sent
        .url
        .query_pairs()
        .map(|(k, v)| (k.into(), v.into()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("q".to_owned(), q.to_owned()),
            ("fields".to_owned(), "files(id,name)".to_owned())
        ]
    );
    let raw = sent.url.query().unwrap();
    assert!(raw.contains("%2B00%3A00"), "{raw}");
    assert!(!raw.contains('+'), "{raw}");
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MessageList {
    label_ids: Vec<&'static str>,
    include_spam_trash: bool,
    page_token: Option<String>,
    max_results: u32,
}

#[tokio::test]
async fn sequences_repeat_the_key_in_order() {
    let harness = Harness::start().await;
    harness.provider_answers(ResponseTemplate::new(200)).await;
    let params = MessageList {
        label_ids: vec!["INBOX", "UNREAD"],
        include_spam_trash: true,
        page_token: None,
        max_results: 5,
    };
    let sent = sent_with(
        &harness,
        harness
            .vault()
            .request(
                Provider::Google,
                Method::GET,
                harness.url("/gmail/v1/users/me/messages"),
            )
            .query(&params),
    )
    .await;
    assert_eq!(
        sent.url.query(),
        Some("labelIds=INBOX&labelIds=UNREAD&includeSpamTrash=true&maxResults=5")
    );
}

#[tokio::test]
async fn no_query_means_no_question_mark_and_existing_query_is_kept() {
    let harness = Harness::start().await;
    harness.provider_answers(ResponseTemplate::new(200)).await;
    let vault = harness.vault();
    let empty: [(&str, &str); 0] = [];
    let sent = sent_with(
        &harness,
        vault
            .request(Provider::Google, Method::GET, harness.url("/x"))
            .query(&empty),
    )
    .await;
    assert_eq!((sent.url.path(), sent.url.query()), ("/x", None));
    assert!(!sent.url.as_str().ends_with('?'));
    let sent = sent_with(
        &harness,
        vault
            .request(Provider::Google, Method::GET, harness.url("/x?alt=json"))
            .query(&[("a&b c", "1")]),
    )
    .await;
    assert_eq!(sent.url.query(), Some("alt=json&a%26b%20c=1"));
}

#[tokio::test]
async fn unserializable_query_is_an_invalid_request() {
    let harness = Harness::start().await;
    let error = harness
        .vault()
        .request(Provider::Google, Method::GET, harness.url("/x"))
        .user(User::id("a"))
        .query(&42)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidRequest { .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        "invalid request: query parameters could not be serialized: top-level serializer \
         supports only maps and structs"
    );
    assert!(harness.token_requests().await.is_empty());
}
