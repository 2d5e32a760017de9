//! Slack endpoints on loopback, with Slack's `"ok": false` convention.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

#[path = "common/fixtures.rs"]
mod fixtures;
#[path = "common/mock.rs"]
mod mock;

use alter_providers::prelude::*;
use alter_providers::slack::{
    self,
    models::{ConversationsQuery, HistoryQuery, PostMessage},
};
use alter_runtime::{Error, Provider};
use futures_util::{StreamExt, TryStreamExt};
use mock::{World, assert_get, assert_write};
use serde_json::json;
use wiremock::matchers::{path, query_param, query_param_is_missing};
use wiremock::{Mock, ResponseTemplate};

async fn world() -> World {
    World::new(Provider::Slack, "/api").await
}

#[tokio::test]
async fn post_message() {
    let world = world().await;
    world
        .serve(
            "POST",
            "/api/chat.postMessage",
            fixtures::json("slack/chat.postMessage.json"),
        )
        .await;
    let message = PostMessage {
        thread_ts: Some("1503435956.000100".into()),
        ..PostMessage::text("C1H9RESGL", "Here's a message for you")
    };

    let posted = world
        .vault
        .slack()
        .post_message(&world.user, &message)
        .await
        .unwrap();

    assert_eq!(posted.ts, "1503435956.000247");
    let expected = json!({"channel": "C1H9RESGL", "text": "Here's a message for you", "thread_ts": "1503435956.000100"});
    assert_write(
        &world.only_request().await,
        "POST",
        "/api/chat.postMessage",
        &expected,
    );
}

#[tokio::test]
async fn conversations_history_user_info_auth_test() {
    let world = world().await;
    world
        .serve(
            "GET",
            "/api/conversations.list",
            fixtures::json("slack/conversations.list.json"),
        )
        .await;
    world
        .serve(
            "GET",
            "/api/conversations.history",
            fixtures::json("slack/conversations.history.json"),
        )
        .await;
    world
        .serve(
            "GET",
            "/api/users.info",
            fixtures::json("slack/users.info.json"),
        )
        .await;
    world
        .serve(
            "POST",
            "/api/auth.test",
            fixtures::json("slack/auth.test.json"),
        )
        .await;
    let slack = world.vault.slack();
    let list_query = ConversationsQuery {
        types: Some("public_channel,private_channel".into()),
        limit: Some(2),
        ..Default::default()
    };
    let history_query = HistoryQuery {
        oldest: Some("1512085950.000000".into()),
        ..HistoryQuery::channel("C012AB3CD")
    };

    let channels = slack
        .conversations_with(&world.user, &list_query)
        .await
        .unwrap();
    let history = slack.history(&world.user, &history_query).await.unwrap();
    let info = slack.user_info(&world.user, "W012A3CDE").await.unwrap();
    let auth = slack.auth_test(&world.user).await.unwrap();

    assert_eq!(channels.channels[1].name.as_deref(), Some("random"));
    assert_eq!(history.messages.len(), 2);
    assert_eq!(info.user.name.as_deref(), Some("example.user"));
    assert_eq!(auth.user_id.as_deref(), Some("W12345678"));
    let requests = world.provider_requests().await;
    assert_get(
        &requests[0],
        "/api/conversations.list",
        &[("types", "public_channel,private_channel"), ("limit", "2")],
    );
    assert_get(
        &requests[1],
        "/api/conversations.history",
        &[("channel", "C012AB3CD"), ("oldest", "1512085950.000000")],
    );
    assert_get(&requests[2], "/api/users.info", &[("user", "W012A3CDE")]);
    assert_eq!(requests[3].method.as_str(), "POST");
    assert_eq!(requests[3].url.path(), "/api/auth.test");
    assert_eq!(requests[3].url.query(), None);
    assert!(requests[3].body.is_empty(), "auth.test sends no body");
    assert_eq!(
        mock::header(&requests[3], "authorization"),
        Some(format!("Bearer {}", mock::TOKEN).as_str())
    );
}

#[tokio::test]
async fn ok_false_is_an_error_with_slacks_code() {
    let world = world().await;
    world
        .serve(
            "POST",
            "/api/chat.postMessage",
            json!({"ok": false, "error": "not_in_channel"}),
        )
        .await;
    world
        .serve(
            "POST",
            "/api/auth.test",
            json!({"ok": false, "error": "invalid_auth"}),
        )
        .await;
    let slack = world.vault.slack();

    let posting = slack
        .post_message(&world.user, &PostMessage::text("C1", "hi"))
        .await
        .unwrap_err();
    let auth = slack.auth_test(&world.user).await.unwrap_err();

    assert_eq!(slack::error_code(&posting), Some("not_in_channel"));
    assert_eq!(slack::error_code(&auth), Some("invalid_auth"));
    let Error::ProviderApi(details) = &auth else {
        panic!("{auth:?}")
    };
    assert_eq!(details.status, 200);
    assert_eq!(details.code.as_deref(), Some("invalid_auth"));
    assert_eq!(
        world.audit_records().await.len(),
        2,
        "failed Slack calls are audited too"
    );
}

