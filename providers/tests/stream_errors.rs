//! A page that fails ends its stream with the provider's own error, after
//! the items of the pages before it: Google's `PERMISSION_DENIED`, Slack's
//! `"ok": false` codes. A Slack page with `"ok": true` and a warning is no
//! failure.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

#[path = "common/fixtures.rs"]
mod fixtures;
#[path = "common/mock.rs"]
mod mock;

use alter_providers::google::drive::FilesQuery;
use alter_providers::prelude::*;
use alter_providers::slack::{
    self,
    models::{ConversationsQuery, HistoryQuery},
};
use alter_runtime::{Error, Provider, ProviderApiError, Result};
use futures_util::{StreamExt, TryStreamExt};
use mock::{World, assert_get};
use serde_json::{Value, json};
use wiremock::matchers::{path, query_param, query_param_is_missing};
use wiremock::{Mock, ResponseTemplate};

/// Serves `first` at `at` without `key`, and `second` (with `status`) for `key=value`.
async fn two_pages(
    world: &World,
    at: &str,
    (key, value): (&str, &str),
    first: Value,
    second: (u16, Value),
) {
    Mock::given(path(at))
        .and(query_param_is_missing(key))
        .respond_with(ResponseTemplate::new(200).set_body_json(first))
        .mount(&world.server)
        .await;
    Mock::given(path(at))
        .and(query_param(key, value))
        .respond_with(ResponseTemplate::new(second.0).set_body_json(second.1))
        .mount(&world.server)
        .await;
}

/// One item, then the provider's error, which is returned.
fn item_then_error<T: std::fmt::Debug>(results: &[Result<T>]) -> &ProviderApiError {
    assert_eq!(results.len(), 2, "{results:?}");
    assert!(results[0].is_ok(), "{:?}", results[0]);
    match &results[1] {
        Err(Error::ProviderApi(details)) => details,
        other => panic!("a provider error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_drive_page_refused_with_permission_denied_ends_the_stream() {
    let world = World::new(Provider::Google, "").await;
    let first = json!({"files": [{"id": "f1", "name": "a.txt"}], "nextPageToken": "d2"});
    let denied = fixtures::json("google/error.403.json");
    two_pages(
        &world,
        "/drive/v3/files",
        ("pageToken", "d2"),
        first,
        (403, denied),
    )
    .await;
    let query = FilesQuery {
        page_size: Some(1),
        ..FilesQuery::default()
    };

    let results: Vec<_> = world
        .vault
        .google()
        .drive_files_stream(&world.user, query)
        .collect()
        .await;

    assert_eq!(results[0].as_ref().unwrap().id.as_deref(), Some("f1"));
    let details = item_then_error(&results);
    assert_eq!(details.status, 403);
    assert_eq!(details.code.as_deref(), Some("PERMISSION_DENIED"));
    assert_eq!(
        details.provider_message.as_deref(),
        Some("The caller does not have permission")
    );
    let url = format!("{}/drive/v3/files", world.uri());
    assert_eq!(details.details["url"], Value::String(url));
    let requests = world.provider_requests().await;
    assert_eq!(requests.len(), 2);
    assert_get(&requests[0], "/drive/v3/files", &[("pageSize", "1")]);
    assert_get(
        &requests[1],
        "/drive/v3/files",
        &[("pageSize", "1"), ("pageToken", "d2")],
    );
}

#[tokio::test]
async fn slack_ok_false_on_a_later_page_ends_the_stream_with_its_code() {
    let world = World::new(Provider::Slack, "/api").await;
    let history = json!({"ok": true, "messages": [{"ts": "3.0"}], "has_more": true,
        "response_metadata": {"next_cursor": "h2"}});
    let not_in_channel = json!({"ok": false, "error": "not_in_channel"});
    two_pages(
        &world,
        "/api/conversations.history",
        ("cursor", "h2"),
        history,
        (200, not_in_channel),
    )
    .await;
    let channels = json!({"ok": true, "channels": [{"id": "C1"}],
        "response_metadata": {"next_cursor": "c2"}});
    let invalid_auth = json!({"ok": false, "error": "invalid_auth"});
    two_pages(
        &world,
        "/api/conversations.list",
        ("cursor", "c2"),
        channels,
        (200, invalid_auth),
    )
    .await;
    let slack = world.vault.slack();

    let messages: Vec<_> = slack
        .history_stream(&world.user, HistoryQuery::channel("C9"))
        .collect()
        .await;
    let conversations: Vec<_> = slack
        .conversations_stream(&world.user, ConversationsQuery::default())
        .collect()
        .await;

    let in_history = item_then_error(&messages);
    let in_list = item_then_error(&conversations);
    assert_eq!((in_history.status, in_list.status), (200, 200));
    assert_eq!(in_history.code.as_deref(), Some("not_in_channel"));
    assert_eq!(in_list.code.as_deref(), Some("invalid_auth"));
    let history_error = messages[1].as_ref().unwrap_err();
    let list_error = conversations[1].as_ref().unwrap_err();
    assert_eq!(slack::error_code(history_error), Some("not_in_channel"));
    assert_eq!(slack::error_code(list_error), Some("invalid_auth"));
    let requests = world.provider_requests().await;
    assert_eq!(requests.len(), 4, "nothing is fetched after a failed page");
    assert_get(
        &requests[1],
        "/api/conversations.history",
        &[("channel", "C9"), ("cursor", "h2")],
    );
    assert_get(&requests[3], "/api/conversations.list", &[("cursor", "c2")]);
}

#[tokio::test]
async fn a_slack_page_with_a_warning_keeps_the_stream_going() {
    let world = World::new(Provider::Slack, "/api").await;
    let warned = json!({"ok": true, "warning": "superfluous_charset", "channels": [{"id": "C1"}],
        "response_metadata": {"warnings": ["superfluous_charset"], "next_cursor": "c2"}});
    let last = json!({"ok": true, "channels": [{"id": "C2"}],
        "response_metadata": {"next_cursor": ""}});
    two_pages(
        &world,
        "/api/conversations.list",
        ("cursor", "c2"),
        warned,
        (200, last),
    )
    .await;
    let slack = world.vault.slack();

    let first = slack
        .conversations_with(&world.user, &ConversationsQuery::default())
        .await
        .unwrap();
    let ids: Vec<String> = slack
        .conversations_stream(&world.user, ConversationsQuery::default())
        .map_ok(|channel| channel.id)
        .try_collect()
        .await
        .unwrap();

    assert_eq!(first.extra["warning"], "superfluous_charset");
    let metadata = first.response_metadata.unwrap();
    assert_eq!(metadata.warnings, ["superfluous_charset"]);
    assert_eq!(ids, ["C1", "C2"]);
    let requests = world.provider_requests().await;
    assert_eq!(requests.len(), 3);
    assert_get(&requests[0], "/api/conversations.list", &[]);
    assert_get(&requests[1], "/api/conversations.list", &[]);
    assert_get(&requests[2], "/api/conversations.list", &[("cursor", "c2")]);
}