#[tokio::test]
async fn the_copied_error_example_is_an_error() {
    let world = world().await;
    world
        .serve(
            "POST",
            "/api/chat.postMessage",
            fixtures::json("slack/chat.postMessage.error.json"),
        )
        .await;

    let error = world
        .vault
        .slack()
        .post_message(&world.user, &PostMessage::text("C1", "x"))
        .await
        .unwrap_err();

    assert_eq!(slack::error_code(&error), Some("too_many_attachments"));
}

#[tokio::test]
async fn ok_true_with_a_warning_succeeds() {
    let world = world().await;
    let body = json!({"ok": true, "channel": "C1", "ts": "1.2", "warning": "missing_charset",
        "response_metadata": {"warnings": ["missing_charset"]}});
    world.serve("POST", "/api/chat.postMessage", body).await;

    let posted = world
        .vault
        .slack()
        .post_message(&world.user, &PostMessage::text("C1", "x"))
        .await
        .unwrap();

    assert_eq!(posted.warning.as_deref(), Some("missing_charset"));
    assert_eq!(
        posted.response_metadata.unwrap().warnings,
        ["missing_charset"]
    );
}

#[tokio::test]
async fn error_code_reads_slack_errors_only() {
    let world = world().await;
    world
        .serve_status(
            "GET",
            "/api/users.info",
            500,
            json!({"ok": false, "error": "fatal_error"}),
        )
        .await;
    let github_like = Error::InvalidRequest {
        message: "x".into(),
    };

    let error = world
        .vault
        .slack()
        .user_info(&world.user, "U1")
        .await
        .unwrap_err();

    assert_eq!(error.status(), Some(500));
    assert_eq!(slack::error_code(&error), Some("fatal_error"));
    assert_eq!(slack::error_code(&github_like), None);
}

/// Three pages linked by `next_cursor`, the last one ending with `last_cursor`.
async fn serve_cursor_pages(world: &World, last_cursor: &str) {
    let page = |ids: &[&str], cursor: &str| {
        let channels: Vec<_> = ids.iter().map(|id| json!({"id": id})).collect();
        ResponseTemplate::new(200).set_body_json(
            json!({"ok": true, "channels": channels, "response_metadata": {"next_cursor": cursor}}),
        )
    };
    let at = || Mock::given(path("/api/conversations.list"));
    at().and(query_param_is_missing("cursor"))
        .respond_with(page(&["C1", "C2"], "c2"))
        .mount(&world.server)
        .await;
    at().and(query_param("cursor", "c2"))
        .respond_with(page(&["C3"], "c3"))
        .mount(&world.server)
        .await;
    at().and(query_param("cursor", "c3"))
        .respond_with(page(&["C4"], last_cursor))
        .mount(&world.server)
        .await;
}

#[tokio::test]
async fn cursor_three_pages_then_the_empty_cursor_ends() {
    let world = world().await;
    serve_cursor_pages(&world, "").await;

    let stream = world
        .vault
        .slack()
        .conversations_stream(&world.user, ConversationsQuery::default());
    let ids: Vec<String> = stream.map_ok(|c| c.id).try_collect().await.unwrap();

    assert_eq!(ids, ["C1", "C2", "C3", "C4"]);
    let requests = world.provider_requests().await;
    assert_get(&requests[0], "/api/conversations.list", &[]);
    assert_get(&requests[1], "/api/conversations.list", &[("cursor", "c2")]);
    assert_get(&requests[2], "/api/conversations.list", &[("cursor", "c3")]);
    assert_eq!(requests.len(), 3);
}

#[tokio::test]
async fn a_repeated_cursor_is_an_error() {
    let world = world().await;
    serve_cursor_pages(&world, "c2").await;

    let stream = world
        .vault
        .slack()
        .conversations_stream(&world.user, ConversationsQuery::default());
    let results: Vec<_> = stream.collect().await;

    assert_eq!(results.len(), 5);
    assert!(
        results[4]
            .as_ref()
            .unwrap_err()
            .message()
            .contains("repeated")
    );
    assert_eq!(world.provider_requests().await.len(), 3);
}

#[tokio::test]
async fn history_stream_follows_the_cursor_with_the_channel() {
    let world = world().await;
    let page = |ts: &str, cursor: &str| {
        ResponseTemplate::new(200).set_body_json(json!({"ok": true, "messages": [{"ts": ts}],
            "has_more": !cursor.is_empty(), "response_metadata": {"next_cursor": cursor}}))
    };
    let at = || Mock::given(path("/api/conversations.history"));
    at().and(query_param_is_missing("cursor"))
        .respond_with(page("3.0", "x"))
        .mount(&world.server)
        .await;
    at().and(query_param("cursor", "x"))
        .respond_with(page("2.0", ""))
        .mount(&world.server)
        .await;

    let stream = world
        .vault
        .slack()
        .history_stream(&world.user, HistoryQuery::channel("C9"));
    let ts: Vec<_> = stream
        .map_ok(|m| m.ts.unwrap())
        .try_collect()
        .await
        .unwrap();

    assert_eq!(ts, ["3.0", "2.0"]);
    let requests = world.provider_requests().await;
    assert_get(
        &requests[1],
        "/api/conversations.history",
        &[("channel", "C9"), ("cursor", "x")],
    );
}
